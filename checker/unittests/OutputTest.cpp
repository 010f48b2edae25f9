#include "report/Output.h"
#include "gtest/gtest.h"

using namespace utrace;

static Finding finding(const char *File, unsigned Line, const char *Id) {
  Finding F;
  F.RuleId = Id;
  F.Sev = Severity::Error;
  F.Loc = {File, Line, 3};
  F.Message = "engine reference from utrace_attach_task() is not released on this path";
  return F;
}

TEST(Output, GccFormWithNotes) {
  Finding F = finding("mod.c", 12, "UT-REF-001");
  F.Notes.push_back({{"mod.c", 9, 11}, "engine reference acquired here"});
  std::string S;
  llvm::raw_string_ostream OS(S);
  printText(OS, F);
  EXPECT_EQ(OS.str(),
            "mod.c:12:3: warning: engine reference from utrace_attach_task() is "
            "not released on this path [UT-REF-001]\n"
            "mod.c:9:11: note: engine reference acquired here\n");
}

TEST(Output, SortsAndDropsDuplicatesFromSharedHeaders) {
  std::vector<Finding> Fs = {finding("b.c", 1, "UT-REF-001"),
                             finding("a.h", 7, "UT-REF-003"),
                             finding("a.c", 5, "UT-REF-001"),
                             finding("a.h", 7, "UT-REF-003")};
  sortAndUnique(Fs);
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Loc.File, "a.c");
  EXPECT_EQ(Fs[1].Loc.File, "a.h");
  EXPECT_EQ(Fs[2].Loc.File, "b.c");
}
