//===- Relevance.cpp - which functions the analyzer sees --------*- C++ -*-===//
#include "analysis/Relevance.h"
#include "checkers/BarrierSequence.h"
#include "checkers/RcuPointers.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <optional>

using namespace clang;

namespace utrace {

namespace {
/// The calls one function body makes: to the API, and to other functions
/// of the translation unit.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  explicit CallCollector(const ApiModel &Api) : Api(Api) {}
  bool VisitCallExpr(CallExpr *CE) {
    if (const ApiFunction *Fn = lookupApiCall(CE, MemberCalls::Match, Api)) {
      TouchesApi |= Fn->Relevant;
      return true;
    }
    if (const FunctionDecl *FD = CE->getDirectCallee())
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

// The engine-reference rules need only the functions that call the utrace
// API. The examine-window and RCU rules also need the functions of such a
// file that open RCU sections, look tasks up, touch task state or take task
// references (the API table's `relevant_in_scope` entries, and task member
// accesses); with --scope=all, the RCU and lock ones in every file.
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
                               bool TaskAccesses, RelevanceResult &R) {
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


RelevanceDecision decideRelevance(llvm::ArrayRef<Decl *> TopLevel,
                                  ASTContext &Ctx, const ApiModel &Api,
                                  RelevanceScope Scope) {
  RelevanceDecision D;
  D.Functions = findRelevantFunctions(TopLevel, Api);
  D.UsesApi = !D.Functions.Relevant.empty();
  if (D.UsesApi || Scope.ScopeAll)
    addScopeRelevantFunctions(TopLevel, /*TaskAccesses=*/D.UsesApi,
                              D.Functions);
  // The barrier rules look at the whole file at its end (utrace.Barrier's
  // EndOfTranslationUnit), also when no function calls the utrace API.
  D.BarrierPass = barrier::mayNeedBarrierPass(TopLevel, Ctx, Api);
  if (!D.Functions.Relevant.empty() || D.BarrierPass)
    return D;
  D.SkipReason = Scope.ScopeAll ? "no function uses the utrace API, RCU, "
                                  "task lookups, locks or barriers"
                                : "no function uses the utrace API";
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  if (Scope.Standalone &&
      namesApiCall(SM, Ctx.getLangOpts(),
                   {SM.getLocForStartOfFile(Main), SM.getLocForEndOfFile(Main)},
                   Api))
    D.SkipReason = "the preprocessor removed every utrace API call "
                   "(#if/#ifdef); define the configuration after -- with "
                   "-D (docs/standalone.md)";
  return D;
}

bool fileMayUseApi(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return !Buf || (*Buf)->getBuffer().contains("utrace");
}

bool namesApiCall(const SourceManager &SM, const LangOptions &LO,
                  SourceRange Range, const ApiModel &Api) {
  CharSourceRange R = SM.getExpansionRange(Range);
  // The lexer needs a NUL after the buffer: lex a copy.
  std::string Text = Lexer::getSourceText(R, SM, LO).str();
  if (Text.empty())
    return false;
  Lexer L(R.getBegin(), LO, Text.data(), Text.data(), Text.data() + Text.size());
  Token T, Prev;
  Prev.startToken();
  for (;;) {
    L.LexFromRawLexer(T);
    if (T.is(tok::eof))
      break;
    if (T.is(tok::l_paren) && Prev.is(tok::raw_identifier))
      if (const ApiFunction *Fn = Api.lookup(Prev.getRawIdentifier()))
        if (Fn->Relevant)
          return true;
    Prev = T;
  }
  return false;
}

bool translationUnitDeclares(ASTContext &Ctx, llvm::StringRef Name) {
  if (Name.empty())
    return true;
  return !Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)).empty();
}

} // namespace utrace
