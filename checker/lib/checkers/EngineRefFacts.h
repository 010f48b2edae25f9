//===- EngineRefFacts.h - file-wide facts for utrace.EngineRef --*- C++ -*-===//
//
// What the engine-reference rules need to know about the whole translation
// unit, before any path is walked (utrace-api.md, rule 1 and rule 7):
//  - which structure fields and globals some code releases with
//    utrace_engine_put() (directly, through a local alias, or through a
//    same-file wrapper that puts its parameter): storing an engine there is
//    a hand-over, storing it anywhere else is not;
//  - which fields are assigned an attach result that the storing function
//    never tests with IS_ERR(): loads of them may be error pointers in every
//    function of the file;
//  - which functions are the module's exit function (module_exit(fn) or
//    __exit), where detaching engines must be waited for.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_ENGINEREFFACTS_H
#define UTRACE_CHECK_ENGINEREFFACTS_H

#include "data/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace utrace {

/// Where a field is assigned an attach result nobody tests with IS_ERR().
struct UncheckedStore {
  clang::SourceLocation Loc;
  const ApiFunction *Source = nullptr;
};

struct EngineRefFacts {
  /// Canonical FieldDecls and global VarDecls released somewhere in the file.
  llvm::DenseSet<const clang::Decl *> Released;
  /// Canonical FieldDecls that may hold an unchecked attach result.
  llvm::DenseMap<const clang::Decl *, UncheckedStore> ErrFields;
  /// Canonical FunctionDecls of the module's exit function.
  llvm::DenseSet<const clang::Decl *> ExitFunctions;

  /// Scans every function body of the translation unit.
  static EngineRefFacts compute(clang::ASTContext &Ctx, const ApiModel &Api);
};

/// The name other files know a released field or global by, for -p's
/// cross-file hand-over: "record.field" for a field of a named record, the
/// name of a global with external linkage; empty for anything file-local.
std::string crossFileKey(const clang::Decl *D);

/// What one file's analysis tells the run about engines handed over to
/// structure fields (utrace-api.md rule 1), so that with -p a field put in
/// another file of the compile database counts as a hand-over. Set by
/// analysis/Analysis.cpp around one file's analysis (null otherwise).
struct HandOverRecord {
  /// crossFileKey()s of the fields and globals this file releases.
  std::vector<std::string> Released;
  /// UT-REF-001 reports owed only because this file releases nothing
  /// stored in the field: the report's uniqueing location (the
  /// acquisition, raw encoding) -> the field's crossFileKey().
  llvm::DenseMap<unsigned, std::string> OwedByAcquisition;
};
extern thread_local HandOverRecord *CurrentHandOverRecord;

/// The field or global variable an expression reads ("t->engine",
/// "st.engines[i]", "global_engine"), canonical; null otherwise.
const clang::Decl *storageOf(const clang::Expr *E);

} // namespace utrace

#endif
