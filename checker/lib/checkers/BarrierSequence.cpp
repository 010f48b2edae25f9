//===- BarrierSequence.cpp - lockless accesses and barriers on a CFG -*- C++ -*-===//
#include "checkers/BarrierSequence.h"
#include "checkers/FileCallGraph.h"
#include "checkers/ModelingSupport.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SetOperations.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

using namespace clang;

namespace utrace::barrier {

void Sequence::forEach(llvm::function_ref<void(const Event &, Pos)> Fn) const {
  for (unsigned B = 0; B < Blocks.size(); ++B)
    for (size_t I = 0; I < Blocks[B].size(); ++I)
      Fn(Blocks[B][I], Pos{B, I});
}

void walkForward(const Sequence &S, Pos From,
                 llvm::function_ref<Walk(const Event &, Pos)> Visit,
                 llvm::function_ref<void()> AtExit) {
  llvm::BitVector Seen(S.Blocks.size());
  llvm::SmallVector<Pos, 16> Work{{From.Block, From.Index + 1}};
  unsigned ExitId = S.Cfg->getExit().getBlockID();
  while (!Work.empty()) {
    Pos P = Work.pop_back_val();
    const std::vector<Event> &Evs = S.Blocks[P.Block];
    bool Stopped = false;
    for (size_t I = P.Index; I < Evs.size() && !Stopped; ++I)
      Stopped = Visit(Evs[I], Pos{P.Block, I}) == Walk::StopPath;
    if (Stopped)
      continue;
    if (P.Block == ExitId) {
      if (AtExit)
        AtExit();
      continue;
    }
    for (const CFGBlock *Succ : S.ById[P.Block]->succs())
      if (Succ && !Seen.test(Succ->getBlockID())) {
        Seen.set(Succ->getBlockID());
        Work.push_back({Succ->getBlockID(), 0});
      }
  }
}

void walkBackward(const Sequence &S, Pos From,
                  llvm::function_ref<Walk(const Event &, Pos)> Visit) {
  llvm::BitVector Seen(S.Blocks.size());
  // Index is one past the last event to visit.
  llvm::SmallVector<Pos, 16> Work{{From.Block, From.Index}};
  while (!Work.empty()) {
    Pos P = Work.pop_back_val();
    const std::vector<Event> &Evs = S.Blocks[P.Block];
    bool Stopped = false;
    for (size_t I = std::min(P.Index, Evs.size()); I-- > 0 && !Stopped;)
      Stopped = Visit(Evs[I], Pos{P.Block, I}) == Walk::StopPath;
    if (Stopped)
      continue;
    for (const CFGBlock *Pred : S.ById[P.Block]->preds())
      if (Pred && !Seen.test(Pred->getBlockID())) {
        Seen.set(Pred->getBlockID());
        Work.push_back({Pred->getBlockID(), S.Blocks[Pred->getBlockID()].size()});
      }
  }
}

namespace {

/// The names of the macros whose bodies (not arguments) contain \p L,
/// innermost first: the asm of smp_wmb() gives {barrier, smp_wmb}.
llvm::SmallVector<StringRef, 4> macroChain(SourceLocation L,
                                           const SourceManager &SM,
                                           const LangOptions &LO) {
  llvm::SmallVector<StringRef, 4> Names;
  for (unsigned Guard = 0; L.isMacroID() && Guard < 64; ++Guard) {
    if (!SM.isMacroArgExpansion(L))
      Names.push_back(Lexer::getImmediateMacroName(L, SM, LO));
    L = SM.getImmediateMacroCallerLoc(L);
  }
  return Names;
}

uint64_t barrierRoles() {
  return static_cast<uint64_t>(Role::BarrierWrite) |
         static_cast<uint64_t>(Role::BarrierRead) |
         static_cast<uint64_t>(Role::BarrierFull) |
         static_cast<uint64_t>(Role::StoreRelease) |
         static_cast<uint64_t>(Role::LoadAcquire);
}

/// The field a (possibly READ_ONCE/WRITE_ONCE-wrapped) lvalue designates:
/// "x->f", "*(volatile T *)&(x->f)", "*&x->f".
const MemberExpr *fieldLValue(const Expr *E) {
  for (unsigned Guard = 0; E && Guard < 8; ++Guard) {
    E = E->IgnoreParens();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return isa<FieldDecl>(ME->getMemberDecl()) ? ME : nullptr;
    const auto *Deref = dyn_cast<UnaryOperator>(E);
    if (!Deref || Deref->getOpcode() != UO_Deref)
      return nullptr;
    const auto *Addr =
        dyn_cast<UnaryOperator>(Deref->getSubExpr()->IgnoreParenCasts());
    if (!Addr || Addr->getOpcode() != UO_AddrOf)
      return nullptr;
    E = Addr->getSubExpr();
  }
  return nullptr;
}

std::string fieldKey(const MemberExpr *ME) {
  const auto *FD = cast<FieldDecl>(ME->getMemberDecl());
  const RecordDecl *RD = FD->getParent();
  std::string Rec = RD->getName().str();
  if (Rec.empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      Rec = TD->getName().str();
  if (Rec.empty())
    Rec = "(anonymous)";
  return Rec + "." + FD->getName().str();
}

/// List linkage: the list API (list_add, list_del, hlist_add_head_rcu, the
/// iterators) orders its own pointers, under the list's lock or RCU. Its
/// fields say nothing about an ordering of the objects on the list.
bool isLinkageRecord(const RecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(RD->getName())
      .Cases("list_head", "hlist_head", "hlist_node", "hlist_bl_head",
             "hlist_bl_node", true)
      .Cases("llist_head", "llist_node", "rb_node", "rb_root", true)
      .Default(false);
}

bool isLinkage(const FieldDecl *FD) {
  if (isLinkageRecord(FD->getParent()))
    return true;
  QualType T = FD->getType().getCanonicalType();
  if (const auto *RT = T->getAs<RecordType>())
    return isLinkageRecord(RT->getDecl());
  return false;
}

/// A local variable of the function (not a parameter, not static).
bool isStackVar(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && !isa<ParmVarDecl>(V) && V->hasLocalStorage();
}

/// What a local pointer variable holds, for the fresh-object test.
struct LocalPointer {
  bool Alloc = false; ///< assigned the result of an allocation
  bool Other = false; ///< assigned anything else (not NULL)
  unsigned PublishedAt = ~0u; ///< file offset of the first publication
};

} // namespace

struct SequenceBuilder::Impl {
  ASTContext &Ctx;
  AnalysisDeclContextManager &ADCMgr;
  const ApiModel &Api;
  llvm::StringMap<bool> ReleaseCalls;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Sequence>> Cache;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
  /// Pointer parameters through which every caller in the file passes one
  /// of its own stack objects (computed once per translation unit).
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<bool, 4>> LocalParams;
  bool LocalParamsDone = false;
  /// The function being built, and its local pointers.
  const FunctionDecl *Cur = nullptr;
  llvm::DenseMap<const VarDecl *, LocalPointer> *CurLocals = nullptr;
  /// The sequence being built and the block whose events addStmt appends.
  Sequence *CurSeq = nullptr;
  unsigned CurBlock = 0;

