//===- Robustness.h - what the analyzer must never see, and its crashes -*- C++ -*-===//
//
// --standalone analyses a translation unit that has errors. Clang's AST then
// holds declarations marked invalid (a struct with a field of an incomplete
// type, say), and the Clang Static Analyzer assumes it never sees those:
// asked for the layout of such a struct it dereferences a null definition
// (ASTContext::getASTRecordLayout). So:
//   - a function whose signature or body uses a broken declaration is not
//     analysed (brokenDeclUsedBy), and
//   - every function that is not analysed loses its body before the
//     analyzer runs (hideBody): its callers treat it as an unknown external
//     function instead of inlining a body that did not parse.
// Whatever slips through still must not take the run down: the analysis of
// each file runs under llvm::CrashRecoveryContext (runRecoveringCrashes),
// and a hidden checker records which top-level function the analyzer is in,
// so the one-line report can name it.
//
// The coverage scan (findDefinitions) lists the function definitions of the
// main file as the preprocessor saw them, to name the ones the parser
// dropped altogether (`void f(void) __acquires(x) {` with __acquires
// undefined is no function definition to clang).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_ROBUSTNESS_H
#define UTRACE_CHECK_ROBUSTNESS_H

#include "data/ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace clang::ento {
class CheckerRegistry;
}

namespace utrace {

/// The first invalid declaration (or struct whose layout needs one) that
/// FD's signature or body uses, or null.
const clang::Decl *brokenDeclUsedBy(const clang::FunctionDecl *FD);

/// True when an expression of FD's body contains errors.
bool bodyHasErrors(const clang::FunctionDecl *FD);

/// Makes FD a declaration without a body, for the analyzer: calls of it are
/// then evaluated conservatively, never inlined.
void hideBody(clang::FunctionDecl *FD);

/// Registers the hidden checker utrace.internal.CurrentFunction; enable it
/// by that name.
void registerCurrentFunctionTracker(clang::ento::CheckerRegistry &Registry);
inline constexpr const char *CurrentFunctionTrackerName =
    "utrace.internal.CurrentFunction";

/// Runs Fn; false when it crashed (a signal, an LLVM fatal error). Function
/// is then the top-level function the analyzer was checking, if any.
/// CrashIn (test-only): raise SIGSEGV when the analyzer starts on that
/// top-level function.
bool runRecoveringCrashes(llvm::function_ref<void()> Fn, std::string &Function,
                          const std::string &CrashIn = "");

/// False for a record the analyzer cannot lay out (it crashes computing
/// field offsets): it did not parse, or a field's type, or an element type
/// of an array field, is incomplete or invalid (a --standalone recovery).
bool recordLayoutSafe(const clang::RecordDecl *RD);

/// A function definition found in the main file's tokens.
struct SourceDefinition {
  std::string Name;
  clang::SourceLocation Begin, End; ///< first token, closing brace
};

/// The top-level `NAME (...) ... { ... }` definitions of the main file,
/// skipping what the preprocessor skipped (Skipped ranges) and directives.
std::vector<SourceDefinition>
findDefinitions(const clang::SourceManager &SM, const clang::LangOptions &LO,
                llvm::ArrayRef<clang::SourceRange> Skipped);

} // namespace utrace

#endif
