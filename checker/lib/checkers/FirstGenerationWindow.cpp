//===- FirstGenerationWindow.cpp - 2006-2008 utrace register reads -*- C++ -*-===//
//
// Part of utrace.ExamineWindow (registered by registerExamineWindowChecker
// when the rule is enabled, so --disable=UT-WIN-004 removes it and its
// state from every path):
//
//  UT-WIN-004  in code of the first API generation (no
//              utrace_prepare_examine(): the translation unit does not
//              declare the generation marker), a register-access call of the
//              API table (utrace_regset(), the regset's get()/set(),
//              task_pt_regs(), copy_regset_*()) on a task that is neither
//              provably current nor known to be stopped on this path
//
// That generation had no examine window: an engine could read a thread's
// registers when the thread was `current` (inside its own callbacks) or off
// the CPU and held there (quiesced threads sit in TASK_TRACED, stopped ones
// in TASK_STOPPED). What the path can prove:
//  - current: `current` itself; a task the path compared equal to it
//    (`task == current` assumed true); the first task parameter of a
//    report_* callback installed in a `struct utrace_engine_ops` (all but
//    report_reap run in the traced thread), when it is the analysed
//    function; in such a callback, a task field of the record its own
//    `engine->data` points to, when the file sets that field to the thread
//    it attaches with that record as the engine's data (`rec->task = t;
//    utrace_attach(t, ..., rec)`: task_arg and data_arg in utrace.yaml);
//  - stopped: a test of the task's run-state field (kernel.yaml's
//    task_state_fields) after which the path's constraints leave no value
//    without a stopped bit (`task->state & (TASK_STOPPED | TASK_TRACED)`
//    assumed non-zero, `task->state == TASK_TRACED`).
// Both are read from the constraints at each assumption (eval::Assume),
// so `||`, `!` and early returns on the failing branch all work. Facts are
// keyed like examine windows, by the location the task pointer was loaded
// from, and kept for the rest of the path. One report per task and path.
//
// Deliberate blind spots: asking for UTRACE_ACTION_QUIESCE with
// utrace_set_flags() proves nothing (the thread stops later, if at all),
// nor does the engine's own bookkeeping of which threads reported
// quiesce; a stopped state is not forgotten when the engine resumes the
// thread later on the path; a task parameter of a function that is not a
// callback is not known to be anything, so a helper analysed on its own
// (not inlined into a caller) is checked without its callers' tests.
//
//===----------------------------------------------------------------------===//
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "analysis/Relevance.h"
#include "checkers/TaskModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

using namespace clang;
using namespace ento;

namespace {
/// What the path proved about a task.
struct KnownTask {
  enum Kind : unsigned char { Current, Stopped } What;
  /// The task symbol the fact was proved for: when it is also the key,
  /// the fact dies with it.
  SymbolRef Sym;

  bool operator==(const KnownTask &O) const {
    return What == O.What && Sym == O.Sym;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(static_cast<unsigned>(What));
    ID.AddPointer(Sym);
  }
};
} // namespace

// Task key (TaskModel's taskKey) -> what the path proved about it.
REGISTER_MAP_WITH_PROGRAMSTATE(FirstGenKnownTasks, const void *, KnownTask)
// Tasks already reported on this path.
REGISTER_SET_WITH_PROGRAMSTATE(FirstGenReportedTasks, const void *)

