//===- EngineRefFacts.cpp - file-wide facts for utrace.EngineRef ----------===//
//
// A syntactic pass over the translation unit (see EngineRefFacts.h). It
// follows values through local variables and same-file wrappers, not through
// function pointers or other files: a field released only elsewhere looks
// unreleased, which is reported as a leak where the engine is stored.
//
//===----------------------------------------------------------------------===//
#include "checkers/EngineRefFacts.h"
#include "checkers/ModelingSupport.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace utrace {

namespace {

/// One function body, indexed for the questions the pass asks.
struct FunctionFacts {
  const FunctionDecl *FD = nullptr;
  /// Every value assigned to a local variable (initialiser or "v = e").
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Assigned;
  llvm::SmallVector<const CallExpr *, 8> Calls;
  /// "x->field = e" stores.
  llvm::SmallVector<const BinaryOperator *, 4> FieldStores;
};

class BodyIndexer : public RecursiveASTVisitor<BodyIndexer> {
public:
  explicit BodyIndexer(FunctionFacts &F) : F(F) {}
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && VD->getInit())
      F.Assigned[VD].push_back(VD->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage())
          F.Assigned[VD].push_back(BO->getRHS());
    } else if (storageOf(L)) {
      F.FieldStores.push_back(BO);
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    F.Calls.push_back(CE);
    return true;
  }

private:
  FunctionFacts &F;
};

class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  std::vector<FunctionFacts> Functions;
  llvm::DenseSet<const Decl *> Exit;
  llvm::SmallVector<std::string, 1> ExitAliases;

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (const auto *AA = FD->getAttr<AliasAttr>())
      if (FD->getName() == "cleanup_module")
        ExitAliases.push_back(AA->getAliasee().str());
    if (const auto *SA = FD->getAttr<SectionAttr>())
      if (SA->getName().contains(".exit"))
        Exit.insert(FD->getCanonicalDecl());
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    FunctionFacts F;
    F.FD = FD;
    BodyIndexer(F).TraverseStmt(FD->getBody());
    Functions.push_back(std::move(F));
    return true;
  }
};

const Expr *strip(const Expr *E) {
  return E ? E->IgnoreParenCasts() : nullptr;
}

const ApiFunction *apiCallee(const CallExpr *CE, const ApiModel &Api) {
  return lookupApiCall(CE, MemberCalls::Match, Api);
}

int paramIndex(const FunctionDecl *FD, const ParmVarDecl *P) {
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    if (FD->getParamDecl(I) == P)
      return I;
  return -1;
}

class Scanner {
public:
  Scanner(const ApiModel &Api, FunctionCollector &Col) : Api(Api), Col(Col) {}

  /// Fields and globals put, and parameters that wrappers put.
  void findReleased(EngineRefFacts &Out) {
    bool Changed = true;
    for (int Round = 0; Changed && Round < 8; ++Round) {
      Changed = false;
      for (const FunctionFacts &F : Col.Functions)
        for (const CallExpr *CE : F.Calls)
          for (int Idx : putArgs(CE))
            if (static_cast<unsigned>(Idx) < CE->getNumArgs())
              Changed |= release(F, CE->getArg(Idx), Out, 0);
    }
  }

  /// Fields assigned an attach result that the function never IS_ERR()s.
  void findErrFields(EngineRefFacts &Out) {
    for (const FunctionFacts &F : Col.Functions)
      for (const BinaryOperator *BO : F.FieldStores) {
        const Decl *Field = storageOf(BO->getLHS());
        if (!Field || !isa<FieldDecl>(Field))
          continue;
        const VarDecl *Via = nullptr;
        const ApiFunction *Src = attachSource(F, BO->getRHS(), Via);
        if (!Src || errTested(F, Field, Via))
          continue;
        Out.ErrFields.try_emplace(Field, UncheckedStore{BO->getExprLoc(), Src});
      }
  }

private:
  const ApiModel &Api;
  FunctionCollector &Col;
  /// Same-file functions that put (one of) their parameters.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<int, 1>> Wrappers;

  llvm::SmallVector<int, 1> putArgs(const CallExpr *CE) const {
    if (const ApiFunction *Fn = apiCallee(CE, Api))
      return Fn->has(Role::EnginePut) && Fn->EngineArg >= 0
                 ? llvm::SmallVector<int, 1>{Fn->EngineArg}
                 : llvm::SmallVector<int, 1>{};
    const FunctionDecl *FD = CE->getDirectCallee();
    auto It = FD ? Wrappers.find(FD->getCanonicalDecl()) : Wrappers.end();
    return It == Wrappers.end() ? llvm::SmallVector<int, 1>{} : It->second;
  }

