//===- LockStateChecker.cpp - which locks this path holds -------*- C++ -*-===//
//
// The lock-state half of utrace.AtomicContext (utrace-api.md rule 4: the
// kernel's lock contracts around callbacks). Registered by the family's
// registration function next to the atomic-context stack, which is keyed by
// the call that opened a context; this one is keyed by the lock itself.
//
//  UT-CTX-002  a lock released that this path does not hold: a release
//              (mutex_unlock(), up_read()/up_write(), spin_unlock*(),
//              read_unlock*(), write_unlock*(), mmap_read_unlock()) of a
//              lock the same path already released, directly or in a
//              helper of the same file that the analyzer inlines
//  UT-CTX-003  a call that needs a lock held (get_user_pages() and the mm
//              lock, mmap_sem / mmap_lock) made without it held for read
//              or write on this path
//
// A lock is named by its region: `&foo_mutex` is the variable, `&obj->lock`
// the field of what obj points to; a field of `lock_inner_fields` stands for
// the lock around it (spin_lock_irqsave() passes &lock->rlock, its unlock
// the lock). The API table says which calls take and drop a lock
// (lock-acquire, lock-release, lock_arg) and which need one
// (requires_lock_arg, lock_fields, lock_record).
//
// Conservative on entry: the analysed function may have been called with
// any lock held, so a release of a lock this path never took is a release
// of the caller's lock and no finding; only a second release on the same
// path is. UT-CTX-003 is quiet in a function whose callers in the same file
// (or theirs) take such a lock, and in a frame that asserts or is annotated
// as holding one (the `lock_held_assertions` setting).
//
// Deliberate blind spots: a lock taken or dropped by a function of another
// file is not seen; trylocks and the interruptible forms count as taken
// (their failure path is quiet); for UT-CTX-003 any held lock of the named
// fields counts, whichever object it belongs to (`current->mm` read twice
// is two symbols to the analyzer, and the contract is almost always about
// the one mm in sight); get_user_pages() without an mm argument (4.9+, it
// uses current->mm) is not checked; an assertion documents the lock for
// the whole function, not from its line on.
//
//===----------------------------------------------------------------------===//
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
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;

namespace utrace {
/// What the path knows about one lock: taken (Held) or dropped (Released),
/// and the call that did it.
struct LockState {
  bool Held;
  const Stmt *Site;
  bool operator==(const LockState &O) const {
    return Held == O.Held && Site == O.Site;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddBoolean(Held);
    ID.AddPointer(Site);
  }
};
} // namespace utrace

// Locks this path took or released, by region. A lock absent from the map
// is in the state the caller left it: unknown.
REGISTER_MAP_WITH_PROGRAMSTATE(LockStates, const MemRegion *, utrace::LockState)

