//===- CallbackChecker.cpp - utrace callback context ------------*- C++ -*-===//
//
// utrace.Callback: callbacks respect the context they run in (utrace-api.md
// rule 6). UT-CB-001 is structural: it reads the translation unit once, at
// its end. UT-CB-003 follows the paths of each callback.
//
//  UT-CB-001  a report_reap callback may sleep: it calls a may-sleep
//             function of the API table, or a function of the same file
//             that (transitively) does; reported at the call in the
//             callback's body
//  UT-CB-002  retired: utrace_barrier() on the current thread returns 0 at
//             once (the real implementation checks task == current), so a
//             callback calling it on its own engine does not wait for
//             itself (docs/rules/UT-CB-002.md)
//  UT-CB-003  path-sensitive: a callback dereferences a field of the thread
//             it reports on that may already be NULL in that callback
//             (report_death: `signal`, `sighand`, which the reaper clears
//             when a parent reaps the zombie while its death report runs)
//             on a path where the field was not tested. The fields are data
//             (kernel.yaml `callback_nullable_task_fields`, "member.field");
//             the thread is the callback's task parameter, else `current`.
//
// Callbacks are the functions named in the report_* members of a `struct
// utrace_engine_ops` initializer or assigned to such a member (the record
// and member names are settings in rules/api/kernel.yaml).
//
// Deliberate blind spots: ops tables built at
// run time through pointers other than member assignments are not seen;
// sleeping through function pointers is not seen. UT-CB-003 sees loads
// through the field's value in the callback and the functions the analyzer
// inlines into it; the value passed to a function it does not inline, or
// copied into a structure, is not followed; the field read through another
// pointer to the same thread (t = tsk->group_leader) is not the thread.
//
//===----------------------------------------------------------------------===//
#include "analysis/StageTimes.h"
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <set>

using namespace clang;
using namespace ento;

// The last value loaded from each nullable field of the thread a callback
// reports on (UT-CB-003), to relate the values of several loads.
REGISTER_MAP_WITH_PROGRAMSTATE(ReportedThreadFields, const clang::FieldDecl *,
                               clang::ento::SymbolRef)

