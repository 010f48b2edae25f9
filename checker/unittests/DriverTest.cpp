#include "cli/Driver.h"
#include "gtest/gtest.h"

using namespace utrace;

namespace {
struct Result {
  int Status;
  std::string Out, Err;
};
Result run(std::vector<std::string> Args) {
  Result R;
  llvm::raw_string_ostream Out(R.Out), Err(R.Err);
  R.Status = runMain(Args, Out, Err);
  Out.flush();
  Err.flush();
  return R;
}
} // namespace

TEST(Driver, ListRulesComesFromTheCatalog) {
  Result R = run({"--list-rules"});
  EXPECT_EQ(R.Status, 0);
  EXPECT_NE(R.Out.find("UT-REF-001"), std::string::npos);
  EXPECT_NE(R.Out.find("utrace.EngineRef"), std::string::npos);
  EXPECT_TRUE(R.Err.empty());
}

TEST(Driver, UsageErrorsExitTwoWithOneLine) {
  for (std::vector<std::string> Args :
       {std::vector<std::string>{"--nope"}, {}, {"/no/such/file.c"},
        {"--disable=UT-ZZZ-001", "x.c"}}) {
    Result R = run(Args);
    EXPECT_EQ(R.Status, 2);
    EXPECT_EQ(std::count(R.Err.begin(), R.Err.end(), '\n'), 1) << R.Err;
    EXPECT_EQ(R.Err.rfind("utrace-check: error: ", 0), 0u) << R.Err;
  }
}

TEST(Driver, VersionAndHelp) {
  Result V = run({"--version"});
  EXPECT_EQ(V.Status, 0);
  EXPECT_EQ(V.Out.rfind("utrace-check ", 0), 0u);
  Result H = run({"--help"});
  EXPECT_EQ(H.Status, 0);
  EXPECT_NE(H.Out.find("USAGE: utrace-check"), std::string::npos);
}
