//===- ImpossibleResults.cpp - results a call cannot have here --*- C++ -*-===//
#include "checkers/ImpossibleResults.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace utrace {

struct ImpossibleResults::Body {
  explicit Body(Stmt *Root) : PM(Root) {}
  ParentMap PM;
  llvm::DenseMap<const Stmt *, bool> Answers;
};

ImpossibleResults::ImpossibleResults(ASTContext &Ctx, const Preprocessor *PP)
    : Ctx(Ctx), PP(PP) {}
ImpossibleResults::~ImpossibleResults() = default;

ImpossibleResults::Body &ImpossibleResults::bodyOf(const FunctionDecl *FD) {
  std::unique_ptr<Body> &B = Bodies[FD];
  if (!B)
    B = std::make_unique<Body>(FD->getBody());
  return *B;
}

namespace {
/// The local variable E names, through parentheses and casts.
const VarDecl *localVar(const Expr *E) {
  const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) ? VD : nullptr;
}

bool isVar(const Expr *E, const VarDecl *V) {
  const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return DRE && DRE->getDecl() == V;
}

/// What one statement does to V: defines it (the value assigned, when the
/// whole statement is that assignment or V's declaration), changes it
/// otherwise, or, for an engine, hands it to a call that might act on it.
class Effects : public RecursiveASTVisitor<Effects> {
public:
  Effects(const VarDecl *V, bool Engine) : V(V), Engine(Engine) {}
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp() && isVar(BO->getLHS(), V))
      Writes = true;
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
        isVar(UO->getSubExpr(), V))
      Writes = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (!Engine)
      return true;
    const ApiFunction *Fn = lookupApiCall(CE);
    bool Test = Fn && (Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest) ||
                       Fn->has(Role::ErrValue));
    for (const Expr *A : CE->arguments())
      if (isVar(A, V) && !Test)
        Used = true;
    return true;
  }
  bool VisitLabelStmt(LabelStmt *) {
    Label = true;
    return true;
  }
  const VarDecl *V;
  bool Engine;
  bool Writes = false, Used = false, Label = false;
};

/// The value S assigns to V when S is exactly `V = X` or `T V = X`.
const Expr *definitionIn(const Stmt *S, const VarDecl *V) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (D == V)
        return V->getInit() ? V->getInit()->IgnoreParenImpCasts() : nullptr;
    return nullptr;
  }
  const auto *E = dyn_cast<Expr>(S);
  const auto *BO = E ? dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts())
                     : nullptr;
  if (BO && BO->getOpcode() == BO_Assign && isVar(BO->getLHS(), V))
    return BO->getRHS()->IgnoreParenImpCasts();
  return nullptr;
}

/// The value of V that reaches At in structured code, or null when it is
/// not one known assignment (see the header). With Engine, the variable
/// must not have been given to a call in between.
const Expr *reachingDefinition(const VarDecl *V, const Stmt *At,
                               ParentMap &PM, bool Engine) {
  auto Clean = [&](const Stmt *S) {
    Effects F(V, Engine);
    F.TraverseStmt(const_cast<Stmt *>(S));
    return !F.Writes && !F.Used && !F.Label;
  };
  for (const Stmt *S = At; S;) {
    const Stmt *P = PM.getParent(S);
    if (!P || isa<WhileStmt, ForStmt, DoStmt, SwitchStmt, SwitchCase,
                  LabelStmt>(P))
      return nullptr;
    if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
      const Stmt *const *It = llvm::find(CS->body(), S);
      while (It != CS->body_begin()) {
        const Stmt *Prev = *--It;
        if (const Expr *Def = definitionIn(Prev, V))
          return Def;
        if (!Clean(Prev))
          return nullptr;
      }
    } else if (const auto *If = dyn_cast<IfStmt>(P)) {
      // The branches run after the condition: it must leave V alone.
      if (S != If->getCond() && !Clean(If->getCond()))
        return nullptr;
    }
    S = P;
  }
  return nullptr;
}

/// `A && B` taken means both hold; `A || B` not taken means neither holds.
void conjuncts(const Expr *E, BinaryOperatorKind Join,
               llvm::SmallVectorImpl<const BinaryOperator *> &Out) {
  const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!BO)
    return;
  if (BO->getOpcode() == Join) {
    conjuncts(BO->getLHS(), Join, Out);
    conjuncts(BO->getRHS(), Join, Out);
  } else {
    Out.push_back(BO);
  }
}
} // namespace

bool ImpossibleResults::freshEngineAt(const Expr *Engine, const Stmt *At,
                                      Body &B) {
  const VarDecl *V = localVar(Engine);
  if (!V)
    return false;
  const auto *Attach = dyn_cast_or_null<CallExpr>(
      reachingDefinition(V, At, B.PM, /*Engine=*/true));
  const ApiFunction *Fn = lookupApiCall(Attach);
  return Fn && createsFreshEngine(*Fn, Attach, Ctx, PP);
}

bool ImpossibleResults::impossibleEquality(const Expr *Var, const Expr *Value,
                                           const Stmt *If, Body &B) {
  const VarDecl *V = localVar(Var);
  Expr::EvalResult R;
  if (!V || Value->isValueDependent() || !Value->EvaluateAsInt(R, Ctx))
    return false;
  int64_t Errno = -R.Val.getInt().getSExtValue();
  const auto *Call = dyn_cast_or_null<CallExpr>(
      reachingDefinition(V, If, B.PM, /*Engine=*/false));
  const ApiFunction *Fn = lookupApiCall(Call);
  if (!Fn || !llvm::is_contained(Fn->NotOnFreshEngine, Errno) ||
      Fn->EngineArg < 0 ||
      static_cast<unsigned>(Fn->EngineArg) >= Call->getNumArgs())
    return false;
  return freshEngineAt(Call->getArg(Fn->EngineArg), Call, B);
}

bool ImpossibleResults::impossibleTest(const Expr *Cond, bool Taken,
                                       const Stmt *If, Body &B) {
  llvm::SmallVector<const BinaryOperator *, 4> Tests;
  conjuncts(Cond, Taken ? BO_LAnd : BO_LOr, Tests);
  for (const BinaryOperator *T : Tests) {
    if (T->getOpcode() != (Taken ? BO_EQ : BO_NE))
      continue;
    if (impossibleEquality(T->getLHS(), T->getRHS(), If, B) ||
        impossibleEquality(T->getRHS(), T->getLHS(), If, B))
      return true;
  }
  return false;
}

bool ImpossibleResults::onlyUnderImpossibleResult(const Stmt *S,
                                                  const FunctionDecl *FD) {
  if (!FD || !FD->getBody())
    return false;
  Body &B = bodyOf(FD);
  auto [It, New] = B.Answers.try_emplace(S, false);
  if (!New)
    return It->second;
  bool Answer = false;
  for (const Stmt *Child = S, *P = B.PM.getParent(S); P && !Answer;
       Child = P, P = B.PM.getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen())
        Answer = impossibleTest(If->getCond(), true, If, B);
      else if (Child == If->getElse())
        Answer = impossibleTest(If->getCond(), false, If, B);
    }
  B.Answers[S] = Answer;
  return Answer;
}

} // namespace utrace
