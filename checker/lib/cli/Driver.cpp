//===- Driver.cpp - the utrace-check command --------------------*- C++ -*-===//
#include "cli/Driver.h"
#include "analysis/Analysis.h"
#include "analysis/Relevance.h"
#include "data/Catalog.h"
#include "cli/Options.h"
#include "report/Formats.h"
#include "cli/Kbuild.h"
#include "report/Merge.h"
#include "report/Output.h"
#include "cli/Parallel.h"
#include "cli/Pipeline.h"
#include "cli/Shard.h"
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
#include <set>
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
/// (share/utrace-check/include), else the source tree's checker/simulator.
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

/// -v with --standalone: what the simulator lacked and what healing made.
static void printStandaloneStatus(raw_ostream &Err, const FileResult &R) {
  const std::string &F = R.File;
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
    Err << "utrace-check: " << F << ": standalone: cannot synthesize " << U
        << "\n";
  Err << "utrace-check: " << F << ": standalone: analysed "
      << R.ApiFunctions - R.SkippedFunctions.size() << " of " << R.ApiFunctions
      << " functions that use the utrace API or a rule's kernel primitives\n";
}

/// One file's status line(s) on stderr: failures always, the preprocessor
/// removing utrace code always, the rest under -v.
static void printFileStatus(raw_ostream &Err, const Options &O,
                            const FileResult &R) {
  const std::string &F = R.File;
  switch (R.Status) {
  case FileStatus::Failed:
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
    if (O.Standalone && O.Verbose)
      printStandaloneStatus(Err, R);
    if (O.Verbose)
      Err << "utrace-check: " << F << ": analysed " << R.FunctionsAnalysed
          << " of " << R.FunctionsSeen << " functions"
          << (R.OldApiGeneration && R.UsesUtrace
                  ? " (2006-2008 API generation: "
                    "reference-count and window rules off)"
                  : "")
          << '\n';
    break;
  }
}

namespace {
/// Everything a run needs once the command line is understood.
struct Invocation {
  Options O;
  std::unique_ptr<CompilationDatabase> DB;
  std::vector<std::string> Files;     ///< to analyse, in order
  std::vector<FileResult> Skipped;    ///< decided without parsing
  /// -p with some of the database's files: the others that mention
  /// utrace, read only for the engine fields they release (in a kernel
  /// build: the other C files of the file's directory).
  std::vector<std::string> ReleaseFiles;
  std::string ReleaseFrom; ///< where they come from, for -v
  AnalysisConfig Cfg;
  RunConfig Run;
  PipelineInput In;                   ///< the baseline, read up front
};
} // namespace

/// Stage 1: argv (after UTRACE_CHECK_OPTIONS) into Options.
static Expected<Options> readOptions(ArrayRef<std::string> RawArgs) {
  return parseOptions(withEnvironmentOptions(RawArgs));
}

/// --help, --version, --list-rules: answered without a run.
static bool answerInfoRequest(const Options &O, raw_ostream &Out) {
  if (O.Help)
    printUsage(Out);
  else if (O.Version)
    Out << "utrace-check " << UTRACE_CHECK_VERSION << " (Clang "
        << CLANG_VERSION_STRING_FOR_UTRACE << ")\n";
  else if (O.ListRules)
    listRules(Out);
  return O.Help || O.Version || O.ListRules;
}

/// Kbuild mode, default scope: a file that never mentions utrace is
/// skipped before anything costly (the driver check of its flags, the parse).
static void skipFilesWithoutUtrace(Invocation &Inv) {
  Options &O = Inv.O;
  if (!O.Kbuild || O.ScopeAll)
    return;
  std::vector<std::string> Mentioning;
  for (const std::string &F : O.Files) {
    if (fileMayUseApi(F)) {
      Mentioning.push_back(F);
      continue;
    }
    FileResult R;
    R.File = F;
    R.Status = FileStatus::Skipped;
    R.Reason = "the file never mentions utrace";
    Inv.Skipped.push_back(std::move(R));
  }
  O.Files = std::move(Mentioning);
}

