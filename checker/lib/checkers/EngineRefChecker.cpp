//===- EngineRefChecker.cpp - utrace engine reference rules -----*- C++ -*-===//
//
// utrace.EngineRef: engine references balance (utrace-api.md, rule 1).
//
//  UT-REF-001  a reference from attach or utrace_engine_get() is not released
//              on some path (one report per acquisition site)
//  UT-REF-002  the engine is used after the caller's last utrace_engine_put()
//  UT-REF-003  utrace_engine_put() twice on the same reference
//  UT-REF-004  an attach result compared with NULL instead of IS_ERR(), or
//              IS_ERR() compared with an errno value
//  UT-REF-005  an error pointer from attach used as an engine where IS_ERR()
//              was not ruled out, also through a structure field assigned
//              an unchecked attach result anywhere in the file
//  UT-REF-006  what a detached engine's callbacks use (its data, the
//              structure holding it) freed, or the module exit function
//              returning, while utrace_control(UTRACE_DETACH) may still be in
//              progress (-EINPROGRESS) and no utrace_barrier() returned 0
//  UT-REF-007, UT-REF-008: error values made wrong or dropped, structural
//              rules of the same checker in ErrorResultChecker.cpp
//
// Every rule can be switched off on its own (PthreadLockChecker's
// ChecksEnabled[]): the modelling is the same whatever is enabled, and no
// rule ends a path, so one rule never hides another's findings.
//
// Each engine symbol carries how many references this function owes puts
// for. An engine first seen at a put (a parameter, a pointer loaded from a
// structure) is the caller's reference: the put releases it, so a second put
// or a later use is reported too.
//
// Hand-over: an engine returned from the analysed top-level function, or
// stored into a structure field or global that some code of the file
// releases with utrace_engine_put() (EngineRefFacts), belongs to someone
// else now. Stored anywhere else, the reference is still owed: the path that
// ends without a put leaks it ("attach, configure, put, keep the pointer"
// puts before the path ends and stays quiet).
//
// Deliberate blind spots (conservative on escape, as the analyzer's own
// checkers are): an engine stored through a pointer that is not a field,
// or passed itself to an unknown function, is no longer tracked; a field
// released only in another file looks unreleased. Findings for the
// 2006-2008 API generation (no engine reference counts) are filtered out by
// the driver, except UT-REF-005.
//
//===----------------------------------------------------------------------===//
#include "checkers/StateDump.h"
#include "checkers/Checkers.h"
#include "checkers/EngineRefFacts.h"
#include "checkers/ModelingSupport.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;

namespace {
enum class RefKind : unsigned char {
  Unchecked, ///< attach result, IS_ERR() not asked yet on this path
  Held,      ///< a valid engine
  ErrPtr,    ///< IS_ERR() said it is an error pointer: holds nothing
};

struct RefState {
  const utrace::ApiFunction *Source; ///< where the tracking started
  unsigned Count;                    ///< references owed a put; 0 = released
  RefKind Kind;
  bool NullTested = false; ///< already reported as compared with NULL
  bool HandedOver = false; ///< stored where some code of the file puts it
  bool Reported = false;   ///< a bad use was reported: do not repeat it
  /// The field or global it was stored in that nothing releases.
  const clang::Decl *StoredIn = nullptr;
  /// The structure it was stored in, and the data given at attach: what its
  /// callbacks use (UT-REF-006).
  const MemRegion *Holder = nullptr;
  const MemRegion *Data = nullptr;

  bool released() const {
    return Count == 0 && Kind != RefKind::ErrPtr && !HandedOver;
  }
  bool operator==(const RefState &O) const {
    return Source == O.Source && Count == O.Count && Kind == O.Kind &&
           NullTested == O.NullTested && HandedOver == O.HandedOver &&
           Reported == O.Reported && StoredIn == O.StoredIn &&
           Holder == O.Holder && Data == O.Data;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Source);
    ID.AddInteger(Count);
    ID.AddInteger(static_cast<unsigned>(Kind));
    ID.AddBoolean(NullTested);
    ID.AddBoolean(HandedOver);
    ID.AddBoolean(Reported);
    ID.AddPointer(StoredIn);
    ID.AddPointer(Holder);
    ID.AddPointer(Data);
  }
};

/// utrace_control(UTRACE_DETACH) was called on an engine: until a barrier
/// returns 0, its callbacks may still run (UT-REF-006).
struct DetachState {
  SymbolRef ControlRet; ///< may be -EINPROGRESS
  SymbolRef BarrierRet; ///< the last utrace_barrier() on it, or null
  const MemRegion *Holder;
  const MemRegion *Data;
  /// Where the engine pointer was loaded from (a field, a global): a
  /// barrier on a value loaded again from there is on the same engine,
  /// also after a call made the analyzer forget the loaded value.
  const MemRegion *Origin;

