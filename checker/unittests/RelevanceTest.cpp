#include "analysis/Relevance.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace utrace;

namespace {
struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  std::vector<Decl *> Decls;
  const FunctionDecl *get(llvm::StringRef Name) const {
    for (Decl *D : Decls)
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->getName() == Name)
          return FD->getCanonicalDecl();
    return nullptr;
  }
};

Parsed parse(const char *Code) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(Code, {"-xc", "-w"}, "t.c");
  for (Decl *D : P.AST->getASTContext().getTranslationUnitDecl()->decls())
    P.Decls.push_back(D);
  return P;
}
} // namespace

static const char *Code = R"(
struct utrace_engine; struct task_struct;
int utrace_control(struct task_struct *, struct utrace_engine *, int);
long PTR_ERR(const void *);
void utrace_engine_put(struct utrace_engine *);
static int direct(struct task_struct *t, struct utrace_engine *e) { return utrace_control(t, e, 0); }
static int via_helper(struct task_struct *t, struct utrace_engine *e) { return direct(t, e) + 1; }
static int two_levels(struct task_struct *t, struct utrace_engine *e) { return via_helper(t, e); }
static long only_err_helpers(const void *p) { return PTR_ERR(p); }
static int unrelated(int x) { return x * 2; }
static int calls_unrelated(int x) { return unrelated(x); }
)";

TEST(Relevance, DirectAndTransitiveCallersAreRelevant) {
  Parsed P = parse(Code);
  RelevanceResult R = findRelevantFunctions(P.Decls, ApiModel::builtin());
  EXPECT_TRUE(R.Relevant.contains(P.get("direct")));
  EXPECT_TRUE(R.Relevant.contains(P.get("via_helper")));
  EXPECT_TRUE(R.Relevant.contains(P.get("two_levels")));
  EXPECT_FALSE(R.Relevant.contains(P.get("only_err_helpers")));
  EXPECT_FALSE(R.Relevant.contains(P.get("unrelated")));
  EXPECT_FALSE(R.Relevant.contains(P.get("calls_unrelated")));
  EXPECT_EQ(R.Relevant.size(), 3u);
}

TEST(Relevance, GenerationMarker) {
  Parsed P = parse(Code);
  EXPECT_TRUE(translationUnitDeclares(P.AST->getASTContext(), "utrace_engine_put"));
  Parsed Old = parse("struct x; struct x *utrace_attach(void);");
  EXPECT_FALSE(translationUnitDeclares(Old.AST->getASTContext(), "utrace_engine_put"));
}

TEST(Relevance, TheDecisionSaysWhyAFileIsSkipped) {
  Parsed P = parse("static int plain(int x) { return x + 1; }");
  RelevanceDecision D = decideRelevance(P.Decls, P.AST->getASTContext(),
                                        ApiModel::builtin(), {});
  EXPECT_FALSE(D.UsesApi);
  EXPECT_FALSE(D.BarrierPass);
  EXPECT_EQ(D.SkipReason, "no function uses the utrace API");
  RelevanceDecision All = decideRelevance(
      P.Decls, P.AST->getASTContext(), ApiModel::builtin(), {/*ScopeAll=*/true});
  EXPECT_NE(All.SkipReason.find("RCU"), std::string::npos);
  Parsed U = parse(Code);
  RelevanceDecision Used = decideRelevance(U.Decls, U.AST->getASTContext(),
                                           ApiModel::builtin(), {});
  EXPECT_TRUE(Used.UsesApi);
  EXPECT_TRUE(Used.SkipReason.empty());
  EXPECT_TRUE(Used.Functions.Relevant.contains(U.get("two_levels")));
}

TEST(Relevance, FamiliesReportAsTheCatalogSays) {
  const Catalog &C = Catalog::builtin();
  EXPECT_FALSE(familyReports(*C.find("UT-REF-001"), /*UsesApi=*/false));
  EXPECT_TRUE(familyReports(*C.find("UT-REF-001"), /*UsesApi=*/true));
  EXPECT_TRUE(familyReports(*C.find("UT-RCU-001"), /*UsesApi=*/false));
  EXPECT_TRUE(familyReports(*C.find("UT-BAR-001"), /*UsesApi=*/false));
}
