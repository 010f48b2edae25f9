//===- ShardTest.cpp - splitting files across machines --------------------===//
#include "cli/Shard.h"
#include "gtest/gtest.h"
#include <set>

using namespace utrace;

namespace {

TEST(Shard, Parses) {
  auto S = parseShard("2/3");
  ASSERT_TRUE(bool(S));
  EXPECT_EQ(S->Index, 2u);
  EXPECT_EQ(S->Count, 3u);
  for (const char *Bad : {"0/3", "4/3", "1/0", "x/2", "2", "1/2/3", ""}) {
    auto E = parseShard(Bad);
    EXPECT_FALSE(bool(E)) << Bad;
    llvm::consumeError(E.takeError());
  }
}

TEST(Shard, DisjointCompleteBalancedAndOrderIndependent) {
  std::vector<std::string> Files;
  for (int I = 0; I < 23; ++I)
    Files.push_back("f" + std::to_string(I * 7 % 23) + ".c");
  Files.push_back("f1.c"); // duplicates do not count twice
  std::vector<std::string> Reversed(Files.rbegin(), Files.rend());
  std::set<std::string> All;
  size_t Min = 99, Max = 0;
  for (unsigned K = 1; K <= 4; ++K) {
    auto Part = selectShard(Files, {K, 4});
    EXPECT_EQ(Part, selectShard(Reversed, {K, 4}));
    Min = std::min(Min, Part.size());
    Max = std::max(Max, Part.size());
    for (const std::string &F : Part)
      EXPECT_TRUE(All.insert(F).second) << F << " in two shards";
  }
  EXPECT_EQ(All.size(), 23u);
  EXPECT_LE(Max - Min, 1u);
}

} // namespace