/// An input file that cannot be analysed at all is a usage error.
static Error checkReadable(const std::string &F) {
  auto Bad = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), (F + Why).str());
  };
  if (!sys::fs::exists(F))
    return Bad(": no such file");
  if (sys::fs::is_directory(F))
    return Bad(": is a directory");
  auto FD = sys::fs::openNativeFileForRead(F);
  if (!FD)
    return Bad(": cannot be read: " + toString(FD.takeError()));
  sys::fs::closeFile(*FD);
  return Error::success();
}

/// Stage 3: which files this run analyses (database, shard, readable).
static Error selectFiles(Invocation &Inv, raw_ostream &Err) {
  Options &O = Inv.O;
  Inv.Files = O.Files;
  if (Inv.Files.empty() && !O.BuildPath.empty())
    Inv.Files = Inv.DB->getAllFiles();
  if (Inv.Files.empty() && Inv.Skipped.empty())
    return createStringError(inconvertibleErrorCode(),
                             "no input files (see --help)");
  if (!O.Shard.empty())
    Inv.Files = selectShard(std::move(Inv.Files), cantFail(parseShard(O.Shard)));
  if ((O.Kbuild || !O.Kdir.empty()) && O.Verbose)
    for (const std::string &D : O.DroppedFlags)
      Err << "utrace-check: kbuild: dropped " << D << "\n";
  for (const std::string &F : Inv.Files)
    if (Error E = checkReadable(F))
      return E;
  return Error::success();
}

/// A kernel build checks one object at a time. The module's other objects
/// are, as a rule, the other C files of its directory: those that mention
/// utrace, in name order.
static std::vector<std::string> moduleSiblings(const std::string &File) {
  SmallString<256> Self(File);
  sys::fs::make_absolute(Self);
  sys::path::remove_dots(Self, /*remove_dot_dot=*/true);
  StringRef Dir = sys::path::parent_path(Self);
  std::vector<std::string> Out;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef P = It->path();
    if (sys::path::extension(P) != ".c" || P == StringRef(Self) ||
        !sys::fs::is_regular_file(P))
      continue;
    if (fileMayUseApi(P.str()))
      Out.push_back(P.str());
  }
  llvm::sort(Out);
  return Out;
}

/// -p DIR with files (or --shard): the rest of the compile database is
/// the same program, and a field one of its files puts settles a hand-over
/// here (utrace-api.md rule 1). Those that mention utrace are read for
/// that alone. In a kernel build (one file per run, no database) the
/// module's other files stand for the rest of the program.
static void selectReleaseFiles(Invocation &Inv) {
  const Options &O = Inv.O;
  if (O.Verify || O.Worker)
    return;
  if (O.Kbuild && O.BuildPath.empty()) {
    if (Inv.Files.size() == 1) {
      Inv.ReleaseFiles = moduleSiblings(Inv.Files.front());
      Inv.ReleaseFrom = "the file's directory";
    }
    return;
  }
  if (O.BuildPath.empty())
    return;
  Inv.ReleaseFrom = "the compile database";
  auto Key = [](StringRef F) {
    SmallString<256> P(F);
    sys::fs::make_absolute(P);
    sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return std::string(P);
  };
  std::set<std::string> InRun;
  for (const std::string &F : Inv.Files)
    InRun.insert(Key(F));
  for (const std::string &F : Inv.DB->getAllFiles())
    if (!InRun.count(Key(F)) && fileMayUseApi(F))
      Inv.ReleaseFiles.push_back(F);
}

