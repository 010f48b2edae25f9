//===- Shard.h - splitting the work across CI machines ----------*- C++ -*-===//
//
// --shard K/N (1 <= K <= N) keeps the files whose position in the sorted,
// de-duplicated file list is K-1 modulo N. Every machine of a CI matrix sees
// the same list (the same compile database or arguments), so the shards are
// disjoint, cover every file, and differ in size by at most one.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_SHARD_H
#define UTRACE_CHECK_SHARD_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace utrace {

struct ShardSpec {
  unsigned Index = 1; ///< K, 1-based
  unsigned Count = 1; ///< N
};

/// Parses "K/N"; the error is one line.
llvm::Expected<ShardSpec> parseShard(llvm::StringRef Spec);

/// The files of shard K/N, sorted.
std::vector<std::string> selectShard(std::vector<std::string> Files,
                                     const ShardSpec &S);

} // namespace utrace

#endif
