//===- ExamineWindowChecker.cpp - utrace examine windows --------*- C++ -*-===//
//
// utrace.ExamineWindow: a traced thread's state is touched only between a
// successful utrace_prepare_examine() and its utrace_finish_examine()
// (utrace-api.md rule 3).
//
//  UT-WIN-001  a task pointer loaded from a structure or a global (stored at
//              attach time) is dereferenced, or passed to a task-access call
//              of the API table (task_pt_regs(), regsets,
//              task_current_syscall(), access_process_vm()), with no window
//              open on it
//  UT-WIN-002  utrace_finish_examine()'s result is ignored, or a value read
//              in the window (from the task, or through a pointer a
//              task-access call returned in it) is passed to a call,
//              returned or stored outside the stack on a path where finish
//              returned non-zero
//  UT-WIN-003  a successful prepare reaches no finish before the analysed
//              function returns (contract "pins" only; one report per
//              prepare), or a finish has no successful prepare on the path
//  UT-WIN-004  the first API generation's window (no prepare/finish):
//              FirstGenerationWindow.cpp
//
// Windows are keyed by the location the task pointer was loaded from, so a
// window opened on `t->task` covers later reads of `t->task->state` even
// after unknown calls re-read the pointer. Tasks that are current, a
// parameter of the analysed function, found under RCU or held by a
// reference are utrace.TaskModeling's "trusted" kinds: UT-WIN-001 leaves
// them alone. Task fields that never change after fork (kernel.yaml's
// immutable_task_fields) are not window state, nor is a test of task->flags
// against bits never cleared once set (sticky_task_flags). The contract
// (does prepare owe a finish?) is --contract, or detected from the
// reference header's marker macro (contract.yaml). Reads in a header
// inline reached through a task-access macro (x86 task_pt_regs()) are named
// as that access, and the macro's computed pointer is a pointer into the
// task.
//
// Deliberate blind spots: whether the engine stopped the thread before
// prepare is not checked; values a regset get() writes into a buffer are
// not followed for UT-WIN-002; a window opened in a helper and closed by its
// caller is seen only when the helper is inlined; task fields read by
// inline functions of system headers are not reported.
//
//===----------------------------------------------------------------------===//
#include "checkers/StateDump.h"
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ParentMap.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include <optional>

using namespace clang;
using namespace ento;

// Open windows: task key -> the task symbol prepare was called with.
REGISTER_MAP_WITH_PROGRAMSTATE(OpenWindows, const void *, SymbolRef)
// Values read in a window, and pointers into the task a task-access call
// returned in it: symbol -> task key.
REGISTER_MAP_WITH_PROGRAMSTATE(WindowReads, SymbolRef, const void *)
REGISTER_MAP_WITH_PROGRAMSTATE(WindowPtrs, SymbolRef, const void *)
// Values read in a window whose finish returned non-zero.
REGISTER_SET_WITH_PROGRAMSTATE(StaleReads, SymbolRef)
// Tasks already reported under UT-WIN-001 on this path.
REGISTER_SET_WITH_PROGRAMSTATE(ReportedTasks, const void *)
// The window a read inside a task-access macro's expansion belonged to,
// until the expansion's value is known (x86 task_pt_regs()).
REGISTER_TRAIT_WITH_PROGRAMSTATE(MacroWindow, const void *)

