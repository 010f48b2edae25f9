//===- SuppressionsTest.cpp - inline suppression comments -----------------===//
#include "report/Suppressions.h"
#include "report/Fingerprint.h"
#include "gtest/gtest.h"

using namespace utrace;

namespace {

TEST(Suppressions, ParsesTheThreeSpellings) {
  auto S = parseSuppressions(
      "a(); /* utrace-check: ignore UT-REF-001 */\n"
      "// NOLINT(bugprone-x, UT-REF-002,UT-REF-003)\n"
      "// NOLINTNEXTLINE(UT-REF-*)\n"
      "b(); // NOLINT\n"
      "/* utrace-check: ignore */\n"
      "/* utrace-check: ignore UT-REF-001 UT-REF-004 */\n");
  ASSERT_EQ(S.size(), 5u);
  EXPECT_EQ(S[0].Line, 1u);
  EXPECT_EQ(S[0].Column, 9u);
  EXPECT_EQ(S[0].Rules, std::vector<std::string>{"UT-REF-001"});
  EXPECT_EQ(S[1].Rules, (std::vector<std::string>{"UT-REF-002", "UT-REF-003"}));
  EXPECT_EQ(S[1].K, Suppression::ThisOrNextLine);
  EXPECT_EQ(S[2].K, Suppression::NextLineOnly);
  EXPECT_TRUE(S[2].names("UT-REF-005"));
  EXPECT_FALSE(S[2].names("UT-WIN-001"));
  EXPECT_TRUE(S[3].Rules.empty()); // ignore-all
  EXPECT_EQ(S[3].Line, 5u);
  EXPECT_EQ(S[4].Rules, (std::vector<std::string>{"UT-REF-001", "UT-REF-004"}));
}

TEST(Suppressions, LinesCovered) {
  Suppression Same{10, 1, Suppression::ThisOrNextLine, {"UT-REF-001"}, ""};
  EXPECT_TRUE(Same.covers(10));
  EXPECT_TRUE(Same.covers(11));
  EXPECT_FALSE(Same.covers(12));
  EXPECT_FALSE(Same.covers(9));
  Suppression Next{10, 1, Suppression::NextLineOnly, {"UT-REF-001"}, ""};
  EXPECT_FALSE(Next.covers(10));
  EXPECT_TRUE(Next.covers(11));
}

TEST(Suppressions, ForeignOrMisspelledListsAreNotIgnoreAll) {
  EXPECT_TRUE(parseSuppressions("x; // NOLINT(readability-foo)\n").empty());
  EXPECT_TRUE(parseSuppressions("/* utrace-check: ignore REF-001 */\n").empty());
}

} // namespace