  /// The file's call graph (computed once per translation unit).
  std::unique_ptr<FileCallGraph> Graph;
  /// Where a call of a helper of the file sits in its caller's sequence:
  /// the locks held there are those held before event Index of Block.
  struct CallSite {
    Sequence *In;
    unsigned Block;
    size_t Index;
  };
  llvm::DenseMap<const CallExpr *, CallSite> CallSites;
  /// Locks every caller holds when it calls the function (settleEntryLocks).
  llvm::DenseMap<const FunctionDecl *, std::set<std::string>> EntryLocks;
  /// Per sequence, the locks held on entry to each block (computeLocks).
  llvm::DenseMap<const Sequence *, std::vector<std::set<std::string>>> BlockIn;
  /// Lock keys that name the same lock in every function: a field
  /// (record.field) or a variable with static storage. A parameter or a
  /// local named `lock` in one function is not the `lock` of another.
  mutable std::set<std::string> SharedLockKeys;

  Impl(ASTContext &Ctx, AnalysisDeclContextManager &ADCMgr, const ApiModel &Api)
      : Ctx(Ctx), ADCMgr(ADCMgr), Api(Api) {
    for (const Ordering &O : Api.orderings())
      for (const std::string &C : O.ReleaseCalls)
        ReleaseCalls[C] = true;
  }

  const SourceManager &SM() const { return Ctx.getSourceManager(); }

  unsigned offset(SourceLocation L) const {
    return SM().getFileOffset(SM().getExpansionLoc(L));
  }

  /// A call that returns fresh memory: an allocator of the API model (a
  /// gfp_arg) or a function declared __malloc (the kernel marks kmalloc,
  /// kmem_cache_alloc, vmalloc and friends so).
  bool isAllocation(const Expr *E) const {
    const auto *CE = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenCasts() : E);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (Callee->hasAttr<RestrictAttr>())
      return true;
    const ApiFunction *Fn = lookupApiCall(CE, MemberCalls::Match, Api);
    return Fn && Fn->GfpArg >= 0;
  }

  static bool isNullConstant(const Expr *E, ASTContext &Ctx) {
    return E->IgnoreParenCasts()->isNullPointerConstant(
               Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  }

  /// The assignments to a function's local pointers (fresh allocation or
  /// anything else), and every use of them.
  struct LocalPointerScan : RecursiveASTVisitor<LocalPointerScan> {
    Impl &I;
    llvm::DenseMap<const VarDecl *, LocalPointer> &Out;
    std::vector<const DeclRefExpr *> Uses;
    LocalPointerScan(Impl &I,
                     llvm::DenseMap<const VarDecl *, LocalPointer> &Out)
        : I(I), Out(Out) {}
    static bool isLocalPointer(const VarDecl *VD) {
      return VD && isStackVar(VD) && VD->getType()->isPointerType();
    }
    void def(const VarDecl *VD, const Expr *Init) {
      if (!Init || isNullConstant(Init, I.Ctx))
        return;
      (I.isAllocation(Init) ? Out[VD].Alloc : Out[VD].Other) = true;
    }
    bool VisitVarDecl(VarDecl *VD) {
      if (isLocalPointer(VD))
        def(VD, VD->getInit());
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() != BO_Assign)
        return true;
      if (const auto *D = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
        if (isLocalPointer(dyn_cast<VarDecl>(D->getDecl())))
          def(cast<VarDecl>(D->getDecl()), BO->getRHS());
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (isLocalPointer(dyn_cast<VarDecl>(D->getDecl())))
        Uses.push_back(D);
      return true;
    }
  };

  /// Whether the use D of a local pointer hands it out (passed to a call
  /// that is not a header inline, stored, returned, copied) rather than
  /// only looking at it.
  bool publishes(const DeclRefExpr *D, const ParentMap &PM) const {
    const Stmt *Child = D;
    const Stmt *P =
        PM.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(D));
    if (!P)
      return false;
    if (const auto *ME = dyn_cast<MemberExpr>(P))
      return ME->getBase()->IgnoreParenImpCasts() != Child;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return !(BO->isComparisonOp() || BO->isLogicalOp() ||
               (BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Child));
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      // !p, *p (also sizeof(*p)): the pointer is looked at, not handed out
      return UO->getOpcode() != UO_LNot && UO->getOpcode() != UO_Deref;
    if (isa<IfStmt, WhileStmt, ForStmt, ConditionalOperator,
            UnaryExprOrTypeTraitExpr>(P))
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(P)) {
      // IS_ERR(p), kfree(p): a header inline or a model function looks
      // at the pointer; a call of anything else may store it.
      const FunctionDecl *Callee = CE->getDirectCallee();
      const FunctionDecl *Def = nullptr;
      return !(Callee && Callee->hasBody(Def) && Def->isInlined() &&
               !SM().isInMainFile(SM().getExpansionLoc(Def->getLocation())));
    }
    return true;
  }

