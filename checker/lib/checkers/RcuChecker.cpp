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
//  UT-RCU-005  rcu_dereference() (or its _sched/_bh forms, the
//              `rcu_dereference_macros` setting) written outside any read
//              section of a kind that protects it: not inside
//              rcu_read_lock*() (for _sched/_bh also not with preemption,
//              interrupts or bottom halves off, or a spinlock held), and not
//              in a function documented as called under RCU (`__must_hold(RCU)`
//              in its declaration, or a comment right before it that says
//              its caller holds rcu_read_lock()). rcu_dereference_protected()
//              and rcu_dereference_check() name their protection and are
//              never reported.
//  UT-RCU-006  a pointer location declared __rcu, or published with
//              rcu_assign_pointer() in the translation unit, read plainly
//              (not through an accessor macro); NULL tests, and the updater
//              of a location not declared __rcu, excepted. Structural: the
//              model is RcuPointers.h.
//
// UT-RCU-003 also covers objects: a pointer loaded with rcu_dereference()
// inside a section, whose record type the translation unit frees through RCU
// (call_rcu()/kfree_rcu() on a field of it, or kfree() after
// synchronize_rcu() in the same function), used, returned or left in an
// out-parameter after the section ended with no reference taken (an
// object-get call on it, or a task-get for tasks). Records never freed
// through RCU (engine->data) stay quiet. The same for the results of
// rcu-lookup calls (a struct pid from find_pid_ns()) used after the section
// that found them with no reference (get_pid()) taken.
//
// The section depth and the lookups' provenance are utrace.TaskModeling's.
//
// A function analysed on its own starts inside the sections it is entered
// in (CallerContext.h: every same-file caller holds them, it ends one it did
// not open, it is a tracepoint probe, or its documentation says so). A
// pointer passed to a value-only call (hash_ptr(), printk("%p")) is not a
// use (UT-RCU-003).
//
// Deliberate blind spots: a helper with external linkage, undocumented,
// knows nothing of its callers' sections; a task stored into a structure inside the
// section is reported only when used again in this function; gfp flags that
// are not constants are assumed not to block; sleeping through a function
// pointer is not seen.
//
//===----------------------------------------------------------------------===//
#include "checkers/CallerContext.h"
#include "checkers/StateDump.h"
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/RcuPointers.h"
#include "checkers/TaskModel.h"
#include "clang/AST/FormatString.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Lexer.h"
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
// Open sections of the other flavours (rcu_read_lock_sched/bh) and other
// atomic contexts (locks, preemption, interrupts), by count.
REGISTER_TRAIT_WITH_PROGRAMSTATE(RcuFlavourDepth, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(NonPreemptDepth, unsigned)
// Objects loaded with rcu_dereference() whose record is freed through RCU:
// the token of the section they were loaded in.
REGISTER_MAP_WITH_PROGRAMSTATE(RcuObjects, SymbolRef, SymbolRef)
// Those found by an rcu-lookup call (find_pid_ns()): the call. Objects
// loaded with rcu_dereference() have no entry.
REGISTER_MAP_WITH_PROGRAMSTATE(RcuLookupSources, SymbolRef,
                               const utrace::ApiFunction *)
// Those stored through a pointer parameter of the analysed function.
REGISTER_MAP_WITH_PROGRAMSTATE(RcuOutParams, SymbolRef, const clang::ParmVarDecl *)

namespace utrace {
namespace {

constexpr const char *Category = "utrace RCU";

/// What the translation unit knows about RCU: which records it frees
/// through RCU, which functions say they are called under RCU.
struct RcuFacts {
  llvm::DenseSet<const TagDecl *> RcuFreed;
};

class RcuChecker
    : public Checker<check::BeginFunction, check::PreCall, check::PostCall,
                     check::Location, check::Bind, check::PreStmt<ReturnStmt>,
                     check::EndFunction, check::ASTCodeBody> {
  const BugType SleepBT{this, "UT-RCU-001", Category};
  const BugType LeakBT{this, "UT-RCU-002", Category, /*SuppressOnSink=*/true};
  const BugType UnbalancedBT{this, "UT-RCU-002", Category};
  const BugType OutlivedBT{this, "UT-RCU-003", Category};
  const BugType OutsideBT{this, "UT-RCU-004", Category};

public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printRcuFlavourState, NL);
  }
  /// UT-RCU-006 reports; off when the run disables it (registration). The
  /// path-sensitive rules need no switch: they change no path, and
  /// Analysis.cpp drops the findings of disabled rules.
  bool PlainLoadsEnabled = true;

  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                        BugReporter &BR) const;

private:
  const RcuFacts &facts(ASTContext &Ctx) const;
  const CallerContext &callers(ASTContext &Ctx) const {
    if (!Callers)
      Callers.emplace(Ctx);
    return *Callers;
  }
  /// The rcu_dereference macro the code wrote around S, or "".
  StringRef derefMacro(const Stmt *S, CheckerContext &C) const;
  void checkDeref(const Stmt *S, CheckerContext &C) const;
  const SleepAnalysis &sleeps(CheckerContext &C) const {
    if (!Sleeps)
      Sleeps.emplace(C.getASTContext(), &C.getPreprocessor());
    return *Sleeps;
  }
  void checkSleep(const CallEvent &Call, CheckerContext &C) const;
  /// Records the result of an rcu-lookup call made inside a section.
  ProgramStateRef trackLookup(const ApiFunction &Fn, const CallEvent &Call,
                              ProgramStateRef State, CheckerContext &C,
                              const NoteTag *&Tag) const;
  /// Reports Sym when it is a lookup whose section has ended; true if so.
  bool checkOutlived(SymbolRef Sym, StringRef Use, SourceRange Range,
                     CheckerContext &C) const;
  void report(const BugType &BT, const std::string &Msg,
              llvm::ArrayRef<SymbolRef> Interesting, SourceRange Range,
              CheckerContext &C, ProgramStateRef State = nullptr) const;

  mutable std::optional<SleepAnalysis> Sleeps; // one checker per TU
  mutable std::optional<RcuFacts> Facts;
  mutable std::optional<CallerContext> Callers;
  mutable std::optional<RcuPointers> Pointers;
  /// Expansion locations of the plain loads reported (UT-RCU-006).
  mutable llvm::DenseSet<SourceLocation> ReportedLoads;
};

