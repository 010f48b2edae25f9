//===- Options.h - command line ---------------------------------*- C++ -*-===//
//
// utrace-check [options] FILE... [-- COMPILER-ARGS], with clang-tidy's -p and
// "--" conventions. The options are an llvm::opt table (Options.td, as in
// clang's driver and lld): one table gives the parser and --help. Everything
// after "--", and in Kbuild's argv everything from the first option that is
// not ours, passes through untouched; every error is one line (exit 2).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_OPTIONS_H
#define UTRACE_CHECK_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace utrace {

struct Options {
  std::vector<std::string> Files;
  /// Arguments after "--"; present only when HaveCompilerArgs.
  std::vector<std::string> CompilerArgs;
  bool HaveCompilerArgs = false;
  std::vector<std::string> ExtraArgs; ///< --extra-arg, appended to every command
  std::string BuildPath;              ///< -p
  std::vector<std::string> Enable, Disable; ///< rule ids, families
  bool ListRules = false;
  bool Version = false;
  bool Help = false;
  bool Verify = false;  ///< check expected-warning/-note comments (tests)
  bool Verbose = false;
  bool ScopeAll = false;  ///< --scope=all: RCU rules in every file
  std::string Contract;   ///< --contract=pins|waits (empty: rules/ default)
  /// --barrier-inference=off|strict|all (empty: strict)
  std::string BarrierInference;

  // CI integration (docs/ci.md).
  std::string Format = "text";  ///< --format: text, json, sarif, gitlab
  std::string OutputFile;       ///< -o; "" = stdout (text: stderr)
  std::string HtmlDir;          ///< --html-dir
  std::string DocsBaseUri;      ///< --docs-base-uri, for SARIF helpUri
  bool ReportUnusedSuppressions = false;
  std::string WriteBaseline, Baseline;
  std::string FailOn = "warning"; ///< error, warning, never
  unsigned Jobs = 0;              ///< -j; 0 = number of cores
  std::optional<bool> Summary;    ///< --summary / --no-summary
  bool NoProgress = false;
  std::string Shard;              ///< K/N
  unsigned TimeoutSeconds = 0, MaxMemoryMB = 0;
  double DebugSleepSeconds = 0;   ///< test-only: --debug-sleep-per-file
  std::string DebugCrashIn;       ///< test-only: --debug-crash-in=FUNCTION
  bool TimeStages = false;        ///< hidden: --time-stages, wall time per stage
  /// test-only: --debug-checker=utrace.debug.DumpState (repeatable)
  std::vector<std::string> DebugCheckers;
  bool Worker = false;            ///< internal: one file, FileResult JSON out
  std::string WorkerInvocation;   ///< its resolved invocation (a JSON file)

  // Kernel build integration (docs/kernel-build.md).
  bool Kbuild = false;        ///< argv from Kbuild's CHECK= (or --kbuild)
  bool Werror = false;        ///< --werror: findings fail the (kernel) build
  std::string OutputDir;      ///< --output-dir: one report file per run
  std::vector<std::string> DroppedFlags; ///< compiler flags clang lacks
  bool Standalone = false;    ///< --standalone: the bundled header simulator
  bool NoHeal = false;        ///< --no-heal: --standalone without synthesized context
  std::string Kdir;           ///< --kdir: flags from that kernel build
};

/// Parses argv (without argv[0]). Errors are one line, without a prefix.
llvm::Expected<Options> parseOptions(llvm::ArrayRef<std::string> Args);

/// Writes the --help text, generated from the option table.
void printUsage(llvm::raw_ostream &OS);

} // namespace utrace

#endif
