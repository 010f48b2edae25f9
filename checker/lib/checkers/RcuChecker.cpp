//===- RcuChecker.cpp - RCU read sections and task lookups ------*- C++ -*-===//
//
// utrace.Rcu: RCU read sections around tracing code (utrace-api.md rule 4).
//
//  UT-RCU-001  a call that may sleep inside an RCU read section: the API
//              table's may-sleep entries (utrace_prepare_examine(),
//              utrace_barrier(), regsets, access_process_vm(),
//              copy_{to,from}_user(), mutex_lock(), msleep(), schedule(),
//              allocations whose gfp flags allow blocking) and functions of
//              the same file that may sleep, reported at the outermost call
//  UT-RCU-002  a read section not balanced on some path: the analysed
//              function returns with it held (one report per opening
//              rcu_read_lock()), or rcu_read_unlock() has no lock on the path
//  UT-RCU-003  a task found by a task-lookup call used (dereferenced, passed
//              to a call, returned) after the section that found it ended,
//              with no reference taken
//  UT-RCU-004  a task-lookup call outside any read section
//
// The section depth and the lookups' provenance are utrace.TaskModeling's.
//
// Deliberate blind spots: a function analysed on its own knows nothing of
// its callers' sections, so a helper documented "caller holds
// rcu_read_lock()" that unlocks or looks up gets UT-RCU-002/004 unless it is
// inlined into its callers; a task stored into a structure inside the
// section is reported only when used again in this function; gfp flags that
// are not constants are assumed not to block; sleeping through a function
// pointer is not seen.
//
//===----------------------------------------------------------------------===//
#include "Checkers.h"
#include "ModelingSupport.h"
#include "TaskModel.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;

// The call whose callee sleeps and was reported already: reports inside its
// inlined body would repeat the same finding.
REGISTER_TRAIT_WITH_PROGRAMSTATE(ReportedSleeper, const void *)
// Lookups already reported as outliving their section on this path.
REGISTER_SET_WITH_PROGRAMSTATE(ReportedLookups, SymbolRef)

namespace utrace {
namespace {

constexpr const char *Category = "utrace RCU";

class RcuChecker
    : public Checker<check::PreCall, check::PostCall, check::Location,
                     check::PreStmt<ReturnStmt>, check::EndFunction> {
  const BugType SleepBT{this, "UT-RCU-001", Category};
  const BugType LeakBT{this, "UT-RCU-002", Category, /*SuppressOnSink=*/true};
  const BugType UnbalancedBT{this, "UT-RCU-002", Category};
  const BugType OutlivedBT{this, "UT-RCU-003", Category};
  const BugType OutsideBT{this, "UT-RCU-004", Category};

public:
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;

private:
  const SleepAnalysis &sleeps(ASTContext &Ctx) const {
    if (!Sleeps)
      Sleeps.emplace(Ctx);
    return *Sleeps;
  }
  void checkSleep(const CallEvent &Call, CheckerContext &C) const;
  /// Reports Sym when it is a lookup whose section has ended; true if so.
  bool checkOutlived(SymbolRef Sym, StringRef Use, SourceRange Range,
                     CheckerContext &C) const;
  void report(const BugType &BT, const std::string &Msg,
              llvm::ArrayRef<SymbolRef> Interesting, SourceRange Range,
              CheckerContext &C, ProgramStateRef State = nullptr) const;

  mutable std::optional<SleepAnalysis> Sleeps; // one checker per TU
};

void RcuChecker::report(const BugType &BT, const std::string &Msg,
                        llvm::ArrayRef<SymbolRef> Interesting,
                        SourceRange Range, CheckerContext &C,
                        ProgramStateRef State) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(State ? State : C.getState());
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, N);
  for (SymbolRef S : Interesting)
    if (S)
      R->markInteresting(S);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

void RcuChecker::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const ApiFunction *Fn = lookupApiCall(Call);
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return;
  if (Fn && Fn->has(Role::RcuUnlock) && rcuDepth(State) == 0) {
    report(UnbalancedBT,
           apiCallName(*Fn) +
               " without a matching rcu_read_lock() on this path",
           {}, CE->getSourceRange(), C);
    return;
  }
  if (Fn && Fn->has(Role::TaskLookup) && rcuDepth(State) == 0)
    report(OutsideBT, apiCallName(*Fn) + " called outside an RCU read section",
           {}, CE->getSourceRange(), C);
  checkSleep(Call, C);
  // A looked-up task passed to any call is a use.
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (SymbolRef Sym = Call.getArgSVal(I).getAsSymbol())
      if (checkOutlived(Sym, "passed to " + (Fn ? apiCallName(*Fn)
                                                 : std::string("a call")),
                        Call.getArgExpr(I)->getSourceRange(), C))
        return;
}

