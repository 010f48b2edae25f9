//===- Suppressions.h - inline suppression comments -------------*- C++ -*-===//
//
// Three spellings, each naming rule ids (comma separated; "UT-REF-*" names a
// family):
//   /* utrace-check: ignore UT-REF-001 */   this line or the next one
//   // NOLINT(UT-REF-001)                    this line or the next one
//   // NOLINTNEXTLINE(UT-REF-001)            the next line only
// "utrace-check: ignore" with no id suppresses every rule. NOLINT lists may
// mix in clang-tidy check names; only ids starting with "UT-" are ours, and a
// bare NOLINT (no list) is left to clang-tidy.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_SUPPRESSIONS_H
#define UTRACE_CHECK_SUPPRESSIONS_H

#include "analysis/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>
#include <vector>

namespace utrace {

class SourceCache;

struct Suppression {
  enum Kind { ThisOrNextLine, NextLineOnly };
  unsigned Line = 0;   ///< 1-based line of the comment
  unsigned Column = 0; ///< 1-based column where the marker starts
  Kind K = ThisOrNextLine;
  std::vector<std::string> Rules; ///< empty: every rule
  std::string Spelling;           ///< "utrace-check: ignore", "NOLINT", ...

  bool covers(unsigned FindingLine) const;
  bool names(llvm::StringRef RuleId) const;
};

/// The suppression comments in a file's text, in order.
std::vector<Suppression> parseSuppressions(llvm::StringRef Text);

/// A suppression (or one of its rule ids) that matched no finding.
struct UnusedSuppression {
  Location Loc;
  std::string Rule; ///< "" when the suppression names every rule
};

struct SuppressionOutcome {
  std::vector<Finding> Kept;
  unsigned Suppressed = 0;
  std::vector<UnusedSuppression> Unused; ///< sorted by location
};

/// Drops suppressed findings. Unused suppressions are looked for in
/// ScannedFiles (the analysed files) and in every file with a finding; an
/// id that is not among EnabledRules is never reported as unused.
SuppressionOutcome applySuppressions(std::vector<Finding> Findings,
                                     const std::vector<std::string> &ScannedFiles,
                                     const std::set<std::string> &EnabledRules,
                                     SourceCache &Sources);

/// "file:line:col: warning: unused suppression for UT-REF-001
/// [utrace-check-unused-suppression]"
std::string formatUnused(const UnusedSuppression &U);

} // namespace utrace

#endif
