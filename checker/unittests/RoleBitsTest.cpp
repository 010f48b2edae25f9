//===- RoleBitsTest.cpp - roles are distinct bits ---------------*- C++ -*-===//
//
// Roles are bits of one uint64_t. Two branches once took the same bit for
// different roles and the merge compiled: spin_lock() "was" an RCU lookup.
// These tests hold the role table to one bit per role, and every role name
// the API tables use to exactly one of those bits.
//
//===----------------------------------------------------------------------===//
#include "data/ApiModel.h"
#include "data/Roles.h"
#include "data/EmbeddedData.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "gtest/gtest.h"
#include <bitset>
#include <map>

using namespace utrace;

namespace {

uint64_t bits(Role R) { return static_cast<uint64_t>(R); }

/// Every scalar of every sequence under a `roles:` or `within:` key of a
/// YAML document, with the file it came from.
void collectRoleNames(llvm::yaml::Node *N, const char *File,
                      std::vector<std::pair<std::string, std::string>> &Out) {
  if (auto *M = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(N)) {
    for (llvm::yaml::KeyValueNode &KV : *M) {
      llvm::SmallString<32> Storage;
      auto *Key = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
      llvm::StringRef K = Key ? Key->getValue(Storage) : "";
      auto *Seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(KV.getValue());
      if ((K == "roles" || K == "within") && Seq) {
        for (llvm::yaml::Node &Item : *Seq)
          if (auto *S = llvm::dyn_cast<llvm::yaml::ScalarNode>(&Item)) {
            llvm::SmallString<32> V;
            Out.push_back({S->getValue(V).str(), File});
          }
        continue;
      }
      collectRoleNames(KV.getValue(), File, Out);
    }
  } else if (auto *S = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(N)) {
    for (llvm::yaml::Node &Item : *S)
      collectRoleNames(&Item, File, Out);
  }
}

} // namespace

TEST(RoleBits, EveryRoleIsOneBitOfItsOwn) {
  std::map<uint64_t, std::string> Owner;
  llvm::StringSet<> Names;
  for (const RoleName &R : roleNames()) {
    EXPECT_EQ(std::bitset<64>(bits(R.Bit)).count(), 1u)
        << R.Name << " is not a single bit";
    EXPECT_TRUE(Names.insert(R.Name).second) << R.Name << " listed twice";
    auto [It, New] = Owner.emplace(bits(R.Bit), R.Name);
    EXPECT_TRUE(New) << R.Name << " and " << It->second
                     << " share the bit 0x" << std::hex << bits(R.Bit);
  }
  // RegisterAccess (bit 32) was the last role when this test was written:
  // a role past bit 31 must survive the 64-bit enum.
  EXPECT_EQ(bits(Role::RegisterAccess), 1ull << 32);
}

TEST(RoleBits, EveryRoleNameOfTheApiTablesMapsToOneBit) {
  std::vector<std::pair<std::string, std::string>> Used;
  for (const embedded::EmbeddedFile *F = embedded::ApiFiles; F->Path; ++F) {
    llvm::SourceMgr SM;
    llvm::yaml::Stream S(F->Text, SM);
    for (llvm::yaml::Document &D : S)
      collectRoleNames(D.getRoot(), F->Path, Used);
  }
  ASSERT_GT(Used.size(), 30u) << "the API tables name roles";
  for (auto &[Name, File] : Used) {
    Role R;
    ASSERT_TRUE(parseRole(Name, R)) << File << ": unknown role " << Name;
    EXPECT_EQ(std::bitset<64>(bits(R)).count(), 1u) << File << ": " << Name;
    unsigned Matches = 0;
    for (const RoleName &Entry : roleNames())
      Matches += bits(Entry.Bit) == bits(R);
    EXPECT_EQ(Matches, 1u) << File << ": " << Name
                           << " shares its bit with another role";
  }
}
