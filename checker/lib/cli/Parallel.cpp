//===- Parallel.cpp - many translation units, threads and children -------===//
#include "cli/Parallel.h"
#include "report/Formats.h"
#include "report/Serialize.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include <atomic>
#include <csignal>
#include <signal.h>
#include <chrono>
#include <mutex>
#include <thread>

using namespace llvm;
using namespace clang::tooling;

namespace utrace {

FileResult analyzeOne(const CompilationDatabase &DB, const std::string &File,
                      const AnalysisConfig &Cfg, const RunConfig &Run) {
  if (Run.DebugSleepSeconds > 0)
    std::this_thread::sleep_for(
        std::chrono::duration<double>(Run.DebugSleepSeconds));
  return analyzeFile(DB, File, Cfg);
}

namespace {

FileResult failed(const std::string &File, const Twine &Reason) {
  FileResult R;
  R.File = File;
  R.Status = FileStatus::Failed;
  R.Reason = Reason.str();
  return R;
}

/// A temp file removed when it goes out of scope.
struct ScratchFile {
  SmallString<128> Path;
  ScratchFile(StringRef Prefix, StringRef Suffix) {
    sys::fs::createTemporaryFile(Prefix, Suffix, Path);
  }
  ~ScratchFile() {
    if (!Path.empty())
      sys::fs::remove(Path);
  }
  std::string read() const {
    auto B = MemoryBuffer::getFile(Path);
    return B ? (*B)->getBuffer().str() : std::string();
  }
};

} // namespace

/// Every AnalysisConfig field a worker needs, once for writing and reading
/// (Serialize.h); Healer, HealFinalRound and HealRound are set per parse by
/// analyzeFile. RoundTripTest holds this list to AnalysisConfig's size.
template <class IO> static void mapFields(IO &Io, AnalysisConfig &Cfg) {
  Io.required("enabledRules", Cfg.EnabledRules);
  Io.required("extraArgs", Cfg.ExtraArgs);
  Io.required("verify", Cfg.Verify);
  Io.required("verbose", Cfg.Verbose);
  Io.required("scopeAll", Cfg.ScopeAll);
  Io.required("contract", Cfg.Contract);
  Io.required("barrierInference", Cfg.BarrierInference);
  Io.required("standalone", Cfg.Standalone);
  Io.required("debugCrashIn", Cfg.DebugCrashIn);
  Io.required("debugCheckers", Cfg.DebugCheckers);
  Io.required("simulatorDir", Cfg.SimulatorDir);
  Io.required("heal", Cfg.Heal);
  Io.required("timeStages", Cfg.TimeStages);
  Io.required("crossFileHandOver", Cfg.CrossFileHandOver);
  Io.required("releasedFieldsOnly", Cfg.ReleasedFieldsOnly);
}

template <class IO> static void mapFields(IO &Io, WorkerInvocation &W) {
  Io.required("file", W.File);
  Io.required("directory", W.Command.Directory);
  Io.required("filename", W.Command.Filename);
  Io.required("arguments", W.Command.CommandLine);
  mapFields(Io, W.Config);
  Io.required("debugSleepSeconds", W.DebugSleepSeconds);
}

json::Value invocationToJSON(const WorkerInvocation &W) {
  return writeObject(W);
}

Expected<WorkerInvocation> invocationFromJSON(const json::Value &V) {
  WorkerInvocation W;
  json::Path::Root Root("worker invocation");
  if (readObject(V, W, Root))
    return W;
  return createStringError(inconvertibleErrorCode(), "%s",
                           toString(Root.getError()).c_str());
}

namespace {

/// The one compile command a worker was handed.
class OneCommandDatabase : public CompilationDatabase {
public:
  explicit OneCommandDatabase(CompileCommand C) : C(std::move(C)) {}
  std::vector<CompileCommand> getCompileCommands(StringRef) const override {
    return {C};
  }
  std::vector<std::string> getAllFiles() const override { return {C.Filename}; }

private:
  CompileCommand C;
};

/// How a worker ended: its exit status (-2: killed or crashed), whether the
/// deadline killed it, and what it wrote on stderr.
struct ChildEnd {
  int RC = 0;
  bool TimedOut = false;
  std::string ErrMsg;
};

/// Waits for the child, killing it at the --timeout deadline.
/// ExecuteAndWait's own timeout is an alarm(): one per process, delivered
/// to any thread, so with -j it is not reliable. Poll instead (a
/// non-blocking Wait every 20 ms) and kill the child at the deadline.
ChildEnd waitForChild(sys::ProcessInfo PI, unsigned TimeoutSeconds) {
  ChildEnd End;
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(TimeoutSeconds);
  for (;;) {
    sys::ProcessInfo W = sys::Wait(PI, /*SecondsToWait=*/0, &End.ErrMsg);
    if (W.Pid == PI.Pid) {
      End.RC = W.ReturnCode;
      return End;
    }
    if (TimeoutSeconds && std::chrono::steady_clock::now() >= Deadline) {
      ::kill(PI.Pid, SIGKILL);
      sys::Wait(PI, std::nullopt); // reap it
      End.TimedOut = true;
      End.RC = -2;
      return End;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

/// Why a worker that did not finish cleanly failed, or nothing.
std::optional<std::string> childFailure(const ChildEnd &End,
                                        StringRef Stderr,
                                        const RunConfig &Run) {
  if (End.TimedOut)
    return ("timed out after " + Twine(Run.TimeoutSeconds) + " s").str();
  // Under RLIMIT_AS/RLIMIT_DATA the child dies in the loader ("cannot map
  // zero-fill pages"), in LLVM ("out of memory") or by a signal.
  bool OutOfMemory = Stderr.contains_insensitive("memory") ||
                     Stderr.contains_insensitive("alloc") ||
                     Stderr.contains_insensitive("cannot map");
  if (End.RC != 0 && Run.MaxMemoryMB && (OutOfMemory || End.RC == -2))
    return ("exceeded the memory limit of " + Twine(Run.MaxMemoryMB) + " MB")
        .str();
  if (End.RC == 0)
    return std::nullopt;
  StringRef FirstLine = Stderr.trim().split('\n').first;
  return "worker " +
         (End.RC == -2 ? "crashed: " + End.ErrMsg
                       : "exited with status " + std::to_string(End.RC)) +
         (FirstLine.empty() ? "" : ": " + FirstLine.str());
}

/// Runs one file in a child process under the run's limits.
FileResult analyzeInChild(const CompilationDatabase &DB, const std::string &File,
                          const AnalysisConfig &Cfg, const RunConfig &Run,
                          raw_ostream &ParentErr, std::mutex &ErrLock) {
  static const std::string Self =
      sys::fs::getMainExecutable(nullptr, reinterpret_cast<void *>(&analyzeAll));
  ScratchFile Out("utrace-check-worker", "json"), Err("utrace-check-worker", "err"),
      Inv("utrace-check-invocation", "json");
  if (Out.Path.empty() || Err.Path.empty() || Inv.Path.empty())
    return failed(File, "cannot create a temporary file for the worker");
  // As ClangTool looks a file up: by its absolute path. A relative one
  // misses a JSON database's entry, and the interpolated command it gets
  // instead names the file relative to the wrong directory.
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  std::vector<CompileCommand> Cmds = DB.getCompileCommands(Abs);
  if (Cmds.empty())
    return failed(File, "no compile command");
  {
    std::error_code EC;
    raw_fd_ostream OS(Inv.Path, EC);
    if (EC)
      return failed(File, "cannot write the worker's invocation: " + EC.message());
    OS << invocationToJSON({File, Cmds.front(), Cfg, Run.DebugSleepSeconds});
  }
  std::vector<std::string> Argv{Self, "--internal-worker=" + Inv.Path.str().str()};
  std::vector<StringRef> Refs(Argv.begin(), Argv.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out.Path),
                                          StringRef(Err.Path)};
  std::string ErrMsg;
  bool ExecFailed = false;
  sys::ProcessInfo PI = sys::ExecuteNoWait(Self, Refs, std::nullopt, Redirects,
                                           Run.MaxMemoryMB, &ErrMsg, &ExecFailed);
  if (ExecFailed)
    return failed(File, "cannot run the worker: " + ErrMsg);
  ChildEnd End = waitForChild(PI, Run.TimeoutSeconds);
  std::string Stderr = Err.read();
  if (std::optional<std::string> Why = childFailure(End, Stderr, Run))
    return failed(File, *Why);
  // -v: the compiler errors the worker printed, as this process would.
  if (Cfg.Verbose && !Stderr.empty()) {
    std::lock_guard<std::mutex> Lock(ErrLock);
    ParentErr << Stderr;
  }
  auto V = json::parse(Out.read());
  if (!V) {
    consumeError(V.takeError());
    return failed(File, "worker wrote no result");
  }
  auto R = fileResultFromJSON(*V);
  if (!R)
    return failed(File, "worker result: " + toString(R.takeError()));
  return std::move(*R);
}

class ProgressLine {
public:
  ProgressLine(raw_ostream &Err, size_t Total, bool Enabled)
      : Err(Err), Total(Total), Enabled(Enabled),
        Start(std::chrono::steady_clock::now()) {}

  void fileDone(size_t NewFindings) {
    std::lock_guard<std::mutex> Lock(M);
    ++Done;
    Findings += NewFindings;
    if (!Enabled)
      return;
    double Elapsed = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - Start)
                         .count();
    double Eta = Elapsed / Done * (Total - Done);
    Err << "\r\033[K[" << Done << '/' << Total << "] " << Findings
        << " finding" << (Findings == 1 ? "" : "s") << ", ETA "
        << format("%.0f", Eta) << " s";
    Err.flush();
  }
  void finish() {
    if (Enabled && Done) {
      Err << "\r\033[K";
      Err.flush();
    }
  }

private:
  raw_ostream &Err;
  size_t Total, Done = 0, Findings = 0;
  bool Enabled;
  std::chrono::steady_clock::time_point Start;
  std::mutex M;
};

} // namespace

std::vector<FileResult> analyzeAll(const CompilationDatabase &DB,
                                   const std::vector<std::string> &Files,
                                   const AnalysisConfig &Cfg,
                                   const RunConfig &Run, raw_ostream &Err) {
  std::vector<FileResult> Results(Files.size());
  ProgressLine Progress(Err, Files.size(), Run.Progress);
  std::atomic<size_t> Next{0};
  std::mutex ErrLock;
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      Results[I] = Run.isolated() ? analyzeInChild(DB, Files[I], Cfg, Run, Err, ErrLock)
                                  : analyzeOne(DB, Files[I], Cfg, Run);
      Progress.fileDone(Results[I].Findings.size());
    }
  };
  unsigned N = std::max(1u, std::min<unsigned>(Run.Jobs, Files.size()));
  if (N == 1) {
    Worker();
  } else {
    std::vector<std::thread> Threads;
    for (unsigned T = 0; T < N; ++T)
      Threads.emplace_back(Worker);
    for (std::thread &T : Threads)
      T.join();
  }
  Progress.finish();
  return Results;
}

