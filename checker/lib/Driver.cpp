//===- Driver.cpp - the utrace-check command --------------------*- C++ -*-===//
#include "Driver.h"
#include "Analysis.h"
#include "Catalog.h"
#include "Options.h"
#include "Formats.h"
#include "Kbuild.h"
#include "Merge.h"
#include "Output.h"
#include "Parallel.h"
#include "Pipeline.h"
#include "Shard.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/xxhash.h"
#include <chrono>
#include <thread>

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
  // In a kernel build the rules the catalog marks `kbuild_default: off` are
  // off unless an --enable names them by id (any case, as everywhere).
  if (O.Kbuild)
    for (const Rule &R : Cat.rules())
      if (R.OffInKbuild && llvm::none_of(O.Enable, [&](const std::string &S) {
            return StringRef(S).trim().equals_insensitive(R.Id);
          }))
        On.erase(R.Id);
  for (const std::string &Spec : O.Disable) {
    auto Sel = Cat.select(Spec);
    if (!Sel)
      return Sel.takeError();
    for (const Rule *R : *Sel)
      On.erase(R->Id);
  }
  return On;
}

/// The bundled kernel/utrace header simulator: installed beside the tool
/// (share/utrace-check/include), else the source tree's testdata/include.
static std::string simulatorDir() {
  static int Anchor;
  SmallString<256> Dir(sys::path::parent_path(
      sys::fs::getMainExecutable(nullptr, &Anchor)));
  sys::path::append(Dir, "..", "share", "utrace-check", "include");
  if (sys::fs::is_directory(Dir))
    return Dir.str().str();
  return UTRACE_SIMULATOR_DIR;
}

/// --standalone's compiler flags: the simulator instead of a kernel tree,
/// and the errors old code commonly trips over made non-fatal.
static std::vector<std::string> standaloneArgs(const Options &O) {
  std::vector<std::string> Args = {
      "-nostdinc", "-I", simulatorDir(), "-D__KERNEL__", "-DMODULE",
      "-ferror-limit=0", "-fno-spell-checking",
      "-Wno-error=implicit-function-declaration",
      "-Wno-error=implicit-int", "-Wno-error=int-conversion",
      "-Wno-error=incompatible-pointer-types",
      "-Wno-error=incompatible-function-pointer-types"};
  Args.insert(Args.end(), O.CompilerArgs.begin(), O.CompilerArgs.end());
  return Args;
}

static Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(Options &O) {
  std::string Msg;
  std::unique_ptr<CompilationDatabase> DB;
  if (!O.Kdir.empty()) {
    if (O.Files.empty())
      return createStringError(inconvertibleErrorCode(),
                               "--kdir needs the files to check");
    auto K = kernelBuildDatabase(O.Kdir, O.Files, O.CompilerArgs, O.DroppedFlags);
    if (!K)
      return K.takeError();
    DB = std::move(*K);
  } else if (O.Standalone) {
    DB = std::make_unique<FixedCompilationDatabase>(".", standaloneArgs(O));
  } else if (O.HaveCompilerArgs) {
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

/// UTRACE_CHECK_OPTIONS, split like a shell would, goes before argv: the
/// way to pass options when the command line belongs to Kbuild.
static std::vector<std::string> withEnvironmentOptions(ArrayRef<std::string> Args) {
  std::vector<std::string> All;
  if (std::optional<std::string> Env = sys::Process::GetEnv("UTRACE_CHECK_OPTIONS")) {
    BumpPtrAllocator Alloc;
    StringSaver Saver(Alloc);
    SmallVector<const char *, 8> Tokens;
    cl::TokenizeGNUCommandLine(*Env, Saver, Tokens);
    All.assign(Tokens.begin(), Tokens.end());
  }
  All.insert(All.end(), Args.begin(), Args.end());
  return All;
}

/// Kbuild runs the checker on every file it compiles; one that never names
/// utrace is skipped before any parsing (the default scope's promise).
static bool mentionsUtrace(const std::string &File) {
  auto Buf = MemoryBuffer::getFile(File);
  return !Buf || (*Buf)->getBuffer().contains("utrace");
}

/// --output-dir: one report per run, named after its first source file
/// plus a hash of the full path, so parallel runs never share a file.
static std::string reportPathIn(const std::string &Dir, const std::string &File,
                                const std::string &Format) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  std::string Ext = Format == "text" ? "txt" : Format == "gitlab" ? "gitlab.json" : Format;
  return Dir + "/" + sys::path::filename(File).str() + "." +
         utohexstr(xxh3_64bits(Abs.str()) & 0xffffffff, /*LowerCase=*/true) + "." + Ext;
}

/// The status of each function that uses the utrace API: the ones not
/// analysed always, the analysed ones too when All (-v).
static void printFunctionStatus(raw_ostream &Err, const FileResult &R,
                                bool All) {
  for (const FunctionCoverage &C : R.Functions) {
    if (C.Analysed && !All)
      continue;
    Err << "utrace-check: " << R.File << ":" << C.Line << ": function '"
        << C.Name << "' "
        << (C.Analysed ? std::string("analysed")
                       : "not analysed: " + C.Reason)
        << '\n';
  }
}

int runMain(ArrayRef<std::string> RawArgs, raw_ostream &Out, raw_ostream &Err) {
  if (!RawArgs.empty() && RawArgs[0] == "merge")
    return runMerge(RawArgs.drop_front(), Out, Err);
  // A --timeout/--max-memory child: the parent resolved everything.
  if (RawArgs.size() == 1 &&
      StringRef(RawArgs[0]).starts_with("--internal-worker="))
    return runWorker(StringRef(RawArgs[0]).split('=').second.str(), Out, Err);
  std::vector<std::string> Args = withEnvironmentOptions(RawArgs);
  auto Parsed = parseOptions(Args);
  if (!Parsed)
    return fail(Err, toString(Parsed.takeError()));
  Options &O = *Parsed;
  if (O.Help) {
    printUsage(Out);
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

  // Kbuild mode: a file that never mentions utrace is skipped before
  // anything costly (the driver check of its flags, the parse).
  std::vector<FileResult> Results;
  if (O.Kbuild && !O.ScopeAll) {
    std::vector<std::string> Mentioning;
    for (const std::string &F : O.Files) {
      if (mentionsUtrace(F)) {
        Mentioning.push_back(F);
        continue;
      }
      FileResult R;
      R.File = F;
      R.Status = FileStatus::Skipped;
      R.Reason = "the file never mentions utrace";
      Results.push_back(std::move(R));
    }
    O.Files = std::move(Mentioning);
  }
  if (O.Kbuild && !O.Files.empty()) {
    CompilerArgv Flags{{}, std::move(O.CompilerArgs), std::move(O.DroppedFlags)};
    dropRefusedByDriver(Flags);
    O.CompilerArgs = std::move(Flags.Args);
    O.DroppedFlags = std::move(Flags.Dropped);
  }

  auto DB = loadDatabase(O);
  if (!DB)
    return fail(Err, toString(DB.takeError()));
  std::vector<std::string> Files = O.Files;
  if (Files.empty() && !O.BuildPath.empty())
    Files = (*DB)->getAllFiles();
  if (Files.empty() && Results.empty()) // Results: files skipped above
    return fail(Err, "no input files (see --help)");
  if (!O.Shard.empty())
    Files = selectShard(std::move(Files), cantFail(parseShard(O.Shard)));
  if ((O.Kbuild || !O.Kdir.empty()) && O.Verbose)
    for (const std::string &D : O.DroppedFlags)
      Err << "utrace-check: kbuild: dropped " << D << "\n";
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
  Cfg.Standalone = O.Standalone;
  Cfg.Heal = !O.NoHeal;
  if (O.Standalone)
    Cfg.SimulatorDir = simulatorDir();
  Cfg.ScopeAll = O.ScopeAll;
  Cfg.Contract = O.Contract;
  Cfg.DebugCrashIn = O.DebugCrashIn;
  if (!O.BarrierInference.empty())
    Cfg.BarrierInference = O.BarrierInference;

  RunConfig Run;
  Run.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  if (O.Verify || O.Worker)
    Run.Jobs = 1;
  Run.TimeoutSeconds = O.Verify || O.Worker ? 0 : O.TimeoutSeconds;
  Run.MaxMemoryMB = O.Verify || O.Worker ? 0 : O.MaxMemoryMB;
  Run.DebugSleepSeconds = O.DebugSleepSeconds;
  Run.Progress = !O.NoProgress && !O.Verify && Files.size() > 1 &&
                 sys::Process::StandardErrIsDisplayed();

  PipelineInput In;
  if (!O.Baseline.empty()) {
    auto B = readBaselineFile(O.Baseline);
    if (!B)
      return fail(Err, toString(B.takeError()));
    In.Baseline = std::move(*B);
  }
  if (!O.WriteBaseline.empty() && O.WriteBaseline == O.OutputFile)
    return fail(Err, "--write-baseline and -o name the same file");

  if (!O.OutputDir.empty()) {
    if (std::error_code EC = sys::fs::create_directories(O.OutputDir))
      return fail(Err, "--output-dir " + O.OutputDir + ": " + EC.message());
    O.OutputFile = reportPathIn(
        O.OutputDir, Files.empty() ? Results.front().File : Files.front(),
        O.Format);
  }

  auto Start = std::chrono::steady_clock::now();
  for (FileResult &R : analyzeAll(**DB, Files, Cfg, Run, Err))
    Results.push_back(std::move(R));
  In.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                             Start)
                   .count();
  In.Jobs = Run.Jobs;
  bool VerifyFailed = false, AnyFailed = false;
  for (const FileResult &R : Results) {
    const std::string &F = R.File;
    VerifyFailed |= R.VerifyFailed;
    switch (R.Status) {
    case FileStatus::Failed:
      AnyFailed = true;
      if (R.InternalError)
        Err << "utrace-check: " << F << ": " << R.Reason << '\n';
      else
        Err << "utrace-check: error: " << F << ": not analysed: " << R.Reason
            << '\n';
      if (O.Verbose)
        printFunctionStatus(Err, R, /*All=*/true);
      break;
    case FileStatus::Skipped:
      // Utrace code the configuration removed is never a silent skip.
      if (O.Verbose || StringRef(R.Reason).contains("preprocessor removed"))
        Err << "utrace-check: " << F << ": skipped: " << R.Reason << '\n';
      break;
    case FileStatus::Analysed:
      printFunctionStatus(Err, R, /*All=*/O.Verbose);
      if (O.Standalone && O.Verbose) {
        for (const std::string &H : R.MissingHeaders)
          Err << "utrace-check: " << F << ": standalone: skipped missing header <"
              << H << ">\n";
        if (!R.HealNotes.empty()) {
          Err << "utrace-check: " << F << ": standalone: synthesized";
          for (size_t I = 0; I < R.HealNotes.size(); ++I)
            Err << (I ? ", " : " ") << R.HealNotes[I];
          Err << " in " << R.HealRounds << " parses\n";
        }
        for (const std::string &U : R.Unhealable)
          Err << "utrace-check: " << F << ": standalone: cannot synthesize "
              << U << "\n";
        Err << "utrace-check: " << F << ": standalone: analysed "
            << R.ApiFunctions - R.SkippedFunctions.size() << " of "
            << R.ApiFunctions
            << " functions that use the utrace API or a rule's kernel primitives\n";
      }
      if (O.Verbose)
        Err << "utrace-check: " << F << ": analysed " << R.FunctionsAnalysed
            << " of " << R.FunctionsSeen << " functions"
            << (R.OldApiGeneration && R.UsesUtrace ? " (2006-2008 API generation: "
                                     "reference-count and window rules off)"
                                   : "")
            << '\n';
      break;
    }
  }
  if (O.Verify)
    return VerifyFailed || AnyFailed ? ExitFindings : 0;
  In.Results = std::move(Results);
  In.EnabledRules = Cfg.EnabledRules;
  int Status = finishRun(O, std::move(In), Out, Err);
  // Like sparse, never break a kernel build unless asked to.
  if (O.Kbuild && !O.Werror)
    return 0;
  return Status;
}

} // namespace utrace