namespace utrace {
namespace {

constexpr const char *Category = "utrace examine window";

class ExamineWindowChecker
    : public Checker<check::PreCall, check::PostCall, check::Location,
                     check::Bind, check::PreStmt<ReturnStmt>,
                     check::PostStmt<Expr>, check::EndFunction,
                     check::DeadSymbols> {
  const BugType OutsideBT{this, "UT-WIN-001", Category};
  const BugType StaleBT{this, "UT-WIN-002", Category};
  const BugType LeakBT{this, "UT-WIN-003", Category, /*SuppressOnSink=*/true};
  const BugType UnpairedBT{this, "UT-WIN-003", Category};

public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printExamineWindowState, NL);
  }
  /// The contract: "pins", "waits" or "detect" (see contract.yaml).
  std::string Contract = "detect";

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkPostStmt(const Expr *E, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  mutable std::optional<bool> OwesFinish; ///< decided once per TU
  /// True under the "pins" contract, given or detected from the header.
  bool prepareOwesFinish(CheckerContext &C) const;
  void evalPrepare(const ApiFunction &Fn, const CallEvent &Call,
                   CheckerContext &C) const;
  void evalFinish(const ApiFunction &Fn, const CallEvent &Call,
                  CheckerContext &C) const;
  ExplodedNode *reportIgnoredFinish(const ApiFunction &Fn,
                                    const CallEvent &Call,
                                    CheckerContext &C) const;
  void reportOutside(SymbolRef Task, const std::string &What, SourceRange R,
                     CheckerContext &C) const;
  /// Reports a use of V when it holds a stale value; true if so.
  bool checkStaleUse(SVal V, const std::string &Use, SourceRange R,
                     CheckerContext &C) const;
  const NoteTag *noteFor(CheckerContext &C, SymbolRef Sym,
                         std::string Msg) const {
    return C.getNoteTag([Sym, Msg](PathSensitiveBugReport &BR) {
      return BR.isInteresting(Sym) ? Msg : std::string();
    });
  }
};

SymbolRef argSymbol(const CallEvent &Call, int Idx) {
  if (Idx < 0 || static_cast<unsigned>(Idx) >= Call.getNumArgs())
    return nullptr;
  return Call.getArgSVal(Idx).getAsSymbol();
}

std::string argName(const CallEvent &Call, int Idx) {
  return describeExpr(Call.getArgExpr(Idx));
}

/// True when nothing looks at the call's value: an expression statement,
/// a (void) cast, the body of an if or a loop.
bool resultIgnored(const Expr *CE, CheckerContext &C) {
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *P = PM.getParentIgnoreParenCasts(CE);
  if (!P)
    return true;
  if (const auto *E = dyn_cast<Expr>(P))
    return E->getType()->isVoidType() && isa<CastExpr>(E);
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getCond()->IgnoreParenCasts() != CE;
  if (const auto *W = dyn_cast<WhileStmt>(P))
    return W->getCond()->IgnoreParenCasts() != CE;
  if (const auto *D = dyn_cast<DoStmt>(P))
    return D->getCond()->IgnoreParenCasts() != CE;
  if (const auto *F = dyn_cast<ForStmt>(P))
    return !F->getCond() || F->getCond()->IgnoreParenCasts() != CE;
  return isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(P);
}

/// The name of the task field R is, when R is a field of the task SR points
/// to (possibly inside an anonymous struct, as randomized layouts wrap
/// them); empty otherwise.
StringRef taskFieldName(const MemRegion *R, const SymbolicRegion *SR) {
  const auto *FR = dyn_cast<FieldRegion>(R);
  if (!FR || !FR->getDecl()->getIdentifier())
    return {};
  const MemRegion *Up = FR->getSuperRegion()->StripCasts();
  while (const auto *Anon = dyn_cast<FieldRegion>(Up)) {
    if (!Anon->getDecl()->isAnonymousStructOrUnion())
      return {};
    Up = Anon->getSuperRegion()->StripCasts();
  }
  return Up == SR ? FR->getDecl()->getName() : StringRef();
}

/// True when every integer constant in Mask is spelled with a macro of
/// kernel.yaml's sticky_task_flags (and there is at least one).
bool onlyStickyFlags(const Stmt *Mask, const SourceManager &SM,
                     const LangOptions &LO) {
  bool Any = false;
  llvm::SmallVector<const Stmt *, 8> Work{Mask};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Lit = dyn_cast<IntegerLiteral>(S)) {
      SourceLocation L = Lit->getBeginLoc();
      if (!L.isMacroID() ||
          !ApiModel::builtin().inList("sticky_task_flags",
                                      Lexer::getImmediateMacroName(L, SM, LO)))
        return false;
      Any = true;
      continue;
    }
    if (isa<DeclRefExpr, MemberExpr, CallExpr>(S))
      return false; // not a constant mask
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Any;
}

/// True when the load S of R, a field of the task SR points to, is a test of
/// bits that never go back: `task->flags & PF_EXITING`, with every bit of
/// the mask in kernel.yaml's sticky_task_flags (set once and never cleared,
/// or fixed when the task is created). What a window would add, that the
/// thread did not run while it was read, does not change such an answer:
/// a bit seen set stays set, and a bit seen clear may be set a moment later
/// with or without a window, which every such test already allows for.
bool isStickyFlagTest(const MemRegion *R, const SymbolicRegion *SR,
                      const Stmt *S, CheckerContext &C) {
  if (taskFieldName(R, SR) != "flags")
    return false;
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *Use = S;
  const Stmt *P = PM.getParent(Use);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P)) {
    Use = P;
    P = PM.getParent(P);
  }
  const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
  if (!BO || BO->getOpcode() != BO_And)
    return false;
  const Expr *Mask = BO->getLHS() == Use ? BO->getRHS() : BO->getLHS();
  return onlyStickyFlags(Mask, C.getSourceManager(),
                         C.getASTContext().getLangOpts());
}

