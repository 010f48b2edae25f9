//===- TaskModel.cpp - task provenance, RCU sections, sleeping calls -*- C++ -*-===//
//
// utrace.TaskModeling (hidden; a dependency of utrace.ExamineWindow and
// utrace.Rcu) keeps the RCU section depth and the provenance of task
// pointers that came from lookups or references. It reports nothing: the
// family checkers read its state through the functions in TaskModel.h.
//
// Blind spots: get_task_struct() is evaluated, not inlined, so `p =
// get_task_struct(t)` gives p a fresh symbol; both p and t count as held.
// A reference dropped with put_task_struct() returns the task to what it
// was before (a lookup, a stored pointer).
//
//===----------------------------------------------------------------------===//
#include "checkers/CallerContext.h"
#include "checkers/StateDump.h"
#include "checkers/TaskModel.h"
#include "checkers/Checkers.h"
#include "checkers/ImpossibleResults.h"
#include "checkers/ModelingSupport.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;

namespace {
struct TaskInfo {
  bool Lookup;                        ///< found by a task-lookup call
  SymbolRef Section;                  ///< Lookup: the section's token
  const utrace::ApiFunction *Source;  ///< Lookup: which call found it
  unsigned Held;                      ///< references taken on this path

  bool operator==(const TaskInfo &O) const {
    return Lookup == O.Lookup && Section == O.Section && Source == O.Source &&
           Held == O.Held;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddBoolean(Lookup);
    ID.AddPointer(Section);
    ID.AddPointer(Source);
    ID.AddInteger(Held);
  }
};
} // namespace

REGISTER_TRAIT_WITH_PROGRAMSTATE(RcuDepth, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(RcuSectionToken, SymbolRef)
// The section the analysed function was entered in (its callers'), if any.
REGISTER_TRAIT_WITH_PROGRAMSTATE(RcuEntryToken, SymbolRef)
REGISTER_MAP_WITH_PROGRAMSTATE(TaskInfos, SymbolRef, TaskInfo)

namespace utrace {

static const ApiModel &api() { return ApiModel::builtin(); }

static bool isPointerToRecord(QualType T, StringRef Record) {
  if (Record.empty() || !T->isPointerType())
    return false;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == Record;
}

bool isTaskPointerType(QualType T) {
  return isPointerToRecord(T, api().setting("task_record"));
}

bool isEnginePointerType(QualType T) {
  return isPointerToRecord(T, api().setting("engine_record"));
}

const MemRegion *loadedFrom(SymbolRef Sym) {
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym))
    return RV->getRegion();
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(Sym))
    return D->getRegion();
  return nullptr;
}

bool isCurrentSymbol(SymbolRef Sym) {
  // The simulator's and older kernels' `current`: a call of get_current().
  if (const auto *SC = dyn_cast_or_null<SymbolConjured>(Sym)) {
    const auto *CE = dyn_cast_or_null<CallExpr>(SC->getStmt());
    const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
    return FD && FD->getIdentifier() &&
           FD->getName() == api().setting("current_function");
  }
  // A real kernel's `current` is a load from a per-CPU variable or field
  // (x86: pcpu_hot.current_task).
  const MemRegion *R = loadedFrom(Sym);
  const NamedDecl *From = nullptr;
  if (const auto *FR = dyn_cast_or_null<FieldRegion>(R))
    From = FR->getDecl();
  else if (const auto *VR = dyn_cast_or_null<VarRegion>(R))
    From = VR->getDecl();
  return From && From->getIdentifier() &&
         From->getName() == api().setting("current_task_source");
}

TaskFacts classifyTask(ProgramStateRef State, SymbolRef Sym) {
  TaskFacts F;
  if (!Sym)
    return F;
  if (const TaskInfo *TI = State->get<TaskInfos>(Sym)) {
    if (TI->Held) {
      F.Origin = TaskOrigin::Held;
      return F;
    }
    if (TI->Lookup) {
      F.Origin = TaskOrigin::Lookup;
      F.Section = TI->Section;
      F.Source = TI->Source;
      return F;
    }
  }
  const MemRegion *R = loadedFrom(Sym);
  if (!R || isCurrentSymbol(Sym))
    return F; // an unknown call's result, current: trusted
  // A parameter of the analysed function: its callers hold the task. (An
  // inlined callee's parameters carry the caller's values instead.)
  if (const auto *VR = dyn_cast<VarRegion>(R))
    if (isa<ParmVarDecl>(VR->getDecl()))
      return F;
  F.Origin = TaskOrigin::Stored;
  return F;
}

const void *taskKey(SymbolRef Sym) {
  if (const MemRegion *R = loadedFrom(Sym))
    return R;
  return Sym;
}

unsigned rcuDepth(ProgramStateRef State) { return State->get<RcuDepth>(); }