namespace utrace {
namespace {

constexpr const char *Category = "utrace callback";

/// A callback in which fields of the thread it reports on may be NULL.
struct NullableFields {
  std::string Member;                ///< "report_death"
  const FunctionDecl *Def = nullptr; ///< the callback's definition
  const ParmVarDecl *Task = nullptr; ///< its task parameter, or null: current
  std::vector<std::string> Fields;   ///< "signal", "sighand"
};

class CallbackChecker
    : public Checker<check::EndOfTranslationUnit, check::Location,
                     check::PreCall, check::LiveSymbols> {
  const BugType NullFieldBT{this, "UT-CB-003", Category};

public:
  bool NullFieldsEnabled = true; ///< UT-CB-003 reports

  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;

private:
  void report(const char *Rule, const FunctionDecl *FD, const CallExpr *Site,
              const std::string &Msg, AnalysisManager &Mgr,
              BugReporter &BR) const;
  const NullableFields *nullableIn(const Decl *Top, ASTContext &Ctx) const;
  const NullableFields *nullableHere(CheckerContext &C) const;
  void relateFieldLoads(const FieldRegion *FR, CheckerContext &C) const;
  void checkAccessThrough(const MemRegion *R, const NullableFields &CB,
                          const Stmt *S, CheckerContext &C) const;
  bool isReportedThread(SymbolRef Task, const NullableFields &CB) const;
  const FieldRegion *nullableFieldOf(const MemRegion *R,
                                     const NullableFields &CB) const;
  void reportNullableField(const NullableFields &CB, StringRef Field,
                           ProgramStateRef Checked, const Stmt *S,
                           CheckerContext &C) const;

  using CallbackList =
      std::vector<std::pair<std::string, const FunctionDecl *>>;
  const CallbackList &callbacks(const TranslationUnitDecl *TU) const {
    if (!TUCallbacks)
      TUCallbacks = collectCallbacks(TU);
    return *TUCallbacks;
  }

  /// The TU's callbacks (one checker per translation unit), and those with
  /// nullable fields by canonical declaration; built on first use.
  mutable std::optional<CallbackList> TUCallbacks;
  mutable std::optional<llvm::DenseMap<const Decl *, NullableFields>> Nullable;
};

void CallbackChecker::report(const char *Rule, const FunctionDecl *FD,
                             const CallExpr *Site, const std::string &Msg,
                             AnalysisManager &Mgr, BugReporter &BR) const {
  BR.EmitBasicReport(FD, this, Rule, Category, Msg,
                     PathDiagnosticLocation::createBegin(
                         Site, Mgr.getSourceManager(),
                         Mgr.getAnalysisDeclContext(FD)),
                     Site->getSourceRange());
}

void CallbackChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                AnalysisManager &Mgr,
                                                BugReporter &BR) const {
  StageTimer Time("analysis: callback pass");
  const CallbackList &Callbacks = callbacks(TU);
  if (Callbacks.empty())
    return;
  SleepAnalysis Sleeps(Mgr.getASTContext(), &Mgr.getPreprocessor());
  StringRef Reap = ApiModel::builtin().setting("reap_callback");
  std::set<std::pair<std::string, const FunctionDecl *>> Done;
  for (auto &[Member, CB] : Callbacks) {
    const FunctionDecl *Def = nullptr;
    if (!CB->hasBody(Def) || !Done.insert({Member, Def}).second)
      continue;
    std::string Name = "'" + Def->getNameAsString() + "'";
    if (Member == Reap)
      if (const CallExpr *Site = Sleeps.sleepingCallIn(Def))
        report("UT-CB-001", Def, Site,
               Member + " callback " + Name + " may sleep in " +
                   Sleeps.reason(Site).value_or("a call") +
                   "; it must not block",
               Mgr, BR);
  }
}

const NullableFields *CallbackChecker::nullableIn(const Decl *Top,
                                                  ASTContext &Ctx) const {
  if (!Nullable) {
    Nullable.emplace();
    const std::vector<std::string> &Items =
        ApiModel::builtin().list("callback_nullable_task_fields");
    for (auto &[Member, CB] : callbacks(Ctx.getTranslationUnitDecl())) {
      const FunctionDecl *Def = nullptr;
      if (!CB->hasBody(Def))
        continue;
      NullableFields E{Member, Def, nullptr, {}};
      for (StringRef Item : Items)
        if (Item.consume_front(Member + ".") && !Item.empty())
          E.Fields.push_back(Item.str());
      for (const ParmVarDecl *P : Def->parameters())
        if (!E.Task && isTaskPointerType(P->getType()))
          E.Task = P;
      // A function installed as several callbacks: the first member with
      // nullable fields names it.
      if (!E.Fields.empty())
        Nullable->try_emplace(Def->getCanonicalDecl(), std::move(E));
    }
  }
  auto It = Nullable->find(Top->getCanonicalDecl());
  return It == Nullable->end() ? nullptr : &It->second;
}

/// The thread the callback reports on: the initial value of its task
/// parameter, or `current` in a callback without one (every callback but
/// report_reap runs in the traced thread itself).
bool CallbackChecker::isReportedThread(SymbolRef Task,
                                       const NullableFields &CB) const {
  if (!CB.Task)
    return CB.Member != ApiModel::builtin().setting("reap_callback") &&
           isCurrentSymbol(Task);
  const auto *RV = dyn_cast<SymbolRegionValue>(Task);
  const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
  return VR && VR->getDecl() == CB.Task;
}

/// The callback analysed at the top of this path, when fields of its
/// thread may be NULL in it.
const NullableFields *CallbackChecker::nullableHere(CheckerContext &C) const {
  if (!NullFieldsEnabled)
    return nullptr;
  const LocationContext *Top = C.getLocationContext();
  while (Top->getParent())
    Top = Top->getParent();
  return nullableIn(Top->getDecl(), C.getASTContext());
}

/// R when it is a nullable field of the reported thread (`tsk->signal`).
const FieldRegion *
CallbackChecker::nullableFieldOf(const MemRegion *R,
                                 const NullableFields &CB) const {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
  const auto *Task =
      FR ? dyn_cast<SymbolicRegion>(FR->getSuperRegion()->StripCasts())
         : nullptr;
  if (!Task || !FR->getDecl()->getIdentifier() ||
      !llvm::is_contained(CB.Fields, FR->getDecl()->getName()) ||
      !isReportedThread(Task->getSymbol(), CB))
    return nullptr;
  return FR;
}

void CallbackChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                    CheckerContext &C) const {
  const NullableFields *CB = nullableHere(C);
  if (!CB)
    return;
  if (IsLoad)
    if (const FieldRegion *FR = nullableFieldOf(Loc.getAsRegion(), *CB))
      return relateFieldLoads(FR, C);
  checkAccessThrough(Loc.getAsRegion(), *CB, S, C);
}

