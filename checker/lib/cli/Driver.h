//===- Driver.h - the utrace-check command ----------------------*- C++ -*-===//
#ifndef UTRACE_CHECK_DRIVER_H
#define UTRACE_CHECK_DRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace utrace {

/// Runs the command with argv[1..]; returns the exit status (0 no findings,
/// 1 findings, 2 usage or input error). Findings and errors go to Err,
/// requested listings (--help, --list-rules, --version) to Out.
int runMain(llvm::ArrayRef<std::string> Args, llvm::raw_ostream &Out,
            llvm::raw_ostream &Err);

} // namespace utrace

#endif