SymbolRef rcuSection(ProgramStateRef State) {
  return State->get<RcuDepth>() ? State->get<RcuSectionToken>() : nullptr;
}

static char EntrySectionTag;

ProgramStateRef enterCallerSection(ProgramStateRef State, CheckerContext &C) {
  if (State->get<RcuDepth>())
    return State;
  const Decl *D = C.getLocationContext()->getDecl();
  SymbolRef Token = C.getSymbolManager().conjureSymbol(
      D ? D->getBody() : nullptr, C.getLocationContext(),
      C.getASTContext().IntTy, C.blockCount(), &EntrySectionTag);
  return State->set<RcuDepth>(1)
      ->set<RcuSectionToken>(Token)
      ->set<RcuEntryToken>(Token);
}

unsigned entryRcuDepth(ProgramStateRef State) {
  return State->get<RcuEntryToken>() ? 1 : 0;
}

SymbolRef callerSection(ProgramStateRef State) {
  return State->get<RcuEntryToken>();
}

//===----------------------------------------------------------------------===//
// Callbacks
//===----------------------------------------------------------------------===//

namespace {
/// Function named by an initializer or right-hand side (`fn`, `&fn`).
const FunctionDecl *namedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

/// Collects (member name, function) pairs of every ops table in the TU.
class CallbackFinder : public RecursiveASTVisitor<CallbackFinder> {
public:
  // Designated initializers are matched to members in the semantic form.
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!isOpsRecord(RD))
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      add(F, ILE->getInit(I++));
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (F && isOpsRecord(F->getParent()))
      add(F, BO->getRHS());
    return true;
  }

  std::vector<std::pair<std::string, const FunctionDecl *>> Callbacks;

private:
  static bool isOpsRecord(const RecordDecl *RD) {
    StringRef Name = ApiModel::builtin().setting("callback_ops_record");
    return RD && RD->getIdentifier() && !Name.empty() && RD->getName() == Name;
  }
  void add(const FieldDecl *F, const Expr *Init) {
    StringRef Prefix = ApiModel::builtin().setting("callback_prefix");
    const FunctionDecl *FD = namedFunction(Init);
    if (FD && F->getName().starts_with(Prefix))
      Callbacks.push_back({F->getName().str(), FD});
  }
};
} // namespace

std::vector<std::pair<std::string, const FunctionDecl *>>
collectCallbacks(const TranslationUnitDecl *TU) {
  CallbackFinder Finder;
  Finder.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  return std::move(Finder.Callbacks);
}

//===----------------------------------------------------------------------===//
// Sleep analysis
//===----------------------------------------------------------------------===//

namespace {
/// The calls in one body, in source order.
class CallLister : public RecursiveASTVisitor<CallLister> {
public:
  bool VisitCallExpr(CallExpr *CE) {
    Calls.push_back(CE);
    return true;
  }
  llvm::SmallVector<const CallExpr *, 16> Calls;
};
} // namespace

bool SleepAnalysis::apiCallSleeps(const CallExpr *CE) const {
  // The table's data and the constant arguments decide (ApiModeling.cpp).
  return directCallSleeps({CE, Ctx, PP}).has_value();
}

/// A function of the checked file whose comment says it may sleep. Not a
/// header's: kernel-doc there may say "may sleep" of one case among several
/// (kmalloc()'s GFP_KERNEL), which the API table models call by call.
static bool sleepsByItsComment(const FunctionDecl *FD,
                               const SourceManager &SM) {
  return SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) &&
         !documentedSleep(FD, SM).empty();
}

SleepAnalysis::SleepAnalysis(ASTContext &Ctx, const Preprocessor *PP)
    : Ctx(Ctx), PP(PP) {
  // One pass over the TU's bodies, then a fixpoint over the call graph:
  // a function sleeps when a call in it sleeps. Bounded by the call depth.
  // A call that runs only under a result its API call cannot return (the
  // -EINPROGRESS branch after set_events on a fresh engine) does not count.
  // An API function the file implements is a helper like the others.
  ImpossibleResults Impossible(Ctx, PP);
  auto Counts = [&](const CallExpr *CE, const FunctionDecl *FD) {
    return !Impossible.onlyUnderImpossibleResult(CE, FD);
  };
  llvm::DenseMap<const FunctionDecl *,
                 std::pair<const FunctionDecl *,
                           llvm::SmallVector<const CallExpr *, 16>>>
      Bodies;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      continue;
    CallLister L;
    L.TraverseStmt(FD->getBody());
    const FunctionDecl *Key = FD->getCanonicalDecl();
    for (const CallExpr *CE : L.Calls)
      if (apiCallSleeps(CE) && Counts(CE, FD)) {
        Sleeps[Key] = CE;
        break;
      }
    // Its comment says it may sleep: no call to show for it.
    if (!Sleeps.count(Key) && sleepsByItsComment(FD, Ctx.getSourceManager()))
      Sleeps[Key] = nullptr;
    Bodies[Key] = {FD, std::move(L.Calls)};
  }
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[Key, Body] : Bodies) {
      if (Sleeps.count(Key))
        continue;
      for (const CallExpr *CE : Body.second) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (Callee && (!lookupApiCall(CE) || implementedInFile(CE, Ctx)) &&
            !apiCallSleeps(CE) && Sleeps.count(Callee->getCanonicalDecl()) &&
            Counts(CE, Body.first)) {
          Sleeps[Key] = CE;
          Changed = true;
          break;
        }
      }
    }
  }
}

