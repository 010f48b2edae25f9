//===- Baseline.h - known findings ------------------------------*- C++ -*-===//
//
// A baseline is a JSON file of the findings a project has accepted for now,
// by fingerprint (Fingerprint.h): --write-baseline records the current ones,
// --baseline reports only findings whose fingerprint is not in it and counts
// the baselined ones that are gone (fixed, or moved out of this run's files).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_BASELINE_H
#define UTRACE_CHECK_BASELINE_H

#include "analysis/Finding.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>
#include <vector>

namespace utrace {

/// The baseline document for Findings (fingerprints must be assigned).
std::string renderBaseline(const std::vector<Finding> &Findings);

/// The fingerprints in a baseline document; the error says what is wrong.
llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text);

struct BaselineOutcome {
  std::vector<Finding> New;
  unsigned Known = 0; ///< findings dropped because they are baselined
  unsigned Gone = 0;  ///< baselined fingerprints no finding has now
};

BaselineOutcome applyBaseline(std::vector<Finding> Findings,
                              const std::set<std::string> &Baseline);

} // namespace utrace

#endif
