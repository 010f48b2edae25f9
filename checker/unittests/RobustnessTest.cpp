#include "analysis/Robustness.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace utrace;

namespace {
std::unique_ptr<ASTUnit> parse(const char *Code) {
  return tooling::buildASTFromCodeWithArgs(Code, {"-xc", "-w"}, "t.c");
}

const FunctionDecl *function(ASTUnit &AST, llvm::StringRef Name) {
  for (Decl *D : AST.getASTContext().getTranslationUnitDecl()->decls())
    if (auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->getName() == Name && FD->doesThisDeclarationHaveABody())
        return FD;
  return nullptr;
}

std::vector<std::string> definitions(const char *Code) {
  auto AST = parse(Code);
  std::vector<std::string> Names;
  for (const SourceDefinition &D :
       findDefinitions(AST->getSourceManager(), AST->getLangOpts(), {}))
    Names.push_back(D.Name);
  return Names;
}
} // namespace

TEST(Robustness, BrokenStructsAreFoundThroughFieldsAndPointers) {
  auto AST = parse(R"(
struct inner { struct missing m; int y; };
struct outer { struct inner in; int x; };
struct ok { struct inner *p; };
int via_outer(struct outer *o) { return o->x; }
int via_pointer(struct inner *p) { return p != 0; }
int via_ok(struct ok *k) { return k != 0; }
int fine(int a) { return a; }
)");
  ASSERT_TRUE(AST);
  // The struct that holds a broken one by value is broken too.
  const Decl *B = brokenDeclUsedBy(function(*AST, "via_outer"));
  ASSERT_NE(B, nullptr);
  EXPECT_TRUE(isa<RecordDecl>(B));
  EXPECT_EQ(brokenDeclUsedBy(function(*AST, "fine")), nullptr);
  // A pointer to a broken struct is still a use: a call that invalidates
  // what it points to needs the layout.
  EXPECT_NE(brokenDeclUsedBy(function(*AST, "via_pointer")), nullptr);
  // A struct that only points to a broken one has a layout.
  EXPECT_EQ(brokenDeclUsedBy(function(*AST, "via_ok")), nullptr);
}

TEST(Robustness, HiddenBodiesMakeDeclarations) {
  auto AST = parse("int f(int a) { return a; }\n");
  auto *FD = const_cast<FunctionDecl *>(function(*AST, "f"));
  ASSERT_NE(FD, nullptr);
  hideBody(FD);
  EXPECT_FALSE(FD->hasBody());
  EXPECT_EQ(FD->getBody(), nullptr);
}

TEST(Robustness, DefinitionsAreFoundInTheTokens) {
  EXPECT_EQ(definitions(R"(
#define WRAP(x) { x; }
struct s { int a; };
static struct s init = { 1 };
static int annotated(struct s *p) __acquires(p->a)
{
	if (p->a) { return 1; }
	return 0;
}
__attribute__((unused)) static int attributed(int a) { return a; }
int after(void) { return 0; }
)"),
            (std::vector<std::string>{"annotated", "attributed", "after"}));
}
