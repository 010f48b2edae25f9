// The catalog is the single source of truth: every rule must have its
// checker, its doc page and test files that expect it.
#include "Catalog.h"
#include "checkers/Checkers.h"
#include "gtest/gtest.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

using namespace utrace;

static std::string source(const std::string &Rel) {
  return std::string(UTRACE_SOURCE_ROOT) + "/" + Rel;
}

TEST(Catalog, IdsAreWellFormedAndUnique) {
  llvm::Regex Id("^UT-[A-Z]+-[0-9]{3}$");
  std::set<std::string> Seen;
  ASSERT_FALSE(Catalog::builtin().rules().empty());
  for (const Rule &R : Catalog::builtin().rules()) {
    EXPECT_TRUE(Id.match(R.Id)) << R.Id;
    EXPECT_TRUE(Seen.insert(R.Id).second) << R.Id;
    EXPECT_FALSE(R.Help.empty()) << R.Id;
    EXPECT_FALSE(R.Help.back() == '.') << R.Id << ": help ends with a period";
  }
}

TEST(Catalog, EveryRuleHasACheckerADocPageAndTests) {
  for (const Rule &R : Catalog::builtin().rules()) {
    EXPECT_TRUE(isRegisteredFamilyChecker(R.Checker.c_str()))
        << R.Id << ": checker " << R.Checker << " is not registered";
    auto Doc = llvm::MemoryBuffer::getFile(source(R.Doc));
    EXPECT_TRUE(static_cast<bool>(Doc)) << R.Id << ": no doc page " << R.Doc;
    if (Doc)
      EXPECT_NE((*Doc)->getBuffer().find(R.Id), llvm::StringRef::npos)
          << R.Doc << " does not name " << R.Id;
    EXPECT_FALSE(R.Tests.empty()) << R.Id << ": no tests";
    bool Expected = false;
    for (const std::string &T : R.Tests) {
      auto Buf = llvm::MemoryBuffer::getFile(source(T));
      EXPECT_TRUE(static_cast<bool>(Buf)) << R.Id << ": no test file " << T;
      if (Buf && (*Buf)->getBuffer().contains("[" + R.Id + "]"))
        Expected = true;
    }
    EXPECT_TRUE(Expected) << R.Id << ": no test file expects a finding";
    if (!R.Coccinelle.empty())
      EXPECT_TRUE(static_cast<bool>(llvm::MemoryBuffer::getFile(source(R.Coccinelle))))
          << R.Id << ": no Coccinelle rule " << R.Coccinelle;
  }
}

TEST(Catalog, SelectByIdFamilyAndChecker) {
  const Catalog &C = Catalog::builtin();
  auto One = C.select("ut-ref-003");
  ASSERT_TRUE(static_cast<bool>(One));
  ASSERT_EQ(One->size(), 1u);
  EXPECT_EQ((*One)[0]->Id, "UT-REF-003");
  for (const char *Spec : {"REF", "ref", "UT-REF", "utrace.EngineRef"}) {
    auto Fam = C.select(Spec);
    ASSERT_TRUE(static_cast<bool>(Fam)) << Spec;
    EXPECT_EQ(Fam->size(), 6u) << Spec;
  }
  auto Bad = C.select("UT-XYZ-001");
  ASSERT_FALSE(static_cast<bool>(Bad));
  EXPECT_EQ(llvm::toString(Bad.takeError()),
            "unknown rule or family 'UT-XYZ-001' (see --list-rules)");
}

TEST(Catalog, RejectsDuplicatesAndForeignIds) {
  const char *Dup = R"(family: REF
checker: utrace.EngineRef
title: t
rules:
  - {id: UT-REF-001, name: a, help: h, severity: warning, maturity: stable, doc: d, tests: []}
  - {id: UT-REF-001, name: b, help: h, severity: warning, maturity: stable, doc: d, tests: []}
)";
  auto C = Catalog::parse({{"dup.yaml", Dup}});
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_EQ(llvm::toString(C.takeError()), "dup.yaml: duplicate rule id UT-REF-001");
  const char *Foreign = R"(family: WIN
checker: utrace.X
title: t
rules:
  - {id: UT-REF-009, name: a, help: h, severity: loud, maturity: stable, doc: d, tests: []}
)";
  auto F = Catalog::parse({{"f.yaml", Foreign}});
  ASSERT_FALSE(static_cast<bool>(F));
  EXPECT_EQ(llvm::toString(F.takeError()), "f.yaml: rule UT-REF-009 is not in family WIN");
}
