//===- ImpossibleResults.h - results a call cannot have here ----*- C++ -*-===//
//
// A fresh engine (the success result of an attach that creates, `creates_with`
// in rules/api/utrace.yaml) has no events yet, so utrace_set_events() on it
// only sets bits and never returns -EINPROGRESS (`not_on_fresh_engine`).
// The path-sensitive model applies the fact where the analyzer evaluates
// set_events (ApiModeling.cpp); this file gives the same fact to the code
// that reasons over the AST instead of paths (the same-file may-sleep
// summary of TaskModel.cpp): a statement written only for that impossible
// result, `if (rc == -EINPROGRESS) utrace_barrier(...)` after `rc =
// utrace_set_events(task, engine, mask)` on a fresh engine, never runs.
//
// The AST side follows structured code only: the definition of `rc` and of
// `engine` that reaches the test is found by walking back through the
// enclosing blocks and if-statements; a loop, switch or label on the way,
// an assignment through a pointer, or the engine passed to any call other
// than the error-pointer tests in between, and the guard is not trusted.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_IMPOSSIBLERESULTS_H
#define UTRACE_CHECK_IMPOSSIBLERESULTS_H

#include "data/ApiModel.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstdint>
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class FunctionDecl;
class ParentMap;
class Preprocessor;
} // namespace clang

namespace utrace {

/// The bits of the flags argument of an attach that are known to be set:
/// its value when known (ArgValue from the path, else a constant), else
/// the constant operands of a `|` expression (UTRACE_ATTACH_CREATE |
/// attach_flags has CREATE whatever attach_flags holds).
uint64_t knownSetBits(const clang::Expr *E, clang::ASTContext &Ctx,
                      std::optional<uint64_t> Value);

/// True when the call is an attach whose flags make it create a new engine
/// (the entry's creates_with bits are known to be set).
bool createsFreshEngine(const ApiFunction &Fn, const clang::CallExpr *CE,
                        clang::ASTContext &Ctx, const clang::Preprocessor *PP,
                        std::optional<uint64_t> FlagsValue = std::nullopt);

/// Statements of one translation unit that run only under a result their
/// call cannot return (see the file comment). Answers are cached.
class ImpossibleResults {
public:
  ImpossibleResults(clang::ASTContext &Ctx, const clang::Preprocessor *PP);
  ~ImpossibleResults();

  /// True when S, in the body of FD, runs only where a call returned a
  /// value it cannot return there.
  bool onlyUnderImpossibleResult(const clang::Stmt *S,
                                 const clang::FunctionDecl *FD);

private:
  struct Body;
  Body &bodyOf(const clang::FunctionDecl *FD);
  bool impossibleTest(const clang::Expr *Cond, bool Taken, const clang::Stmt *If,
                      Body &B);
  bool impossibleEquality(const clang::Expr *Var, const clang::Expr *Value,
                          const clang::Stmt *If, Body &B);
  bool freshEngineAt(const clang::Expr *Engine, const clang::Stmt *At, Body &B);

  clang::ASTContext &Ctx;
  const clang::Preprocessor *PP;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Body>> Bodies;
};

} // namespace utrace

#endif
