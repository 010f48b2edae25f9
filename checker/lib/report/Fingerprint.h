//===- Fingerprint.h - stable identities for findings -----------*- C++ -*-===//
//
// A baseline must recognise a finding after unrelated edits above it, so a
// fingerprint never contains a line or column number. It hashes what moves
// with the code: the rule id, the file (relative to the working directory),
// the function, the message with digits blanked, the whitespace-normalised
// text of the finding's source line, and the messages of its path notes.
// Two findings that still collide (the same bug twice in one function) are
// told apart by their order: ":2", ":3", ...
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_FINGERPRINT_H
#define UTRACE_CHECK_FINGERPRINT_H

#include "analysis/Finding.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <mutex>
#include <vector>

namespace utrace {

/// Source files read once and split into lines; safe to share between
/// threads. A file that cannot be read has no lines.
class SourceCache {
public:
  /// The text of a 1-based line, or "" when there is no such line.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// All lines of File (without line terminators).
  const std::vector<llvm::StringRef> &lines(llvm::StringRef File);
  /// The whole text of File ("" when unreadable).
  llvm::StringRef text(llvm::StringRef File);

private:
  struct Entry {
    std::string Text;
    std::vector<llvm::StringRef> Lines;
  };
  const Entry &get(llvm::StringRef File);
  std::mutex M;
  llvm::StringMap<std::unique_ptr<Entry>> Files;
};

/// File as shown in machine-readable outputs: relative to the working
/// directory when it lies below it, else unchanged (made absolute).
std::string displayPath(llvm::StringRef File);

/// Collapses runs of whitespace to one space and trims the ends.
std::string normalizeSpace(llvm::StringRef S);

/// normalizeSpace(), with every run of digits replaced by "#".
std::string normalizeMessage(llvm::StringRef S);

/// The fingerprint of one finding, without the occurrence suffix.
std::string fingerprintOf(const Finding &F, SourceCache &Sources);

/// Sets Finding::Fingerprint on every finding that has none; findings must
/// be in their final (sorted) order so occurrence suffixes are stable.
void assignFingerprints(std::vector<Finding> &Findings, SourceCache &Sources);

} // namespace utrace

#endif