  bool operator==(const DetachState &O) const {
    return ControlRet == O.ControlRet && BarrierRet == O.BarrierRet &&
           Holder == O.Holder && Data == O.Data && Origin == O.Origin;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(ControlRet);
    ID.AddPointer(BarrierRet);
    ID.AddPointer(Holder);
    ID.AddPointer(Data);
    ID.AddPointer(Origin);
  }
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(EngineRefs, SymbolRef, RefState)
REGISTER_MAP_WITH_PROGRAMSTATE(PendingDetach, SymbolRef, DetachState)
/// Engines loaded from a field that may hold an error pointer, reported once.
REGISTER_SET_WITH_PROGRAMSTATE(ErrFieldWarned, SymbolRef)

namespace utrace {
namespace {

constexpr const char *Category = "utrace engine reference";

/// The rules of this checker, in catalog order; each can be switched off.
enum RuleIndex : unsigned {
  RuleLeak,
  RuleUseAfterPut,
  RuleDoublePut,
  RuleNullTest,
  RuleErrPtrUse,
  RuleDetachWait,
  NumRules
};
constexpr const char *RuleIds[NumRules] = {"UT-REF-001", "UT-REF-002",
                                           "UT-REF-003", "UT-REF-004",
                                           "UT-REF-005", "UT-REF-006"};

/// Functions that free the object their argument points to, and which
/// argument: what UT-REF-006 watches for.
struct FreeFunction {
  llvm::StringLiteral Name;
  unsigned Arg;
};
constexpr FreeFunction FreeFunctions[] = {
    {"kfree", 0},  {"kvfree", 0},          {"vfree", 0},
    {"kzfree", 0}, {"kfree_sensitive", 0}, {"kmem_cache_free", 1},
};

/// The argument of a resume action that detaches ("UTRACE_DETACH").
constexpr llvm::StringLiteral DetachAction = "UTRACE_DETACH";

class EngineRefChecker
    : public Checker<check::PreCall, check::PostCall, check::DeadSymbols,
                     check::LiveSymbols, check::PointerEscape, check::Bind,
                     check::PreStmt<ReturnStmt>, check::EndFunction,
                     check::BranchCondition, check::Location,
                     check::ASTCodeBody> {
  const BugType LeakBT{this, "UT-REF-001", Category, /*SuppressOnSink=*/true};
  const BugType UseAfterPutBT{this, "UT-REF-002", Category};
  const BugType DoublePutBT{this, "UT-REF-003", Category};
  const BugType NullTestBT{this, "UT-REF-004", Category};
  const BugType ErrPtrUseBT{this, "UT-REF-005", Category};
  const BugType DetachWaitBT{this, "UT-REF-006", Category};

public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printEngineRefState, NL);
  }
  /// Which rules report; set at registration from the enabled rule set.
  bool Enabled[NumRules] = {true, true, true, true, true, true};

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                        BugReporter &BR) const;

private:
  mutable const ASTContext *FactsCtx = nullptr;
  mutable EngineRefFacts Facts;
  const EngineRefFacts &facts(CheckerContext &C) const;

  void evalGet(const ApiFunction &Fn, SymbolRef Sym, const Expr *Arg,
               CheckerContext &C) const;
  void evalPut(const ApiFunction &Fn, SymbolRef Sym, const Expr *Arg,
               CheckerContext &C) const;
  /// A finding waiting for the node that carries it.
  struct Pending {
    RuleIndex Rule;
    std::string Msg;
    SymbolRef Sym;
    SourceRange Range;
    /// A leak owed only because nothing in this file releases the field or
    /// global the engine was stored in (-p may find the release elsewhere).
    const Decl *OwedField = nullptr;
  };
  const BugType &bugType(RuleIndex Rule) const;
  /// A use of an engine that is released or may be an error pointer,
  /// reported once per engine; returns the state that remembers it.
  ProgramStateRef checkUse(ProgramStateRef State, SymbolRef Sym, StringRef Use,
                           const Expr *E, SourceRange Range, CheckerContext &C,
                           llvm::SmallVectorImpl<Pending> &Out) const;
  ProgramStateRef checkFieldUse(ProgramStateRef State, SymbolRef Sym,
                                StringRef Use, const Expr *E,
                                SourceRange Range, CheckerContext &C,
                                llvm::SmallVectorImpl<Pending> &Out) const;
  /// Moves to State in one transition, on a non-fatal error node carrying
  /// the enabled findings (disabled ones neither report nor change the
  /// path).
  void emit(ProgramStateRef State, ArrayRef<Pending> Findings,
            CheckerContext &C, const NoteTag *Tag = nullptr) const;
  void addLeaks(ArrayRef<std::pair<SymbolRef, RefState>> Leaked,
                llvm::SmallVectorImpl<Pending> &Out) const;
  void evalDetach(const CallEvent &Call, SymbolRef Engine,
                  CheckerContext &C) const;
  void evalAcquired(const CallEvent &Call, const ApiFunction &Fn,
                    CheckerContext &C) const;
  void evalEngineWait(const CallEvent &Call, SymbolRef Engine,
                      CheckerContext &C) const;
  void checkFree(const CallEvent &Call, CheckerContext &C) const;
  bool stillDetaching(ProgramStateRef State, const DetachState &D,
                      CheckerContext &C) const;
  const NoteTag *noteFor(CheckerContext &C, SymbolRef Sym,
                         std::string Msg) const;
};

/// The region a value was loaded from, when its symbol is that region's
/// unknown contents (a parameter's field, a global).
static const MemRegion *loadedFrom(SymbolRef Sym) {
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym))
    return RV->getRegion();
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(Sym))
    return D->getRegion();
  return nullptr;
}

/// The field a value was loaded from ("t->engine", "g.engine").
static const FieldRegion *loadedFromField(SymbolRef Sym) {
  return dyn_cast_or_null<FieldRegion>(loadedFrom(Sym));
}

