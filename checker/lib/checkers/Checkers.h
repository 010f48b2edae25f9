//===- Checkers.h - registration of the utrace checkers ---------*- C++ -*-===//
#ifndef UTRACE_CHECK_CHECKERS_H
#define UTRACE_CHECK_CHECKERS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::ento {
class CheckerManager;
class CheckerRegistry;
} // namespace clang::ento

namespace utrace {

/// Adds utrace.ApiModeling and every family checker to the registry. Which
/// of them run is decided by AnalyzerOptions::CheckersAndPackages.
void registerUtraceCheckers(clang::ento::CheckerRegistry &Registry);

/// True when a family checker of that name is compiled in.
bool isRegisteredFamilyChecker(const char *Name);

void registerApiModeling(clang::ento::CheckerManager &Mgr);
bool shouldRegisterApiModeling(const clang::ento::CheckerManager &Mgr);
void registerEngineRefChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterEngineRefChecker(const clang::ento::CheckerManager &Mgr);
/// UT-REF-007 and UT-REF-008 (ErrorResultChecker.cpp), registered under
/// utrace.EngineRef's name by registerEngineRefChecker; each reports when
/// the run reports its rule.
void registerErrorResultRules(clang::ento::CheckerManager &Mgr);
void registerTaskModeling(clang::ento::CheckerManager &Mgr);
bool shouldRegisterTaskModeling(const clang::ento::CheckerManager &Mgr);
void registerExamineWindowChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterExamineWindowChecker(const clang::ento::CheckerManager &Mgr);
/// UT-WIN-004 (FirstGenerationWindow.cpp): part of utrace.ExamineWindow,
/// registered by registerExamineWindowChecker when the rule is enabled.
void registerFirstGenerationWindow(clang::ento::CheckerManager &Mgr);
void registerRcuChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterRcuChecker(const clang::ento::CheckerManager &Mgr);
void registerCallbackChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterCallbackChecker(const clang::ento::CheckerManager &Mgr);
void registerBarrierChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterBarrierChecker(const clang::ento::CheckerManager &Mgr);
void registerAtomicContextChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterAtomicContextChecker(const clang::ento::CheckerManager &Mgr);
/// The lock-state half of utrace.AtomicContext (UT-CTX-002/003), registered
/// by registerAtomicContextChecker under the family's name.
void registerLockStateChecker(clang::ento::CheckerManager &Mgr);

} // namespace utrace

#endif