/// The record a pointer expression points to (through `&p->field`, the
/// record of p).
const RecordDecl *pointeeRecord(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      if (const auto *ME =
              dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParenCasts()))
        return ME->getBase()->getType()->isPointerType()
                   ? ME->getBase()->getType()->getPointeeType()->getAsRecordDecl()
                   : ME->getBase()->getType()->getAsRecordDecl();
  QualType T = E->getType();
  return T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
}

/// "'struct pid'" for a pointer to a record, else "object".
std::string objectName(QualType T) {
  if (T->isPointerType())
    if (const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl())
      if (RD->getIdentifier())
        return "'struct " + RD->getName().str() + "'";
  return "object";
}

/// Records freed through RCU: call_rcu(&p->rcu, ...), kfree_rcu(p, rcu)
/// (role rcu-free, object in argument object_arg... see kernel.yaml), and
/// kfree(p) after synchronize_rcu() in the same body.
class RcuFreeFinder : public RecursiveASTVisitor<RcuFreeFinder> {
public:
  bool TraverseFunctionDecl(FunctionDecl *FD) {
    bool Saved = SawSync;
    SawSync = false;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    SawSync = Saved;
    return R;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->getIdentifier() || CE->getNumArgs() == 0)
      return true;
    StringRef Name = FD->getName();
    const ApiModel &Api = ApiModel::builtin();
    if (Api.inSetting("rcu_free_functions", Name))
      add(pointeeRecord(CE->getArg(0)));
    else if (Api.inSetting("rcu_sync_functions", Name))
      SawSync = true;
    else if (SawSync && Api.inSetting("free_functions", Name))
      add(pointeeRecord(CE->getArg(0)));
    return true;
  }
  llvm::DenseSet<const TagDecl *> Freed;

