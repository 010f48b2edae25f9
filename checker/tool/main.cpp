//===- main.cpp - utrace-check ----------------------------------*- C++ -*-===//
//
// Thin driver: everything lives in the utrace_check library (lib/Driver.cpp).
//
//===----------------------------------------------------------------------===//
#include "cli/Driver.h"
#include "llvm/Support/InitLLVM.h"

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  std::vector<std::string> Args(argv + 1, argv + argc);
  return utrace::runMain(Args, llvm::outs(), llvm::errs());
}
