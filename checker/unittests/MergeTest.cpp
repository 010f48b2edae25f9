//===- MergeTest.cpp - merging reports ------------------------------------===//
#include "report/Merge.h"
#include "gtest/gtest.h"

using namespace utrace;

namespace {

Finding finding(const char *Rule, const char *File, unsigned Line,
                const char *FP) {
  Finding F;
  F.RuleId = Rule;
  F.Sev = Severity::Error;
  F.Loc = {File, Line, 2};
  F.Message = "utrace_engine_put() called twice";
  F.Function = "f";
  F.Notes.push_back({{File, Line - 1, 2}, "last engine reference released here"});
  F.Fingerprint = FP;
  return F;
}

TEST(Merge, DropsDuplicatesByFingerprintAndKeepsFailures) {
  Report A, B;
  A.Findings = {finding("UT-REF-003", "h.h", 5, "aa"),
                finding("UT-REF-003", "a.c", 9, "bb")};
  A.Files = {{"a.c", FileStatus::Analysed, ""}};
  B.Findings = {finding("UT-REF-003", "h.h", 5, "aa")};
  B.Files = {{"b.c", FileStatus::Failed, "timed out after 1 s"},
             {"a.c", FileStatus::Analysed, ""}};
  Report M = mergeReports({A, B});
  ASSERT_EQ(M.Findings.size(), 2u);
  EXPECT_EQ(M.Findings[0].Loc.File, "a.c"); // sorted by location
  ASSERT_EQ(M.Files.size(), 2u);
  EXPECT_EQ(M.Files[1].Status, FileStatus::Failed);
}

TEST(Merge, SarifAndJsonRoundTrip) {
  Report R;
  R.Findings = {finding("UT-REF-003", "dir with space/a.c", 9, "cc")};
  R.Files = {{"b.c", FileStatus::Failed, "timed out after 1 s"}};
  for (Format F : {Format::Sarif, Format::Json}) {
    auto Back = readReport(render(F, R, {}));
    ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
    ASSERT_EQ(Back->Findings.size(), 1u);
    const Finding &G = Back->Findings[0];
    EXPECT_EQ(G.Loc.File, "dir with space/a.c");
    EXPECT_EQ(G.Loc.Line, 9u);
    EXPECT_EQ(G.Sev, Severity::Error);
    EXPECT_EQ(G.Function, "f");
    EXPECT_EQ(G.Fingerprint, "cc");
    ASSERT_EQ(G.Notes.size(), 1u);
    EXPECT_EQ(G.Notes[0].Message, "last engine reference released here");
    ASSERT_EQ(Back->Files.size(), 1u);
    EXPECT_EQ(Back->Files[0].Reason, "timed out after 1 s");
  }
}

TEST(Merge, RejectsGarbage) {
  auto R = readReport("{\"runs\": 3");
  EXPECT_FALSE(bool(R));
  llvm::consumeError(R.takeError());
}

} // namespace
