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
};

/// Parses argv (without argv[0]). Errors are one line, without a prefix.
llvm::Expected<Options> parseOptions(llvm::ArrayRef<std::string> Args);

/// The --help text.
const char *usageText();

} // namespace utrace

#endif