namespace utrace {
namespace {

constexpr const char *Category = "utrace examine window";

class FirstGenerationWindowChecker
    : public Checker<check::PreCall, eval::Assume, check::DeadSymbols> {
  const BugType BT{this, "UT-WIN-004", Category};

public:
  FirstGenerationWindowChecker(ASTContext &Ctx, const Preprocessor &PP)
      : Ctx(Ctx), PP(PP) {}

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  ASTContext &Ctx;
  const Preprocessor &PP;
  // Decided once per translation unit, when the whole file is parsed (the
  // checker is created before parsing starts).
  mutable std::optional<bool> FirstGeneration;
  mutable std::optional<uint64_t> StoppedMask;
  mutable std::optional<llvm::DenseMap<const FunctionDecl *, const ParmVarDecl *>>
      CurrentParams;
  mutable std::optional<llvm::DenseSet<const FieldDecl *>> TargetFields;
  /// evalAssume asks the constraints itself, which assumes again.
  mutable bool Querying = false;

  bool firstGeneration() const;
  uint64_t stoppedMask() const;
  /// The callback's parameter that is `current`, or null.
  const ParmVarDecl *currentParamOf(const FunctionDecl *FD) const;
  /// Record fields that hold the thread of the engine whose data the
  /// record is (engineTargetFields()).
  const llvm::DenseSet<const FieldDecl *> &targetFields() const;
  /// True when Base is the object `engine->data` points to, for the engine
  /// parameter of the analysed callback.
  bool isCallbackEngineData(const MemRegion *Base) const;
  /// True when Sym is `current` without help from the path.
  bool isCurrentByOrigin(SymbolRef Sym) const;
  bool isKnown(ProgramStateRef State, SymbolRef Task) const;
  /// The task whose run-state field Sym was read from, or null.
  SymbolRef stateFieldOwner(SymbolRef Sym) const;
  ProgramStateRef learn(ProgramStateRef State, SymbolRef Sub) const;
};

bool FirstGenerationWindowChecker::firstGeneration() const {
  if (!FirstGeneration)
    FirstGeneration =
        !translationUnitDeclares(Ctx, ApiModel::builtin().generationMarker());
  return *FirstGeneration;
}

/// Names the variable E is, through parentheses and casts.
const VarDecl *referencedVar(const Expr *E) {
  const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// The fields that hold an engine's thread: in one function body, `rec->f
/// = t` and an attach of t with rec as the engine's data (task_arg and
/// data_arg of an engine-acquire entry). In that engine's callbacks,
/// `((rec type *)engine->data)->f` is the thread reporting: current.
class TargetFieldFinder : public RecursiveASTVisitor<TargetFieldFinder> {
public:
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody()) {
      BodyScan Scan;
      Scan.TraverseStmt(FD->getBody());
      for (auto [Data, Task] : Scan.Attaches)
        for (auto [Base, Field, Value] : Scan.Stores)
          if (Base == Data && Value == Task)
            Fields.insert(Field->getCanonicalDecl());
    }
    return true;
  }
  llvm::DenseSet<const FieldDecl *> Fields;

private:
  struct BodyScan : RecursiveASTVisitor<BodyScan> {
    bool VisitCallExpr(CallExpr *CE) {
      const ApiFunction *Fn = lookupApiCall(CE);
      if (!Fn || !Fn->has(Role::EngineAcquire) || Fn->TaskArg < 0 ||
          Fn->DataArg < 0 ||
          CE->getNumArgs() <= static_cast<unsigned>(std::max(Fn->TaskArg, Fn->DataArg)))
        return true;
      const VarDecl *Data = referencedVar(CE->getArg(Fn->DataArg));
      const VarDecl *Task = referencedVar(CE->getArg(Fn->TaskArg));
      if (Data && Task)
        Attaches.push_back({Data, Task});
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() != BO_Assign)
        return true;
      const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
      const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
      const VarDecl *Base = ME ? referencedVar(ME->getBase()) : nullptr;
      const VarDecl *Value = referencedVar(BO->getRHS());
      if (F && Base && Value && isTaskPointerType(F->getType()))
        Stores.push_back({Base, F, Value});
      return true;
    }
    std::vector<std::pair<const VarDecl *, const VarDecl *>> Attaches;
    std::vector<std::tuple<const VarDecl *, const FieldDecl *, const VarDecl *>>
        Stores;
  };
};