std::optional<std::string>
SleepAnalysis::documentedReason(const FunctionDecl *FD) const {
  auto It = Sleeps.find(FD->getCanonicalDecl());
  if (It == Sleeps.end() || It->second)
    return std::nullopt;
  const FunctionDecl *Def = FD->getDefinition();
  std::string Phrase = documentedSleep(Def ? Def : FD, Ctx.getSourceManager());
  return FD->getNameAsString() + "() (documented as \"" + Phrase + "\")";
}

const CallExpr *SleepAnalysis::sleepingCallIn(const FunctionDecl *FD) const {
  auto It = Sleeps.find(FD->getCanonicalDecl());
  return It == Sleeps.end() ? nullptr : It->second;
}

std::optional<std::string> SleepAnalysis::reason(const CallExpr *CE) const {
  if (lookupApiCall(CE) && !implementedInFile(CE, Ctx))
    return directCallSleeps({CE, Ctx, PP});
  if (std::optional<std::string> Direct = directCallSleeps({CE, Ctx, PP}))
    return Direct;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  const CallExpr *Site = sleepingCallIn(Callee);
  if (!Site)
    return documentedReason(Callee);
  // Follow the chain down to the API call that sleeps (cycles end it).
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    if (std::optional<std::string> Direct = directCallSleeps({Site, Ctx, PP}))
      return Callee->getNameAsString() + "() (through " + *Direct + ")";
    const FunctionDecl *Next = Site->getDirectCallee();
    const CallExpr *NextSite = Next ? sleepingCallIn(Next) : nullptr;
    if (!NextSite) {
      if (std::optional<std::string> Doc = Next ? documentedReason(Next)
                                                : std::nullopt)
        return Callee->getNameAsString() + "() (through " + *Doc + ")";
      break;
    }
    Site = NextSite;
  }
  return Callee->getNameAsString() + "()";
}

//===----------------------------------------------------------------------===//
// utrace.TaskModeling
//===----------------------------------------------------------------------===//

namespace {
char SectionTag; // tags the section tokens among conjured symbols

class TaskModeling
    : public Checker<check::PostCall, check::DeadSymbols, eval::Call> {
public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printRcuSectionState, NL);
  }
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  static const NoteTag *noteFor(CheckerContext &C, SymbolRef Sym,
                                std::string Msg) {
    return C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
      return BR.isInteresting(Sym) ? Msg : std::string();
    });
  }
  static ProgramStateRef hold(ProgramStateRef State, SymbolRef Sym, int By) {
    if (!Sym)
      return State;
    TaskInfo TI{false, nullptr, nullptr, 0};
    if (const TaskInfo *Old = State->get<TaskInfos>(Sym))
      TI = *Old;
    if (By < 0 && TI.Held == 0)
      return State;
    TI.Held += By;
    return State->set<TaskInfos>(Sym, TI);
  }
  static void openSection(const CallEvent &Call, const ApiFunction &Fn,
                          CheckerContext &C);
  static void closeSection(const ApiFunction &Fn, CheckerContext &C);
  static void foundTask(const CallEvent &Call, const ApiFunction &Fn,
                        CheckerContext &C);
  static void countTaskRef(const CallEvent &Call, const ApiFunction &Fn,
                           CheckerContext &C);
};

/// rcu_read_lock(): one level deeper; the outermost section gets a token
/// that its notes follow.
void TaskModeling::openSection(const CallEvent &Call, const ApiFunction &Fn,
                               CheckerContext &C) {
  unsigned Depth = C.getState()->get<RcuDepth>();
  ProgramStateRef State = C.getState()->set<RcuDepth>(Depth + 1);
  if (Depth > 0) {
    C.addTransition(State);
    return;
  }
  SymbolRef Token = C.getSymbolManager().conjureSymbol(
      Call.getOriginExpr(), C.getLocationContext(), C.getASTContext().IntTy,
      C.blockCount(), &SectionTag);
  State = State->set<RcuSectionToken>(Token);
  C.addTransition(
      State,
      noteFor(C, Token, "RCU read section opened here by " + apiCallName(Fn)));
}