  /// The local pointers of \p FD: which hold a fresh allocation, and where
  /// each is first published (passed to a call that is not a header inline,
  /// stored, returned, copied).
  void scanLocals(const FunctionDecl *FD,
                  llvm::DenseMap<const VarDecl *, LocalPointer> &Out) {
    LocalPointerScan Vis(*this, Out);
    Vis.TraverseStmt(FD->getBody());
    ParentMap PM(FD->getBody());
    for (const DeclRefExpr *D : Vis.Uses) {
      auto It = Out.find(cast<VarDecl>(D->getDecl()));
      if (It == Out.end() || !It->second.Alloc || It->second.Other)
        continue;
      if (publishes(D, PM))
        It->second.PublishedAt =
            std::min(It->second.PublishedAt, offset(D->getLocation()));
    }
  }

  /// The stack objects a call passes: for each argument, true when it is
  /// the address of a stack object of the caller (or a parameter through
  /// which the caller itself only ever gets one).
  bool stackArg(const Expr *Arg, const FunctionDecl *Caller) const {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
      if (UO->getOpcode() == UO_AddrOf) {
        const Expr *E = UO->getSubExpr()->IgnoreParenImpCasts();
        while (const auto *ME = dyn_cast<MemberExpr>(E)) {
          if (ME->isArrow())
            return false;
          E = ME->getBase()->IgnoreParenImpCasts();
        }
        const auto *D = dyn_cast<DeclRefExpr>(E);
        return D && isStackVar(D->getDecl());
      }
    if (const auto *D = dyn_cast<DeclRefExpr>(Arg))
      if (const auto *PV = dyn_cast<ParmVarDecl>(D->getDecl())) {
        auto It = LocalParams.find(Caller ? Caller->getCanonicalDecl()
                                          : nullptr);
        unsigned Idx = PV->getFunctionScopeIndex();
        return It != LocalParams.end() && Idx < It->second.size() &&
               It->second[Idx];
      }
    return false;
  }