private:
  void add(const RecordDecl *RD) {
    if (RD)
      Freed.insert(RD->getCanonicalDecl());
  }
  bool SawSync = false;
};

const RcuFacts &RcuChecker::facts(ASTContext &Ctx) const {
  if (!Facts) {
    RcuFreeFinder F;
    F.TraverseDecl(Ctx.getTranslationUnitDecl());
    Facts.emplace();
    Facts->RcuFreed = std::move(F.Freed);
  }
  return *Facts;
}

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

/// The analysed function starts inside the sections its callers hold, a
/// release it makes of a section it did not open, a tracepoint probe's
/// sched-RCU read side, or its documentation says (CallerContext.h).
void RcuChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  unsigned Entry = callers(C.getASTContext()).entry(FD);
  if (!Entry)
    return;
  ProgramStateRef State = C.getState();
  if (Entry & EntryRcu)
    State = enterCallerSection(State, C);
  if (Entry & EntryRcuFlavour)
    State = State->set<RcuFlavourDepth>(State->get<RcuFlavourDepth>() + 1);
  if (Entry & EntryNonPreempt)
    State = State->set<NonPreemptDepth>(State->get<NonPreemptDepth>() + 1);
  C.addTransition(State);
}

/// The printf conversion that consumes one argument of the call, found by
/// clang's own format-string parser (a `*` width or precision takes an
/// argument too, as in the compiler's -Wformat).
class ConversionOfArgument
    : public analyze_format_string::FormatStringHandler {
public:
  explicit ConversionOfArgument(unsigned DataArg) : DataArg(DataArg) {}
  bool HandlePrintfSpecifier(const analyze_printf::PrintfSpecifier &FS,
                             const char *Start, unsigned Len,
                             const TargetInfo &) override {
    if (FS.getArgIndex() != DataArg)
      return true;
    Found = FS.getConversionSpecifier().getKind() ==
                    analyze_format_string::ConversionSpecifier::pArg
                ? "%p"
                : "other";
    // The kernel reads the letter right after %p as an extension.
    if (Found == "%p" && isAlphanumeric(Start[Len]))
      Found += Start[Len];
    return false;
  }
  unsigned DataArg;
  std::string Found; ///< "%p", "%pS", "other", or empty: no conversion
};

/// True when the callee uses argument I only as a value (hashes or prints
/// the pointer, never dereferences it): kernel.yaml's `value_only_calls`,
/// and a printf-like call (`printf_like_calls`) whose conversion for that
/// argument is one of `pointer_value_conversions` (plain %p, %px, %pK print
/// the value, %pS/%ps/%pB the symbol at it; %pI4, %pM, %pd... read what the
/// pointer points to).
bool valueOnlyUse(const CallExpr *CE, unsigned I, ASTContext &Ctx) {
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier())
    return false;
  const ApiModel &Api = ApiModel::builtin();
  StringRef Name = FD->getName();
  if (Api.inList("value_only_calls", Name))
    return true;
  if (!Api.inList("printf_like_calls", Name))
    return false;
  // The format is the first string literal argument; the conversions take
  // the arguments after it, in order.
  unsigned Fmt = 0;
  const StringLiteral *SL = nullptr;
  for (; Fmt < CE->getNumArgs() && !SL; ++Fmt)
    SL = dyn_cast<StringLiteral>(CE->getArg(Fmt)->IgnoreParenImpCasts());
  if (!SL || I < Fmt || !SL->isOrdinary())
    return false;
  StringRef F = SL->getString();
  // The parser may look one character past a conversion (the %p letter).
  std::string Text = F.str();
  ConversionOfArgument H(I - Fmt);
  analyze_format_string::ParsePrintfString(H, Text.data(),
                                           Text.data() + Text.size(),
                                           Ctx.getLangOpts(),
                                           Ctx.getTargetInfo(), false);
  return !H.Found.empty() &&
         Api.inList("pointer_value_conversions", H.Found);
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
  // A looked-up task passed to any call is a use, unless the callee only
  // uses the pointer's value (hash_ptr(), printk("%p")).
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (SymbolRef Sym = Call.getArgSVal(I).getAsSymbol())
      if (!valueOnlyUse(CE, I, C.getASTContext()) &&
          checkOutlived(Sym,
                        "passed to " +
                            (Fn ? apiCallName(*Fn) : std::string("a call")),
                        Call.getArgExpr(I)->getSourceRange(), C))
        return;
}

