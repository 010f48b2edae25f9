//===- DebugStateChecker.cpp - utrace.debug.DumpState -----------*- C++ -*-===//
//
// A hidden checker for tests, in the spirit of the analyzer's
// debug.ExprInspection: at each call of utrace_check_dump_state() it
// reports, as a warning at that call, the state every rule family holds
// there (StateDump.h): engine references owed, open examine windows, RCU
// read sections and other flavours, atomic contexts, locks. Enabled only by
// --debug-checker=utrace.debug.DumpState; it is in no catalog, so neither
// --list-rules nor SARIF's rules name it. The call itself is evaluated as a
// no-op, so the dump does not change what follows it.
//
//===----------------------------------------------------------------------===//
#include "checkers/Checkers.h"
#include "checkers/StateDump.h"
#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;

namespace utrace {

namespace {

/// The families in the order the dump lists them.
constexpr StatePrinter Families[] = {
    printEngineRefState,  printExamineWindowState, printRcuSectionState,
    printRcuFlavourState, printAtomicContextState, printLockState,
};

class DumpStateChecker : public Checker<eval::Call> {
public:
  bool evalCall(const CallEvent &Call, CheckerContext &C) const {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
    if (!FD || !FD->getIdentifier() || FD->getName() != DumpStateIntrinsic)
      return false;
    report(C);
    return true;
  }

private:
  void report(CheckerContext &C) const {
    ExplodedNode *N = C.generateNonFatalErrorNode();
    if (!N)
      return;
    std::string Msg = "utrace state:";
    llvm::raw_string_ostream OS(Msg);
    for (StatePrinter Print : Families) {
      OS << (Print == Families[0] ? " " : "; ");
      Print(OS, C.getState());
    }
    C.emitReport(std::make_unique<PathSensitiveBugReport>(Bug, OS.str(), N));
  }

  const BugType Bug{this, DumpStateCheckerName, "debug"};
};

} // namespace

// --- naming things for the dump -------------------------------------------

static std::string atLine(ProgramStateRef State, const Stmt *S) {
  const SourceManager &SM =
      State->getStateManager().getContext().getSourceManager();
  return std::to_string(SM.getExpansionLineNumber(S->getBeginLoc()));
}

std::string describeSite(ProgramStateRef State, const Stmt *S) {
  if (!S)
    return "unknown site";
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return FD->getNameAsString() + "()@" + atLine(State, S);
  return "line " + atLine(State, S);
}

std::string describeRegion(const MemRegion *R) {
  if (!R)
    return "unknown";
  std::string Name = R->getDescriptiveName(/*UseQuotes=*/true);
  if (!Name.empty())
    return Name;
  std::string S;
  llvm::raw_string_ostream OS(S);
  R->dumpToStream(OS);
  return OS.str();
}

std::string describeSymbol(ProgramStateRef State, SymbolRef Sym) {
  if (!Sym)
    return "none";
  if (const auto *C = dyn_cast<SymbolConjured>(Sym))
    if (C->getStmt())
      return describeSite(State, C->getStmt());
  if (const auto *V = dyn_cast<SymbolRegionValue>(Sym))
    return describeRegion(V->getRegion());
  if (const auto *D = dyn_cast<SymbolDerived>(Sym))
    return describeRegion(D->getRegion());
  std::string S;
  llvm::raw_string_ostream OS(S);
  Sym->dumpToStream(OS);
  return OS.str();
}

std::string listOrNone(std::vector<std::string> Items) {
  if (Items.empty())
    return "none";
  llvm::sort(Items);
  return "[" + llvm::join(Items, ", ") + "]";
}

void printFamilyState(llvm::raw_ostream &OS, ProgramStateRef State,
                      StatePrinter Print, const char *NL) {
  Print(OS, State);
  OS << NL;
}

void registerDumpStateChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<DumpStateChecker>();
}

bool shouldRegisterDumpStateChecker(const CheckerManager &) { return true; }

} // namespace utrace
