//===- ScopeRelevance.h - the RCU and task rules' share of relevance -*- C++ -*-===//
//
// The engine-reference rules need only the functions that call the utrace
// API. The examine-window and RCU rules also need the functions of such a
// file that open RCU sections, look tasks up, touch task state or take task
// references (the API table's `relevant_in_scope` entries, and task member
// accesses); with --scope=all, the RCU ones in every file.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_SCOPERELEVANCE_H
#define UTRACE_CHECK_SCOPERELEVANCE_H

#include "analysis/Relevance.h"

namespace utrace {

/// Adds to R the functions calling a relevant_in_scope API function (and,
/// when TaskAccesses, those reading a member of a task), then their callers
/// in the translation unit.
void addScopeRelevantFunctions(llvm::ArrayRef<clang::Decl *> TopLevel,
                               const ApiModel &Api, bool TaskAccesses,
                               RelevanceResult &R);

} // namespace utrace

#endif
