//===- Merge.h - utrace-check merge OUT IN... -------------------*- C++ -*-===//
//
// Combines json or SARIF reports (from CI shards, or from per-file kbuild
// runs) into one, dropping findings with the same fingerprint (a header
// seen by several translation units reports the same finding each time).
// The output format follows OUT's name (.sarif: SARIF, otherwise json) unless
// --format says otherwise; OUT is written atomically.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_MERGE_H
#define UTRACE_CHECK_MERGE_H

#include "report/Formats.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace utrace {

/// Merges reports: union of findings de-duplicated by fingerprint (sorted
/// by location), union of file outcomes (a failure wins).
Report mergeReports(std::vector<Report> Inputs);

/// The merge subcommand with its arguments (after "merge"); returns the
/// exit status (0, or 2 with a one-line error on Err).
int runMerge(llvm::ArrayRef<std::string> Args, llvm::raw_ostream &Out,
             llvm::raw_ostream &Err);

} // namespace utrace

#endif