/// rcu_read_unlock(): one level up (none open: the caller's section, or
/// UT-RCU-002's imbalance; nothing to count).
void TaskModeling::closeSection(const ApiFunction &Fn, CheckerContext &C) {
  unsigned Depth = C.getState()->get<RcuDepth>();
  if (Depth == 0)
    return;
  ProgramStateRef State = C.getState()->set<RcuDepth>(Depth - 1);
  SymbolRef Token = State->get<RcuSectionToken>();
  C.addTransition(
      State, Depth == 1
                 ? noteFor(C, Token,
                           "RCU read section ended here by " + apiCallName(Fn))
                 : nullptr);
}

/// find_task_by_vpid() and friends: the task is valid in the section that
/// found it.
void TaskModeling::foundTask(const CallEvent &Call, const ApiFunction &Fn,
                             CheckerContext &C) {
  SymbolRef Sym = Call.getReturnValue().getAsSymbol();
  if (!Sym)
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Section = rcuSection(State);
  State = State->set<TaskInfos>(Sym, TaskInfo{true, Section, &Fn, 0});
  C.addTransition(State,
                  noteFor(C, Sym,
                          "task found here by " + apiCallName(Fn) +
                              (Section ? " inside an RCU read section" : "")));
}

/// get_task_struct()/put_task_struct(): the references the code holds.
void TaskModeling::countTaskRef(const CallEvent &Call, const ApiFunction &Fn,
                                CheckerContext &C) {
  int By = Fn.has(Role::TaskGet) ? 1 : -1;
  SymbolRef Arg = nullptr;
  if (Fn.TaskArg >= 0 && static_cast<unsigned>(Fn.TaskArg) < Call.getNumArgs())
    Arg = Call.getArgSVal(Fn.TaskArg).getAsSymbol();
  ProgramStateRef State = hold(C.getState(), Arg, By);
  if (By > 0)
    State = hold(State, Call.getReturnValue().getAsSymbol(), By);
  const NoteTag *Tag = nullptr;
  if (By > 0 && Arg)
    Tag = noteFor(C, Arg, "task reference taken here by " + apiCallName(Fn));
  else if (By < 0 && Arg)
    Tag = noteFor(C, Arg, "task reference dropped here by " + apiCallName(Fn));
  C.addTransition(State, Tag);
}

void TaskModeling::checkPostCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn)
    return;
  if (Fn->has(Role::RcuLock))
    return openSection(Call, *Fn, C);
  if (Fn->has(Role::RcuUnlock))
    return closeSection(*Fn, C);
  if (Fn->has(Role::TaskLookup))
    return foundTask(Call, *Fn, C);
  if (Fn->has(Role::TaskGet) || Fn->has(Role::TaskPut))
    countTaskRef(Call, *Fn, C);
}

/// The out-of-line kernel primitives of kernel.yaml's
/// `non_invalidating_calls` list: a fresh return value and nothing else, so
/// that globals and heap structures keep their values across them.
bool TaskModeling::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!FD || !CE || !FD->getIdentifier() ||
      lookupApiCall(Call, MemberCalls::Skip) ||
      !api().inList("non_invalidating_calls", FD->getName()))
    return false;
  ProgramStateRef State = C.getState();
  if (!Call.getResultType()->isVoidType())
    State = State->BindExpr(
        CE, C.getLocationContext(),
        C.getSValBuilder().conjureSymbolVal(nullptr, CE, C.getLocationContext(),
                                            CE->getType(), C.blockCount()));
  C.addTransition(State);
  return true;
}

void TaskModeling::checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (SymbolRef Sym : llvm::make_first_range(State->get<TaskInfos>()))
    if (SR.isDead(Sym)) {
      State = State->remove<TaskInfos>(Sym);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}
} // namespace

void registerTaskModeling(CheckerManager &Mgr) {
  Mgr.registerChecker<TaskModeling>();
}
bool shouldRegisterTaskModeling(const CheckerManager &) { return true; }

} // namespace utrace

namespace utrace {
/// "rcu read sections: depth 1, tasks [find_task_by_vpid()@12 found
/// under RCU]": rcu_read_lock() nesting and the tasks this path looked up or
/// holds references on.
void printRcuSectionState(raw_ostream &OS, ProgramStateRef State) {
  OS << "rcu read sections: depth " << State->get<RcuDepth>();
  std::vector<std::string> Tasks;
  for (auto &[Sym, T] : State->get<TaskInfos>()) {
    std::string S = describeSymbol(State, Sym);
    if (T.Lookup)
      S += " found under RCU";
    if (T.Held)
      S += " with " + std::to_string(T.Held) + " reference" +
           (T.Held == 1 ? "" : "s");
    Tasks.push_back(std::move(S));
  }
  if (!Tasks.empty())
    OS << ", tasks " << listOrNone(Tasks);
}
} // namespace utrace
