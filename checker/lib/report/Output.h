//===- Output.h - printing findings ------------------------------*- C++ -*-===//
#ifndef UTRACE_CHECK_OUTPUT_H
#define UTRACE_CHECK_OUTPUT_H

#include "analysis/Finding.h"
#include "llvm/Support/raw_ostream.h"

namespace utrace {

/// GCC form: "file:line:col: warning: message [UT-REF-001]" and one
/// "file:line:col: note: ..." line per path note.
void printText(llvm::raw_ostream &OS, const Finding &F);

/// Sorts by location and rule, and drops exact duplicates (a header seen by
/// several translation units reports the same finding more than once).
void sortAndUnique(std::vector<Finding> &Findings);

} // namespace utrace

#endif
