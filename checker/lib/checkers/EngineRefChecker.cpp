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
//              was not ruled out
//
// Each engine symbol carries how many references this function owes puts
// for. An engine first seen at a put (a parameter, a pointer loaded from a
// structure) is the caller's reference: the put releases it, so a second put
// or a later use is reported too.
//
// Deliberate blind spots (conservative on escape, as the analyzer's own
// checkers are): an engine stored into anything but a local, passed to an
// unknown function, or returned from the analysed top-level function has
// been handed over and is no longer tracked. Code for the 2006-2008 API
// generation (no utrace_engine_put declared) is filtered out by the driver.
//
//===----------------------------------------------------------------------===//
#include "Checkers.h"
#include "ModelingSupport.h"
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
  bool NullTested; ///< already reported as compared with NULL

  bool released() const { return Count == 0 && Kind != RefKind::ErrPtr; }
  bool operator==(const RefState &O) const {
    return Source == O.Source && Count == O.Count && Kind == O.Kind &&
           NullTested == O.NullTested;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Source);
    ID.AddInteger(Count);
    ID.AddInteger(static_cast<unsigned>(Kind));
    ID.AddBoolean(NullTested);
  }
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(EngineRefs, SymbolRef, RefState)

namespace utrace {
namespace {

constexpr const char *Category = "utrace engine reference";

class EngineRefChecker
    : public Checker<check::PreCall, check::PostCall, check::DeadSymbols,
                     check::PointerEscape, check::PreStmt<ReturnStmt>,
                     check::BranchCondition, check::Location,
                     check::ASTCodeBody> {
  const BugType LeakBT{this, "UT-REF-001", Category, /*SuppressOnSink=*/true};
  const BugType UseAfterPutBT{this, "UT-REF-002", Category};
  const BugType DoublePutBT{this, "UT-REF-003", Category};
  const BugType NullTestBT{this, "UT-REF-004", Category};
  const BugType ErrPtrUseBT{this, "UT-REF-005", Category};

public:
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                        BugReporter &BR) const;

private:
  void evalGet(const ApiFunction &Fn, SymbolRef Sym, const Expr *Arg,
               CheckerContext &C) const;
  void evalPut(const ApiFunction &Fn, SymbolRef Sym, const Expr *Arg,
               CheckerContext &C) const;
  /// Reports a use of an engine that is released or may be an error
  /// pointer; true when it reported (the path then ends).
  bool reportBadUse(SymbolRef Sym, const RefState &RS, StringRef Use,
                    SourceRange Range, CheckerContext &C) const;
  void report(const BugType &BT, const std::string &Msg, SymbolRef Sym,
              SourceRange Range, CheckerContext &C, bool Fatal) const;
  void reportLeak(SymbolRef Sym, const RefState &RS, ExplodedNode *N,
                  CheckerContext &C) const;
  const NoteTag *noteFor(CheckerContext &C, SymbolRef Sym,
                         std::string Msg) const;
};

const NoteTag *EngineRefChecker::noteFor(CheckerContext &C, SymbolRef Sym,
                                         std::string Msg) const {
  return C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
    return BR.isInteresting(Sym) ? Msg : std::string();
  });
}

void EngineRefChecker::report(const BugType &BT, const std::string &Msg,
                              SymbolRef Sym, SourceRange Range,
                              CheckerContext &C, bool Fatal) const {
  ExplodedNode *N =
      Fatal ? C.generateErrorNode() : C.generateNonFatalErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, N);
  if (Sym)
    R->markInteresting(Sym);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

bool EngineRefChecker::reportBadUse(SymbolRef Sym, const RefState &RS,
                                    StringRef Use, SourceRange Range,
                                    CheckerContext &C) const {
  if (RS.released()) {
    report(UseAfterPutBT,
           "engine " + Use.str() +
               " after its last reference was dropped by utrace_engine_put()",
           Sym, Range, C, /*Fatal=*/true);
    return true;
  }
  if (RS.Kind == RefKind::ErrPtr ||
      (RS.Kind == RefKind::Unchecked && !RS.NullTested)) {
    report(ErrPtrUseBT,
           "result of " + calleeName(*RS.Source) + " " + Use.str() +
               (RS.Kind == RefKind::ErrPtr
                    ? " although IS_ERR() said it is an error pointer"
                    : " without ruling out an error pointer with IS_ERR()"),
           Sym, Range, C, /*Fatal=*/true);
    return true;
  }
  return false;
}

void EngineRefChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const ApiFunction *Fn = lookupCall(Call);
  if (!Fn || Fn->EngineArg < 0 ||
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
  if (const RefState *RS = C.getState()->get<EngineRefs>(Sym))
    reportBadUse(Sym, *RS, "passed to " + calleeName(*Fn),
                 Arg->getSourceRange(), C);
}

void EngineRefChecker::evalGet(const ApiFunction &Fn, SymbolRef Sym,
                               const Expr *Arg, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const RefState *RS = State->get<EngineRefs>(Sym);
  if (RS && reportBadUse(Sym, *RS, "passed to " + calleeName(Fn),
                         Arg->getSourceRange(), C))
    return;
  RefState Next = RS ? *RS : RefState{&Fn, 0, RefKind::Held, false};
  ++Next.Count;
  C.addTransition(State->set<EngineRefs>(Sym, Next),
                  noteFor(C, Sym, "engine reference taken here by " +
                                      calleeName(Fn)));
}

