//===- Driver.cpp - the utrace-check command --------------------*- C++ -*-===//
#include "Driver.h"
#include "Analysis.h"
#include "Catalog.h"
#include "Options.h"
#include "Output.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"

#ifndef UTRACE_CHECK_VERSION
#define UTRACE_CHECK_VERSION "0.0.0"
#endif

using namespace llvm;
using namespace clang::tooling;

namespace utrace {

static constexpr int ExitFindings = 1;
static constexpr int ExitError = 2;

static int fail(raw_ostream &Err, const Twine &Msg) {
  Err << "utrace-check: error: " << Msg << '\n';
  return ExitError;
}

static void listRules(raw_ostream &Out) {
  for (const Rule &R : Catalog::builtin().rules())
    Out << left_justify(R.Id, 11) << ' ' << left_justify(severityName(R.Sev), 8)
        << ' ' << left_justify(R.Checker, 20) << ' ' << R.Help << '\n';
}

/// The rules --enable/--disable leave on; an error names a bad spec.
static Expected<std::set<std::string>> enabledRules(const Options &O) {
  const Catalog &Cat = Catalog::builtin();
  std::set<std::string> On;
  if (O.Enable.empty())
    for (const Rule &R : Cat.rules())
      On.insert(R.Id);
  for (const std::string &Spec : O.Enable) {
    auto Sel = Cat.select(Spec);
    if (!Sel)
      return Sel.takeError();
    for (const Rule *R : *Sel)
      On.insert(R->Id);
  }
  for (const std::string &Spec : O.Disable) {
    auto Sel = Cat.select(Spec);
    if (!Sel)
      return Sel.takeError();
    for (const Rule *R : *Sel)
      On.erase(R->Id);
  }
  return On;
}

static Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(const Options &O) {
  std::string Msg;
  std::unique_ptr<CompilationDatabase> DB;
  if (O.HaveCompilerArgs) {
    DB = std::make_unique<FixedCompilationDatabase>(".", O.CompilerArgs);
  } else if (!O.BuildPath.empty()) {
    DB = CompilationDatabase::loadFromDirectory(O.BuildPath, Msg);
    if (!DB)
      return createStringError(inconvertibleErrorCode(),
                               "cannot read a compile database in '%s': %s",
                               O.BuildPath.c_str(), Msg.c_str());
  } else if (!O.Files.empty()) {
    // Like clang-tidy: look for compile_commands.json above the first file.
    DB = CompilationDatabase::autoDetectFromSource(O.Files.front(), Msg);
  }
  return withPlainCFallback(std::move(DB));
}

int runMain(ArrayRef<std::string> Args, raw_ostream &Out, raw_ostream &Err) {
  auto Parsed = parseOptions(Args);
  if (!Parsed)
    return fail(Err, toString(Parsed.takeError()));
  Options &O = *Parsed;
  if (O.Help) {
    Out << usageText();
    return 0;
  }
  if (O.Version) {
    Out << "utrace-check " << UTRACE_CHECK_VERSION << " (Clang "
        << CLANG_VERSION_STRING_FOR_UTRACE << ")\n";
    return 0;
  }
  if (O.ListRules) {
    listRules(Out);
    return 0;
  }
  auto Rules = enabledRules(O);
  if (!Rules)
    return fail(Err, toString(Rules.takeError()));

  auto DB = loadDatabase(O);
  if (!DB)
    return fail(Err, toString(DB.takeError()));
  std::vector<std::string> Files = O.Files;
  if (Files.empty() && !O.BuildPath.empty())
    Files = (*DB)->getAllFiles();
  if (Files.empty())
    return fail(Err, "no input files (see --help)");
  for (const std::string &F : Files) {
    if (!sys::fs::exists(F))
      return fail(Err, F + ": no such file");
    if (sys::fs::is_directory(F))
      return fail(Err, F + ": is a directory");
    if (auto EC = sys::fs::openNativeFileForRead(F); !EC)
      return fail(Err, F + ": cannot be read: " + toString(EC.takeError()));
    else
      sys::fs::closeFile(*EC);
  }

  AnalysisConfig Cfg;
  Cfg.EnabledRules = std::move(*Rules);
  Cfg.ExtraArgs = O.ExtraArgs;
  Cfg.Verify = O.Verify;
  Cfg.Verbose = O.Verbose;
  Cfg.ScopeAll = O.ScopeAll;
  Cfg.Contract = O.Contract;

  std::vector<Finding> All;
  bool AnyFailed = false, VerifyFailed = false;
  for (const std::string &F : Files) {
    FileResult R = analyzeFile(**DB, F, Cfg);
    VerifyFailed |= R.VerifyFailed;
    switch (R.Status) {
    case FileStatus::Failed:
      AnyFailed = true;
      Err << "utrace-check: error: " << F << ": not analysed: " << R.Reason
          << '\n';
      break;
    case FileStatus::Skipped:
      if (O.Verbose)
        Err << "utrace-check: " << F << ": skipped: " << R.Reason << '\n';
      break;
    case FileStatus::Analysed:
      if (O.Verbose)
        Err << "utrace-check: " << F << ": analysed " << R.FunctionsAnalysed
            << " of " << R.FunctionsSeen << " functions"
            << (R.OldApiGeneration ? " (2006-2008 API generation: engine "
                                     "reference rules off)"
                                   : "")
            << '\n';
      break;
    }
    All.insert(All.end(), R.Findings.begin(), R.Findings.end());
  }
  if (O.Verify)
    return VerifyFailed || AnyFailed ? ExitFindings : 0;
  sortAndUnique(All);
  for (const Finding &F : All)
    printText(Err, F);
  if (AnyFailed)
    return ExitError;
  return All.empty() ? 0 : ExitFindings;
}

} // namespace utrace