  /// Records what a put argument releases; true when something was new.
  bool release(const FunctionFacts &F, const Expr *Arg, EngineRefFacts &Out,
               int Depth) {
    const Expr *E = strip(Arg);
    if (!E || Depth > 4)
      return false;
    if (const Decl *S = storageOf(E))
      return Out.Released.insert(S).second;
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (!DRE)
      return false;
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      int Idx = paramIndex(F.FD, P);
      if (Idx < 0)
        return false;
      auto &Args = Wrappers[F.FD->getCanonicalDecl()];
      if (llvm::is_contained(Args, Idx))
        return false;
      Args.push_back(Idx);
      return true;
    }
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    auto It = VD ? F.Assigned.find(VD) : F.Assigned.end();
    if (It == F.Assigned.end())
      return false;
    bool Changed = false;
    for (const Expr *Src : It->second)
      Changed |= release(F, Src, Out, Depth + 1);
    return Changed;
  }

  /// The attach call whose result E is (directly or through a local).
  const ApiFunction *attachSource(const FunctionFacts &F, const Expr *E,
                                  const VarDecl *&Via) const {
    E = strip(E);
    if (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
      const ApiFunction *Fn = apiCallee(CE, Api);
      return Fn && Fn->has(Role::EngineAcquire) ? Fn : nullptr;
    }
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto It = VD ? F.Assigned.find(VD) : F.Assigned.end();
    if (It == F.Assigned.end())
      return nullptr;
    for (const Expr *Src : It->second) {
      const auto *CE = dyn_cast<CallExpr>(strip(Src));
      const ApiFunction *Fn = CE ? apiCallee(CE, Api) : nullptr;
      if (Fn && Fn->has(Role::EngineAcquire)) {
        Via = VD;
        return Fn;
      }
    }
    return nullptr;
  }

  /// Whether F asks IS_ERR()/IS_ERR_OR_NULL() of the field or the local.
  bool errTested(const FunctionFacts &F, const Decl *Field,
                 const VarDecl *Via) const {
    for (const CallExpr *CE : F.Calls) {
      const ApiFunction *Fn = apiCallee(CE, Api);
      if (!Fn || !(Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)) ||
          CE->getNumArgs() != 1)
        continue;
      const Expr *A = strip(CE->getArg(0));
      if (storageOf(A) == Field)
        return true;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(A))
        if (Via && DRE->getDecl() == Via)
          return true;
    }
    return false;
  }
};

} // namespace

const Decl *storageOf(const Expr *E) {
  E = strip(E);
  while (const auto *ASE = dyn_cast_or_null<ArraySubscriptExpr>(E))
    E = strip(ASE->getBase());
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return FD->getCanonicalDecl();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasGlobalStorage() && !VD->isStaticLocal())
        return VD->getCanonicalDecl();
  return nullptr;
}

EngineRefFacts EngineRefFacts::compute(ASTContext &Ctx, const ApiModel &Api) {
  FunctionCollector Col;
  Col.TraverseDecl(Ctx.getTranslationUnitDecl());
  EngineRefFacts Out;
  Out.ExitFunctions = Col.Exit;
  for (const FunctionFacts &F : Col.Functions)
    if (F.FD->getIdentifier() &&
        llvm::is_contained(Col.ExitAliases, F.FD->getName()))
      Out.ExitFunctions.insert(F.FD->getCanonicalDecl());
  Scanner S(Api, Col);
  S.findReleased(Out);
  S.findErrFields(Out);
  return Out;
}

thread_local HandOverRecord *CurrentHandOverRecord = nullptr;

std::string crossFileKey(const Decl *D) {
  if (const auto *FD = dyn_cast_or_null<FieldDecl>(D)) {
    const RecordDecl *RD = FD->getParent();
    if (!RD->getIdentifier())
      return std::string();
    return RD->getName().str() + "." + FD->getName().str();
  }
  if (const auto *VD = dyn_cast_or_null<VarDecl>(D))
    if (VD->hasExternalFormalLinkage())
      return VD->getName().str();
  return std::string();
}

} // namespace utrace
