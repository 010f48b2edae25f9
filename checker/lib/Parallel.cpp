//===- Parallel.cpp - many translation units, threads and children -------===//
#include "Parallel.h"
#include "Formats.h"
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

/// Runs one file in a child process under the run's limits.
FileResult analyzeInChild(const std::string &File, const RunConfig &Run) {
  static const std::string Self =
      sys::fs::getMainExecutable(nullptr, reinterpret_cast<void *>(&analyzeAll));
  ScratchFile Out("utrace-check-worker", "json"), Err("utrace-check-worker", "err");
  if (Out.Path.empty() || Err.Path.empty())
    return failed(File, "cannot create a temporary file for the worker");
  std::vector<std::string> Argv{Self};
  Argv.insert(Argv.end(), Run.WorkerPrefix.begin(), Run.WorkerPrefix.end());
  Argv.push_back(File);
  Argv.insert(Argv.end(), Run.WorkerSuffix.begin(), Run.WorkerSuffix.end());
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
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      Results[I] = Run.isolated() ? analyzeInChild(Files[I], Run)
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
}

} // namespace utrace