/// The value of a macro defined as one non-negative integer literal, in
/// parentheses or not. (clang's tryExpandAsInteger() sign-extends from the
/// literal's minimal width: 4 and 8 come back as -4 and -8.)
std::optional<uint64_t> macroBits(StringRef Name, const Preprocessor &PP) {
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI)
    return std::nullopt;
  const Token *Lit = nullptr;
  for (const Token &T : MI->tokens()) {
    if (T.isOneOf(tok::l_paren, tok::r_paren))
      continue;
    if (Lit || T.isNot(tok::numeric_constant) || !T.getLiteralData())
      return std::nullopt;
    Lit = &T;
  }
  if (!Lit)
    return std::nullopt;
  StringRef Text(Lit->getLiteralData(), Lit->getLength());
  Text = Text.rtrim("uUlL");
  uint64_t V = 0;
  if (Text.getAsInteger(0, V))
    return std::nullopt;
  return V;
}

/// The stopped bits: the first group of stopped_state_macros the headers
/// all define, else stopped_state_mask.
uint64_t FirstGenerationWindowChecker::stoppedMask() const {
  if (StoppedMask)
    return *StoppedMask;
  const ApiModel &Api = ApiModel::builtin();
  SmallVector<StringRef, 4> Groups;
  Api.setting("stopped_state_macros").split(Groups, ',', -1, false);
  for (StringRef G : Groups) {
    SmallVector<StringRef, 4> Names;
    G.trim().split(Names, ' ', -1, false);
    uint64_t Mask = 0;
    bool All = !Names.empty();
    for (StringRef N : Names) {
      std::optional<uint64_t> V = macroBits(N, PP);
      if (!V) {
        All = false;
        break;
      }
      Mask |= *V;
    }
    if (All && Mask) {
      StoppedMask = Mask;
      return Mask;
    }
  }
  uint64_t Mask = 0;
  if (Api.setting("stopped_state_mask").getAsInteger(0, Mask))
    Mask = 0;
  StoppedMask = Mask;
  return Mask;
}

const ParmVarDecl *
FirstGenerationWindowChecker::currentParamOf(const FunctionDecl *FD) const {
  if (!CurrentParams) {
    CurrentParams.emplace();
    StringRef Reap = ApiModel::builtin().setting("reap_callback");
    llvm::DenseSet<const FunctionDecl *> Reapers;
    auto Callbacks = collectCallbacks(Ctx.getTranslationUnitDecl());
    for (auto &[Member, CB] : Callbacks)
      if (Member == Reap)
        Reapers.insert(CB->getCanonicalDecl());
    for (auto &[Member, CB] : Callbacks) {
      const FunctionDecl *Key = CB->getCanonicalDecl();
      if (Reapers.contains(Key))
        continue;
      // The thread a callback reports on is its first task parameter
      // (report_clone: the parent; the child is another thread).
      const FunctionDecl *Def = nullptr;
      if (!CB->hasBody(Def))
        Def = CB;
      for (const ParmVarDecl *P : Def->parameters())
        if (isTaskPointerType(P->getType())) {
          (*CurrentParams)[Key] = P;
          break;
        }
    }
  }
  auto It = CurrentParams->find(FD->getCanonicalDecl());
  return It == CurrentParams->end() ? nullptr : It->second;
}

const llvm::DenseSet<const FieldDecl *> &
FirstGenerationWindowChecker::targetFields() const {
  if (!TargetFields) {
    TargetFieldFinder Finder;
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    TargetFields = std::move(Finder.Fields);
  }
  return *TargetFields;
}

/// The region a symbol's value was loaded from, through casts.
const MemRegion *loadRegion(SymbolRef Sym) {
  const MemRegion *R = nullptr;
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym))
    R = RV->getRegion();
  else if (const auto *D = dyn_cast_or_null<SymbolDerived>(Sym))
    R = D->getRegion();
  return R ? R->StripCasts() : nullptr;
}

