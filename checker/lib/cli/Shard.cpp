//===- Shard.cpp - splitting the work across CI machines --------*- C++ -*-===//
#include "cli/Shard.h"
#include <algorithm>

using namespace llvm;

namespace utrace {

Expected<ShardSpec> parseShard(StringRef Spec) {
  auto [K, N] = Spec.split('/');
  ShardSpec S;
  if (K.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) ||
      S.Count == 0 || S.Index == 0 || S.Index > S.Count)
    return createStringError(inconvertibleErrorCode(),
                             "invalid --shard '%s': expected K/N with 1 <= K <= N",
                             Spec.str().c_str());
  return S;
}

std::vector<std::string> selectShard(std::vector<std::string> Files,
                                     const ShardSpec &S) {
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  std::vector<std::string> Out;
  for (size_t I = 0; I < Files.size(); ++I)
    if (I % S.Count == S.Index - 1)
      Out.push_back(std::move(Files[I]));
  return Out;
}

} // namespace utrace
