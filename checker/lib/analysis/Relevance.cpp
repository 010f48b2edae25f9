//===- Relevance.cpp - which functions the analyzer sees --------*- C++ -*-===//
#include "analysis/Relevance.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace utrace {

namespace {
/// The calls one function body makes: to the API, and to other functions
/// of the translation unit.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  explicit CallCollector(const ApiModel &Api) : Api(Api) {}
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return true;
    if (FD->getIdentifier())
      if (const ApiFunction *Fn = Api.lookup(FD->getName())) {
        TouchesApi |= Fn->Relevant;
        return true;
      }
    Callees.push_back(FD->getCanonicalDecl());
    return true;
  }
  const ApiModel &Api;
  bool TouchesApi = false;
  llvm::SmallVector<const FunctionDecl *, 8> Callees;
};
} // namespace

void propagateToCallers(const CallMap &Calls, RelevanceResult &R) {
  // Relevance flows from callees to callers until nothing changes; the
  // number of rounds is bounded by the depth of the call graph.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[Caller, Callees] : Calls) {
      if (R.Relevant.contains(Caller))
        continue;
      if (llvm::any_of(Callees, [&](const FunctionDecl *Callee) {
            return R.Relevant.contains(Callee);
          })) {
        R.Relevant.insert(Caller);
        Changed = true;
      }
    }
  }
}

RelevanceResult findRelevantFunctions(llvm::ArrayRef<Decl *> TopLevel,
                                      const ApiModel &Api) {
  RelevanceResult R;
  CallMap Calls;
  for (Decl *D : TopLevel) {
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      continue;
    CallCollector CC(Api);
    CC.TraverseStmt(FD->getBody());
    const FunctionDecl *Key = FD->getCanonicalDecl();
    if (CC.TouchesApi)
      R.Relevant.insert(Key);
    Calls[Key] = std::move(CC.Callees);
  }
  propagateToCallers(Calls, R);
  return R;
}

bool translationUnitDeclares(ASTContext &Ctx, llvm::StringRef Name) {
  if (Name.empty())
    return true;
  return !Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)).empty();
}

} // namespace utrace