bool FirstGenerationWindowChecker::isCallbackEngineData(
    const MemRegion *Base) const {
  const auto *Obj = dyn_cast<SymbolicRegion>(Base->StripCasts());
  const auto *DataField =
      Obj ? dyn_cast_or_null<FieldRegion>(loadRegion(Obj->getSymbol())) : nullptr;
  if (!DataField || !DataField->getDecl()->getIdentifier() ||
      DataField->getDecl()->getName() !=
          ApiModel::builtin().setting("engine_data_field"))
    return false;
  const auto *Engine =
      dyn_cast<SymbolicRegion>(DataField->getSuperRegion()->StripCasts());
  if (!Engine || !isa<SymbolRegionValue>(Engine->getSymbol()))
    return false;
  const auto *VR = dyn_cast_or_null<VarRegion>(loadRegion(Engine->getSymbol()));
  const auto *PVD = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  const auto *FD =
      PVD ? dyn_cast<FunctionDecl>(PVD->getDeclContext()) : nullptr;
  return FD && isEnginePointerType(PVD->getType()) && currentParamOf(FD);
}

bool FirstGenerationWindowChecker::isCurrentByOrigin(SymbolRef Sym) const {
  if (isCurrentSymbol(Sym))
    return true;
  const MemRegion *R = loadedFrom(Sym);
  if (!R)
    return false;
  // The engine's thread, kept in the record that is the engine's data.
  if (const auto *FR = dyn_cast<FieldRegion>(R->StripCasts()))
    if (targetFields().contains(FR->getDecl()->getCanonicalDecl()) &&
        isCallbackEngineData(FR->getSuperRegion()))
      return true;
  // The initial value of a callback's own task parameter. (An inlined
  // callee's parameters hold its caller's values, never their own.)
  if (!isa<SymbolRegionValue>(Sym))
    return false;
  const auto *VR = dyn_cast<VarRegion>(R);
  const auto *PVD = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  const auto *FD =
      PVD ? dyn_cast<FunctionDecl>(PVD->getDeclContext()) : nullptr;
  if (!FD)
    return false;
  const ParmVarDecl *P = currentParamOf(FD);
  return P && P->getFunctionScopeIndex() == PVD->getFunctionScopeIndex();
}

bool FirstGenerationWindowChecker::isKnown(ProgramStateRef State,
                                           SymbolRef Task) const {
  return isCurrentByOrigin(Task) ||
         State->get<FirstGenKnownTasks>(taskKey(Task)) != nullptr;
}

SymbolRef FirstGenerationWindowChecker::stateFieldOwner(SymbolRef Sym) const {
  const MemRegion *R = nullptr;
  if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym))
    R = RV->getRegion();
  else if (const auto *D = dyn_cast<SymbolDerived>(Sym))
    R = D->getRegion();
  const auto *FR = R ? dyn_cast<FieldRegion>(R->StripCasts()) : nullptr;
  if (!FR || !FR->getDecl()->getIdentifier())
    return nullptr;
  if (!ApiModel::builtin().inSetting("task_state_fields",
                                     FR->getDecl()->getName()))
    return nullptr;
  const MemRegion *Up = FR->getSuperRegion()->StripCasts();
  while (const auto *Anon = dyn_cast<FieldRegion>(Up)) {
    if (!Anon->getDecl()->isAnonymousStructOrUnion())
      return nullptr;
    Up = Anon->getSuperRegion()->StripCasts();
  }
  const auto *SR = dyn_cast<SymbolicRegion>(Up);
  if (!SR || !isTaskPointerType(SR->getSymbol()->getType()))
    return nullptr;
  return SR->getSymbol();
}

