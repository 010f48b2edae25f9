//===- StateDump.h - what the checkers hold, in words -----------*- C++ -*-===//
//
// Each rule family prints the part of the program state it keeps, as one
// line "what: facts" (PthreadLockChecker's printState() is the model). The
// family's checker class returns it from CheckerBase::printState(), so the
// analyzer's own state dumps show it, and the hidden utrace.debug.DumpState
// checker reports all of them as a warning at each call of the test
// intrinsic utrace_check_dump_state() (checker/simulator/utrace-check/
// debug.h), the way debug.ExprInspection serves the analyzer's tests.
//
// Names are what a test can assert: a symbol by the call that made it and
// its line ("utrace_attach_task()@14") or the variable it was read from
// ("'task'"), a region by its name ("'gs->lock'").
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_STATEDUMP_H
#define UTRACE_CHECK_STATEDUMP_H

#include "checkers/DebugCheckers.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace utrace {

using StatePrinter = void (*)(llvm::raw_ostream &OS,
                              clang::ento::ProgramStateRef State);

// One per family, each defined in the family's checker file.
void printEngineRefState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);
void printExamineWindowState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);
void printRcuSectionState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);
void printRcuFlavourState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);
void printAtomicContextState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);
void printLockState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State);

/// "utrace_attach_task()@14" for a call's result, "'task'" for a value read
/// from a variable or field, else the analyzer's own spelling.
std::string describeSymbol(clang::ento::ProgramStateRef State,
                           clang::ento::SymbolRef Sym);
/// "'gs->lock'" or the analyzer's spelling of the region.
std::string describeRegion(const clang::ento::MemRegion *R);
/// "spin_lock()@20" for a call, else "line 20".
std::string describeSite(clang::ento::ProgramStateRef State,
                         const clang::Stmt *S);
/// "[a, b]" sorted (map order is by pointer), or "none".
std::string listOrNone(std::vector<std::string> Items);

/// The CheckerBase::printState() of a family: its line, then NL.
void printFamilyState(llvm::raw_ostream &OS, clang::ento::ProgramStateRef State,
                      StatePrinter Print, const char *NL);

} // namespace utrace

#endif
