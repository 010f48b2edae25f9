//===- ModelingSupport.h - shared pieces of the utrace checkers -*- C++ -*-===//
//
// What more than one checker needs: finding a call's entry in the API table,
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

namespace utrace {

/// The API table entry for a call, or null when the callee is not modelled.
const ApiFunction *lookupCall(const clang::ento::CallEvent &Call);

/// The callee's name as written in messages: "utrace_attach_task()".
std::string calleeName(const ApiFunction &Fn);

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

enum class ErrPtrKnowledge { Unknown, IsError, NotError };

/// What the current path knows about Sym being an ERR_PTR() value.
ErrPtrKnowledge getErrPtrKnowledge(clang::ento::ProgramStateRef State,
                                   clang::ento::SymbolRef Sym);

} // namespace utrace

#endif
