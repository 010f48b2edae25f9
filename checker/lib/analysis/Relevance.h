//===- Relevance.h - what the analyzer looks at, and why --------*- C++ -*-===//
//
// The one place that answers "is this file, this function, worth the
// path-sensitive engine, and which rule families report in it?". The driver,
// the analysis consumer and the coverage listing ask here; the answers come
// from data: the API tables (`relevant`: calling it makes a function worth
// analysing; `relevant_in_scope`: also for the RCU, task and lock rules) and
// the catalog (`needs_utrace_api: false`: the family reports also where no
// function uses the utrace API). Adding a family touches that data only.
//
// Cheapest first:
//   fileMayUseApi()   the file's text, before any parsing (Kbuild, default scope)
//   decideRelevance() the parsed translation unit: the functions handed to
//                     the analyzer, whether the file-level barrier pass has
//                     work, and why a file is skipped
//   familyReports()   a finding's rule against what made the file relevant
//   namesApiCall()    the tokens of a range that may not have parsed
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_RELEVANCE_H
#define UTRACE_CHECK_RELEVANCE_H

#include "data/ApiModel.h"
#include "data/Catalog.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

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

/// The functions that call a `relevant` API function, and their callers.
RelevanceResult findRelevantFunctions(llvm::ArrayRef<clang::Decl *> TopLevel,
                                      const ApiModel &Api);

/// Adds to R the functions calling a relevant_in_scope API function, using
/// rcu_dereference() or reading an RCU-protected pointer plainly (and, when
/// TaskAccesses, those reading a member of a task), then their callers.
void addScopeRelevantFunctions(llvm::ArrayRef<clang::Decl *> TopLevel,
                               bool TaskAccesses, RelevanceResult &R);

/// What the analysis of one parsed translation unit looks at.
struct RelevanceDecision {
  RelevanceResult Functions; ///< handed to the analyzer
  /// A function reaches the utrace API; false when only --scope=all (RCU,
  /// locks) or the barrier pass made the file worth analysing.
  bool UsesApi = false;
  bool BarrierPass = false; ///< the file-level barrier pass has work
  /// Why nothing is analysed; empty when something is.
  std::string SkipReason;
};

struct RelevanceScope {
  bool ScopeAll = false;   ///< --scope=all
  bool Standalone = false; ///< --standalone: explain a preprocessed-away file
};

RelevanceDecision decideRelevance(llvm::ArrayRef<clang::Decl *> TopLevel,
                                  clang::ASTContext &Ctx, const ApiModel &Api,
                                  RelevanceScope Scope);

/// Whether a finding of rule R is reported in a file; UsesApi as decided.
inline bool familyReports(const Rule &R, bool UsesApi) {
  return UsesApi || !R.NeedsUtraceApi;
}

/// Kbuild, default scope: a file whose text never names the API is skipped
/// before it is parsed. True when the file cannot be read (the parse will
/// say why).
bool fileMayUseApi(const std::string &Path);

/// True when the source text of Range calls a function the API table marks
/// relevant (comments and mere mentions of a name do not count).
bool namesApiCall(const clang::SourceManager &SM, const clang::LangOptions &LO,
                  clang::SourceRange Range, const ApiModel &Api);

/// True when the translation unit declares a function or variable Name.
bool translationUnitDeclares(clang::ASTContext &Ctx, llvm::StringRef Name);

} // namespace utrace

#endif