/// The analysis and run settings the options ask for.
static void configure(Invocation &Inv, std::set<std::string> Rules) {
  const Options &O = Inv.O;
  AnalysisConfig &Cfg = Inv.Cfg;
  Cfg.EnabledRules = std::move(Rules);
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
  // Several files are one program: a field put in one settles a hand-over
  // in another (-p without files: the whole compile database). A json or
  // SARIF report records the facts for `merge` to settle them across
  // shards and per-file Kbuild reports.
  Cfg.CrossFileHandOver = Inv.Files.size() > 1 || !Inv.ReleaseFiles.empty() ||
                          O.Format == "json" || O.Format == "sarif";
  Cfg.TimeStages = O.TimeStages;
  Cfg.DebugCheckers = O.DebugCheckers;
  if (!O.BarrierInference.empty())
    Cfg.BarrierInference = O.BarrierInference;

  RunConfig &Run = Inv.Run;
  bool OneProcess = O.Verify || O.Worker;
  Run.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  if (OneProcess)
    Run.Jobs = 1;
  Run.TimeoutSeconds = OneProcess ? 0 : O.TimeoutSeconds;
  Run.MaxMemoryMB = OneProcess ? 0 : O.MaxMemoryMB;
  Run.DebugSleepSeconds = O.DebugSleepSeconds;
  Run.Progress = !O.NoProgress && !O.Verify && Inv.Files.size() > 1 &&
                 sys::Process::StandardErrIsDisplayed();
}

/// Where the report goes, and the baseline: both checked before analysis.
static Error prepareOutputs(Invocation &Inv) {
  Options &O = Inv.O;
  if (!O.Baseline.empty()) {
    auto B = readBaselineFile(O.Baseline);
    if (!B)
      return B.takeError();
    Inv.In.Baseline = std::move(*B);
  }
  if (!O.WriteBaseline.empty() && O.WriteBaseline == O.OutputFile)
    return createStringError(inconvertibleErrorCode(),
                             "--write-baseline and -o name the same file");
  if (O.OutputDir.empty())
    return Error::success();
  if (std::error_code EC = sys::fs::create_directories(O.OutputDir))
    return createStringError(EC, "--output-dir " + O.OutputDir + ": " +
                                     EC.message());
  O.OutputFile = reportPathIn(
      O.OutputDir, Inv.Files.empty() ? Inv.Skipped.front().File : Inv.Files.front(),
      O.Format);
  return Error::success();
}

/// Stage 2: options into a complete invocation (rules, flags, database,
/// files, settings, outputs).
static Expected<Invocation> resolveInvocation(Options O, raw_ostream &Err) {
  auto Rules = enabledRules(O);
  if (!Rules)
    return Rules.takeError();
  Invocation Inv;
  Inv.O = std::move(O);
  skipFilesWithoutUtrace(Inv);
  if (Inv.O.Kbuild && !Inv.O.Files.empty()) {
    Options &K = Inv.O;
    CompilerArgv Flags{{}, std::move(K.CompilerArgs), std::move(K.DroppedFlags)};
    dropRefusedByDriver(Flags);
    K.CompilerArgs = std::move(Flags.Args);
    K.DroppedFlags = std::move(Flags.Dropped);
  }
  auto DB = loadDatabase(Inv.O);
  if (!DB)
    return DB.takeError();
  Inv.DB = std::move(*DB);
  if (Error E = selectFiles(Inv, Err))
    return E;
  selectReleaseFiles(Inv);
  configure(Inv, std::move(*Rules));
  if (Error E = prepareOutputs(Inv))
    return E;
  return Inv;
}

/// The fields the database's other files release (selectReleaseFiles):
/// parsed only, quietly; one that fails to parse releases nothing.
static std::vector<std::string> releasedElsewhere(const Invocation &Inv,
                                                  raw_ostream &Err) {
  if (Inv.ReleaseFiles.empty())
    return {};
  AnalysisConfig Cfg = Inv.Cfg;
  Cfg.ReleasedFieldsOnly = true;
  Cfg.Verbose = false;
  Cfg.TimeStages = false;
  RunConfig Run = Inv.Run;
  Run.Progress = false;
  std::vector<std::string> Released;
  for (const FileResult &R : analyzeAll(*Inv.DB, Inv.ReleaseFiles, Cfg, Run, Err))
    Released.insert(Released.end(), R.ReleasedFields.begin(),
                    R.ReleasedFields.end());
  if (Inv.O.Verbose)
    Err << "utrace-check: " << Inv.ReleaseFiles.size() << " other file(s) of "
        << Inv.ReleaseFrom << " read for the engine fields they release\n";
  return Released;
}