namespace utrace {
namespace {

constexpr const char *Category = "utrace atomic context";

enum RuleIndex { RuleDoubleUnlock, RuleNeedsLock, NumRules };
constexpr const char *RuleIds[NumRules] = {"UT-CTX-002", "UT-CTX-003"};

const ApiModel &api() { return ApiModel::builtin(); }


/// The record an expression of pointer type points to, or null.
const RecordDecl *pointeeRecord(const Expr *E) {
  if (!E)
    return nullptr;
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (!T->isPointerType())
    return nullptr;
  return T->getPointeeType()->getAsRecordDecl();
}

/// The field Name of Record, also inside anonymous structs and unions
/// (6.1's mm_struct keeps mmap_lock in one): the fields from Record down.
bool fieldPath(const RecordDecl *Record, StringRef Name,
               llvm::SmallVectorImpl<const FieldDecl *> &Path) {
  if (!Record || !(Record = Record->getDefinition()))
    return false;
  for (const FieldDecl *FD : Record->fields()) {
    Path.push_back(FD);
    if (FD->getName() == Name)
      return true;
    if (FD->isAnonymousStructOrUnion() &&
        fieldPath(FD->getType()->getAsRecordDecl(), Name, Path))
      return true;
    Path.pop_back();
  }
  return false;
}

/// The first of Names that Record has as a field, with its path.
const FieldDecl *namedField(const RecordDecl *Record,
                            llvm::ArrayRef<std::string> Names,
                            llvm::SmallVectorImpl<const FieldDecl *> *Path =
                                nullptr) {
  for (const std::string &N : Names) {
    llvm::SmallVector<const FieldDecl *, 4> P;
    if (fieldPath(Record, N, P)) {
      if (Path)
        Path->assign(P.begin(), P.end());
      return P.back();
    }
  }
  return nullptr;
}

/// The lock a lock-acquire/lock-release call names, normalized: casts
/// stripped, an inner field (rlock) replaced by the lock around it.
const MemRegion *lockRegion(const CallEvent &Call, const ApiFunction &Fn,
                            CheckerContext &C) {
  if (Fn.LockArg < 0 || static_cast<unsigned>(Fn.LockArg) >= Call.getNumArgs())
    return nullptr;
  const MemRegion *R = Call.getArgSVal(Fn.LockArg).getAsRegion();
  if (!R)
    return nullptr;
  R = R->StripCasts();
  if (!Fn.LockFields.empty()) {
    llvm::SmallVector<const FieldDecl *, 4> Path;
    namedField(pointeeRecord(Call.getArgExpr(Fn.LockArg)), Fn.LockFields,
               &Path);
    for (const FieldDecl *FD : Path) {
      const auto *Super = dyn_cast<SubRegion>(R);
      if (!Super)
        break;
      R = C.getStoreManager().getRegionManager().getFieldRegion(FD, Super);
    }
    return R;
  }
  // Up from an inner field (6.1: spinlock_t holds rlock in an anonymous
  // union) to the lock the code named.
  llvm::SmallVector<StringRef, 8> Inner = api().settingItems("lock_inner_fields");
  while (const auto *FR = dyn_cast<FieldRegion>(R)) {
    if (!llvm::is_contained(Inner, FR->getDecl()->getName()) &&
        !FR->getDecl()->isAnonymousStructOrUnion())
      break;
    R = FR->getSuperRegion()->StripCasts();
  }
  return R;
}

/// The text of a function from its declaration's start to its body's end.
StringRef definitionText(const FunctionDecl *FD, const SourceManager &SM,
                         const LangOptions &LO) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def->getBody())
    return {};
  SourceLocation B = SM.getExpansionLoc(Def->getBeginLoc());
  SourceLocation E = SM.getExpansionLoc(Def->getBody()->getEndLoc());
  if (!SM.isWrittenInSameFile(B, E))
    return {};
  return Lexer::getSourceText(CharSourceRange::getTokenRange(B, E), SM, LO);
}

/// True when Text calls or expands Name: the identifier, then "(".
bool mentionsCall(StringRef Text, StringRef Name) {
  for (size_t At = Text.find(Name); At != StringRef::npos;
       At = Text.find(Name, At + 1)) {
    if (At > 0 && (llvm::isAlnum(Text[At - 1]) || Text[At - 1] == '_'))
      continue;
    StringRef Rest = Text.drop_front(At + Name.size()).ltrim();
    if (Rest.starts_with("("))
      return true;
  }
  return false;
}

/// True when a call takes a lock that is one of Fields of some object
/// (`down_read(&mm->mmap_sem)`, `mmap_read_lock(mm)`).
bool takesFieldLock(const CallExpr *CE, llvm::ArrayRef<std::string> Fields) {
  const ApiFunction *Fn = lookupApiCall(CE);
  if (!Fn || !Fn->has(Role::LockAcquire))
    return false;
  for (const std::string &F : Fn->LockFields)
    if (llvm::is_contained(Fields, F))
      return true;
  if (Fn->LockArg < 0 || static_cast<unsigned>(Fn->LockArg) >= CE->getNumArgs())
    return false;
  const Expr *Arg = CE->getArg(Fn->LockArg)->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
    if (UO->getOpcode() == UO_AddrOf)
      Arg = UO->getSubExpr()->IgnoreParenCasts();
  const auto *ME = dyn_cast<MemberExpr>(Arg);
  return ME && llvm::is_contained(Fields, ME->getMemberDecl()->getName());
}