int runWorker(const std::string &InvocationFile, raw_ostream &Out,
              raw_ostream &Err) {
  auto Buf = MemoryBuffer::getFile(InvocationFile);
  auto V = Buf ? json::parse((*Buf)->getBuffer())
               : Expected<json::Value>(createStringError(
                     Buf.getError(), "cannot read %s", InvocationFile.c_str()));
  Expected<WorkerInvocation> W =
      V ? invocationFromJSON(*V) : Expected<WorkerInvocation>(V.takeError());
  if (!W) {
    Err << "utrace-check: error: " << InvocationFile
        << ": not a worker invocation: " << toString(W.takeError()) << '\n';
    return 2;
  }
  RunConfig Run;
  Run.DebugSleepSeconds = W->DebugSleepSeconds;
  OneCommandDatabase DB(W->Command);
  Out << json::Value(fileResultToJSON(analyzeOne(DB, W->File, W->Config, Run)))
      << '\n';
  return 0;
}

void printSummary(raw_ostream &OS, const RunSummary &S) {
  OS << "utrace-check summary:\n";
  unsigned Total = 0;
  for (auto &[Rule, Count] : S.PerRule) {
    OS << "  " << left_justify(Rule, 24) << right_justify(std::to_string(Count), 6)
       << '\n';
    Total += Count;
  }
  OS << "  " << left_justify("findings reported", 24)
     << right_justify(std::to_string(Total), 6) << '\n';
  if (S.Suppressed)
    OS << "  " << left_justify("suppressed inline", 24)
       << right_justify(std::to_string(S.Suppressed), 6) << '\n';
  if (S.HaveBaseline)
    OS << "  " << left_justify("in the baseline", 24)
       << right_justify(std::to_string(S.Baselined), 6) << '\n'
       << "  " << left_justify("baselined and gone", 24)
       << right_justify(std::to_string(S.BaselineGone), 6) << '\n';
  OS << "  files: " << S.Analysed << " analysed, " << S.Skipped << " skipped, "
     << S.Failed << " failed; " << format("%.2f", S.Seconds) << " s with "
     << S.Jobs << " job" << (S.Jobs == 1 ? "" : "s") << '\n';
  if (S.Functions)
    OS << "  functions: analysed " << S.FunctionsAnalysed << " of "
       << S.Functions << " that use the utrace API or a rule family's "
       << "primitives\n";
}

} // namespace utrace