  /// Clears, until nothing changes, every parameter some call passes
  /// anything but a stack object of its caller.
  void clearNonStackArgs(const std::vector<FileCallGraph::Call> &Calls) {
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const FileCallGraph::Call &C : Calls) {
        auto It = LocalParams.find(C.Callee);
        if (It == LocalParams.end())
          continue;
        const FunctionDecl *Caller = C.Caller->getCanonicalDecl();
        for (unsigned I = 0; I < It->second.size(); ++I) {
          if (!It->second[I])
            continue;
          if (I >= C.CE->getNumArgs() ||
              !stackArg(C.CE->getArg(I), Caller)) {
            It->second[I] = false;
            Changed = true;
          }
        }
      }
    }
  }

  void settleEntryLocks();

  const FileCallGraph &graph() {
    if (!Graph)
      Graph = std::make_unique<FileCallGraph>(Ctx);
    return *Graph;
  }

  /// Static functions of the file whose pointer parameters only ever get a
  /// caller's stack object (finish_callback(..., &report, ...) from every
  /// caller): their pointees are that thread's own. Optimistic start, then
  /// every call that passes anything else, and every function whose address
  /// is taken, clears the parameter.
  void computeLocalParams() {
    LocalParamsDone = true;
    const FileCallGraph &G = graph();
    for (const FunctionDecl *FD : G.Defs) {
      if (FD->isExternallyVisible() || G.addressTaken(FD))
        continue;
      llvm::SmallVector<bool, 4> Flags;
      for (const ParmVarDecl *P : FD->parameters())
        Flags.push_back(P->getType()->isPointerType());
      LocalParams[FD->getCanonicalDecl()] = Flags;
    }
    clearNonStackArgs(G.Calls);
    // A function nobody in the file calls gets its arguments from outside.
    // Cleared only now: during the fixpoint its parameters still counted as
    // its callees' stack objects (docs/design.md, "2026-12-03").
    for (auto &[FD, Flags] : LocalParams)
      if (!G.isCalled(FD))
        Flags.assign(Flags.size(), false);
  }

  bool localParam(const FunctionDecl *FD, unsigned Idx) const {
    auto It = LocalParams.find(FD->getCanonicalDecl());
    return It != LocalParams.end() && Idx < It->second.size() &&
           It->second[Idx];
  }

  /// Whether another thread may see the object \p ME accesses in the
  /// function being built; \p Param gets the pointer parameter it is
  /// reached through, if any.
  bool sharedObject(const MemberExpr *ME, int &Param) const {
    Param = -1;
    const Expr *E = ME->getBase()->IgnoreParenImpCasts();
    bool Arrow = ME->isArrow();
    for (unsigned Guard = 0; Guard < 16; ++Guard) {
      if (const auto *M = dyn_cast<MemberExpr>(E)) {
        if (Arrow)
          return true; // a pointer loaded from memory
        Arrow = M->isArrow();
        E = M->getBase()->IgnoreParenImpCasts();
        continue;
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
        if (UO->getOpcode() == UO_AddrOf && Arrow) {
          Arrow = false;
          E = UO->getSubExpr()->IgnoreParenImpCasts();
          continue;
        }
        if (UO->getOpcode() == UO_Deref && !Arrow) {
          Arrow = true;
          E = UO->getSubExpr()->IgnoreParenImpCasts();
          continue;
        }
        return true;
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
        if (Arrow)
          return true;
        E = AS->getBase()->IgnoreParenImpCasts();
        Arrow = E->getType()->isPointerType() &&
                !isa<DeclRefExpr>(E); // a local array decays to a pointer
        if (const auto *D = dyn_cast<DeclRefExpr>(E))
          Arrow = !D->getDecl()->getType()->isArrayType();
        continue;
      }
      return sharedRoot(ME, E, Arrow, Param);
    }
    return true;
  }

  /// sharedObject() at the root E of the access path (Arrow: reached
  /// through a pointer it holds): a global is shared, the function's own
  /// stack object is not, a pointer parameter unless every caller passes
  /// its stack object, a local pointer unless it holds a fresh allocation
  /// not yet published at the access.
  bool sharedRoot(const MemberExpr *ME, const Expr *E, bool Arrow,
                  int &Param) const {
    const auto *D = dyn_cast<DeclRefExpr>(E);
    const auto *VD = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    if (!VD || VD->hasGlobalStorage())
      return true;
    if (!Arrow)
      return false; // the function's own stack object
    if (const auto *PV = dyn_cast<ParmVarDecl>(VD)) {
      Param = PV->getFunctionScopeIndex();
      return !(Cur && localParam(Cur, Param));
    }
    if (!CurLocals)
      return true;
    auto It = CurLocals->find(VD);
    if (It == CurLocals->end() || !It->second.Alloc || It->second.Other)
      return true;
    return offset(ME->getExprLoc()) > It->second.PublishedAt;
  }

  std::string print(const Expr *E) const {
    std::string S;
    llvm::raw_string_ostream OS(S);
    E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
    return OS.str();
  }

  /// The outermost barrier-like API entry among the macros around \p L,
  /// and the macro name it was found under (rcu_assign_pointer).
  const ApiFunction *barrierMacro(SourceLocation L,
                                  std::string *Name = nullptr) const {
    const ApiFunction *Found = nullptr;
    for (StringRef N : macroChain(L, SM(), Ctx.getLangOpts()))
      if (const ApiFunction *Fn = Api.lookup(N))
        if (Fn->Roles & barrierRoles()) {
          Found = Fn;
          if (Name)
            *Name = N.str();
        }
    return Found;
  }

  static Event barrierEvent(const ApiFunction *Fn, std::string Text) {
    Event E{EventKind::Barrier};
    E.Text = std::move(Text);
    if (Fn->has(Role::BarrierWrite))
      E.Orders = OrdersWrites, E.Explicit = true;
    else if (Fn->has(Role::BarrierRead))
      E.Orders = OrdersReads, E.Explicit = true;
    else
      E.Orders = OrdersWrites | OrdersReads;
    return E;
  }

  void place(Event &E, SourceLocation L) const {
    E.Loc = E.Origin = SM().getExpansionLoc(L);
  }

  /// \p Ordered: a C11-style access with a release (store) or acquire
  /// (load) memory order, named by \p OrderName.
  void addAccess(std::vector<Event> &Out, EventKind K, const MemberExpr *ME,
                 SourceLocation Anchor, bool Ordered = false,
                 const char *OrderName = nullptr) {
    std::string WrapName;
    const ApiFunction *Wrap = barrierMacro(Anchor, &WrapName);
    if (Ordered) {
      Wrap = Api.lookup(K == EventKind::Write ? "smp_store_release"
                                              : "smp_load_acquire");
      WrapName = OrderName;
    }
    int Param = -1;
    if (isLinkage(cast<FieldDecl>(ME->getMemberDecl())) ||
        !sharedObject(ME, Param))
      return;
    Event A{K};
    A.RootParam = Param;
    A.Key = fieldKey(ME);
    A.Text = print(ME);
    place(A, ME->getExprLoc());
    Event Implied{EventKind::Barrier};
    Implied.Orders = OrdersWrites | OrdersReads;
    Implied.Loc = Implied.Origin = A.Loc;
    if (Wrap && !Wrap->has(Role::StoreRelease) &&
        !Wrap->has(Role::LoadAcquire))
      Wrap = nullptr;
    if (Wrap && Wrap->has(Role::StoreRelease) && K == EventKind::Write) {
      Implied.Text = WrapName; // release: everything before, then the store
      Implied.Implied = Event::ImpliedRelease;
      Out.push_back(Implied);
      Out.push_back(A);
      return;
    }
    Out.push_back(A);
    if (Wrap && Wrap->has(Role::LoadAcquire) && K == EventKind::Read) {
      Implied.Text = WrapName; // acquire: the load, then everything after
      Implied.Implied = Event::ImpliedAcquire;
      Out.push_back(Implied);
    }
  }

  std::string lockKey(const Expr *Arg) const {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
      if (UO->getOpcode() == UO_AddrOf)
        Arg = UO->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Arg))
      if (isa<FieldDecl>(ME->getMemberDecl()))
        return *SharedLockKeys.insert(fieldKey(ME)).first;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg)) {
      std::string Name = DRE->getDecl()->getNameAsString();
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasGlobalStorage())
        SharedLockKeys.insert(Name);
      return Name;
    }
    return print(Arg);
  }

  /// A call written under a barrier macro (rcu_assign_pointer, smp_mb):
  /// its barrier event; true when it was one.
  bool addMacroBarrier(std::vector<Event> &Out, SourceLocation Loc) {
    std::string Macro;
    const ApiFunction *Fn = barrierMacro(Loc, &Macro);
    if (!Fn)
      return false;
    if (Fn->has(Role::StoreRelease) || Fn->has(Role::LoadAcquire))
      return true; // the access inside carries it
    Event E = barrierEvent(Fn, Macro);
    place(E, Loc);
    Out.push_back(E);
    return true;
  }

  /// A call of a table function that is a lock, an unlock or a barrier:
  /// its event; true when it was one.
  bool addApiEvent(std::vector<Event> &Out, const CallExpr *CE,
                   StringRef Name) {
    const ApiFunction *Fn = lookupApiCall(CE, MemberCalls::Match, Api);
    if (!Fn)
      return false;
    if (Fn->has(Role::SpinLock) || Fn->has(Role::SpinUnlock)) {
      if (CE->getNumArgs() == 0)
        return true;
      Event E{Fn->has(Role::SpinLock) ? EventKind::Lock : EventKind::Unlock};
      E.Key = lockKey(CE->getArg(0));
      E.Text = Name.str();
      place(E, CE->getBeginLoc());
      Out.push_back(E);
      return true;
    }
    if (!(Fn->Roles & barrierRoles()) || Fn->has(Role::StoreRelease) ||
        Fn->has(Role::LoadAcquire))
      return false;
    Event E = barrierEvent(Fn, Name.str());
    place(E, CE->getBeginLoc());
    Out.push_back(E);
    return true;
  }

  /// A helper of this translation unit: its events, in place of the call.
  void inlineHelper(std::vector<Event> &Out, const CallExpr *CE,
                    const FunctionDecl *Callee, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (Depth >= 3 || !Callee->hasBody(Def) || InProgress.contains(Def))
      return;
    const Sequence *Sub = build(Def, Depth + 1);
    if (!Sub)
      return;
    SourceLocation CallLoc = SM().getExpansionLoc(CE->getBeginLoc());
    // Blocks are numbered from the exit backwards: descending ids give an
    // order close to the source order. An approximation for helpers with
    // branches (docs/design-notes/barriers.md).
    for (unsigned B = Sub->Blocks.size(); B-- > 0;)
      for (const Event &E : Sub->Blocks[B]) {
        if (E.Kind == EventKind::Return)
          continue;
        int Root = -1;
        if (E.RootParam >= 0 &&
            static_cast<unsigned>(E.RootParam) < CE->getNumArgs()) {
          const Expr *Arg = CE->getArg(E.RootParam);
          if (stackArg(Arg, Cur))
            continue; // the caller's own stack object
          if (const auto *D =
                  dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()))
            if (const auto *PV = dyn_cast<ParmVarDecl>(D->getDecl()))
              Root = PV->getFunctionScopeIndex();
        }
        Event Copy = E;
        Copy.RootParam = Root;
        Copy.Loc = CallLoc;
        Copy.Via = Def;
        Copy.ViaCall = CE;
        Copy.Held.clear();
        Out.push_back(std::move(Copy));
      }
    // A helper that returns with a lock held on some path (sparse's
    // __cond_lock: get_utrace_lock() returns 0 with utrace->lock held and
    // unlocks on its error paths) leaves the caller holding it; the caller
    // tests the result and leaves on the error path. The spliced copy,
    // error path included, would end with the lock released.
    for (const std::string &L : heldOnReturn(*Sub)) {
      Event Lock{EventKind::Lock};
      Lock.Key = L;
      Lock.Text = Def->getName().str();
      Lock.Loc = Lock.Origin = CallLoc;
      Lock.Via = Def;
      Lock.ViaCall = CE;
      Out.push_back(std::move(Lock));
    }
  }

  /// The locks a sequence holds at one of its returns or at its end, on at
  /// least one path (a may-hold pass; the events' Held sets are must-hold).
  static std::set<std::string> heldOnReturn(const Sequence &S) {
    size_t N = S.Blocks.size();
    std::vector<std::set<std::string>> Out(N);
    std::set<std::string> Held;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const CFGBlock *B : *S.Cfg) {
        std::set<std::string> In;
        for (const CFGBlock *P : B->preds())
          if (P)
            In.insert(Out[P->getBlockID()].begin(), Out[P->getBlockID()].end());
        for (const Event &E : S.Blocks[B->getBlockID()]) {
          if (E.Kind == EventKind::Lock)
            In.insert(E.Key);
          else if (E.Kind == EventKind::Unlock)
            In.erase(E.Key);
          else if (E.Kind == EventKind::Return)
            Held.insert(In.begin(), In.end());
        }
        if (Out[B->getBlockID()] != In) {
          Out[B->getBlockID()] = std::move(In);
          Changed = true;
        }
      }
    }
    const std::set<std::string> &AtExit = Out[S.Cfg->getExit().getBlockID()];
    Held.insert(AtExit.begin(), AtExit.end());
    return Held;
  }

  void addCall(std::vector<Event> &Out, const CallExpr *CE, unsigned Depth) {
    if (addMacroBarrier(Out, CE->getBeginLoc()) || addBuiltinFence(Out, CE))
      return;
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return;
    StringRef Name = Callee->getName();
    if (addApiEvent(Out, CE, Name))
      return;
    if (ReleaseCalls.count(Name)) {
      Event E{EventKind::Release};
      E.Key = E.Text = Name.str();
      place(E, CE->getBeginLoc());
      Out.push_back(E);
      return;
    }
    if (CurSeq)
      CallSites[CE] = {CurSeq, CurBlock, Out.size()};
    inlineHelper(Out, CE, Callee, Depth);
  }

  /// The memory order argument of an atomic builtin, or -1.
  int memoryOrder(const Expr *E) const {
    Expr::EvalResult R;
    if (!E || !E->EvaluateAsInt(R, Ctx))
      return -1;
    return static_cast<int>(R.Val.getInt().getExtValue());
  }

  /// Whether a memory order value is in one of barriers.yaml's
  /// memory_orders_* lists.
  bool orderIn(llvm::StringRef List, int Order) const {
    return Order >= 0 && Api.inList(List, std::to_string(Order));
  }

  /// __atomic_thread_fence() and __sync_synchronize() written out (not
  /// under a barrier macro): recognised by what they are.
  bool addBuiltinFence(std::vector<Event> &Out, const CallExpr *CE) {
    unsigned Id = CE->getBuiltinCallee();
    unsigned Orders = 0;
    if (Id == Builtin::BI__sync_synchronize)
      Orders = OrdersWrites | OrdersReads;
    else if (Id == Builtin::BI__atomic_thread_fence && CE->getNumArgs() == 1) {
      // What each memory order orders is data (barriers.yaml).
      int Order = memoryOrder(CE->getArg(0));
      if (orderIn("memory_orders_acquire", Order))
        Orders |= OrdersReads;
      if (orderIn("memory_orders_release", Order))
        Orders |= OrdersWrites;
      if (!Orders)
        return true; // relaxed: nothing
    } else
      return false;
    Event E{EventKind::Barrier};
    E.Orders = Orders;
    // A one-directional fence plays smp_wmb()/smp_rmb()'s part in a pair.
    E.Explicit = Orders != (OrdersWrites | OrdersReads);
    E.Text = Orders == OrdersWrites  ? "smp_wmb"
             : Orders == OrdersReads ? "smp_rmb"
                                     : "smp_mb";
    place(E, CE->getBeginLoc());
    Out.push_back(E);
    return true;
  }

  /// __atomic_load_n(&x->f, order) and friends: READ_ONCE/WRITE_ONCE in
  /// kernels (and user-space shims) built on the C11 builtins.
  void addAtomic(std::vector<Event> &Out, const AtomicExpr *AE) {
    const auto *Addr =
        dyn_cast<UnaryOperator>(AE->getPtr()->IgnoreParenImpCasts());
    const MemberExpr *ME = Addr && Addr->getOpcode() == UO_AddrOf
                               ? fieldLValue(Addr->getSubExpr())
                               : nullptr;
    if (!ME)
      return;
    int Order = memoryOrder(AE->getOrder());
    SourceLocation Anchor = AE->getBuiltinLoc();
    switch (AE->getOp()) {
    case AtomicExpr::AO__atomic_load_n:
    case AtomicExpr::AO__atomic_load:
    case AtomicExpr::AO__c11_atomic_load:
      return addAccess(Out, EventKind::Read, ME, Anchor,
                       orderIn("memory_orders_acquire", Order),
                       "__atomic_load_n");
    case AtomicExpr::AO__atomic_store_n:
    case AtomicExpr::AO__atomic_store:
    case AtomicExpr::AO__c11_atomic_store:
      return addAccess(Out, EventKind::Write, ME, Anchor,
                       orderIn("memory_orders_release", Order),
                       "__atomic_store_n");
    default:
      // Read-modify-write (refcounts: kref_put, atomic_dec_and_test). Not
      // counted as a barrier whatever its order: the seed asks for
      // smp_wmb() in reap although put_detached_list()'s kref_put() is
      // ordered (docs/design-notes/barriers.md).
      addAccess(Out, EventKind::Read, ME, Anchor);
      addAccess(Out, EventKind::Write, ME, Anchor);
    }
  }

  void addStmt(std::vector<Event> &Out, const Stmt *S, unsigned Depth) {
    if (const auto *AE = dyn_cast<AtomicExpr>(S))
      return addAtomic(Out, AE);
    if (const auto *AS = dyn_cast<AsmStmt>(S))
      return addAsm(Out, AS);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      return addCall(Out, CE, Depth);
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      Event E{EventKind::Return};
      place(E, RS->getBeginLoc());
      Out.push_back(E);
      return;
    }
    addFieldAccess(Out, S);
  }

  /// An inline asm statement: a barrier macro's, or recognised by its
  /// expansion (a fence instruction of barriers.yaml's fences_as_* lists
  /// with a memory clobber).
  void addAsm(std::vector<Event> &Out, const AsmStmt *AS) {
    if (addMacroBarrier(Out, AS->getAsmLoc()))
      return;
    bool Memory = false;
    for (unsigned I = 0; I < AS->getNumClobbers(); ++I)
      Memory |= AS->getClobber(I) == "memory";
    std::string Asm = AS->generateAsmString(Ctx);
    const char *Fence = nullptr;
    for (const char *B : {"smp_mb", "smp_wmb", "smp_rmb"})
      for (const std::string &M : Api.list(std::string("fences_as_") + B))
        if (!Fence && StringRef(Asm).contains(M))
          Fence = B;
    if (!Memory || !Fence)
      return; // a compiler barrier orders nothing between CPUs
    Event E = barrierEvent(Api.lookup(Fence), Fence);
    place(E, AS->getAsmLoc());
    Out.push_back(E);
  }

  /// A field read or written by S: an assignment (compound: also a read),
  /// ++/--, or a load.
  void addFieldAccess(std::vector<Event> &Out, const Stmt *S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      const MemberExpr *ME =
          BO->isAssignmentOp() ? fieldLValue(BO->getLHS()) : nullptr;
      if (ME && BO->isCompoundAssignmentOp())
        addAccess(Out, EventKind::Read, ME, BO->getOperatorLoc());
      if (ME)
        addAccess(Out, EventKind::Write, ME, BO->getOperatorLoc());
      return;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      const MemberExpr *ME = UO->isIncrementDecrementOp()
                                 ? fieldLValue(UO->getSubExpr())
                                 : nullptr;
      if (ME) {
        addAccess(Out, EventKind::Read, ME, UO->getOperatorLoc());
        addAccess(Out, EventKind::Write, ME, UO->getOperatorLoc());
      }
      return;
    }
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(S)) {
      if (IC->getCastKind() != CK_LValueToRValue)
        return;
      const Expr *Sub = IC->getSubExpr()->IgnoreParens();
      if (const MemberExpr *ME = fieldLValue(Sub))
        addAccess(Out, EventKind::Read, ME, Sub->getExprLoc());
    }
  }

  /// Must-hold lock sets: a lock counts as held only when it is held on
  /// every path to the event. The function's entry holds the locks every
  /// caller in the file holds at the call (EntryLocks).
  void computeLocks(Sequence &S) {
    size_t N = S.Blocks.size();
    std::vector<std::set<std::string>> Out(N);
    std::vector<std::set<std::string>> &Ins = BlockIn[&S];
    Ins.assign(N, {});
    std::vector<bool> Known(N, false);
    const CFG &G = *S.Cfg;
    auto Entry = EntryLocks.find(S.FD->getCanonicalDecl());
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const CFGBlock *B : G) {
        std::set<std::string> In;
        if (B == &G.getEntry() && Entry != EntryLocks.end())
          In = Entry->second;
        bool First = true;
        for (const CFGBlock *P : B->preds()) {
          if (!P || !Known[P->getBlockID()])
            continue;
          const auto &PO = Out[P->getBlockID()];
          if (First)
            In = PO;
          else
            llvm::set_intersect(In, PO);
          First = false;
        }
        // Not reached yet, or never: a block after a noreturn call (BUG())
        // has only unreachable predecessors and holds nothing back from
        // the blocks it would join.
        if (First && B != &G.getEntry())
          continue;
        Ins[B->getBlockID()] = In;
        for (Event &E : S.Blocks[B->getBlockID()]) {
          if (E.Kind == EventKind::Lock)
            In.insert(E.Key);
          else if (E.Kind == EventKind::Unlock)
            In.erase(E.Key);
          E.Held = In;
        }
        unsigned Id = B->getBlockID();
        if (!Known[Id] || Out[Id] != In) {
          Known[Id] = true;
          Out[Id] = std::move(In);
          Changed = true;
        }
      }
    }
  }

  const Sequence *build(const FunctionDecl *FD, unsigned Depth) {
    auto It = Cache.find(FD);
    if (It != Cache.end())
      return It->second.get();
    AnalysisDeclContext *ADC = ADCMgr.getContext(FD);
    const CFG *G = ADC ? ADC->getCFG() : nullptr;
    if (!G)
      return Cache[FD].get();
    if (!LocalParamsDone)
      computeLocalParams();
    InProgress.insert(FD);
    llvm::DenseMap<const VarDecl *, LocalPointer> Locals;
    scanLocals(FD, Locals);
    const FunctionDecl *SavedCur = Cur;
    auto *SavedLocals = CurLocals;
    Cur = FD;
    CurLocals = &Locals;
    auto S = std::make_unique<Sequence>();
    S->FD = FD;
    S->Cfg = G;
    S->Blocks.resize(G->getNumBlockIDs());
    S->ById.resize(G->getNumBlockIDs());
    for (const CFGBlock *B : *G)
      S->ById[B->getBlockID()] = B;
    Sequence *SavedSeq = CurSeq;
    unsigned SavedBlock = CurBlock;
    CurSeq = S.get();
    for (const CFGBlock *B : *G) {
      CurBlock = B->getBlockID();
      for (const CFGElement &El : *B)
        if (auto CS = El.getAs<CFGStmt>())
          addStmt(S->Blocks[B->getBlockID()], CS->getStmt(), Depth);
    }
    CurSeq = SavedSeq;
    CurBlock = SavedBlock;
    Cur = SavedCur;
    CurLocals = SavedLocals;
    InProgress.erase(FD);
    computeLocks(*S);
    return (Cache[FD] = std::move(S)).get();
  }
};