static std::string fieldName(const Decl *D) {
  const auto *ND = dyn_cast<NamedDecl>(D);
  if (!ND)
    return "the field";
  if (const auto *FD = dyn_cast<FieldDecl>(D))
    return "'" + FD->getParent()->getNameAsString() + "::" +
           FD->getNameAsString() + "'";
  return "'" + ND->getNameAsString() + "'";
}

const EngineRefFacts &EngineRefChecker::facts(CheckerContext &C) const {
  ASTContext &Ctx = C.getASTContext();
  if (FactsCtx != &Ctx) {
    Facts = EngineRefFacts::compute(Ctx, ApiModel::builtin());
    FactsCtx = &Ctx;
  }
  return Facts;
}

const NoteTag *EngineRefChecker::noteFor(CheckerContext &C, SymbolRef Sym,
                                         std::string Msg) const {
  // Reference events explain reference findings, not UT-REF-006.
  return C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
    return BR.isInteresting(Sym) && BR.getBugType().getDescription() !=
                                        RuleIds[RuleDetachWait]
               ? Msg
               : std::string();
  });
}

const BugType &EngineRefChecker::bugType(RuleIndex Rule) const {
  switch (Rule) {
  case RuleLeak:
    return LeakBT;
  case RuleUseAfterPut:
    return UseAfterPutBT;
  case RuleDoublePut:
    return DoublePutBT;
  case RuleNullTest:
    return NullTestBT;
  case RuleErrPtrUse:
    return ErrPtrUseBT;
  default:
    return DetachWaitBT;
  }
}

void EngineRefChecker::emit(ProgramStateRef State, ArrayRef<Pending> Findings,
                            CheckerContext &C, const NoteTag *Tag) const {
  bool Any = llvm::any_of(Findings,
                          [&](const Pending &P) { return Enabled[P.Rule]; });
  if (!Any) {
    if (State != C.getState() || Tag)
      C.addTransition(State, Tag);
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(State, Tag);
  if (!N)
    return;
  for (const Pending &P : Findings) {
    if (!Enabled[P.Rule])
      continue;
    std::unique_ptr<PathSensitiveBugReport> R;
    if (P.Rule == RuleLeak) {
      // One report per acquisition site, as StreamChecker does.
      SymbolRef S = P.Sym;
      const ExplodedNode *Acq = findOpeningNode(N, [S](ProgramStateRef St) {
        return St->get<EngineRefs>(S) != nullptr;
      });
      PathDiagnosticLocation Opening =
          openingLocation(Acq, C.getSourceManager());
      R = std::make_unique<PathSensitiveBugReport>(
          bugType(P.Rule), P.Msg, N, Opening,
          Acq->getLocationContext()->getDecl());
      std::string Key = crossFileKey(P.OwedField);
      if (CurrentHandOverRecord && !Key.empty())
        CurrentHandOverRecord->OwedByAcquisition[Opening.asLocation()
                                                     .getRawEncoding()] = Key;
    } else {
      R = std::make_unique<PathSensitiveBugReport>(bugType(P.Rule), P.Msg, N);
    }
    if (P.Sym)
      R->markInteresting(P.Sym);
    if (P.Range.isValid())
      R->addRange(P.Range);
    C.emitReport(std::move(R));
  }
}

void EngineRefChecker::addLeaks(ArrayRef<std::pair<SymbolRef, RefState>> Leaked,
                                llvm::SmallVectorImpl<Pending> &Out) const {
  for (auto &[Sym, RS] : Leaked)
    Out.push_back({RuleLeak,
                   "engine reference from " + apiCallName(*RS.Source) +
                       " is not released on this path",
                   Sym, SourceRange(), RS.StoredIn});
}

ProgramStateRef
EngineRefChecker::checkUse(ProgramStateRef State, SymbolRef Sym, StringRef Use,
                           const Expr *E, SourceRange Range, CheckerContext &C,
                           llvm::SmallVectorImpl<Pending> &Out) const {
  const RefState *RS = State->get<EngineRefs>(Sym);
  if (!RS)
    return checkFieldUse(State, Sym, Use, E, Range, C, Out);
  if (RS->Reported)
    return State;
  RefState Next = *RS;
  Next.Reported = true;
  if (RS->released()) {
    Out.push_back({RuleUseAfterPut,
                   "engine " + Use.str() +
                       " after its last reference was dropped by "
                       "utrace_engine_put()",
                   Sym, Range});
    return State->set<EngineRefs>(Sym, Next);
  }
  if (RS->Kind == RefKind::ErrPtr ||
      (RS->Kind == RefKind::Unchecked && !RS->NullTested)) {
    Out.push_back(
        {RuleErrPtrUse,
         "result of " + apiCallName(*RS->Source) + " " + Use.str() +
             (RS->Kind == RefKind::ErrPtr
                  ? " although IS_ERR() said it is an error pointer"
                  : " without ruling out an error pointer with IS_ERR()"),
         Sym, Range});
    return State->set<EngineRefs>(Sym, Next);
  }
  return State;
}

ProgramStateRef EngineRefChecker::checkFieldUse(
    ProgramStateRef State, SymbolRef Sym, StringRef Use, const Expr *E,
    SourceRange Range, CheckerContext &C,
    llvm::SmallVectorImpl<Pending> &Out) const {
  const FieldRegion *FR = loadedFromField(Sym);
  if (!FR)
    return State;
  const EngineRefFacts &F = facts(C);
  auto It = F.ErrFields.find(FR->getDecl()->getCanonicalDecl());
  if (It == F.ErrFields.end() || State->contains<ErrFieldWarned>(Sym) ||
      getErrPtrKnowledge(State, Sym) == ErrPtrKnowledge::NotError)
    return State;
  unsigned Line = C.getSourceManager().getExpansionLineNumber(It->second.Loc);
  Out.push_back({RuleErrPtrUse,
                 describeExpr(E) + " " + Use.str() +
                     " without ruling out an error pointer with IS_ERR(): " +
                     fieldName(FR->getDecl()) + " is assigned the result of " +
                     apiCallName(*It->second.Source) + " unchecked at line " +
                     std::to_string(Line),
                 Sym, Range});
  return State->add<ErrFieldWarned>(Sym);
}

void EngineRefChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call, MemberCalls::Skip);
  if (!Fn) {
    checkFree(Call, C);
    return;
  }
  if (Fn->EngineArg < 0 ||
      static_cast<unsigned>(Fn->EngineArg) >= Call.getNumArgs())
    return;
  SymbolRef Sym = Call.getArgSVal(Fn->EngineArg).getAsSymbol();
  if (!Sym)
    return;
  const Expr *Arg = Call.getArgExpr(Fn->EngineArg);
  if (Fn->has(Role::EngineGet))
    return evalGet(*Fn, Sym, Arg, C);
  if (Fn->has(Role::EnginePut))
    return evalPut(*Fn, Sym, Arg, C);
  llvm::SmallVector<Pending, 1> Out;
  ProgramStateRef State =
      checkUse(C.getState(), Sym, "passed to " + apiCallName(*Fn), Arg,
               Arg->getSourceRange(), C, Out);
  emit(State, Out, C);
}