void EngineRefChecker::evalPut(const ApiFunction &Fn, SymbolRef Sym,
                               const Expr *Arg, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const RefState *RS = State->get<EngineRefs>(Sym);
  if (!RS) {
    // The caller's reference: released now, so a second put or a later use
    // in this function is a bug.
    C.addTransition(
        State->set<EngineRefs>(Sym, RefState{&Fn, 0, RefKind::Held, false}),
        noteFor(C, Sym, "engine reference released here"));
    return;
  }
  if (RS->released()) {
    report(DoublePutBT,
           "utrace_engine_put() called twice on the same engine reference",
           Sym, Arg->getSourceRange(), C, /*Fatal=*/true);
    return;
  }
  if (RS->Kind != RefKind::Held &&
      reportBadUse(Sym, *RS, "passed to " + calleeName(Fn),
                   Arg->getSourceRange(), C))
    return;
  RefState Next = *RS;
  --Next.Count;
  C.addTransition(State->set<EngineRefs>(Sym, Next),
                  noteFor(C, Sym,
                          Next.Count ? "engine reference released here"
                                     : "last engine reference released here"));
}

void EngineRefChecker::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const ApiFunction *Fn = lookupCall(Call);
  if (!Fn)
    return;
  ProgramStateRef State = C.getState();
  if (Fn->has(Role::EngineAcquire)) {
    SymbolRef Sym = Call.getReturnValue().getAsSymbol();
    if (!Sym)
      return;
    C.addTransition(
        State->set<EngineRefs>(Sym, RefState{Fn, 1, RefKind::Unchecked, false}),
        noteFor(C, Sym, "engine reference acquired here by " + calleeName(*Fn)));
    return;
  }
  if ((Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)) &&
      Call.getNumArgs() == 1) {
    // ApiModeling has split the path; record its answer for this engine.
    SymbolRef Sym = Call.getArgSVal(0).getAsSymbol();
    const RefState *RS = Sym ? State->get<EngineRefs>(Sym) : nullptr;
    if (!RS || RS->Kind != RefKind::Unchecked)
      return;
    RefState Next = *RS;
    switch (getErrPtrKnowledge(State, Sym)) {
    case ErrPtrKnowledge::IsError:
      Next.Kind = RefKind::ErrPtr;
      Next.Count = 0;
      break;
    case ErrPtrKnowledge::NotError:
      Next.Kind = RefKind::Held;
      break;
    case ErrPtrKnowledge::Unknown:
      return;
    }
    C.addTransition(State->set<EngineRefs>(Sym, Next));
  }
}

void EngineRefChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                     CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR)
    return;
  SymbolRef Sym = SR->getSymbol();
  if (const RefState *RS = C.getState()->get<EngineRefs>(Sym))
    reportBadUse(Sym, *RS, IsLoad ? "member read" : "member written",
                 S ? S->getSourceRange() : SourceRange(), C);
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
      !RS->Source->has(Role::EngineAcquire))
    return;
  RefState Next = *RS;
  Next.NullTested = true;
  ExplodedNode *N = C.generateNonFatalErrorNode(State->set<EngineRefs>(Sym, Next));
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(
      NullTestBT,
      "result of " + calleeName(*RS->Source) +
          " compared with NULL; it returns ERR_PTR() on failure, never NULL: "
          "test it with IS_ERR()",
      N);
  R->markInteresting(Sym);
  R->addRange(Ptr->getSourceRange());
  C.emitReport(std::move(R));
}

void EngineRefChecker::reportLeak(SymbolRef Sym, const RefState &RS,
                                  ExplodedNode *N, CheckerContext &C) const {
  const ExplodedNode *Acq = findOpeningNode(
      N, [Sym](ProgramStateRef S) { return S->get<EngineRefs>(Sym) != nullptr; });
  PathDiagnosticLocation Uniq = openingLocation(Acq, C.getSourceManager());
  auto R = std::make_unique<PathSensitiveBugReport>(
      LeakBT,
      "engine reference from " + calleeName(*RS.Source) +
          " is not released on this path",
      N, Uniq, Acq->getLocationContext()->getDecl());
  R->markInteresting(Sym);
  C.emitReport(std::move(R));
}

void EngineRefChecker::checkDeadSymbols(SymbolReaper &SR,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  llvm::SmallVector<std::pair<SymbolRef, RefState>, 2> Leaked;
  bool Changed = false;
  for (auto [Sym, RS] : State->get<EngineRefs>()) {
    if (!SR.isDead(Sym))
      continue;
    if (RS.Count > 0 && RS.Kind != RefKind::ErrPtr)
      Leaked.push_back({Sym, RS});
    State = State->remove<EngineRefs>(Sym);
    Changed = true;
  }
  if (!Changed)
    return;
  ExplodedNode *N = C.getPredecessor();
  if (!Leaked.empty()) {
    N = C.generateNonFatalErrorNode(C.getState());
    if (!N)
      return;
    for (auto &[Sym, RS] : Leaked)
      reportLeak(Sym, RS, N, C);
  }
  C.addTransition(State, N);
}

ProgramStateRef EngineRefChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Modelled calls say exactly what they do with the engine.
  if (Call && lookupCall(*Call))
    return State;
  for (SymbolRef Sym : Escaped)
    State = State->remove<EngineRefs>(Sym);
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
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace

void registerEngineRefChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<EngineRefChecker>();
}
bool shouldRegisterEngineRefChecker(const CheckerManager &) { return true; }

} // namespace utrace