void RcuChecker::checkSleep(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (rcuDepth(State) == 0 || State->get<ReportedSleeper>())
    return;
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  // Only the callers' section is open: their call of this function is
  // reported (it reaches the sleeping call), not the same sleep again here.
  bool Entered = rcuDepth(State) == 1 && callerSection(State) &&
                 rcuSection(State) == callerSection(State);
  const LocationContext *TopLC = C.getLocationContext();
  while (TopLC->getParent())
    TopLC = TopLC->getParent();
  const auto *Top = dyn_cast_or_null<FunctionDecl>(TopLC->getDecl());
  EntrySource From = callers(C.getASTContext()).rcuSource(Top);
  if (Entered && From == EntrySource::Callers)
    return;
  std::optional<std::string> Why = pathCallSleeps(Call, C, sleeps(C));
  if (!Why)
    return;
  // Inside a sleeping helper of this file, the call site stands for it.
  if (!lookupApiCall(CE))
    State = State->set<ReportedSleeper>(CE);
  report(SleepBT,
         *Why + (Entered ? " may sleep inside the RCU read section its "
                           "caller holds"
                         : " may sleep inside the RCU read section opened by "
                           "rcu_read_lock()"),
         {rcuSection(State)}, CE->getSourceRange(), C, State);
}

void RcuChecker::checkPostCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ProgramStateRef Old = State;
  const NoteTag *Tag = nullptr;
  if (State->get<ReportedSleeper>() &&
      State->get<ReportedSleeper>() == Call.getOriginExpr())
    State = State->remove<ReportedSleeper>();
  if (const ApiFunction *Fn = lookupApiCall(Call)) {
    bool Enter = Fn->has(Role::AtomicEnter) || Fn->has(Role::SpinLock);
    bool Exit = Fn->has(Role::AtomicExit) || Fn->has(Role::SpinUnlock);
    bool Flavour = StringRef(Fn->Context).starts_with("RCU-");
    if (Enter) {
      if (Flavour)
        State = State->set<RcuFlavourDepth>(State->get<RcuFlavourDepth>() + 1);
      State = State->set<NonPreemptDepth>(State->get<NonPreemptDepth>() + 1);
    } else if (Exit) {
      if (Flavour && State->get<RcuFlavourDepth>())
        State = State->set<RcuFlavourDepth>(State->get<RcuFlavourDepth>() - 1);
      if (State->get<NonPreemptDepth>())
        State = State->set<NonPreemptDepth>(State->get<NonPreemptDepth>() - 1);
    }
    // An object found under RCU (a struct pid from find_pid_ns()): valid in
    // this section only, unless a reference is taken.
    if (Fn->has(Role::RcuLookup))
      State = trackLookup(*Fn, Call, State, C, Tag);
    // A reference taken on an RCU object (kref_get(&obj->ref), a task get,
    // get_pid()) inside its section keeps it alive after the section.
    if ((Fn->has(Role::ObjectGet) || Fn->has(Role::TaskGet)) &&
        Call.getNumArgs() > 0)
      if (const MemRegion *R = Call.getArgSVal(0).getAsRegion())
        if (const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion()))
          State = State->remove<RcuObjects>(SR->getSymbol());
  }
  if (State != Old)
    C.addTransition(State, Tag);
}

ProgramStateRef RcuChecker::trackLookup(const ApiFunction &Fn,
                                        const CallEvent &Call,
                                        ProgramStateRef State,
                                        CheckerContext &C,
                                        const NoteTag *&Tag) const {
  SymbolRef Sym = Call.getReturnValue().getAsSymbol();
  SymbolRef Section = rcuSection(State);
  // Outside a section the lookup is wrong already; UT-RCU-003 is about the
  // section that found the object.
  if (!Sym || !Section || State->contains<RcuObjects>(Sym))
    return State;
  State = State->set<RcuObjects>(Sym, Section);
  State = State->set<RcuLookupSources>(Sym, &Fn);
  std::string What = objectName(Call.getResultType());
  std::string Msg = What + " found here by " + apiCallName(Fn) +
                    " inside an RCU read section";
  Tag = C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
    return BR.isInteresting(Sym) ? Msg : std::string();
  });
  return State;
}