void EngineRefChecker::evalGet(const ApiFunction &Fn, SymbolRef Sym,
                               const Expr *Arg, CheckerContext &C) const {
  llvm::SmallVector<Pending, 1> Out;
  ProgramStateRef State =
      checkUse(C.getState(), Sym, "passed to " + apiCallName(Fn), Arg,
               Arg->getSourceRange(), C, Out);
  const RefState *RS = State->get<EngineRefs>(Sym);
  // A get after the last put is reported above; counting it anyway keeps
  // the put that usually follows from being a second finding.
  if (RS && RS->Kind == RefKind::ErrPtr)
    return emit(State, Out, C);
  RefState Next = RS ? *RS : RefState{&Fn, 0, RefKind::Held};
  ++Next.Count;
  emit(State->set<EngineRefs>(Sym, Next), Out, C,
       noteFor(C, Sym, "engine reference taken here by " + apiCallName(Fn)));
}

void EngineRefChecker::evalPut(const ApiFunction &Fn, SymbolRef Sym,
                               const Expr *Arg, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const RefState *RS = State->get<EngineRefs>(Sym);
  llvm::SmallVector<Pending, 1> Out;
  std::string Use = "passed to " + apiCallName(Fn);
  if (!RS) {
    State = checkFieldUse(State, Sym, Use, Arg, Arg->getSourceRange(), C, Out);
    // The caller's reference: released now, so a second put or a later use
    // in this function is a bug.
    emit(State->set<EngineRefs>(Sym, RefState{&Fn, 0, RefKind::Held}), Out, C,
         noteFor(C, Sym, "engine reference released here"));
    return;
  }
  if (RS->released()) {
    Out.push_back({RuleDoublePut,
                   "utrace_engine_put() called twice on the same engine "
                   "reference",
                   Sym, Arg->getSourceRange()});
    return emit(State, Out, C);
  }
  if (RS->Kind != RefKind::Held) {
    State = checkUse(State, Sym, Use, Arg, Arg->getSourceRange(), C, Out);
    RS = State->get<EngineRefs>(Sym);
    if (RS->Kind == RefKind::ErrPtr)
      return emit(State, Out, C);
  }
  RefState Next = *RS;
  if (Next.Count == 0)
    Next.HandedOver = false; // put where it was stored: released now
  else
    --Next.Count;
  // Stored in a structure and put: "attach, configure, put, keep the
  // pointer" - the attachment keeps the engine alive; stop following it.
  ProgramStateRef Final = Next.Count == 0 && Next.StoredIn
                              ? State->remove<EngineRefs>(Sym)
                              : State->set<EngineRefs>(Sym, Next);
  emit(Final, Out, C,
       noteFor(C, Sym,
               Next.Count ? "engine reference released here"
                          : "last engine reference released here"));
}

/// An attach returned an engine: one reference, not yet checked for an
/// error pointer; the data pointer (the last argument of every attach
/// call) remembered.
void EngineRefChecker::evalAcquired(const CallEvent &Call,
                                    const ApiFunction &Fn,
                                    CheckerContext &C) const {
  SymbolRef Sym = Call.getReturnValue().getAsSymbol();
  if (!Sym)
    return;
  RefState RS{&Fn, 1, RefKind::Unchecked};
  if (Call.getNumArgs() == 4)
    if (const MemRegion *D = Call.getArgSVal(3).getAsRegion())
      RS.Data = D->getBaseRegion();
  C.addTransition(
      C.getState()->set<EngineRefs>(Sym, RS),
      noteFor(C, Sym, "engine reference acquired here by " + apiCallName(Fn)));
}

