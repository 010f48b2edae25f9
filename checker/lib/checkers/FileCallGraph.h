//===- FileCallGraph.h - calls between the checked file's functions -*- C++ -*-===//
//
// The functions the checked file defines, the direct calls their bodies
// make, and the functions whose address is taken (named other than as the
// callee of a direct call: an ops table, a function pointer, a call in a
// global's initialiser). Whole-file passes that reason about how a
// function is entered (CallerContext, BarrierSequence's thread-local
// parameters) start from it: a static function whose address is not taken
// is entered only through the call sites listed here.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_FILECALLGRAPH_H
#define UTRACE_CHECK_FILECALLGRAPH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace utrace {

struct FileCallGraph {
  struct Call {
    const clang::FunctionDecl *Caller; ///< a definition of the file
    const clang::CallExpr *CE;
    const clang::FunctionDecl *Callee; ///< canonical
  };

  /// Scans the definitions written in the main file (in file order) and the
  /// initialisers of file-scope variables.
  explicit FileCallGraph(clang::ASTContext &Ctx);

  /// The file's function definitions, in the order of the file.
  std::vector<const clang::FunctionDecl *> Defs;
  /// Every direct call in those bodies, in order.
  std::vector<Call> Calls;
  /// Per canonical callee, its calls (indexes into Calls).
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<unsigned>> Sites;
  /// Canonical functions named other than as a direct callee.
  llvm::DenseSet<const clang::FunctionDecl *> AddressTaken;

  bool isCalled(const clang::FunctionDecl *FD) const {
    return Sites.count(FD->getCanonicalDecl()) != 0;
  }
  bool addressTaken(const clang::FunctionDecl *FD) const {
    return AddressTaken.count(FD->getCanonicalDecl()) != 0;
  }
};

} // namespace utrace

#endif