StringRef RcuChecker::derefMacro(const Stmt *S, CheckerContext &C) const {
  if (!writtenInRcuDereference(S, C.getASTContext()))
    return "";
  const SourceManager &SM = C.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(S->getBeginLoc());
  return StringRef(SM.getCharacterData(E),
                   Lexer::MeasureTokenLength(E, SM, C.getLangOpts()));
}

void RcuChecker::checkDeref(const Stmt *S, CheckerContext &C) const {
  StringRef Macro = derefMacro(S, C);
  if (Macro.empty())
    return;
  ProgramStateRef State = C.getState();
  bool Plain = ApiModel::builtin().inSetting("rcu_plain_dereference_macros",
                                             Macro);
  if (rcuDepth(State) > 0 || State->get<RcuFlavourDepth>() > 0 ||
      (!Plain && State->get<NonPreemptDepth>() > 0))
    return;
  const SourceManager &SM = C.getSourceManager();
  for (const LocationContext *LC = C.getLocationContext(); LC;
       LC = LC->getParent())
    if (documentedUnderRcu(dyn_cast_or_null<FunctionDecl>(LC->getDecl()), SM))
      return;
  // Reported where the macro is written, as a plain report: the load the
  // path stops at is spelled inside the kernel's headers. One report per
  // expansion, however many paths reach it.
  SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
  const Decl *D = C.getLocationContext()->getStackFrame()->getDecl();
  C.getBugReporter().EmitBasicReport(
      D, this, "UT-RCU-005", Category,
      Macro.str() + "() outside an RCU read section" +
          (Plain ? "" : " of its flavour") +
          "; call it inside rcu_read_lock(), or use "
          "rcu_dereference_protected() with the lock that protects the "
          "pointer",
      PathDiagnosticLocation(At, SM), SourceRange(At, At));
}

void RcuChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                           CheckerContext &C) const {
  // `p = rcu_dereference(gp)`: the value bound comes from the macro.
  SymbolRef Sym = Val.getAsSymbol();
  if (!Sym || !S)
    return;
  const Expr *RHS = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    RHS = BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr;
  else if (const auto *DS = dyn_cast<DeclStmt>(S))
    if (const auto *VD = dyn_cast_or_null<VarDecl>(DS->getSingleDecl()))
      RHS = VD->getInit();
  if (!RHS || derefMacro(RHS, C).empty())
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Section = rcuSection(State);
  const RecordDecl *RD = pointeeRecord(RHS);
  if (!Section || !RD || !facts(C.getASTContext()).RcuFreed.count(
                             RD->getCanonicalDecl()))
    return;
  if (State->contains<RcuObjects>(Sym))
    return;
  std::string What = RD->getNameAsString();
  State = State->set<RcuObjects>(Sym, Section);
  // `*out = rcu_dereference(...)` with `out` a parameter of the top frame.
  if (const MemRegion *L = Loc.getAsRegion())
    if (const auto *SR = dyn_cast<SymbolicRegion>(L->getBaseRegion()))
      if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol()))
        if (const auto *VR = dyn_cast<VarRegion>(RV->getRegion()))
          if (const auto *P = dyn_cast<ParmVarDecl>(VR->getDecl()))
            if (VR->getStackFrame() && VR->getStackFrame()->inTopFrame())
              State = State->set<RcuOutParams>(Sym, P);
  C.addTransition(
      State,
      C.getNoteTag([Sym, What](PathSensitiveBugReport &BR) {
        return BR.isInteresting(Sym)
                   ? "'struct " + What +
                         "' loaded here by rcu_dereference(); the file frees "
                         "it through RCU"
                   : std::string();
      }));
}