/// utrace_barrier() on Engine: its result decides the detaches pending on
/// that engine (or on the field it was loaded from).
void EngineRefChecker::evalEngineWait(const CallEvent &Call, SymbolRef Engine,
                                      CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const MemRegion *From = loadedFrom(Engine);
  bool Changed = false;
  for (auto [Key, D] : State->get<PendingDetach>()) {
    if (Key != Engine && (!From || From != D.Origin))
      continue;
    DetachState Next = D;
    Next.BarrierRet = Call.getReturnValue().getAsSymbol();
    State = State->set<PendingDetach>(Key, Next);
    Changed = true;
  }
  if (Changed)
    C.addTransition(State);
}

/// IS_ERR(engine) evaluated: ApiModeling has split the path; record its
/// answer for an engine not checked yet.
static void recordErrTest(const CallEvent &Call, CheckerContext &C) {
  ProgramStateRef State = C.getState();
  SymbolRef Sym = Call.getArgSVal(0).getAsSymbol();
  const RefState *RS = Sym ? State->get<EngineRefs>(Sym) : nullptr;
  if (!RS || RS->Kind != RefKind::Unchecked)
    return;
  RefState Next = *RS;
  switch (getErrPtrKnowledge(State, Sym)) {
  case ErrPtrKnowledge::IsError:
    Next.Kind = RefKind::ErrPtr;
    Next.Count = 0;
    Next.HandedOver = false;
    break;
  case ErrPtrKnowledge::NotError:
    Next.Kind = RefKind::Held;
    break;
  case ErrPtrKnowledge::Unknown:
    return;
  }
  C.addTransition(State->set<EngineRefs>(Sym, Next));
}

void EngineRefChecker::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call, MemberCalls::Skip);
  if (!Fn)
    return;
  if (Fn->has(Role::EngineAcquire))
    return evalAcquired(Call, *Fn, C);
  if (Fn->EngineArg >= 0 &&
      static_cast<unsigned>(Fn->EngineArg) < Call.getNumArgs()) {
    SymbolRef Engine = Call.getArgSVal(Fn->EngineArg).getAsSymbol();
    if (Engine && Fn->has(Role::EngineWait))
      return evalEngineWait(Call, Engine, C);
    if (Engine && Fn->ReturnsErrno && Call.getNumArgs() > 2)
      evalDetach(Call, Engine, C);
    return;
  }
  if ((Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)) &&
      Call.getNumArgs() == 1)
    recordErrTest(Call, C);
}

/// utrace_control(task, engine, UTRACE_DETACH): the detach may still be in
/// progress until a barrier returns 0.
void EngineRefChecker::evalDetach(const CallEvent &Call, SymbolRef Engine,
                                  CheckerContext &C) const {
  const Expr *Action = Call.getArgExpr(2)->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Action);
  const auto *EC = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  SymbolRef Ret = Call.getReturnValue().getAsSymbol();
  if (!EC || EC->getName() != DetachAction || !Ret)
    return;
  ProgramStateRef State = C.getState();
  DetachState D{Ret, nullptr, nullptr, nullptr, loadedFrom(Engine)};
  if (const RefState *RS = State->get<EngineRefs>(Engine)) {
    D.Holder = RS->Holder;
    D.Data = RS->Data;
  }
  if (!D.Holder)
    if (const FieldRegion *FR = loadedFromField(Engine))
      D.Holder = FR->getSuperRegion()->getBaseRegion();
  C.addTransition(State->set<PendingDetach>(Engine, D),
                  C.getNoteTag([Engine](PathSensitiveBugReport &BR) {
                    return BR.isInteresting(Engine) &&
                                   BR.getBugType().getDescription() ==
                                       RuleIds[RuleDetachWait]
                               ? std::string("engine detached here; "
                                             "utrace_control() may return "
                                             "-EINPROGRESS while a callback "
                                             "still runs")
                               : std::string();
                  }));
}

bool EngineRefChecker::stillDetaching(ProgramStateRef State,
                                      const DetachState &D,
                                      CheckerContext &C) const {
  SValBuilder &SVB = C.getSValBuilder();
  const ApiModel &Api = ApiModel::builtin();
  auto MayBe = [&](SymbolRef Sym, StringRef Errno) {
    QualType T = Sym->getType();
    SVal Eq = SVB.evalBinOp(State, BO_EQ, nonloc::SymbolVal(Sym),
                            SVB.makeIntVal(-Api.errnoValue(Errno), T),
                            SVB.getConditionType());
    auto DV = Eq.getAs<DefinedOrUnknownSVal>();
    return !DV || State->assume(*DV, true) != nullptr;
  };
  if (!MayBe(D.ControlRet, "EINPROGRESS"))
    return false;
  return !D.BarrierRet || MayBe(D.BarrierRet, "ERESTARTSYS");
}

void EngineRefChecker::checkFree(const CallEvent &Call,
                                 CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return;
  const FreeFunction *Free = nullptr;
  for (const FreeFunction &F : FreeFunctions)
    if (FD->getName() == F.Name)
      Free = &F;
  if (!Free || Free->Arg >= Call.getNumArgs())
    return;
  ProgramStateRef State = C.getState();
  if (State->get<PendingDetach>().isEmpty())
    return;
  SVal Ptr = Call.getArgSVal(Free->Arg);
  const MemRegion *R = Ptr.getAsRegion();
  R = R ? R->getBaseRegion() : nullptr;
  // engine->data, loaded after the detach.
  const FieldRegion *DataField = loadedFromField(Ptr.getAsSymbol());
  for (auto [Engine, D] : State->get<PendingDetach>()) {
    bool Uses = R && (R == D.Holder || R == D.Data);
    if (DataField)
      if (const auto *SR = dyn_cast<SymbolicRegion>(
              DataField->getSuperRegion()->getBaseRegion()))
        Uses |= SR->getSymbol() == Engine &&
                DataField->getDecl()->getName() == "data";
    if (!Uses || !stillDetaching(State, D, C))
      continue;
    Pending P{RuleDetachWait,
              describeExpr(Call.getArgExpr(Free->Arg)) +
                  " freed while a callback of the engine detached with "
                  "utrace_control() may still be running; wait for "
                  "utrace_barrier() to return 0 first",
              Engine, Call.getArgExpr(Free->Arg)->getSourceRange()};
    emit(State->remove<PendingDetach>(Engine), P, C);
    return;
  }
}

void EngineRefChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                     CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR)
    return;
  const Expr *Base = nullptr;
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts())
                         : nullptr)
    Base = ME->getBase();
  llvm::SmallVector<Pending, 1> Out;
  ProgramStateRef State =
      checkUse(C.getState(), SR->getSymbol(),
               IsLoad ? "member read" : "member written", Base,
               S ? S->getSourceRange() : SourceRange(), C, Out);
  emit(State, Out, C);
}

/// Where a store to R keeps an engine: a field (and the object holding it)
/// or a global; null Target for anything else (a plain pointer's target).
static const Decl *storeTarget(const MemRegion *R, const MemRegion *&Holder) {
  while (const auto *ER = dyn_cast<ElementRegion>(R))
    R = ER->getSuperRegion();
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    Holder = FR->getSuperRegion()->getBaseRegion();
    return FR->getDecl()->getCanonicalDecl();
  }
  if (const auto *VR = dyn_cast<VarRegion>(R))
    if (VR->getDecl()->hasGlobalStorage())
      return VR->getDecl()->getCanonicalDecl();
  return nullptr;
}

/// The note on a store into Target that nothing in the file releases; it
/// explains a leak only: other findings on this engine do not need it.
static const NoteTag *owedStoreNote(CheckerContext &C, SymbolRef Sym,
                                    const Decl *Target) {
  std::string Msg = "engine stored in " + fieldName(Target) +
                    ", which nothing in this file releases with "
                    "utrace_engine_put(): the reference is still owed";
  return C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
    return BR.isInteresting(Sym) &&
                   BR.getBugType().getDescription() == RuleIds[RuleLeak]
               ? Msg
               : std::string();
  });
}

void EngineRefChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                 CheckerContext &C) const {
  SymbolRef Sym = Val.getAsSymbol();
  ProgramStateRef State = C.getState();
  const RefState *RS = Sym ? State->get<EngineRefs>(Sym) : nullptr;
  const MemRegion *R = Loc.getAsRegion();
  if (!RS)
    return;
  if (R && isa<StackSpaceRegion>(R->getMemorySpace()))
    return;
  RefState Next = *RS;
  const Decl *Target = R ? storeTarget(R, Next.Holder) : nullptr;
  // Stored through a NULL or unknown pointer: not a path to judge. Put,
  // then kept in a structure: the attachment keeps the engine alive
  // ("attach, configure, put, keep the pointer"). Through a plain pointer
  // ("*slot = engine"): handed over.
  if (!R || RS->released() || !Target) {
    C.addTransition(State->remove<EngineRefs>(Sym));
    return;
  }
  if (facts(C).Released.contains(Target)) {
    Next.HandedOver = Next.Count > 0 || Next.HandedOver;
    Next.Count = 0;
    Next.StoredIn = nullptr;
    C.addTransition(State->set<EngineRefs>(Sym, Next));
    return;
  }
  Next.StoredIn = Target;
  C.addTransition(State->set<EngineRefs>(Sym, Next),
                  Next.Count > 0 ? owedStoreNote(C, Sym, Target) : nullptr);
}

/// Strips what does not change a condition's meaning: parentheses, casts,
/// likely()/unlikely()'s __builtin_expect and "!!".
static const Expr *stripCondition(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (CE->getBuiltinCallee() == Builtin::BI__builtin_expect &&
          CE->getNumArgs() == 2) {
        E = CE->getArg(0);
        continue;
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_LNot)
        if (const auto *Inner = dyn_cast<UnaryOperator>(
                UO->getSubExpr()->IgnoreParenImpCasts()))
          if (Inner->getOpcode() == UO_LNot) {
            E = Inner->getSubExpr();
            continue;
          }
    return E;
  }
}

/// The pointer a condition tests against NULL: "!p", "p == NULL",
/// "NULL != p" or plain "p"; null otherwise.
static const Expr *nullTestedPointer(const Expr *Cond, ASTContext &Ctx) {
  const Expr *E = stripCondition(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_LNot)
      E = stripCondition(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!BO->isEqualityOp())
      return nullptr;
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    auto IsNull = [&](const Expr *X) {
      return X->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
    };
    if (IsNull(R))
      E = L->IgnoreParenImpCasts();
    else if (IsNull(L))
      E = R->IgnoreParenImpCasts();
    else
      return nullptr;
  }
  return E->getType()->isPointerType() ? E : nullptr;
}

/// Whether two expressions name the same pointer variable or field.
static bool samePointer(const Expr *A, const Expr *B) {
  A = A->IgnoreParenCasts();
  B = B->IgnoreParenCasts();
  if (const auto *DA = dyn_cast<DeclRefExpr>(A))
    if (const auto *DB = dyn_cast<DeclRefExpr>(B))
      return DA->getDecl() == DB->getDecl();
  const Decl *SA = storageOf(A);
  return SA && SA == storageOf(B);
}