void ExamineWindowChecker::reportOutside(SymbolRef Task,
                                         const std::string &What,
                                         SourceRange Range,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const void *Key = taskKey(Task);
  if (State->contains<ReportedTasks>(Key))
    return;
  ExplodedNode *N =
      C.generateNonFatalErrorNode(State->add<ReportedTasks>(Key));
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(
      OutsideBT,
      What + " outside an examine window opened by utrace_prepare_examine()",
      N);
  R->markInteresting(Task);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

/// When the current frame is a header inline called from the checked file
/// inside a task-access macro of the API table (the real x86
/// task_pt_regs() is a macro over task_stack_page()): "task state of
/// 't->task' accessed by task_pt_regs()". Empty otherwise.
std::string taskAccessMacro(CheckerContext &C) {
  const SourceManager &SM = C.getSourceManager();
  for (const LocationContext *LC = C.getLocationContext(); LC;
       LC = LC->getParent()) {
    const StackFrameContext *SFC = LC->getStackFrame();
    const auto *CE = dyn_cast_or_null<CallExpr>(SFC->getCallSite());
    if (!CE)
      return "";
    LC = SFC;
    SourceLocation L = CE->getBeginLoc();
    if (!SM.isInMainFile(SM.getExpansionLoc(L)))
      continue;
    for (unsigned Guard = 0; L.isMacroID() && Guard < 64; ++Guard) {
      if (!SM.isMacroArgExpansion(L)) {
        StringRef Name =
            Lexer::getImmediateMacroName(L, SM, C.getASTContext().getLangOpts());
        const ApiFunction *Fn = ApiModel::builtin().lookup(Name);
        if (Fn && Fn->has(Role::TaskAccess))
          for (const Expr *Arg : CE->arguments())
            if (isTaskPointerType(Arg->IgnoreParenImpCasts()->getType()))
              return "task state of " + describeExpr(Arg) + " accessed by " +
                     Name.str() + "()";
      }
      L = SM.getImmediateMacroCallerLoc(L);
    }
    return "";
  }
  return "";
}

bool ExamineWindowChecker::checkStaleUse(SVal V, const std::string &Use,
                                         SourceRange Range,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Root = V.getAsSymbol();
  if (!Root)
    return false;
  for (SymbolRef Sym : Root->symbols()) {
    if (!State->contains<StaleReads>(Sym))
      continue;
    ExplodedNode *N = C.generateNonFatalErrorNode(
        State->remove<StaleReads>(Sym));
    if (!N)
      return true;
    auto R = std::make_unique<PathSensitiveBugReport>(
        StaleBT,
        "value read in the examine window " + Use +
            " although utrace_finish_examine() returned non-zero: it is "
            "stale",
        N);
    R->markInteresting(Sym);
    if (Range.isValid())
      R->addRange(Range);
    C.emitReport(std::move(R));
    return true;
  }
  return false;
}

void ExamineWindowChecker::checkPreCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  ProgramStateRef State = C.getState();
  std::string Callee = Fn ? apiCallName(*Fn) : "a call";
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    if (!Fn && FD->getIdentifier())
      Callee = FD->getName().str() + "()";
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (checkStaleUse(Call.getArgSVal(I), "passed to " + Callee,
                      Call.getArgExpr(I)->getSourceRange(), C))
      return;
  if (!Fn)
    return;
  SymbolRef Task = argSymbol(Call, Fn->TaskArg);
  if (!Task)
    return;
  const void *Key = taskKey(Task);
  if (Fn->has(Role::WindowClose) && !State->get<OpenWindows>(Key)) {
    ExplodedNode *N = C.generateNonFatalErrorNode();
    if (!N)
      return;
    auto R = std::make_unique<PathSensitiveBugReport>(
        UnpairedBT,
        apiCallName(*Fn) + " on " + argName(Call, Fn->TaskArg) +
            " without a successful utrace_prepare_examine() on this path",
        N);
    R->markInteresting(Task);
    C.emitReport(std::move(R));
    return;
  }
  if (Fn->has(Role::TaskAccess) && !State->get<OpenWindows>(Key) &&
      classifyTask(State, Task).Origin == TaskOrigin::Stored)
    reportOutside(Task,
                  "task state of " + argName(Call, Fn->TaskArg) +
                      " accessed by " + apiCallName(*Fn),
                  Call.getArgExpr(Fn->TaskArg)->getSourceRange(), C);
}

