//===- Kbuild.h - running as Kbuild's $(CHECK) ------------------*- C++ -*-===//
//
// `make C=1/C=2 CHECK=utrace-check` runs `$(CHECK) $(CHECKFLAGS) $(c_flags)
// FILE.c`: no "--", sparse-only options, dependency-file options and the
// GCC-only flags of a GCC-built kernel, file last. This file turns that argv
// into a file list and a compile command clang accepts, deciding with
// clang's own driver option table which flags to drop.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_KBUILD_H
#define UTRACE_CHECK_KBUILD_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace utrace {

/// True for an argv that Kbuild made: compiler flags with -D__KERNEL__ and
/// no "--" separator.
bool looksLikeKbuildArgv(llvm::ArrayRef<std::string> Args);

struct CompilerArgv {
  std::vector<std::string> Files; ///< the inputs (FILE.c)
  std::vector<std::string> Args;  ///< flags clang understands, in order
  std::vector<std::string> Dropped; ///< "flag (why)", for --verbose
};

/// Splits a compiler argv with clang's driver option table: options clang
/// does not know (sparse's --arch=, GCC's -mindirect-branch=, ...) are
/// dropped, as are dependency-file requests (-Wp,-MMD,...) and GCC plugins.
/// Cheap: no driver is built (see dropRefusedByDriver).
CompilerArgv splitCompilerArgv(llvm::ArrayRef<std::string> Args);

/// Asks clang's driver to build the job for Out.Args and drops what it
/// refuses for the host target (-mrecord-mcount on x86, say). Costs a
/// driver run, so Kbuild mode calls it only once a file is to be parsed.
void dropRefusedByDriver(CompilerArgv &Out);

/// --kdir: the compile command Kbuild would use for each file built as an
/// external module of the kernel build in Kdir. Runs `make -n` on a
/// throw-away module directory (nothing is written next to the sources or
/// in the kernel tree); flags are filtered like Kbuild's CHECK argv. Extra
/// (the flags after "--") follow Kbuild's flags, so they can override them.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
kernelBuildDatabase(const std::string &Kdir, llvm::ArrayRef<std::string> Files,
                    llvm::ArrayRef<std::string> Extra,
                    std::vector<std::string> &Dropped);

} // namespace utrace

#endif