/// Whether S contains IS_ERR()/IS_ERR_OR_NULL() of the pointer P.
static bool containsErrTestOf(const Stmt *S, const Expr *P) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const ApiFunction *Fn = lookupApiCall(CE);
    if (Fn && (Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)) &&
        CE->getNumArgs() == 1 && samePointer(CE->getArg(0), P))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (containsErrTestOf(Child, P))
      return true;
  return false;
}

/// A NULL test that is one half of a defensive check, "p && !IS_ERR(p)",
/// "!p || IS_ERR(p)" (either order): the other half rules out the error
/// pointer, so the NULL test is redundant, not wrong.
static bool isDefensiveCheck(const Stmt *Cond, const Expr *Ptr,
                             CheckerContext &C) {
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *Top = nullptr;
  for (const Stmt *P = PM.getParentIgnoreParenCasts(Cond); P;
       P = PM.getParentIgnoreParenCasts(P)) {
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      if (BO->isLogicalOp()) {
        Top = BO;
        continue;
      }
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      if (UO->getOpcode() == UO_LNot)
        continue;
    break;
  }
  return Top && containsErrTestOf(Top, Ptr);
}

void EngineRefChecker::checkBranchCondition(const Stmt *Cond,
                                            CheckerContext &C) const {
  const auto *CondE = dyn_cast<Expr>(Cond);
  const Expr *Ptr = CondE ? nullTestedPointer(CondE, C.getASTContext()) : nullptr;
  if (!Ptr)
    return;
  ProgramStateRef State = C.getState();
  SVal V = C.getSVal(Ptr);
  if (Ptr->isGLValue()) // the stripped lvalue-to-rvalue cast: load it
    if (auto L = V.getAs<Loc>())
      V = State->getSVal(*L, Ptr->getType());
  SymbolRef Sym = V.getAsSymbol();
  // Under likely()/unlikely() the variable's own value has already left the
  // environment; read the variable instead.
  if (!Sym)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Ptr))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Sym = State->getSVal(State->getLValue(VD, C.getLocationContext()))
                  .getAsSymbol();
  const RefState *RS = Sym ? State->get<EngineRefs>(Sym) : nullptr;
  if (!RS || RS->Kind != RefKind::Unchecked || RS->NullTested ||
      !RS->Source->has(Role::EngineAcquire) ||
      isDefensiveCheck(Cond, Ptr, C))
    return;
  RefState Next = *RS;
  Next.NullTested = true;
  Pending P{RuleNullTest,
            "result of " + apiCallName(*RS->Source) +
                " compared with NULL; it returns ERR_PTR() on failure, never "
                "NULL: test it with IS_ERR()",
            Sym, Ptr->getSourceRange()};
  emit(State->set<EngineRefs>(Sym, Next), P, C);
}

void EngineRefChecker::checkDeadSymbols(SymbolReaper &SR,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  llvm::SmallVector<std::pair<SymbolRef, RefState>, 2> Leaked;
  for (auto [Sym, RS] : State->get<EngineRefs>()) {
    if (!SR.isDead(Sym))
      continue;
    if (RS.Count > 0 && RS.Kind != RefKind::ErrPtr)
      Leaked.push_back({Sym, RS});
    State = State->remove<EngineRefs>(Sym);
  }
  for (SymbolRef Sym : State->get<ErrFieldWarned>())
    if (SR.isDead(Sym))
      State = State->remove<ErrFieldWarned>(Sym);
  for (auto [Engine, D] : State->get<PendingDetach>())
    if (!stillDetaching(State, D, C))
      State = State->remove<PendingDetach>(Engine);
  llvm::SmallVector<Pending, 2> Out;
  addLeaks(Leaked, Out);
  emit(State, Out, C);
}

void EngineRefChecker::checkLiveSymbols(ProgramStateRef State,
                                        SymbolReaper &SR) const {
  // A detach result decides UT-REF-006 later: keep what is known about it.
  for (auto [Engine, D] : State->get<PendingDetach>()) {
    SR.markLive(D.ControlRet);
    if (D.BarrierRet)
      SR.markLive(D.BarrierRet);
  }
}

ProgramStateRef EngineRefChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Modelled calls say exactly what they do with the engine.
  if (Call && lookupApiCall(*Call, MemberCalls::Skip))
    return State;
  for (SymbolRef Sym : Escaped) {
    const RefState *RS = State->get<EngineRefs>(Sym);
    if (!RS)
      continue;
    // A store of the engine itself was judged by checkBind; anything else
    // that carries it away (a structure copied into a global) hands it over.
    if (Kind == PSK_EscapeOnBind) {
      if (!RS->StoredIn && !RS->HandedOver)
        State = State->remove<EngineRefs>(Sym);
      continue;
    }
    // Stored where nothing releases it: a structure that reaches unknown
    // code does not put it either. The engine itself passed on does escape.
    if (RS->StoredIn && RS->Count > 0 && Kind != PSK_DirectEscapeOnCall)
      continue;
    State = State->remove<EngineRefs>(Sym);
  }
  return State;
}