void ExamineWindowChecker::checkPostCall(const CallEvent &Call,
                                         CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn)
    return;
  if (Fn->has(Role::WindowOpen))
    return evalPrepare(*Fn, Call, C);
  if (Fn->has(Role::WindowClose))
    return evalFinish(*Fn, Call, C);
  if (Fn->has(Role::TaskAccess)) {
    // A pointer into the task returned in a window (task_pt_regs()): what
    // is read through it belongs to the window.
    ProgramStateRef State = C.getState();
    SymbolRef Task = argSymbol(Call, Fn->TaskArg);
    SymbolRef Ret = Call.getReturnValue().getAsSymbol();
    if (Task && Ret && Ret->getType()->isPointerType() &&
        State->get<OpenWindows>(taskKey(Task)))
      C.addTransition(State->set<WindowPtrs>(Ret, taskKey(Task)));
  }
}

void ExamineWindowChecker::evalPrepare(const ApiFunction &Fn,
                                       const CallEvent &Call,
                                       CheckerContext &C) const {
  SymbolRef Task = argSymbol(Call, Fn.TaskArg);
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Task || !Ret)
    return;
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  auto IsZero = SVB.evalEQ(State, *Ret, SVB.makeZeroVal(Call.getResultType()));
  auto [Ok, Failed] = State->assume(IsZero);
  if (Ok)
    C.addTransition(
        Ok->set<OpenWindows>(taskKey(Task), Task),
        noteFor(C, Task,
                "examine window on " + argName(Call, Fn.TaskArg) +
                    " opened here by " + apiCallName(Fn)));
  if (Failed)
    C.addTransition(Failed);
}

/// utrace_finish_examine() whose result is ignored: reported at the call;
/// the node of the report, from which the path goes on (null when none).
ExplodedNode *ExamineWindowChecker::reportIgnoredFinish(
    const ApiFunction &Fn, const CallEvent &Call, CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(C.getState());
  if (!N)
    return nullptr;
  auto R = std::make_unique<PathSensitiveBugReport>(
      StaleBT,
      "result of " + apiCallName(Fn) + " on " + argName(Call, Fn.TaskArg) +
          " ignored; when it is non-zero the values read in the window "
          "are stale",
      N);
  R->addRange(Call.getOriginExpr()->getSourceRange());
  C.emitReport(std::move(R));
  return N;
}

/// The note on the failed branch of a finish: what was read in the window
/// is stale (shown when one of those reads matters to the report).
static const NoteTag *staleNote(CheckerContext &C, const ApiFunction &Fn,
                                const llvm::SmallVector<SymbolRef, 4> &Reads) {
  if (Reads.empty())
    return nullptr;
  return C.getNoteTag(
      [Reads, Name = apiCallName(Fn)](PathSensitiveBugReport &BR) {
        for (SymbolRef S : Reads)
          if (BR.isInteresting(S))
            return Name + " returned non-zero: the thread ran, what was read "
                          "in the window is stale";
        return std::string();
      });
}

void ExamineWindowChecker::evalFinish(const ApiFunction &Fn,
                                      const CallEvent &Call,
                                      CheckerContext &C) const {
  SymbolRef Task = argSymbol(Call, Fn.TaskArg);
  ProgramStateRef State = C.getState();
  ExplodedNode *Pred = C.getPredecessor();
  bool Ignored = resultIgnored(cast<CallExpr>(Call.getOriginExpr()), C);
  // The path goes on from the report's node, not beside it.
  if (Ignored)
    if (ExplodedNode *N = reportIgnoredFinish(Fn, Call, C))
      Pred = N;
  if (!Task)
    return;
  const void *Key = taskKey(Task);
  State = State->remove<OpenWindows>(Key);
  if (State->get<MacroWindow>() == Key)
    State = State->remove<MacroWindow>();
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Ret) {
    C.addTransition(State, Pred);
    return;
  }
  llvm::SmallVector<SymbolRef, 4> Reads;
  for (auto [Sym, K] : State->get<WindowReads>())
    if (K == Key)
      Reads.push_back(Sym);
  SValBuilder &SVB = C.getSValBuilder();
  auto IsZero = SVB.evalEQ(State, *Ret, SVB.makeZeroVal(Call.getResultType()));
  auto [Ok, Failed] = State->assume(IsZero);
  for (SymbolRef Sym : Reads) {
    if (Ok)
      Ok = Ok->remove<WindowReads>(Sym);
    // An ignored result is reported once, at the call, not at every use.
    if (Failed)
      Failed = Ignored ? Failed->remove<WindowReads>(Sym)
                       : Failed->remove<WindowReads>(Sym)->add<StaleReads>(Sym);
  }
  if (Ok)
    C.addTransition(Ok, Pred);
  if (Failed)
    C.addTransition(Failed, Pred, staleNote(C, Fn, Reads));
}

void ExamineWindowChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                         CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR || !S)
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Base = SR->getSymbol();
  // pid, tgid, ...: the same before, in and after any window.
  if (IsLoad && isTaskPointerType(Base->getType()) &&
      ApiModel::builtin().inList("immutable_task_fields",
                                 taskFieldName(R, SR)))
    return;
  // task->flags & PF_EXITING: bits that are never cleared once set.
  if (IsLoad && isTaskPointerType(Base->getType()) &&
      isStickyFlagTest(R, SR, S, C))
    return;
  const void *Key = nullptr;
  for (SymbolRef Sym : Base->symbols()) // also past pointer arithmetic
    if (const void *const *K = State->get<WindowPtrs>(Sym)) {
      Key = *K;
      break;
    }
  if (!Key && isTaskPointerType(Base->getType()) &&
      State->get<OpenWindows>(taskKey(Base)))
    Key = taskKey(Base);
  if (Key) {
    if (!IsLoad)
      return;
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return;
    SVal V = State->getSVal(Loc.castAs<loc::MemRegionVal>(), E->getType());
    if (SymbolRef Read = V.getAsSymbol()) {
      State = State->set<WindowReads>(Read, Key);
      // A pointer read from the task in the window (task->stack, inside
      // the real task_pt_regs()): what is read through it is window state.
      if (Read->getType()->isPointerType())
        State = State->set<WindowPtrs>(Read, Key);
      if (!taskAccessMacro(C).empty())
        State = State->set<MacroWindow>(Key);
      C.addTransition(State);
    }
    return;
  }
  if (!isTaskPointerType(Base->getType()) ||
      classifyTask(State, Base).Origin != TaskOrigin::Stored)
    return;
  if (C.getSourceManager().isInSystemHeader(S->getBeginLoc()))
    return;
  const auto *E = dyn_cast<Expr>(S);
  std::string What = taskAccessMacro(C);
  if (What.empty())
    What = std::string("task state ") + (IsLoad ? "read" : "written") +
           " through " + describeExpr(E);
  reportOutside(Base, What, S->getSourceRange(), C);
}

/// Pointers computed inside a task-access macro's expansion whose body read
/// the task in a window (x86: task_pt_regs() computes the pointer with
/// integer arithmetic on task->stack, which the analyzer does not follow):
/// pointers into the task, like a task-access call's result. An unknown
/// value gets a fresh symbol so that reads through it can be followed.
void ExamineWindowChecker::checkPostStmt(const Expr *E,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const void *Key = State->get<MacroWindow>();
  if (!Key || !E->getType()->isPointerType())
    return;
  const SourceManager &SM = C.getSourceManager();
  SourceLocation L = E->getBeginLoc();
  if (!L.isMacroID() || SM.isMacroArgExpansion(L))
    return;
  const ApiFunction *Fn = ApiModel::builtin().lookup(
      Lexer::getImmediateMacroName(L, SM, C.getASTContext().getLangOpts()));
  if (!Fn || !Fn->has(Role::TaskAccess))
    return;
  SVal V = C.getSVal(E);
  if (const MemRegion *R = V.getAsRegion())
    if (const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion()))
      if (State->get<WindowPtrs>(SR->getSymbol()))
        return;
  SymbolRef Sym = V.getAsSymbol();
  if (Sym && State->get<WindowPtrs>(Sym))
    return;
  if (!Sym) {
    if (!V.isUnknown())
      return;
    DefinedOrUnknownSVal Fresh = C.getSValBuilder().conjureSymbolVal(
        nullptr, E, C.getLocationContext(), E->getType(), C.blockCount());
    State = State->BindExpr(E, C.getLocationContext(), Fresh);
    Sym = Fresh.getAsSymbol();
  }
  if (Sym)
    C.addTransition(State->set<WindowPtrs>(Sym, Key));
}

void ExamineWindowChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                     CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  if (!R || R->hasStackStorage())
    return;
  checkStaleUse(Val, "stored outside the function",
                S ? S->getSourceRange() : SourceRange(), C);
}

void ExamineWindowChecker::checkPreStmt(const ReturnStmt *RS,
                                        CheckerContext &C) const {
  const Expr *RetE = RS->getRetValue();
  if (RetE && C.inTopFrame())
    checkStaleUse(C.getSVal(RetE), "returned", RetE->getSourceRange(), C);
}

bool ExamineWindowChecker::prepareOwesFinish(CheckerContext &C) const {
  if (!OwesFinish) {
    if (Contract == "pins" || Contract == "waits")
      OwesFinish = Contract == "pins";
    else // detect: the reference implementation's header says it pins
      OwesFinish = C.getPreprocessor().isMacroDefined(
          ApiModel::builtin().setting("examine_contract_marker"));
  }
  return *OwesFinish;
}

void ExamineWindowChecker::checkEndFunction(const ReturnStmt *RS,
                                            CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!C.inTopFrame() || State->get<OpenWindows>().isEmpty() ||
      !prepareOwesFinish(C))
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  for (auto [Key, Task] : State->get<OpenWindows>()) {
    // Uniqued by the prepare that opened the window.
    const ExplodedNode *Open = findOpeningNode(N, [Key = Key](ProgramStateRef S) {
      return S->get<OpenWindows>(Key) != nullptr;
    });
    PathDiagnosticLocation Uniq = openingLocation(Open, C.getSourceManager());
    auto R = std::make_unique<PathSensitiveBugReport>(
        LeakBT,
        "examine window opened by utrace_prepare_examine() is not closed by "
        "utrace_finish_examine() on this path (prepare pins the task)",
        N, Uniq, Open->getLocationContext()->getDecl());
    R->markInteresting(Task);
    C.emitReport(std::move(R));
  }
}

void ExamineWindowChecker::checkDeadSymbols(SymbolReaper &SR,
                                            CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (SymbolRef Sym : llvm::make_first_range(State->get<WindowReads>()))
    if (SR.isDead(Sym)) {
      State = State->remove<WindowReads>(Sym);
      Changed = true;
    }
  for (SymbolRef Sym : llvm::make_first_range(State->get<WindowPtrs>()))
    if (SR.isDead(Sym)) {
      State = State->remove<WindowPtrs>(Sym);
      Changed = true;
    }
  for (SymbolRef Sym : State->get<StaleReads>())
    if (SR.isDead(Sym)) {
      State = State->remove<StaleReads>(Sym);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}

} // namespace

void registerExamineWindowChecker(CheckerManager &Mgr) {
  auto *Chk = Mgr.registerChecker<ExamineWindowChecker>();
  // UT-WIN-004, the first generation's window, is a checker of its own
  // under the same name: registered only when the run reports it
  // (Analysis.cpp's rule list; absent: every rule), so disabling it takes
  // its state off every path.
  if (runReportsRule(Mgr, "UT-WIN-004"))
    registerFirstGenerationWindow(Mgr);
  // The contract setting: --contract, or rules/api/contract.yaml.
  StringRef Contract =
      Mgr.getAnalyzerOptions().Config.lookup("utrace-contract");
  if (Contract.empty())
    Contract = ApiModel::builtin().setting("examine_contract");
  Chk->Contract = Contract.str();
}
bool shouldRegisterExamineWindowChecker(const CheckerManager &) { return true; }

} // namespace utrace

namespace utrace {
/// "examine windows: [open on 'task']": the windows this path opened with
/// utrace_prepare_examine() and did not finish, and how many values were
/// read in a window.
void printExamineWindowState(raw_ostream &OS, ProgramStateRef State) {
  std::vector<std::string> Open;
  for (auto &[Key, Task] : State->get<OpenWindows>())
    Open.push_back("open on " + describeSymbol(State, Task));
  OS << "examine windows: " << listOrNone(Open);
  unsigned Reads = 0, Stale = 0;
  for (auto &KV : State->get<WindowReads>()) {
    (void)KV;
    ++Reads;
  }
  for (SymbolRef S : State->get<StaleReads>()) {
    (void)S;
    ++Stale;
  }
  if (Reads)
    OS << ", " << Reads << " read in a window";
  if (Stale)
    OS << ", " << Stale << " stale";
}
} // namespace utrace