bool RcuChecker::checkOutlived(SymbolRef Sym, StringRef Use, SourceRange Range,
                               CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (const SymbolRef *ObjSection = State->get<RcuObjects>(Sym)) {
    if (rcuSection(State) == *ObjSection ||
        State->contains<ReportedLookups>(Sym))
      return false;
    if (const ApiFunction *const *Lookup = State->get<RcuLookupSources>(Sym)) {
      const ApiFunction &Fn = **Lookup;
      report(OutlivedBT,
             objectName(Sym->getType()) + " from " + apiCallName(Fn) + " " +
                 Use.str() +
                 " after the RCU read section that found it ended; take a "
                 "reference with " +
                 Fn.Reference + "() inside the section",
             {Sym, *ObjSection}, Range, C, State->add<ReportedLookups>(Sym));
      return true;
    }
    report(OutlivedBT,
           "object from rcu_dereference() " + Use.str() +
               " after the RCU read section that loaded it ended, and the "
               "file frees it through RCU; take a reference inside the "
               "section",
           {Sym, *ObjSection}, Range, C, State->add<ReportedLookups>(Sym));
    return true;
  }
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
  if (IsLoad)
    checkDeref(S, C);
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
  if (!C.inTopFrame())
    return;
  // An RCU object stored through a pointer parameter (`*out = p`) outlives
  // the section too.
  for (auto [Sym, Parm] : State->get<RcuOutParams>())
    if (State->get<RcuObjects>(Sym) &&
        checkOutlived(Sym, "left in out-parameter '" + Parm->getNameAsString() + "'",
                      RS ? RS->getSourceRange() : SourceRange(), C))
      State = C.getState();
  // A function entered inside its callers' section returns inside it.
  if (rcuDepth(State) <= entryRcuDepth(State))
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  // Walk back to where the outermost section opened: the report is uniqued
  // by that rcu_read_lock(), so one section leaking on several paths is
  // reported once.
  const ExplodedNode *Open = findOpeningNode(N, [](ProgramStateRef S) {
    return rcuDepth(S) > entryRcuDepth(S);
  });
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

void RcuChecker::checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                                  BugReporter &BR) const {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  if (!PlainLoadsEnabled || !FD)
    return;
  if (!Pointers)
    Pointers.emplace(Mgr.getASTContext());
  const SourceManager &SM = Mgr.getSourceManager();
  Pointers->forEachPlainLoad(FD, [&](const PlainRcuLoad &L) {
    SourceLocation At = SM.getExpansionLoc(L.Load->getBeginLoc());
    if (!ReportedLoads.insert(At).second)
      return;
    std::string Name = RcuPointers::describe(L);
    BR.EmitBasicReport(
        D, this, "UT-RCU-006", Category,
        "RCU-protected pointer " +
            (Name.empty() ? std::string() : Name + " ") + "(" +
            (!L.Declared ? "published with rcu_assign_pointer()"
             : L.Where   ? "declared __rcu"
                         : "of an __rcu type") +
            ") read without rcu_dereference(); read it once with "
            "rcu_dereference() inside the read section (rcu_access_pointer() "
            "to test it, rcu_dereference_protected() on the update side)",
        PathDiagnosticLocation(At, SM), L.Load->getSourceRange());
  });
}

} // namespace

void registerRcuChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<RcuChecker>();
  Checker->PlainLoadsEnabled = runReportsRule(Mgr, "UT-RCU-006");
}
bool shouldRegisterRcuChecker(const CheckerManager &) { return true; }

} // namespace utrace

namespace utrace {
/// "rcu flavours: sched/bh depth 0, non-preemptible depth 0, 1 object
/// loaded under RCU".
void printRcuFlavourState(raw_ostream &OS, ProgramStateRef State) {
  OS << "rcu flavours: sched/bh depth " << State->get<RcuFlavourDepth>()
     << ", non-preemptible depth " << State->get<NonPreemptDepth>();
  unsigned Objects = 0;
  for (auto &KV : State->get<RcuObjects>()) {
    (void)KV;
    ++Objects;
  }
  if (Objects)
    OS << ", " << Objects << " object" << (Objects == 1 ? "" : "s")
       << " loaded under RCU";
}
} // namespace utrace