void EngineRefChecker::checkPreStmt(const ReturnStmt *RS,
                                    CheckerContext &C) const {
  // Returned from the analysed function: the caller owns it now. Returns
  // from inlined wrappers keep the engine tracked in the caller.
  const Expr *RetE = RS->getRetValue();
  if (!RetE || !C.inTopFrame())
    return;
  SymbolRef Sym = C.getSVal(RetE).getAsSymbol();
  ProgramStateRef State = C.getState();
  if (Sym && State->get<EngineRefs>(Sym))
    C.addTransition(State->remove<EngineRefs>(Sym));
}

void EngineRefChecker::checkEndFunction(const ReturnStmt *RS,
                                        CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  // Engines still held at the end live in a structure nobody releases.
  llvm::SmallVector<std::pair<SymbolRef, RefState>, 2> Leaked;
  for (auto [Sym, Ref] : State->get<EngineRefs>()) {
    if (Ref.Count > 0 && Ref.Kind != RefKind::ErrPtr && Ref.StoredIn)
      Leaked.push_back({Sym, Ref});
    if (Ref.StoredIn)
      State = State->remove<EngineRefs>(Sym);
  }
  llvm::SmallVector<Pending, 2> Out;
  addLeaks(Leaked, Out);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (FD && facts(C).ExitFunctions.contains(FD->getCanonicalDecl()))
    for (auto [Engine, D] : State->get<PendingDetach>()) {
      if (!stillDetaching(State, D, C))
        continue;
      Out.push_back({RuleDetachWait,
                     "module exit returns while a callback of the engine "
                     "detached with utrace_control() may still be running; "
                     "wait for utrace_barrier() to return 0 first",
                     Engine, SourceRange()});
      State = State->remove<PendingDetach>(Engine);
    }
  emit(State, Out, C);
}

/// Finds "IS_ERR(x) == -ESRCH"-style comparisons: IS_ERR() is a truth value.
class ErrTestComparisonFinder
    : public RecursiveASTVisitor<ErrTestComparisonFinder> {
public:
  ErrTestComparisonFinder(ASTContext &Ctx,
                          std::function<void(const BinaryOperator *,
                                             const CallExpr *)> OnFound)
      : Ctx(Ctx), OnFound(std::move(OnFound)) {}

  bool VisitBinaryOperator(const BinaryOperator *BO) {
    if (!BO->isComparisonOp())
      return true;
    const Expr *Sides[2] = {BO->getLHS()->IgnoreParenImpCasts(),
                            BO->getRHS()->IgnoreParenImpCasts()};
    for (int I = 0; I < 2; ++I) {
      const auto *CE = dyn_cast<CallExpr>(Sides[I]);
      const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
      const ApiFunction *Fn =
          FD && FD->getIdentifier() ? ApiModel::builtin().lookup(FD->getName())
                                    : nullptr;
      if (!Fn || !(Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)))
        continue;
      Expr::EvalResult Other;
      if (Sides[1 - I]->EvaluateAsInt(Other, Ctx)) {
        llvm::APSInt V = Other.Val.getInt();
        if (V < 0 || V > 1)
          OnFound(BO, CE);
      }
    }
    return true;
  }

private:
  ASTContext &Ctx;
  std::function<void(const BinaryOperator *, const CallExpr *)> OnFound;
};

void EngineRefChecker::checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                                        BugReporter &BR) const {
  const Stmt *Body = D->getBody();
  if (!Body)
    return;
  ErrTestComparisonFinder Finder(
      Mgr.getASTContext(), [&](const BinaryOperator *BO, const CallExpr *CE) {
        std::string Name = CE->getDirectCallee()->getNameAsString();
        BR.EmitBasicReport(
            D, this, "UT-REF-004", Category,
            Name + "() compared with an errno value; it returns only true or "
                   "false: use PTR_ERR() for the errno",
            PathDiagnosticLocation::createOperatorLoc(BO,
                                                      Mgr.getSourceManager()),
            BO->getSourceRange());
      });
  if (Enabled[RuleNullTest])
    Finder.TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace

void registerEngineRefChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<EngineRefChecker>();
  // The family's structural rules live in their own file, same checker name.
  registerErrorResultRules(Mgr);
  for (unsigned I = 0; I < NumRules; ++I)
    Checker->Enabled[I] = runReportsRule(Mgr, RuleIds[I]);
}
bool shouldRegisterEngineRefChecker(const CheckerManager &) { return true; }

} // namespace utrace

namespace utrace {
/// "engine refs: [utrace_attach_task()@14 owes 1, held]": each engine this
/// path tracks, how many puts it owes and what IS_ERR() said; then the
/// engines being detached.
void printEngineRefState(raw_ostream &OS, ProgramStateRef State) {
  std::vector<std::string> Refs, Detaching;
  for (auto &[Sym, R] : State->get<EngineRefs>()) {
    std::string S = describeSymbol(State, Sym) + " owes " +
                    std::to_string(R.Count) + ", " +
                    (R.Kind == RefKind::Unchecked ? "IS_ERR unchecked"
                     : R.Kind == RefKind::Held    ? "held"
                                                  : "error pointer");
    if (R.released())
      S += ", released";
    if (R.HandedOver)
      S += ", handed over";
    Refs.push_back(std::move(S));
  }
  for (auto &[Sym, D] : State->get<PendingDetach>())
    Detaching.push_back(describeSymbol(State, Sym));
  OS << "engine refs: " << listOrNone(Refs);
  if (!Detaching.empty())
    OS << ", detaching: " << listOrNone(Detaching);
}
} // namespace utrace