/// Stage 4: analyse every selected file; the skipped ones come first.
static std::vector<FileResult> analyse(Invocation &Inv, raw_ostream &Err) {
  auto Start = std::chrono::steady_clock::now();
  std::vector<FileResult> Results = std::move(Inv.Skipped);
  for (FileResult &R : analyzeAll(*Inv.DB, Inv.Files, Inv.Cfg, Inv.Run, Err))
    Results.push_back(std::move(R));
  if (Inv.Cfg.CrossFileHandOver)
    settleHandOvers(Results, releasedElsewhere(Inv, Err));
  Inv.In.Seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  Inv.In.Jobs = Inv.Run.Jobs;
  return Results;
}

/// Stage 5: status lines, then the report and the exit status.
static int finish(Invocation &Inv, std::vector<FileResult> Results,
                  raw_ostream &Out, raw_ostream &Err) {
  const Options &O = Inv.O;
  bool VerifyFailed = false, AnyFailed = false;
  for (const FileResult &R : Results) {
    VerifyFailed |= R.VerifyFailed;
    AnyFailed |= R.Status == FileStatus::Failed;
    printFileStatus(Err, O, R);
    if (O.TimeStages && !R.Stages.Ms.empty())
      Err << "utrace-check: " << R.File << ": time: " << R.Stages.str()
          << '\n';
  }
  if (O.Verify)
    return VerifyFailed || AnyFailed ? ExitFindings : 0;
  Inv.In.Results = std::move(Results);
  Inv.In.EnabledRules = Inv.Cfg.EnabledRules;
  int Status = finishRun(O, std::move(Inv.In), Out, Err);
  // Like sparse, never break a kernel build unless asked to.
  return O.Kbuild && !O.Werror ? 0 : Status;
}

/// read options -> resolve the invocation -> select files -> analyse ->
/// finish the run.
int runMain(ArrayRef<std::string> RawArgs, raw_ostream &Out, raw_ostream &Err) {
  if (!RawArgs.empty() && RawArgs[0] == "merge")
    return runMerge(RawArgs.drop_front(), Out, Err);
  // A --timeout/--max-memory child: the parent resolved everything.
  if (RawArgs.size() == 1 &&
      StringRef(RawArgs[0]).starts_with("--internal-worker="))
    return runWorker(StringRef(RawArgs[0]).split('=').second.str(), Out, Err);
  double BeforeMain = msSinceProcessStart();
  StageTimes Run;
  auto O = readOptions(RawArgs);
  if (!O)
    return fail(Err, toString(O.takeError()));
  if (answerInfoRequest(*O, Out))
    return 0;
  auto Inv = resolveInvocation(std::move(*O), Err);
  if (!Inv)
    return fail(Err, toString(Inv.takeError()));
  Run.lap("set-up");
  std::vector<FileResult> Results = analyse(*Inv, Err);
  Run.lap("files");
  bool TimeStages = Inv->O.TimeStages;
  int Status = finish(*Inv, std::move(Results), Out, Err);
  Run.lap("report");
  // The process: loading the shared libraries and static constructors
  // (before main), then the stages of the run.
  if (TimeStages)
    Err << "utrace-check: time: before main() " << format("%.0f", BeforeMain)
        << " ms (/proc, 10 ms steps), " << Run.str() << ", total "
        << format("%.0f", msSinceProcessStart()) << " ms\n";
  return Status;
}

} // namespace utrace