/// Per function of the file: its direct callees, and whether it takes a
/// lock of the given fields itself.
class LockCallGraph : public RecursiveASTVisitor<LockCallGraph> {
public:
  explicit LockCallGraph(llvm::ArrayRef<std::string> Fields) : Fields(Fields) {}
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    Current = FD->getCanonicalDecl();
    Body Collector(*this);
    Collector.TraverseStmt(FD->getBody());
    return true;
  }
  // Callers that take the lock, then everything they reach.
  llvm::DenseSet<const FunctionDecl *> enteredLocked() const {
    llvm::DenseSet<const FunctionDecl *> Out;
    llvm::SmallVector<const FunctionDecl *, 16> Work(Takers.begin(),
                                                     Takers.end());
    llvm::DenseSet<const FunctionDecl *> Seen(Takers.begin(), Takers.end());
    while (!Work.empty()) {
      const FunctionDecl *F = Work.pop_back_val();
      auto It = Callees.find(F);
      if (It == Callees.end())
        continue;
      for (const FunctionDecl *G : It->second) {
        Out.insert(G);
        if (Seen.insert(G).second)
          Work.push_back(G);
      }
    }
    return Out;
  }

private:
  struct Body : RecursiveASTVisitor<Body> {
    explicit Body(LockCallGraph &G) : G(G) {}
    bool VisitCallExpr(CallExpr *CE) {
      if (takesFieldLock(CE, G.Fields))
        G.Takers.insert(G.Current);
      else if (const FunctionDecl *FD = CE->getDirectCallee())
        G.Callees[G.Current].insert(FD->getCanonicalDecl());
      return true;
    }
    LockCallGraph &G;
  };
  llvm::ArrayRef<std::string> Fields;
  const FunctionDecl *Current = nullptr;
  llvm::DenseSet<const FunctionDecl *> Takers;
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const FunctionDecl *>>
      Callees;
};

class LockStateChecker : public Checker<check::PreCall, check::PostCall> {
  const BugType DoubleUnlockBT{this, "UT-CTX-002", Category};
  const BugType NeedsLockBT{this, "UT-CTX-003", Category};

public:
  /// This family's part of the state (StateDump.h).
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    printFamilyState(Out, State, printLockState, NL);
  }
  bool Enabled[NumRules] = {true, true};

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;

private:
  void checkRelease(const CallEvent &Call, const ApiFunction &Fn,
                    CheckerContext &C) const;
  void checkRequiredLock(const CallEvent &Call, const ApiFunction &Fn,
                         CheckerContext &C) const;
  bool lockKnownHeld(const ApiFunction &Fn, CheckerContext &C) const;
  /// Functions of the file entered with a lock of these fields possibly
  /// held by a caller of the same file (computed once per set of fields).
  const llvm::DenseSet<const FunctionDecl *> &
  enteredLocked(const ApiFunction &Fn, CheckerContext &C) const;
  mutable std::map<std::string, llvm::DenseSet<const FunctionDecl *>>
      EnteredLocked; // one checker per translation unit
};

/// The name the code wrote for a call: the outermost macro around it that
/// the table knows with the same lock role (spin_unlock_irqrestore() rather
/// than what it expands to), else the callee.
std::string writtenName(const CallEvent &Call, const ApiFunction &Fn,
                        CheckerContext &C) {
  const SourceManager &SM = C.getSourceManager();
  uint64_t Roles = static_cast<uint64_t>(Role::LockAcquire) |
                   static_cast<uint64_t>(Role::LockRelease);
  std::string Name;
  const Expr *E = Call.getOriginExpr();
  for (SourceLocation L = E ? E->getBeginLoc() : SourceLocation();
       L.isMacroID(); L = SM.getImmediateMacroCallerLoc(L)) {
    StringRef M = Lexer::getImmediateMacroName(L, SM, C.getLangOpts());
    if (const ApiFunction *Other = api().lookup(M))
      if ((Other->Roles & Roles) == (Fn.Roles & Roles))
        Name = M.str();
  }
  if (Name.empty())
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
      Name = FD->getNameAsString();
  return Name.empty() ? apiCallName(Fn) : Name + "()";
}

/// The first argument of the outermost macro a call was written as, "'x'"
/// for `spin_lock_irqsave(&x, flags)`, or "".
std::string firstMacroArgument(const Expr *CallE, CheckerContext &C) {
  if (!CallE || !CallE->getBeginLoc().isMacroID())
    return "";
  const SourceManager &SM = C.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(CallE->getSourceRange());
  StringRef Text = Lexer::getSourceText(R, SM, C.getLangOpts());
  size_t Open = Text.find('(');
  if (Open == StringRef::npos)
    return "";
  int Depth = 0;
  size_t I = Open + 1;
  for (; I < Text.size(); ++I) {
    char Ch = Text[I];
    if (Ch == '(' || Ch == '[')
      ++Depth;
    else if ((Ch == ')' || Ch == ']') && Depth-- == 0)
      break;
    else if (Ch == ',' && Depth == 0)
      break;
  }
  StringRef Arg = Text.slice(Open + 1, I).trim();
  Arg.consume_front("&");
  Arg = Arg.trim();
  if (Arg.empty() || Arg.size() > 60 || Arg.contains('\n'))
    return "";
  return "'" + Arg.str() + "'";
}

