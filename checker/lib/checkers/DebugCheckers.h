//===- DebugCheckers.h - hidden checkers for tests --------------*- C++ -*-===//
//
// utrace.debug.DumpState (DebugStateChecker.cpp): enabled only by the hidden
// option --debug-checker, in no catalog. What it reports: StateDump.h.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_DEBUGCHECKERS_H
#define UTRACE_CHECK_DEBUGCHECKERS_H

namespace clang::ento {
class CheckerManager;
} // namespace clang::ento

namespace utrace {

/// The checker's name, as --debug-checker takes it; its findings carry it
/// in place of a rule id.
constexpr const char *DumpStateCheckerName = "utrace.debug.DumpState";
/// The test intrinsic it answers (checker/simulator/utrace-check/debug.h).
constexpr const char *DumpStateIntrinsic = "utrace_check_dump_state";

void registerDumpStateChecker(clang::ento::CheckerManager &Mgr);
bool shouldRegisterDumpStateChecker(const clang::ento::CheckerManager &Mgr);

} // namespace utrace

#endif