/// What the assumption that produced State proves about the task behind
/// Sub, one sub-expression of the condition: equal to current (a pointer
/// comparison), or stopped (a test of its run-state field).
ProgramStateRef FirstGenerationWindowChecker::learn(ProgramStateRef State,
                                                    SymbolRef Sub) const {
  SValBuilder &SVB = State->getStateManager().getSValBuilder();
  if (const auto *SSE = dyn_cast<SymSymExpr>(Sub)) {
    if (SSE->getOpcode() != BO_EQ && SSE->getOpcode() != BO_NE)
      return State;
    SymbolRef L = SSE->getLHS(), R = SSE->getRHS();
    if (isCurrentByOrigin(L))
      std::swap(L, R);
    if (!isCurrentByOrigin(R) || isCurrentByOrigin(L) ||
        !isTaskPointerType(L->getType()) ||
        State->get<FirstGenKnownTasks>(taskKey(L)))
      return State;
    // Proved when the two cannot differ any more.
    SVal Ne = SVB.evalBinOp(State, BO_NE, SVB.makeLoc(L), SVB.makeLoc(R),
                            Ctx.IntTy);
    auto NeCond = Ne.getAs<DefinedOrUnknownSVal>();
    if (NeCond && !NeCond->isUnknown() && !State->assume(*NeCond, true))
      return State->set<FirstGenKnownTasks>(taskKey(L),
                                            {KnownTask::Current, L});
    return State;
  }
  SymbolRef Task = stateFieldOwner(Sub);
  uint64_t Mask = stoppedMask();
  if (!Task || !Mask || State->get<FirstGenKnownTasks>(taskKey(Task)))
    return State;
  QualType T = Sub->getType().getCanonicalType().getUnqualifiedType();
  if (!T->isIntegerType())
    return State;
  SVal Bits = SVB.evalBinOp(State, BO_And, nonloc::SymbolVal(Sub),
                            SVB.makeIntVal(Mask, T), T);
  SVal None = SVB.evalBinOp(State, BO_EQ, Bits, SVB.makeZeroVal(T),
                            Ctx.IntTy);
  auto NoneCond = None.getAs<DefinedOrUnknownSVal>();
  if (NoneCond && !NoneCond->isUnknown() && !State->assume(*NoneCond, true))
    return State->set<FirstGenKnownTasks>(taskKey(Task),
                                          {KnownTask::Stopped, Task});
  return State;
}

ProgramStateRef FirstGenerationWindowChecker::evalAssume(ProgramStateRef State,
                                                         SVal Cond,
                                                         bool) const {
  if (Querying || !State || !firstGeneration())
    return State;
  SymbolRef Root = Cond.getAsSymbol();
  if (!Root)
    return State;
  Querying = true;
  for (SymbolRef Sub : Root->symbols())
    State = learn(State, Sub);
  Querying = false;
  return State;
}

void FirstGenerationWindowChecker::checkPreCall(const CallEvent &Call,
                                                CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn || !Fn->has(Role::RegisterAccess) || Fn->TaskArg < 0 ||
      static_cast<unsigned>(Fn->TaskArg) >= Call.getNumArgs() ||
      !firstGeneration())
    return;
  SymbolRef Task = Call.getArgSVal(Fn->TaskArg).getAsSymbol();
  ProgramStateRef State = C.getState();
  if (!Task || isKnown(State, Task) ||
      State->contains<FirstGenReportedTasks>(taskKey(Task)))
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(
      State->add<FirstGenReportedTasks>(taskKey(Task)));
  if (!N)
    return;
  const Expr *Arg = Call.getArgExpr(Fn->TaskArg);
  auto R = std::make_unique<PathSensitiveBugReport>(
      BT,
      "registers of " + describeExpr(Arg) + " accessed by " +
          apiCallName(*Fn) +
          " although the thread is neither current nor known to be stopped",
      N);
  R->markInteresting(Task);
  R->addRange(Arg->getSourceRange());
  C.emitReport(std::move(R));
}

void FirstGenerationWindowChecker::checkDeadSymbols(SymbolReaper &SR,
                                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (auto [Key, Fact] : State->get<FirstGenKnownTasks>())
    if (Key == Fact.Sym && SR.isDead(Fact.Sym)) {
      State = State->remove<FirstGenKnownTasks>(Key);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}

} // namespace

void registerFirstGenerationWindow(CheckerManager &Mgr) {
  Mgr.registerChecker<FirstGenerationWindowChecker>(Mgr.getASTContext(),
                                                    Mgr.getPreprocessor());
}

} // namespace utrace