/// The address of a member of the object (`&tsk->sighand->siglock`) passed
/// to a call the analyzer does not step into (a lock, an atomic operation):
/// the callee reads through it.
void CallbackChecker::checkPreCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  const NullableFields *CB = nullableHere(C);
  for (unsigned I = 0, N = CB ? Call.getNumArgs() : 0; I < N; ++I) {
    const MemRegion *R = Call.getArgSVal(I).getAsRegion();
    if (R && R->StripCasts() != R->getBaseRegion())
      checkAccessThrough(R, *CB, Call.getArgExpr(I), C);
  }
}

/// Each `current` is a new symbol in the simulator, and an unknown call
/// makes a parameter's field a new one: two loads of the same field of the
/// reported thread give two values that are one. What a test proved of the
/// previous value holds for the new one (test-then-use is the accepted
/// idiom), and a path reports once.
void CallbackChecker::relateFieldLoads(const FieldRegion *FR,
                                       CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef New = State->getSVal(FR).getAsSymbol();
  if (!New)
    return;
  const FieldDecl *Key = FR->getDecl()->getCanonicalDecl();
  SValBuilder &SVB = C.getSValBuilder();
  if (const SymbolRef *Old = State->get<ReportedThreadFields>(Key);
      Old && *Old != New) {
    auto [OldNonNull, OldNull] = State->assume(SVB.makeLoc(*Old));
    if (!OldNonNull != !OldNull) // a test proved one side
      if (ProgramStateRef Same =
              State->assume(SVB.makeLoc(New), OldNonNull != nullptr))
        State = Same;
  }
  C.addTransition(State->set<ReportedThreadFields>(Key, New));
}

/// The remembered loads stay alive, and with them what a test proved of
/// them, after the `current` they were loaded through is dead.
void CallbackChecker::checkLiveSymbols(ProgramStateRef State,
                                       SymbolReaper &SR) const {
  for (const auto &[Field, Sym] : State->get<ReportedThreadFields>())
    SR.markLive(Sym);
}

void CallbackChecker::checkAccessThrough(const MemRegion *R,
                                         const NullableFields &CB,
                                         const Stmt *S,
                                         CheckerContext &C) const {
  // Obj is what a field of the thread points to: its symbol was loaded
  // from <task>-><field>.
  const auto *Obj = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  const FieldRegion *FR =
      Obj ? nullableFieldOf(loadedFrom(Obj->getSymbol()), CB) : nullptr;
  if (!FR)
    return;
  auto [NonNull, Null] = C.getState()->assume(loc::MemRegionVal(Obj));
  if (Null)
    reportNullableField(CB, FR->getDecl()->getName(), NonNull, S, C);
}

/// Reports a load through a field that may be NULL here, and goes on with
/// the field known non-NULL (one report per path).
void CallbackChecker::reportNullableField(const NullableFields &CB,
                                          StringRef Field,
                                          ProgramStateRef Checked,
                                          const Stmt *S,
                                          CheckerContext &C) const {
  ExplodedNode *N = Checked ? C.generateNonFatalErrorNode(Checked)
                            : C.generateErrorNode();
  if (!N)
    return;
  std::string Task = CB.Task && CB.Task->getIdentifier()
                         ? CB.Task->getName().str()
                         : std::string("current");
  auto Rep = std::make_unique<PathSensitiveBugReport>(
      NullFieldBT,
      "'" + Task + "->" + Field.str() + "' may be NULL in " + CB.Member +
          " callback '" + CB.Def->getNameAsString() +
          "' (the thread may already be reaped); test it before "
          "dereferencing",
      N);
  if (S)
    Rep->addRange(S->getSourceRange());
  C.emitReport(std::move(Rep));
}

} // namespace

void registerCallbackChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<CallbackChecker>();
  Checker->NullFieldsEnabled = runReportsRule(Mgr, "UT-CB-003");
}
bool shouldRegisterCallbackChecker(const CheckerManager &) { return true; }

} // namespace utrace