/// "'&foo_mutex'" for messages: the argument as written, without the &.
std::string lockName(const CallEvent &Call, const ApiFunction &Fn,
                     CheckerContext &C, const MemRegion *Lock) {
  const Expr *E = Call.getArgExpr(Fn.LockArg);
  if (!E)
    return "the lock";
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  const SourceManager &SM = C.getSourceManager();
  // Spelled in a header's macro (spin_lock_irqsave() passes
  // spinlock_check(lock)): the region's own name reads better.
  if (E->getBeginLoc().isMacroID() &&
      !SM.isWrittenInMainFile(SM.getSpellingLoc(E->getBeginLoc()))) {
    std::string Named = Lock ? Lock->getDescriptiveName() : std::string();
    if (Named.empty())
      Named = firstMacroArgument(Call.getOriginExpr(), C);
    if (!Named.empty())
      return Fn.LockFields.empty() ? Named : "the lock of " + Named;
  }
  CharSourceRange R = CharSourceRange::getTokenRange(
      SM.getSpellingLoc(E->getBeginLoc()), SM.getSpellingLoc(E->getEndLoc()));
  StringRef Text = Lexer::getSourceText(R, SM, C.getLangOpts());
  if (Text.empty() || Text.size() > 60 || Text.contains('\n'))
    return describeExpr(E);
  std::string Out = "'" + Text.str() + "'";
  if (!Fn.LockFields.empty())
    Out = "the lock of " + Out;
  return Out;
}

void LockStateChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn)
    return;
  if (Fn->has(Role::LockRelease))
    checkRelease(Call, *Fn, C);
  else if (Fn->RequiresLockArg >= 0 && Enabled[RuleNeedsLock])
    checkRequiredLock(Call, *Fn, C);
}

void LockStateChecker::checkRelease(const CallEvent &Call,
                                    const ApiFunction &Fn,
                                    CheckerContext &C) const {
  const MemRegion *Lock = lockRegion(Call, Fn, C);
  if (!Lock)
    return;
  ProgramStateRef State = C.getState();
  const LockState *Before = State->get<LockStates>(Lock);
  const Stmt *Site = Call.getOriginExpr();
  if (Before && !Before->Held) {
    if (!Enabled[RuleDoubleUnlock])
      return;
    ExplodedNode *N = C.generateNonFatalErrorNode(State);
    if (!N)
      return;
    auto R = std::make_unique<PathSensitiveBugReport>(
        DoubleUnlockBT,
        writtenName(Call, Fn, C) + " of " + lockName(Call, Fn, C, Lock) +
            ", which this path already released",
        N);
    R->markInteresting(Lock);
    R->addRange(Call.getSourceRange());
    C.emitReport(std::move(R));
    return;
  }
  std::string Note = lockName(Call, Fn, C, Lock) + " released here by " +
                     writtenName(Call, Fn, C);
  C.addTransition(State->set<LockStates>(Lock, LockState{false, Site}),
                  C.getNoteTag([Lock, Note](PathSensitiveBugReport &BR) {
                    return BR.isInteresting(Lock) ? Note : std::string();
                  }));
}

void LockStateChecker::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn || !Fn->has(Role::LockAcquire))
    return;
  const MemRegion *Lock = lockRegion(Call, *Fn, C);
  if (!Lock)
    return;
  std::string Note =
      lockName(Call, *Fn, C, Lock) + " taken here by " + writtenName(Call, *Fn, C);
  C.addTransition(
      C.getState()->set<LockStates>(Lock,
                                    LockState{true, Call.getOriginExpr()}),
      C.getNoteTag([Lock, Note](PathSensitiveBugReport &BR) {
        return BR.isInteresting(Lock) ? Note : std::string();
      }));
}