/// The locks held just before the call at \p Site, as the caller's
/// sequence computed them: those of its block's entry, then its events'.
static std::set<std::string>
heldAt(const std::vector<std::set<std::string>> &Ins, const Sequence &S,
       unsigned Block, size_t Index) {
  if (Index == 0 || S.Blocks[Block].empty())
    return Ins[Block];
  return S.Blocks[Block][std::min(Index, S.Blocks[Block].size()) - 1].Held;
}

void SequenceBuilder::Impl::settleEntryLocks() {
  const FileCallGraph &G = graph();
  // A static function whose address is not taken is entered only from its
  // call sites in the file. Optimistic start (unknown: every lock), then
  // each round meets the locks held at every call site, with the callers'
  // own entries as known so far.
  std::vector<const FunctionDecl *> Targets;
  for (const FunctionDecl *FD : G.Defs)
    if (!FD->isExternallyVisible() && !G.addressTaken(FD) && G.isCalled(FD))
      Targets.push_back(FD->getCanonicalDecl());
  if (Targets.empty())
    return;
  for (const FileCallGraph::Call &C : G.Calls)
    build(C.Caller, 0); // the call sites' lock sets
  // A target without an entry in EntryLocks is not known yet (and is
  // analysed as entered with nothing held meanwhile).
  auto Unknown = [&](const FunctionDecl *FD) {
    return llvm::is_contained(Targets, FD) && !EntryLocks.count(FD);
  };
  // The locks held at the call, of the caller's shared locks.
  auto SiteHeld = [&](const CallExpr *CE) {
    std::set<std::string> Held;
    auto Site = CallSites.find(CE);
    if (Site == CallSites.end())
      return Held; // not in the caller's CFG: nothing known
    const CallSite &X = Site->second;
    for (const std::string &L : heldAt(BlockIn[X.In], *X.In, X.Block, X.Index))
      if (SharedLockKeys.count(L))
        Held.insert(L);
    return Held;
  };
  // Rounds until nothing changes: each meets, per target, the locks held at
  // the sites of its known callers, then recomputes every lock set. A
  // caller's entry can still change the sites it feeds, so the rounds are
  // bounded; a file that has not settled by then gets no entry locks.
  bool Settled = false;
  for (unsigned Round = 0; Round < 2 * Targets.size() + 4 && !Settled;
       ++Round) {
    bool Changed = false;
    for (const FunctionDecl *T : Targets) {
      std::optional<std::set<std::string>> Meet;
      for (unsigned I : G.Sites.lookup(T)) {
        const FileCallGraph::Call &C = G.Calls[I];
        if (Unknown(C.Caller->getCanonicalDecl()))
          continue; // a caller entered in what is not known yet
        std::set<std::string> Held = SiteHeld(C.CE);
        if (Meet)
          llvm::set_intersect(*Meet, Held);
        else
          Meet = std::move(Held);
      }
      if (!Meet)
        continue; // every caller still unknown
      auto [It, New] = EntryLocks.try_emplace(T, *Meet);
      if (New || It->second != *Meet) {
        It->second = std::move(*Meet);
        Changed = true;
      }
    }
    if (!Changed) {
      // Left unknown: entered only from each other (recursion). Nothing
      // is known to be held there; go round again with that.
      for (const FunctionDecl *T : Targets)
        Changed |= EntryLocks.try_emplace(T).second;
      Settled = !Changed;
    }
    if (Changed)
      for (auto &[FD, S] : Cache)
        if (S)
          computeLocks(*S);
  }
  if (!Settled) {
    EntryLocks.clear();
    for (auto &[FD, S] : Cache)
      if (S)
        computeLocks(*S);
  }
}

