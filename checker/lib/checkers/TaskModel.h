//===- TaskModel.h - task provenance, RCU sections, sleeping calls -*- C++ -*-===//
//
// The model the examine-window, RCU and callback rules share (utrace-api.md
// rules 3, 4 and 6), kept by the hidden checker utrace.TaskModeling:
//
//  - RCU read sections: nesting depth, and a token symbol for the outermost
//    open section (notes mark it interesting; a lookup remembers it);
//  - task provenance: where a `struct task_struct *` came from. Trusted
//    (current, an unknown call's result, a parameter of the analysed
//    function), Stored (loaded from a structure or a global: may be passed
//    to single utrace_* calls, touched only in an examine window), Lookup
//    (found under RCU: valid inside the section that found it), Held (a
//    reference the code took);
//  - which calls may sleep: the API table's may-sleep entries (allocations
//    only with blocking gfp flags) and, transitively, functions of the same
//    translation unit that call them (an AST pre-pass over the TU).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_TASKMODEL_H
#define UTRACE_CHECK_TASKMODEL_H

#include "ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>

namespace utrace {

/// The API entry for a call expression: its direct callee by name, or
/// "record.member" for a call through a structure member (regset->get()).
const ApiFunction *lookupApiCall(const clang::CallExpr *CE);
/// Same for a CallEvent (null when it has no call expression).
const ApiFunction *lookupApiCall(const clang::ento::CallEvent &Call);
/// "msleep()", or "user_regset->get()" for a member entry.
std::string apiCallName(const ApiFunction &Fn);

/// True for a pointer to the task record (struct task_struct *).
bool isTaskPointerType(clang::QualType T);
/// True for a pointer to the engine record (struct utrace_engine *).
bool isEnginePointerType(clang::QualType T);

enum class TaskOrigin { Trusted, Stored, Lookup, Held };

struct TaskFacts {
  TaskOrigin Origin = TaskOrigin::Trusted;
  clang::ento::SymbolRef Section = nullptr; ///< Lookup: the section's token
  const ApiFunction *Source = nullptr;      ///< Lookup: the lookup function
};

/// Where the task pointer Sym came from on this path.
TaskFacts classifyTask(clang::ento::ProgramStateRef State,
                       clang::ento::SymbolRef Sym);

/// A stable identity for a task pointer: the location it was loaded from
/// (which survives the invalidation of what it points to) or the symbol.
const void *taskKey(clang::ento::SymbolRef Sym);

/// The RCU read-section nesting depth on this path.
unsigned rcuDepth(clang::ento::ProgramStateRef State);
/// The token of the outermost open read section, null when none is open.
clang::ento::SymbolRef rcuSection(clang::ento::ProgramStateRef State);

/// Which functions of a translation unit may sleep, and why.
class SleepAnalysis {
public:
  explicit SleepAnalysis(clang::ASTContext &Ctx);

  /// Why the call may sleep ("msleep()", "tf_flush() (through msleep())"),
  /// or nothing.
  std::optional<std::string> reason(const clang::CallExpr *CE) const;
  /// The first call in FD's body through which FD may sleep, or null.
  const clang::CallExpr *sleepingCallIn(const clang::FunctionDecl *FD) const;

private:
  bool apiCallSleeps(const clang::CallExpr *CE) const;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, const clang::CallExpr *> Sleeps;
};

} // namespace utrace

#endif
