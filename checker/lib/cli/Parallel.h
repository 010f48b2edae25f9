//===- Parallel.h - many translation units, threads and children -*- C++ -*-===//
//
// analyzeAll() checks files on -j threads, each file with its own ClangTool
// (the catalog and API singletons are function-local statics, initialised
// thread-safely; checker registration is per ClangTool). With --timeout or
// --max-memory every file is instead analysed by a child process — this
// executable re-run as a one-file worker (--internal-worker) — so a file over
// a limit is killed alone and reported as failed while the run goes on. A
// child is a fresh exec rather than a bare fork(): forking a multi-threaded
// process is only safe for async-signal-safe work, and LLVM's
// ExecuteAndWait gives the timeout (kill) and memory cap (setrlimit) for
// free. The child is handed the invocation the parent resolved (the file's
// compile command from whatever mode made it: "--", -p, --kdir,
// --standalone, Kbuild's argv; and the analysis configuration) as JSON in a
// temp file, so it never re-parses a command line; it writes its FileResult
// as JSON (Formats.h) to a temp file.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_PARALLEL_H
#define UTRACE_CHECK_PARALLEL_H

#include "analysis/Analysis.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <vector>

namespace utrace {

struct RunConfig {
  unsigned Jobs = 1;
  unsigned TimeoutSeconds = 0; ///< 0: none
  unsigned MaxMemoryMB = 0;    ///< 0: none
  double DebugSleepSeconds = 0; ///< test-only: sleep before each file
  bool Progress = false;        ///< redraw a progress line on stderr

  bool isolated() const { return TimeoutSeconds || MaxMemoryMB; }
};

/// Analyses one file in this process (after the test-only sleep).
FileResult analyzeOne(const clang::tooling::CompilationDatabase &DB,
                      const std::string &File, const AnalysisConfig &Cfg,
                      const RunConfig &Run);

/// Analyses every file; results come back in the order of Files.
std::vector<FileResult>
analyzeAll(const clang::tooling::CompilationDatabase &DB,
           const std::vector<std::string> &Files, const AnalysisConfig &Cfg,
           const RunConfig &Run, llvm::raw_ostream &Err);

/// --internal-worker=FILE: reads the resolved invocation a parent wrote
/// (the file's compile command, the analysis configuration), analyses the
/// file and prints its FileResult as JSON. Returns the exit status.
int runWorker(const std::string &InvocationFile, llvm::raw_ostream &Out,
              llvm::raw_ostream &Err);

/// What a --timeout/--max-memory worker is handed: the file, its compile
/// command and the analysis configuration the parent resolved.
struct WorkerInvocation {
  std::string File;
  clang::tooling::CompileCommand Command;
  AnalysisConfig Config;
  double DebugSleepSeconds = 0;
};

/// The invocation as JSON and back; one field list (Serialize.h).
llvm::json::Value invocationToJSON(const WorkerInvocation &W);
llvm::Expected<WorkerInvocation> invocationFromJSON(const llvm::json::Value &V);

/// What the summary table shows.
struct RunSummary {
  std::map<std::string, unsigned> PerRule; ///< reported findings per rule
  unsigned Analysed = 0, Skipped = 0, Failed = 0;
  unsigned Functions = 0, FunctionsAnalysed = 0; ///< FileResult::Functions
  unsigned Suppressed = 0, Baselined = 0, BaselineGone = 0;
  bool HaveBaseline = false;
  double Seconds = 0;
  unsigned Jobs = 1;
};

void printSummary(llvm::raw_ostream &OS, const RunSummary &S);

} // namespace utrace

#endif
