//===- AtomicContextChecker.cpp - sleeping in atomic context ----*- C++ -*-===//
//
// utrace.AtomicContext: nothing may sleep in atomic context (utrace-api.md
// rule 4).
//
//  UT-CTX-001  a call that may sleep (the API table's may-sleep entries,
//              allocations whose gfp flags allow reclaim, attach with
//              UTRACE_ATTACH_CREATE and without UTRACE_ATTACH_ATOMIC, a
//              sleeping helper of the same file) made
//               - path-sensitively, while a spinlock or rwlock is held, with
//                 preemption, interrupts or bottom halves disabled, or inside
//                 rcu_read_lock_sched()/rcu_read_lock_bh(): the open atomic
//                 contexts are a stack in the program state, pushed by the
//                 table's atomic-enter calls and popped by atomic-exit calls
//                 of the same kind;
//               - structurally, in a function registered as a tracepoint
//                 probe (register_trace_<event>(fn, ...),
//                 tracepoint_probe_register(tp, fn, data)) or in a function
//                 of the same file such a probe calls.
//
// Plain rcu_read_lock() is UT-RCU-001's (utrace.Rcu). UT-CTX-002/003 (which
// locks the path holds, by lock) are LockStateChecker.cpp's, registered
// here under the same name: the stack of open contexts is keyed by the call
// that opened each, the lock state by the lock's region, and each half
// stays small. Each rule is switched on its own (`--disable=UT-CTX-002`).
//
// Deliberate blind spots: trylocks are not modelled (the lock counts as not
// taken); a lock taken by the caller of the analysed function is not known;
// probes registered through a function pointer variable are not seen;
// sleeping through a function pointer is not seen.
//
//===----------------------------------------------------------------------===//
#include "analysis/StageTimes.h"
#include "checkers/CallerContext.h"
#include "checkers/StateDump.h"
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include <map>
#include <set>

using namespace clang;
using namespace ento;

// The open atomic contexts, innermost first: each is the call that opened it.
REGISTER_LIST_WITH_PROGRAMSTATE(AtomicStack, const Stmt *)
// A token per opening call, for the "taken here" note.
REGISTER_MAP_WITH_PROGRAMSTATE(AtomicTokens, const Stmt *, SymbolRef)
// The call whose callee sleeps and was reported already (as in utrace.Rcu).
REGISTER_TRAIT_WITH_PROGRAMSTATE(CtxReportedSleeper, const void *)

namespace utrace {
namespace {

constexpr const char *Category = "utrace atomic context";
char TokenTag;

/// The kind of atomic context a call enters or leaves, or "".
std::string contextOf(const ApiFunction &Fn) {
  if (!Fn.Context.empty())
    return Fn.Context;
  if (Fn.has(Role::SpinLock) || Fn.has(Role::SpinUnlock))
    return "spinlock taken";
  return "";
}
bool enters(const ApiFunction &Fn) {
  return Fn.has(Role::AtomicEnter) || Fn.has(Role::SpinLock);
}
bool exits(const ApiFunction &Fn) {
  return Fn.has(Role::AtomicExit) || Fn.has(Role::SpinUnlock);
}

/// The name the user wrote for a call: the outermost macro around it that
/// the table knows (write_lock_irqsave() rather than the
/// _raw_write_lock_irqsave() it expands to), else the callee.
std::string writtenName(const CallExpr *CE, const ApiFunction &Fn,
                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Name;
  for (SourceLocation L = CE->getBeginLoc(); L.isMacroID();
       L = SM.getImmediateMacroCallerLoc(L)) {
    StringRef M = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
    if (const ApiFunction *Other = ApiModel::builtin().lookup(M))
      if (contextOf(*Other) == contextOf(Fn))
        Name = M.str();
  }
  if (Name.empty())
    if (const FunctionDecl *FD = CE->getDirectCallee())
      Name = FD->getNameAsString();
  return Name + "()";
}

/// True when the callee's declaration carries sparse's __releases(...)
/// (empty for the compiler, still in the source text).
bool releasesLock(const CallExpr *CE, CheckerContext &C) {
  const FunctionDecl *FD = CE->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return false;
  const SourceManager &SM = C.getSourceManager();
  SourceLocation B = SM.getExpansionLoc(Def->getBeginLoc());
  SourceLocation E = SM.getExpansionLoc(Def->getBody()->getBeginLoc());
  if (!SM.isWrittenInSameFile(B, E))
    return false;
  StringRef Text = Lexer::getSourceText(CharSourceRange::getCharRange(B, E),
                                        SM, C.getLangOpts());
  return Text.contains("__releases(");
}

class AtomicContextChecker
    : public Checker<check::PreCall, check::PostCall,
                     check::EndOfTranslationUnit> {
  const BugType SleepBT{this, "UT-CTX-001", Category};

public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printAtomicContextState, NL);
  }
  bool Enabled = true; ///< UT-CTX-001 reports

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

private:
  const SleepAnalysis &sleeps(CheckerContext &C) const {
    if (!Sleeps)
      Sleeps.emplace(C.getASTContext(), &C.getPreprocessor());
    return *Sleeps;
  }
  mutable std::optional<SleepAnalysis> Sleeps; // one checker per TU
};

void AtomicContextChecker::checkPreCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!Enabled || !CE || State->get<AtomicStack>().isEmpty() ||
      State->get<CtxReportedSleeper>())
    return;
  std::optional<std::string> Why = pathCallSleeps(Call, C, sleeps(C));
  if (!Why)
    return;
  const auto *Open = cast<CallExpr>(State->get<AtomicStack>().getHead());
  const ApiFunction *OpenFn = lookupApiCall(Open);
  if (!OpenFn)
    return;
  // Inside a sleeping helper of this file, the call site stands for it.
  if (!lookupApiCall(CE))
    State = State->set<CtxReportedSleeper>(CE);
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(
      SleepBT,
      *Why + " may sleep in atomic context (" + contextOf(*OpenFn) + " by " +
          writtenName(Open, *OpenFn, C.getASTContext()) + ")",
      N);
  if (const SymbolRef *Token = State->get<AtomicTokens>(Open))
    R->markInteresting(*Token);
  R->addRange(CE->getSourceRange());
  C.emitReport(std::move(R));
}

