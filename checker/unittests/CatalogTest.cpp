// The catalog is the single source of truth: every rule must have its
// checker, its doc page and test files that expect it.
#include "data/Catalog.h"
#include "checkers/Checkers.h"
#include "gtest/gtest.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <map>

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
    EXPECT_EQ(Fam->size(), 8u) << Spec;
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
  - {id: UT-REF-001, name: a, help: h, severity: warning, maturity: stable, doc: d, coccinelle: 'none: n', tests: []}
  - {id: UT-REF-001, name: b, help: h, severity: warning, maturity: stable, doc: d, coccinelle: 'none: n', tests: []}
)";
  auto C = Catalog::parse({{"dup.yaml", Dup}});
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_EQ(llvm::toString(C.takeError()), "dup.yaml: duplicate rule id UT-REF-001");
  const char *Foreign = R"(family: WIN
checker: utrace.X
title: t
rules:
  - {id: UT-REF-009, name: a, help: h, severity: loud, maturity: stable, doc: d, coccinelle: 'none: n', tests: []}
)";
  auto F = Catalog::parse({{"f.yaml", Foreign}});
  ASSERT_FALSE(static_cast<bool>(F));
  EXPECT_EQ(llvm::toString(F.takeError()), "f.yaml: rule UT-REF-009 is not in family WIN");
}

TEST(Catalog, EveryCoccinelleRuleIsNamedByExactlyOneRule) {
  std::map<std::string, std::string> NamedBy; // .cocci path -> rule id
  for (const Rule &R : Catalog::builtin().rules()) {
    if (R.Coccinelle.empty()) {
      EXPECT_FALSE(R.NoCoccinelleReason.empty()) << R.Id;
      continue;
    }
    EXPECT_TRUE(llvm::sys::fs::exists(source(R.Coccinelle)))
        << R.Id << " names a missing Coccinelle rule " << R.Coccinelle;
    EXPECT_TRUE(NamedBy.emplace(R.Coccinelle, R.Id).second)
        << R.Coccinelle << " is named by two rules";
  }
  std::error_code EC;
  unsigned Seen = 0;
  for (llvm::sys::fs::recursive_directory_iterator
           It(source("rules/coccinelle"), EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Path = It->path();
    if (!Path.ends_with(".cocci") || Path.contains("/tests/"))
      continue;
    ++Seen;
    std::string Rel = Path.drop_front(std::string(UTRACE_SOURCE_ROOT).size() + 1).str();
    EXPECT_TRUE(NamedBy.count(Rel)) << Rel << " is named by no rule of the catalog";
  }
  EXPECT_FALSE(EC) << EC.message();
  EXPECT_EQ(Seen, NamedBy.size());
}

TEST(Catalog, ReadmeRuleTableIsTheCatalog) {
  auto Readme = llvm::MemoryBuffer::getFile(source("README.md"));
  ASSERT_TRUE(static_cast<bool>(Readme));
  // | [UT-REF-001](docs/rules/UT-REF-001.md) | help |
  llvm::Regex Row("^\\| \\[(UT-[A-Z]+-[0-9]+)\\]\\(([^)]*)\\) \\| (.*) \\|$");
  std::vector<std::string> Ids;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Readme)->getBuffer().split(Lines, '\n');
  const Catalog &C = Catalog::builtin();
  for (llvm::StringRef L : Lines) {
    llvm::SmallVector<llvm::StringRef, 4> M;
    if (!Row.match(L, &M))
      continue;
    Ids.push_back(M[1].str());
    auto Sel = C.select(M[1]);
    ASSERT_TRUE(static_cast<bool>(Sel)) << M[1].str() << " is not in the catalog";
    const Rule &R = *(*Sel)[0];
    EXPECT_EQ(M[2].str(), R.Doc) << R.Id;
    EXPECT_EQ(M[3].str(), R.Help) << R.Id << ": README help differs from the catalog";
  }
  std::vector<std::string> Want;
  for (const Rule &R : C.rules())
    if (R.Maturity != "retired")
      Want.push_back(R.Id);
  EXPECT_EQ(Ids, Want) << "README's rule table lists other rules, or in another order";
}

TEST(Catalog, CoccinelleIsAPathOrAReason) {
  const char *Bad = R"(family: REF
checker: utrace.EngineRef
title: t
rules:
  - {id: UT-REF-001, name: a, help: h, severity: warning, maturity: stable, doc: d, coccinelle: maybe, tests: []}
)";
  auto C = Catalog::parse({{"b.yaml", Bad}});
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_EQ(llvm::toString(C.takeError()),
            "b.yaml: UT-REF-001: coccinelle is a rules/coccinelle/ path or 'none: <why>'");
}

