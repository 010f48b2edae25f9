//===- ScopeRelevance.cpp - the RCU and task rules' share of relevance -*- C++ -*-===//
#include "analysis/ScopeRelevance.h"
#include "checkers/RcuPointers.h"
#include "checkers/TaskModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

using namespace clang;

namespace utrace {

namespace {
class ScopeCollector : public RecursiveASTVisitor<ScopeCollector> {
public:
  ScopeCollector(bool TaskAccesses) : TaskAccesses(TaskAccesses) {}
  bool VisitCallExpr(CallExpr *CE) {
    if (const ApiFunction *Fn = lookupApiCall(CE)) {
      Touches |= Fn->RelevantInScope;
      return true;
    }
    if (const FunctionDecl *FD = CE->getDirectCallee())
      Callees.push_back(FD->getCanonicalDecl());
    return true;
  }
  // rcu_dereference() is a macro: a function using it is in scope (UT-RCU-005).
  bool VisitExpr(Expr *E) {
    if (!Touches && Ctx && writtenInRcuDereference(E, *Ctx))
      Touches = true;
    return true;
  }
  clang::ASTContext *Ctx = nullptr;
  bool VisitMemberExpr(MemberExpr *ME) {
    if (TaskAccesses && ME->isArrow() && isTaskPointerType(ME->getBase()->getType()))
      Touches = true;
    return true;
  }
  bool TaskAccesses;
  bool Touches = false;
  llvm::SmallVector<const FunctionDecl *, 8> Callees;
};
} // namespace

void addScopeRelevantFunctions(llvm::ArrayRef<Decl *> TopLevel,
                               const ApiModel &Api, bool TaskAccesses,
                               RelevanceResult &R) {
  (void)Api;
  CallMap Calls;
  // UT-RCU-006: a function reading an RCU-protected pointer plainly.
  std::optional<RcuPointers> Pointers;
  for (Decl *D : TopLevel) {
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      continue;
    ScopeCollector SC(TaskAccesses);
    SC.Ctx = &FD->getASTContext();
    SC.TraverseStmt(FD->getBody());
    const FunctionDecl *Key = FD->getCanonicalDecl();
    if (!SC.Touches) {
      if (!Pointers)
        Pointers.emplace(FD->getASTContext());
      SC.Touches = Pointers->hasPlainLoad(FD);
    }
    if (SC.Touches)
      R.Relevant.insert(Key);
    Calls[Key] = std::move(SC.Callees);
  }
  propagateToCallers(Calls, R);
}

} // namespace utrace