SequenceBuilder::SequenceBuilder(ASTContext &Ctx,
                                 AnalysisDeclContextManager &ADCMgr,
                                 const ApiModel &Api)
    : P(std::make_unique<Impl>(Ctx, ADCMgr, Api)) {}
SequenceBuilder::~SequenceBuilder() = default;

void SequenceBuilder::settleEntryLocks() { P->settleEntryLocks(); }

const Sequence *SequenceBuilder::get(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def))
    return nullptr;
  return P->build(Def, 0);
}

namespace {
class BarrierScan : public RecursiveASTVisitor<BarrierScan> {
public:
  BarrierScan(const ApiModel &Api) : Api(Api) {
    for (const Ordering &O : Api.orderings()) {
      for (const std::string &K : O.First)
        Fields.insert(K);
      for (const std::string &K : O.Then)
        Fields.insert(K);
    }
  }
  bool VisitAsmStmt(AsmStmt *) { return !(Found = true); }
  bool VisitCallExpr(CallExpr *CE) {
    unsigned Id = CE->getBuiltinCallee();
    if (Id == Builtin::BI__atomic_thread_fence ||
        Id == Builtin::BI__sync_synchronize)
      return !(Found = true);
    if (const ApiFunction *Fn = lookupApiCall(CE, MemberCalls::Match, Api))
      if (Fn->Roles & barrierRoles())
        return !(Found = true);
    return true;
  }
  bool VisitAtomicExpr(AtomicExpr *) { return !(Found = true); }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (isa<FieldDecl>(ME->getMemberDecl()) && Fields.count(fieldKey(ME)))
      return !(Found = true);
    return true;
  }
  const ApiModel &Api;
  std::set<std::string> Fields;
  bool Found = false;
};
} // namespace

bool mayNeedBarrierPass(llvm::ArrayRef<Decl *> Decls, ASTContext &Ctx,
                        const ApiModel &Api) {
  const SourceManager &SM = Ctx.getSourceManager();
  BarrierScan Scan(Api);
  for (Decl *D : Decls) {
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      continue;
    Scan.TraverseStmt(FD->getBody());
    if (Scan.Found)
      return true;
  }
  return false;
}

} // namespace utrace::barrier
