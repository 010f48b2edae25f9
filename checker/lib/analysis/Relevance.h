//===- Relevance.h - which functions the analyzer sees ----------*- C++ -*-===//
//
// Path-sensitive analysis is expensive; most functions of a kernel file never
// touch utrace. A function is relevant when it calls a function the API table
// marks "relevant", directly or through a callee defined in the same
// translation unit. Everything else is parsed and skipped.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_RELEVANCE_H
#define UTRACE_CHECK_RELEVANCE_H

#include "data/ApiModel.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace utrace {

struct RelevanceResult {
  /// Canonical declarations of the relevant function definitions.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 16> Relevant;
};

/// Callees of each function definition (canonical declarations).
using CallMap = llvm::DenseMap<const clang::FunctionDecl *,
                               llvm::SmallVector<const clang::FunctionDecl *, 8>>;

/// Makes every caller of a relevant function relevant, transitively.
void propagateToCallers(const CallMap &Calls, RelevanceResult &R);

RelevanceResult findRelevantFunctions(llvm::ArrayRef<clang::Decl *> TopLevel,
                                      const ApiModel &Api);

/// True when the translation unit declares a function or variable Name.
bool translationUnitDeclares(clang::ASTContext &Ctx, llvm::StringRef Name);

} // namespace utrace

#endif
