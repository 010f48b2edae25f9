//===- Parallel.cpp - many translation units, threads and children -------===//
#include "cli/Parallel.h"
#include "report/Formats.h"
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

json::Array strings(ArrayRef<std::string> V) {
  return json::Array(std::vector<json::Value>(V.begin(), V.end()));
}

bool readStrings(const json::Object &O, StringRef Key,
                 std::vector<std::string> &Out) {
  const json::Array *A = O.getArray(Key);
  if (!A)
    return false;
  for (const json::Value &V : *A) {
    auto S = V.getAsString();
    if (!S)
      return false;
    Out.push_back(S->str());
  }
  return true;
}

/// What a worker needs to analyse File exactly as this process would.
json::Value invocationToJSON(const CompileCommand &C, const std::string &File,
                             const AnalysisConfig &Cfg, const RunConfig &Run) {
  std::vector<std::string> Rules(Cfg.EnabledRules.begin(),
                                 Cfg.EnabledRules.end());
  return json::Object{
      {"file", File},
      {"directory", C.Directory},
      {"filename", C.Filename},
      {"arguments", strings(C.CommandLine)},
      {"enabledRules", strings(Rules)},
      {"extraArgs", strings(Cfg.ExtraArgs)},
      {"verbose", Cfg.Verbose},
      {"scopeAll", Cfg.ScopeAll},
      {"contract", Cfg.Contract},
      {"barrierInference", Cfg.BarrierInference},
      {"standalone", Cfg.Standalone},
      {"simulatorDir", Cfg.SimulatorDir},
      {"heal", Cfg.Heal},
      {"debugCrashIn", Cfg.DebugCrashIn},
      {"debugSleepSeconds", Run.DebugSleepSeconds}};
}

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
  std::vector<CompileCommand> Cmds = DB.getCompileCommands(File);
  if (Cmds.empty())
    return failed(File, "no compile command");
  {
    std::error_code EC;
    raw_fd_ostream OS(Inv.Path, EC);
    if (EC)
      return failed(File, "cannot write the worker's invocation: " + EC.message());
    OS << invocationToJSON(Cmds.front(), File, Cfg, Run);
  }
  std::vector<std::string> Argv{Self, "--internal-worker=" + Inv.Path.str().str()};
  std::vector<StringRef> Refs(Argv.begin(), Argv.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out.Path),
                                          StringRef(Err.Path)};
  std::string ErrMsg;
  bool ExecFailed = false;
  // ExecuteAndWait's own timeout is an alarm(): one per process, delivered
  // to any thread, so with -j it is not reliable. Poll instead (a
  // non-blocking Wait every 20 ms) and kill the child at the deadline.
  sys::ProcessInfo PI = sys::ExecuteNoWait(Self, Refs, std::nullopt, Redirects,
                                           Run.MaxMemoryMB, &ErrMsg, &ExecFailed);
  if (ExecFailed)
    return failed(File, "cannot run the worker: " + ErrMsg);
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(Run.TimeoutSeconds);
  bool TimedOut = false;
  int RC;
  for (;;) {
    sys::ProcessInfo W = sys::Wait(PI, /*SecondsToWait=*/0, &ErrMsg);
    if (W.Pid == PI.Pid) {
      RC = W.ReturnCode;
      break;
    }
    if (Run.TimeoutSeconds && std::chrono::steady_clock::now() >= Deadline) {
      ::kill(PI.Pid, SIGKILL);
      sys::Wait(PI, std::nullopt); // reap it
      TimedOut = true;
      RC = -2;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string Stderr = Err.read();
  if (TimedOut)
    return failed(File, "timed out after " + Twine(Run.TimeoutSeconds) + " s");
  // Under RLIMIT_AS/RLIMIT_DATA the child dies in the loader ("cannot map
  // zero-fill pages"), in LLVM ("out of memory") or by a signal.
  StringRef E = Stderr;
  bool OutOfMemory = E.contains_insensitive("memory") ||
                     E.contains_insensitive("alloc") ||
                     E.contains_insensitive("cannot map");
  if (RC != 0 && Run.MaxMemoryMB && (OutOfMemory || RC == -2))
    return failed(File, "exceeded the memory limit of " +
                            Twine(Run.MaxMemoryMB) + " MB");
  if (RC != 0) {
    StringRef FirstLine = StringRef(Stderr).trim().split('\n').first;
    return failed(File, "worker " +
                            (RC == -2 ? "crashed: " + ErrMsg
                                      : "exited with status " + std::to_string(RC)) +
                            (FirstLine.empty() ? "" : ": " + FirstLine.str()));
  }
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
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!V)
    consumeError(V.takeError());
  CompileCommand C;
  AnalysisConfig Cfg;
  RunConfig Run;
  std::vector<std::string> Rules;
  auto File = O ? O->getString("file") : std::nullopt;
  auto Dir = O ? O->getString("directory") : std::nullopt;
  auto Name = O ? O->getString("filename") : std::nullopt;
  if (!File || !Dir || !Name || !readStrings(*O, "arguments", C.CommandLine) ||
      !readStrings(*O, "enabledRules", Rules) ||
      !readStrings(*O, "extraArgs", Cfg.ExtraArgs)) {
    Err << "utrace-check: error: " << InvocationFile
        << ": not a worker invocation\n";
    return 2;
  }
  C.Directory = Dir->str();
  C.Filename = Name->str();
  Cfg.EnabledRules.insert(Rules.begin(), Rules.end());
  Cfg.Verbose = O->getBoolean("verbose").value_or(false);
  Cfg.ScopeAll = O->getBoolean("scopeAll").value_or(false);
  Cfg.Standalone = O->getBoolean("standalone").value_or(false);
  Cfg.SimulatorDir = O->getString("simulatorDir").value_or("").str();
  Cfg.Heal = O->getBoolean("heal").value_or(true);
  Cfg.Contract = O->getString("contract").value_or("").str();
  Cfg.BarrierInference =
      O->getString("barrierInference").value_or(Cfg.BarrierInference).str();
  Cfg.DebugCrashIn = O->getString("debugCrashIn").value_or("").str();
  Run.DebugSleepSeconds = O->getNumber("debugSleepSeconds").value_or(0);
  OneCommandDatabase DB(std::move(C));
  Out << json::Value(fileResultToJSON(analyzeOne(DB, File->str(), Cfg, Run)))
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
