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

#include "checkers/ModelingSupport.h" // lookupApiCall, apiCallName
#include "data/ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Preprocessor;
namespace ento {
class CheckerContext;
}
} // namespace clang

namespace utrace {

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

/// The callbacks of a translation unit: (member, function) for every
/// function named in a report_* member of a `struct utrace_engine_ops`
/// initializer or assigned to such a member (record and prefix are
/// kernel.yaml settings). A function may appear under several members.
std::vector<std::pair<std::string, const clang::FunctionDecl *>>
collectCallbacks(const clang::TranslationUnitDecl *TU);

/// The location a symbol's value was loaded from (SymbolRegionValue,
/// SymbolDerived), or null.
const clang::ento::MemRegion *loadedFrom(clang::ento::SymbolRef Sym);

/// True when Sym is `current`: the result of a call of the
/// `current_function` setting, or a load from `current_task_source`.
bool isCurrentSymbol(clang::ento::SymbolRef Sym);

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
/// Opens the read section the analysed function is entered in (its
/// callers' or its documentation's, CallerContext.h) at its first
/// statement: depth 1, remembered as the entry section.
clang::ento::ProgramStateRef
enterCallerSection(clang::ento::ProgramStateRef State,
                   clang::ento::CheckerContext &C);
/// 1 when the analysed function was entered inside a read section, else 0.
unsigned entryRcuDepth(clang::ento::ProgramStateRef State);
/// The token of that entry section, or null.
clang::ento::SymbolRef callerSection(clang::ento::ProgramStateRef State);

/// Whether a call sleeps by the API table's may-sleep data and its
/// arguments' constant values (gfp flags, attach flags, a task that is
/// `current`); a call of a function outside the table that passes blocking
/// flags to a `gfp_t` parameter sleeps too. Values come from ArgValue when
/// it knows them (the path), else from the expressions. Defined in
/// ApiModeling.cpp.
struct SleepQuery {
  const clang::CallExpr *CE;
  clang::ASTContext &Ctx;
  const clang::Preprocessor *PP;
  llvm::function_ref<std::optional<uint64_t>(unsigned)> ArgValue = nullptr;
};
/// "msleep()", "_alloc_entry() (with blocking gfp flags)", or nothing.
std::optional<std::string> directCallSleeps(const SleepQuery &Q);

/// True when the call's callee is defined in the translation unit, not
/// inline and not in a system header: the implementation of an API
/// function is in the file (SystemTap's task finder includes its own
/// stp_utrace.c), so whether the call sleeps is decided by that body (the
/// same-file summary), not by the table. Header inlines (kmalloc() over
/// the out-of-line allocator) keep the table's fact. Defined in
/// ApiModeling.cpp.
bool implementedInFile(const clang::CallExpr *CE, clang::ASTContext &Ctx);

class SleepAnalysis;
/// True when S is written inside one of the `rcu_dereference_macros` (the
/// outermost macro at its expansion). Defined in ApiModeling.cpp.
bool writtenInRcuDereference(const clang::Stmt *S, clang::ASTContext &Ctx);
/// Why the call may sleep on this path: directCallSleeps() with the
/// argument values the path knows (flags passed down by an inlining caller),
/// else a sleeping same-file helper (S). Defined in ApiModeling.cpp.
std::optional<std::string> pathCallSleeps(const clang::ento::CallEvent &Call,
                                          clang::ento::CheckerContext &C,
                                          const SleepAnalysis &S);

/// Which functions of a translation unit may sleep, and why.
class SleepAnalysis {
public:
  explicit SleepAnalysis(clang::ASTContext &Ctx,
                         const clang::Preprocessor *PP = nullptr);

  /// Why the call may sleep ("msleep()", "tf_flush() (through msleep())"),
  /// or nothing.
  std::optional<std::string> reason(const clang::CallExpr *CE) const;
  /// The first call in FD's body through which FD may sleep, or null (also
  /// when FD may sleep only because its comment says so).
  const clang::CallExpr *sleepingCallIn(const clang::FunctionDecl *FD) const;

private:
  bool apiCallSleeps(const clang::CallExpr *CE) const;
  /// `f() (documented as "may sleep")` when FD sleeps by its comment only.
  std::optional<std::string>
  documentedReason(const clang::FunctionDecl *FD) const;
  clang::ASTContext &Ctx;
  const clang::Preprocessor *PP;
  llvm::DenseMap<const clang::FunctionDecl *, const clang::CallExpr *> Sleeps;
};

} // namespace utrace

#endif
