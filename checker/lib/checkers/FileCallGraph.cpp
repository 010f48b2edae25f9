//===- FileCallGraph.cpp - calls between the checked file's functions -----===//
#include "checkers/FileCallGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace utrace {
namespace {

/// Direct calls, and every other reference to a function. Pre-order: a
/// call is visited before its callee expression, so the callee's
/// DeclRefExpr is known not to take the address.
struct Scan : RecursiveASTVisitor<Scan> {
  FileCallGraph &G;
  const FunctionDecl *Caller = nullptr;
  llvm::SmallPtrSet<const Expr *, 32> Callees;

  explicit Scan(FileCallGraph &G) : G(G) {}
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *F = CE->getDirectCallee();
    if (!F)
      return true;
    Callees.insert(CE->getCallee()->IgnoreParenImpCasts());
    if (!Caller) {
      G.AddressTaken.insert(F->getCanonicalDecl()); // a global's initialiser
      return true;
    }
    G.Sites[F->getCanonicalDecl()].push_back(G.Calls.size());
    G.Calls.push_back({Caller, CE, F->getCanonicalDecl()});
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (const auto *F = dyn_cast<FunctionDecl>(D->getDecl()))
      if (!Callees.contains(D))
        G.AddressTaken.insert(F->getCanonicalDecl());
    return true;
  }
};

} // namespace

FileCallGraph::FileCallGraph(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  Scan S(*this);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (!FD->doesThisDeclarationHaveABody() ||
          !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
        continue;
      Defs.push_back(FD);
      S.Caller = FD;
      S.TraverseStmt(FD->getBody());
    } else if (auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit()) {
      S.Caller = nullptr;
      S.TraverseStmt(VD->getInit());
    }
  }
}

} // namespace utrace