TEST(Catalog, FirstGenerationIsOnOffOrOnly) {
  const char *Only = R"(family: WIN
checker: utrace.ExamineWindow
title: t
rules:
  - {id: UT-WIN-009, name: a, help: h, severity: warning, maturity: stable, doc: d, coccinelle: 'none: n', first_generation: only, tests: []}
  - {id: UT-WIN-008, name: b, help: h, severity: warning, maturity: stable, doc: d, coccinelle: 'none: n', first_generation: off, tests: []}
)";
  auto C = Catalog::parse({{"o.yaml", Only}});
  ASSERT_TRUE(static_cast<bool>(C)) << llvm::toString(C.takeError());
  ASSERT_EQ(C->rules().size(), 2u);
  EXPECT_TRUE(C->rules()[0].OnlyInFirstGeneration);
  EXPECT_FALSE(C->rules()[0].OffInFirstGeneration);
  EXPECT_TRUE(C->rules()[1].OffInFirstGeneration);
  EXPECT_FALSE(C->rules()[1].OnlyInFirstGeneration);

  const char *Bad = R"(family: WIN
checker: utrace.ExamineWindow
title: t
rules:
  - {id: UT-WIN-009, name: a, help: h, severity: warning, maturity: stable, doc: d, coccinelle: 'none: n', first_generation: sometimes, tests: []}
)";
  auto B = Catalog::parse({{"b.yaml", Bad}});
  ASSERT_FALSE(static_cast<bool>(B));
  EXPECT_EQ(llvm::toString(B.takeError()),
            "b.yaml: UT-WIN-009: first_generation is 'on', 'off' or 'only'");

  // The first generation's window rule is that generation's only.
  auto W = Catalog::builtin().select("UT-WIN-004");
  ASSERT_TRUE(static_cast<bool>(W));
  EXPECT_TRUE((*W)[0]->OnlyInFirstGeneration);
}

// Policy that used to be C++ is catalog data (issue 14 item 3): which
// families report in files without the utrace API, which read the task
// model, which rules are judged once per object.
TEST(Catalog, FamilyPolicyIsData) {
  std::map<std::string, std::pair<bool, bool>> Family; // NeedsApi, TaskModel
  for (const Rule &R : Catalog::builtin().rules()) {
    auto [It, New] = Family.insert({R.Family, {R.NeedsUtraceApi, R.UsesTaskModel}});
    if (!New) {
      EXPECT_EQ(It->second.first, R.NeedsUtraceApi) << R.Id;
      EXPECT_EQ(It->second.second, R.UsesTaskModel) << R.Id;
    }
  }
  for (const char *F : {"REF", "WIN", "CB"})
    EXPECT_TRUE(Family[F].first) << F;
  for (const char *F : {"RCU", "CTX", "BAR"})
    EXPECT_FALSE(Family[F].first) << F;
  EXPECT_TRUE(Family["WIN"].second);
  EXPECT_TRUE(Family["RCU"].second);
  EXPECT_FALSE(Family["BAR"].second);
  std::set<std::string> Once;
  for (const Rule &R : Catalog::builtin().rules())
    if (R.OncePerObject)
      Once.insert(R.Id);
  EXPECT_EQ(Once, (std::set<std::string>{"UT-REF-002", "UT-REF-003", "UT-REF-005"}));
  const Rule *Leak = Catalog::builtin().find("UT-REF-001");
  ASSERT_TRUE(Leak);
  EXPECT_TRUE(llvm::Regex(Leak->Site.Note).match("engine reference acquired here"));
  EXPECT_EQ(Leak->Site.Pick, "all");
}

TEST(Catalog, UnknownFamilyKeysAndBadRuntimeSitesAreErrors) {
  const char *Base = "family: X\nchecker: utrace.X\ntitle: t\n";
  const char *Rule = "rules:\n  - {id: UT-X-001, name: n, help: h, severity: note, "
                     "maturity: m, doc: d, coccinelle: 'none: n', tests: []";
  auto Good = Catalog::parse({{"x.yaml", std::string(Base) + "needs_utrace_api: false\n" +
                                             Rule + ", runtime_site: {note: 'x'}}\n"}});
  ASSERT_TRUE(static_cast<bool>(Good)) << llvm::toString(Good.takeError());
  EXPECT_FALSE(Good->rules()[0].NeedsUtraceApi);
  auto NoNote = Catalog::parse({{"x.yaml", std::string(Base) + Rule +
                                               ", runtime_site: {message: 'x'}}\n"}});
  EXPECT_FALSE(static_cast<bool>(NoNote));
  llvm::consumeError(NoNote.takeError());
  auto Typo = Catalog::parse({{"x.yaml", std::string(Base) + "needs_utrace: false\n" + Rule + "}\n"}});
  EXPECT_FALSE(static_cast<bool>(Typo));
  llvm::consumeError(Typo.takeError());
}
