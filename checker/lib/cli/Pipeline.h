//===- Pipeline.h - from analysed files to reports and exit status -*- C++ -*-===//
//
// Everything after analysis, in order: sort and de-duplicate, fingerprint,
// drop inline-suppressed findings, write the baseline, drop baselined
// findings, render the report (--format, -o), write the HTML pages, print the
// summary, and pick the exit status (--fail-on).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_PIPELINE_H
#define UTRACE_CHECK_PIPELINE_H

#include "analysis/Analysis.h"
#include "cli/Options.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace utrace {

struct PipelineInput {
  std::vector<FileResult> Results;
  std::set<std::string> EnabledRules;
  /// Fingerprints from --baseline, read before the analysis so a bad
  /// baseline fails the run before anything is written.
  std::optional<std::set<std::string>> Baseline;
  double Seconds = 0;
  unsigned Jobs = 1;
};

/// Reports and returns the exit status: 2 when a file failed or an output
/// could not be written, 1 when a finding at or above --fail-on remains,
/// else 0.
int finishRun(const Options &O, PipelineInput In, llvm::raw_ostream &Out,
              llvm::raw_ostream &Err);

/// Reads --baseline FILE; the error is one line.
llvm::Expected<std::set<std::string>> readBaselineFile(const std::string &Path);

} // namespace utrace

#endif
