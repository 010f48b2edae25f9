//===- Options.h - command line ---------------------------------*- C++ -*-===//
//
// utrace-check [options] FILE... [-- COMPILER-ARGS], with clang-tidy's -p and
// "--" conventions. Hand-parsed rather than with llvm::cl: everything after
// "--" (and, for Kbuild's CHECK= convention, compiler flags mixed with the
// files) must pass through untouched, and every error must be one line with
// exit status 2, which llvm::cl's global parser does not give us.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_OPTIONS_H
#define UTRACE_CHECK_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
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

  // CI integration (CiOptions.cpp, docs/ci.md).
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
  bool Worker = false;            ///< internal: one file, FileResult JSON out
  std::string WorkerInvocation;   ///< its resolved invocation (a JSON file)

  // Kernel build integration (Kbuild.cpp, docs/kernel-build.md).
  bool Kbuild = false;        ///< argv from Kbuild's CHECK= (or --kbuild)
  bool Werror = false;        ///< --werror: findings fail the (kernel) build
  std::string OutputDir;      ///< --output-dir: one report file per run
  std::vector<std::string> DroppedFlags; ///< compiler flags clang lacks
  bool Standalone = false;    ///< --standalone: the bundled header simulator
  bool NoHeal = false;        ///< --no-heal: --standalone without synthesized context
  std::string Kdir;           ///< --kdir: flags from that kernel build
};

enum class OptionMatch { NotMine, Taken, Error };

/// Parses the CI options at Args[I] (advancing I past a separate value);
/// on Error, Msg is the one-line reason.
OptionMatch parseCiOption(llvm::ArrayRef<std::string> Args, size_t &I,
                          Options &O, std::string &Msg);

/// Parses --kbuild, --werror and --output-dir at Args[I].
OptionMatch parseKbuildOption(llvm::ArrayRef<std::string> Args, size_t &I,
                              Options &O, std::string &Msg);

/// The --help lines for the kernel-build options.
const char *kbuildUsageText();

/// The --help lines for the CI options.
const char *ciUsageText();

/// Parses argv (without argv[0]). Errors are one line, without a prefix.
llvm::Expected<Options> parseOptions(llvm::ArrayRef<std::string> Args);

/// The --help text.
const char *usageText();

} // namespace utrace

#endif