/// The innermost open context whose kind (contextOf its opening call)
/// passes Match, or null.
static const Stmt *innermostOpen(ProgramStateRef State,
                                 llvm::function_ref<bool(StringRef)> Match) {
  for (const Stmt *S : State->get<AtomicStack>()) {
    const ApiFunction *OpenFn = lookupApiCall(cast<CallExpr>(S));
    if (OpenFn && Match(contextOf(*OpenFn)))
      return S;
  }
  return nullptr;
}

/// State with the open context Open (its opening call) taken off the stack.
static ProgramStateRef closeContext(ProgramStateRef State, const Stmt *Open) {
  llvm::SmallVector<const Stmt *, 4> Kept;
  for (const Stmt *S : State->get<AtomicStack>())
    if (S != Open)
      Kept.push_back(S);
  State = State->remove<AtomicStack>()->remove<AtomicTokens>(Open);
  for (auto It = Kept.rbegin(); It != Kept.rend(); ++It)
    State = State->add<AtomicStack>(*It);
  return State;
}

/// A context of kind Kind opened by CE (a call of Fn): pushed, with a token
/// that marks the opening note interesting.
static void openContext(const CallExpr *CE, const ApiFunction &Fn,
                        const std::string &Kind, CheckerContext &C) {
  SymbolRef Token = C.getSymbolManager().conjureSymbol(
      CE, C.getLocationContext(), C.getASTContext().IntTy, C.blockCount(),
      &TokenTag);
  ProgramStateRef State =
      C.getState()->add<AtomicStack>(CE)->set<AtomicTokens>(CE, Token);
  std::string Note =
      Kind + " here by " + writtenName(CE, Fn, C.getASTContext());
  C.addTransition(State,
                  C.getNoteTag([Token, Note](PathSensitiveBugReport &BR) {
                    return BR.isInteresting(Token) ? Note : std::string();
                  }));
}

void AtomicContextChecker::checkPostCall(const CallEvent &Call,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<CtxReportedSleeper>() &&
      State->get<CtxReportedSleeper>() == Call.getOriginExpr()) {
    C.addTransition(State->remove<CtxReportedSleeper>());
    return;
  }
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  const ApiFunction *Fn = lookupApiCall(Call);
  if (CE && !Fn && !C.wasInlined && releasesLock(CE, C)) {
    // A callee annotated __releases(lock) and not inlined drops the
    // caller's innermost lock (utrace_reset(): "returns with it released").
    if (const Stmt *Drop = innermostOpen(State, [](StringRef K) {
          return K == "spinlock taken" || K == "rwlock taken";
        }))
      C.addTransition(closeContext(State, Drop));
    return;
  }
  if (!CE || !Fn)
    return;
  std::string Kind = contextOf(*Fn);
  if (Kind.empty())
    return;
  if (enters(*Fn))
    return openContext(CE, *Fn, Kind, C);
  if (!exits(*Fn))
    return;
  // Close the innermost context of the same kind; an exit with none open
  // (the caller took the lock) changes nothing.
  if (const Stmt *Open =
          innermostOpen(State, [&](StringRef K) { return K == Kind; }))
    C.addTransition(closeContext(State, Open));
}

void AtomicContextChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  StageTimer Time("analysis: atomic-context pass");
  if (!Enabled)
    return;
  auto Probes = tracepointProbes(TU); // CallerContext.h
  if (Probes.empty())
    return;
  SleepAnalysis S(Mgr.getASTContext(), &Mgr.getPreprocessor());
  for (auto &[Probe, Reg] : Probes) {
    const FunctionDecl *Def = nullptr;
    if (!Probe->hasBody(Def))
      continue;
    const CallExpr *Site = S.sleepingCallIn(Def);
    if (!Site)
      continue;
    std::string RegName =
        Reg->getDirectCallee() ? Reg->getDirectCallee()->getNameAsString()
                               : "a registration";
    auto R = std::make_unique<BasicBugReport>(
        SleepBT,
        S.reason(Site).value_or("a call") +
            " may sleep in atomic context (tracepoint probe '" +
            Def->getNameAsString() + "', registered by " + RegName +
            "(), runs with preemption disabled)",
        PathDiagnosticLocation::createBegin(Site, Mgr.getSourceManager(),
                                            Mgr.getAnalysisDeclContext(Def)));
    R->setDeclWithIssue(Def);
    R->addRange(Site->getSourceRange());
    BR.emitReport(std::move(R));
  }
}

} // namespace

void registerAtomicContextChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<AtomicContextChecker>();
  Checker->Enabled = runReportsRule(Mgr, "UT-CTX-001");
  registerLockStateChecker(Mgr);
}
bool shouldRegisterAtomicContextChecker(const CheckerManager &) { return true; }

} // namespace utrace

namespace utrace {
/// "atomic contexts: [spin_lock()@20]": the open contexts, innermost
/// first, each named by the call that opened it.
void printAtomicContextState(raw_ostream &OS, ProgramStateRef State) {
  std::vector<std::string> Open;
  for (const Stmt *S : State->get<AtomicStack>())
    Open.push_back(describeSite(State, S));
  OS << "atomic contexts: ";
  if (Open.empty())
    OS << "none";
  else
    OS << "[" << llvm::join(Open, ", ") << "]";
}
} // namespace utrace