void RcuChecker::checkSleep(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (rcuDepth(State) == 0 || State->get<ReportedSleeper>())
    return;
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  std::optional<std::string> Why = sleeps(C.getASTContext()).reason(CE);
  if (!Why)
    return;
  // Inside a sleeping helper of this file, the call site stands for it.
  if (!lookupApiCall(CE))
    State = State->set<ReportedSleeper>(CE);
  report(SleepBT,
         *Why + " may sleep inside the RCU read section opened by "
                "rcu_read_lock()",
         {rcuSection(State)}, CE->getSourceRange(), C, State);
}

void RcuChecker::checkPostCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<ReportedSleeper>() &&
      State->get<ReportedSleeper>() == Call.getOriginExpr())
    C.addTransition(State->remove<ReportedSleeper>());
}

bool RcuChecker::checkOutlived(SymbolRef Sym, StringRef Use, SourceRange Range,
                               CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  TaskFacts F = classifyTask(State, Sym);
  if (F.Origin != TaskOrigin::Lookup || !F.Section ||
      State->contains<ReportedLookups>(Sym))
    return false;
  if (rcuSection(State) == F.Section)
    return false;
  report(OutlivedBT,
         "task from " + apiCallName(*F.Source) + " " + Use.str() +
             " after the RCU read section that found it ended; take a "
             "reference with get_task_struct() inside the section",
         {Sym, F.Section}, Range, C, State->add<ReportedLookups>(Sym));
  return true;
}

void RcuChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                               CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR)
    return;
  checkOutlived(SR->getSymbol(), IsLoad ? "dereferenced" : "written",
                S ? S->getSourceRange() : SourceRange(), C);
}

void RcuChecker::checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const {
  const Expr *RetE = RS->getRetValue();
  if (!RetE || !C.inTopFrame())
    return;
  if (SymbolRef Sym = C.getSVal(RetE).getAsSymbol())
    checkOutlived(Sym, "returned", RetE->getSourceRange(), C);
}

void RcuChecker::checkEndFunction(const ReturnStmt *RS,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!C.inTopFrame() || rcuDepth(State) == 0)
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  // Walk back to where the outermost section opened: the report is uniqued
  // by that rcu_read_lock(), so one section leaking on several paths is
  // reported once.
  const ExplodedNode *Open = findOpeningNode(
      N, [](ProgramStateRef S) { return rcuDepth(S) > 0; });
  PathDiagnosticLocation Uniq = openingLocation(Open, C.getSourceManager());
  auto R = std::make_unique<PathSensitiveBugReport>(
      LeakBT,
      "RCU read section opened by rcu_read_lock() is still held when the "
      "function returns on this path",
      N, Uniq, Open->getLocationContext()->getDecl());
  if (SymbolRef Token = rcuSection(State))
    R->markInteresting(Token);
  C.emitReport(std::move(R));
}

} // namespace

void registerRcuChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<RcuChecker>();
}
bool shouldRegisterRcuChecker(const CheckerManager &) { return true; }

} // namespace utrace
