//===- ModelingSupport.h - shared pieces of the utrace checkers -*- C++ -*-===//
//
// What more than one checker needs: finding a call's entry in the API table
// (lookupApiCall, with its policy for calls through structure members),
// naming an expression in a message, and the error-pointer knowledge kept by
// the modelling checker (utrace.ApiModeling), which evaluates IS_ERR() and
// friends so that the error branch of an attach holds no engine.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_MODELINGSUPPORT_H
#define UTRACE_CHECK_MODELINGSUPPORT_H

#include "data/ApiModel.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include <string>

namespace clang::ento {
class CheckerManager;
}

namespace utrace {

/// Finding a call's entry in the API table (rules/api/*.yaml): the one
/// lookup every checker and pre-pass uses.
///
/// A table entry names either a function ("utrace_control") or a function
/// slot of a structure ("user_regset.get"): the kernel calls register-set
/// accessors through `regset->get(...)`, and the slot's contract (touches
/// the task, reads its registers, may sleep) holds whatever function the
/// record holds. So a call is matched
///  - by its callee's name: the direct callee, or, for a CallEvent, the
///    function the analyzer knows a pointer to hold (what CallEvent::getDecl
///    answers, as the analyzer's own CallDescription matching does);
///  - failing that, when it calls through a structure member, by
///    "record.member" (MemberCalls::Match, the default).
/// Code that models what a call *does* (evaluates it, or decides that a
/// value given to it does not escape) passes MemberCalls::Skip: a slot entry
/// states preconditions, not behaviour; the function behind the slot is
/// unknown code, to be inlined when the analyzer knows it and evaluated
/// conservatively otherwise.
enum class MemberCalls { Match, Skip };

/// The API entry for a call expression (syntactic: the direct callee, or a
/// structure member), or null when it is not in the table.
const ApiFunction *lookupApiCall(const clang::CallExpr *CE,
                                 MemberCalls Members = MemberCalls::Match,
                                 const ApiModel &Api = ApiModel::builtin());
/// Same for a CallEvent (the analyzer's resolved callee first).
const ApiFunction *lookupApiCall(const clang::ento::CallEvent &Call,
                                 MemberCalls Members = MemberCalls::Match);
/// The callee as written in messages: "utrace_attach_task()", or
/// "user_regset->get()" for a member entry.
std::string apiCallName(const ApiFunction &Fn);

/// A short name for an expression for notes ("'engine'", "'t->engine'").
std::string describeExpr(const clang::Expr *E);

/// Where something still held at N (an engine reference, a window, an RCU
/// section) was opened: the earliest node of N's path from which Held has
/// been true without a break. Leak reports are uniqued by that site, so one
/// acquisition leaking on several paths is reported once.
const clang::ento::ExplodedNode *
findOpeningNode(const clang::ento::ExplodedNode *N,
                llvm::function_ref<bool(clang::ento::ProgramStateRef)> Held);

/// The uniqueing location of a leak report for an opening node.
clang::ento::PathDiagnosticLocation
openingLocation(const clang::ento::ExplodedNode *Open,
                const clang::SourceManager &SM);

/// True when the run reports rule Id: the analyzer option
/// `utrace-enabled-rules` (Analysis.cpp) lists it, or is absent (all rules).
bool runReportsRule(const clang::ento::CheckerManager &Mgr,
                    llvm::StringRef Id);

enum class ErrPtrKnowledge { Unknown, IsError, NotError };

/// What the current path knows about Sym being an ERR_PTR() value.
ErrPtrKnowledge getErrPtrKnowledge(clang::ento::ProgramStateRef State,
                                   clang::ento::SymbolRef Sym);

} // namespace utrace

#endif