/// The argument a requires-lock call names: RequiresLockArg when it points
/// to the LockRecord, else the first argument that does.
int requiredLockArg(const CallEvent &Call, const ApiFunction &Fn) {
  auto Fits = [&](unsigned I) {
    const RecordDecl *RD = pointeeRecord(Call.getArgExpr(I));
    return RD && (Fn.LockRecord.empty() || RD->getName() == Fn.LockRecord);
  };
  unsigned N = Call.getNumArgs();
  if (static_cast<unsigned>(Fn.RequiresLockArg) < N && Fits(Fn.RequiresLockArg))
    return Fn.RequiresLockArg;
  if (Fn.LockRecord.empty())
    return -1;
  for (unsigned I = 0; I < N; ++I)
    if (Fits(I))
      return I;
  return -1;
}

bool LockStateChecker::lockKnownHeld(const ApiFunction &Fn,
                                     CheckerContext &C) const {
  for (auto &[Lock, S] : C.getState()->get<LockStates>()) {
    if (!S.Held)
      continue;
    if (const auto *FR = dyn_cast<FieldRegion>(Lock))
      if (llvm::is_contained(Fn.LockFields, FR->getDecl()->getName()))
        return true;
  }
  return false;
}

const llvm::DenseSet<const FunctionDecl *> &
LockStateChecker::enteredLocked(const ApiFunction &Fn,
                                CheckerContext &C) const {
  std::string Key = llvm::join(Fn.LockFields, ",");
  auto It = EnteredLocked.find(Key);
  if (It != EnteredLocked.end())
    return It->second;
  LockCallGraph G(Fn.LockFields);
  G.TraverseDecl(C.getASTContext().getTranslationUnitDecl());
  return EnteredLocked[Key] = G.enteredLocked();
}

void LockStateChecker::checkRequiredLock(const CallEvent &Call,
                                         const ApiFunction &Fn,
                                         CheckerContext &C) const {
  int Arg = requiredLockArg(Call, Fn);
  if (Arg < 0 || lockKnownHeld(Fn, C))
    return;
  // Entered with the lock held: a same-file caller takes it, or a frame of
  // this path says so (lockdep_assert_held(), __must_hold()).
  const StackFrameContext *Top = C.getStackFrame();
  while (!Top->inTopFrame())
    Top = Top->getParent()->getStackFrame();
  const auto *TopFD = dyn_cast_or_null<FunctionDecl>(Top->getDecl());
  if (TopFD && enteredLocked(Fn, C).contains(TopFD->getCanonicalDecl()))
    return;
  llvm::SmallVector<StringRef, 8> Asserts = api().settingItems("lock_held_assertions");
  for (const LocationContext *LC = C.getLocationContext(); LC;
       LC = LC->getParent()) {
    StringRef Text =
        definitionText(dyn_cast_or_null<FunctionDecl>(LC->getDecl()),
                       C.getSourceManager(), C.getLangOpts());
    for (StringRef A : Asserts)
      if (mentionsCall(Text, A))
        return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(C.getState());
  if (!N)
    return;
  const FieldDecl *FD =
      namedField(pointeeRecord(Call.getArgExpr(Arg)), Fn.LockFields);
  std::string Field = FD ? FD->getName().str() : Fn.LockFields.front();
  auto R = std::make_unique<PathSensitiveBugReport>(
      NeedsLockBT,
      writtenName(Call, Fn, C) + " on " + describeExpr(Call.getArgExpr(Arg)) +
          " without its " + Field + " held for read or write",
      N);
  // Where such a lock was dropped on this path, if it was.
  for (auto &[Lock, S] : C.getState()->get<LockStates>())
    if (const auto *FR = dyn_cast<FieldRegion>(Lock))
      if (!S.Held && llvm::is_contained(Fn.LockFields, FR->getDecl()->getName()))
        R->markInteresting(Lock);
  R->addRange(Call.getSourceRange());
  C.emitReport(std::move(R));
}

} // namespace

void registerLockStateChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<LockStateChecker>();
  for (unsigned I = 0; I < NumRules; ++I)
    Checker->Enabled[I] = runReportsRule(Mgr, RuleIds[I]);
}

} // namespace utrace

namespace utrace {
/// "locks: ['gs->lock' held by spin_lock()@20]": each lock this path took
/// or released, and the call that did it.
void printLockState(raw_ostream &OS, ProgramStateRef State) {
  std::vector<std::string> Locks;
  for (auto &[R, L] : State->get<LockStates>())
    Locks.push_back(describeRegion(R) + (L.Held ? " held by " : " released by ") +
                    describeSite(State, L.Site));
  OS << "locks: " << listOrNone(Locks);
}
} // namespace utrace
