//===- Output.cpp - printing findings ---------------------------*- C++ -*-===//
#include "report/Output.h"
#include <algorithm>

namespace utrace {

static void printLoc(llvm::raw_ostream &OS, const Location &L) {
  OS << L.File << ':' << L.Line << ':' << L.Column << ": ";
}

void printText(llvm::raw_ostream &OS, const Finding &F) {
  printLoc(OS, F.Loc);
  // Every finding prints as "warning:", as sparse and clang-tidy do, so that
  // build-log scrapers never mistake a finding for a compiler error. The
  // catalog severity is carried by the machine-readable formats.
  OS << "warning: " << F.Message
     << " [" << F.RuleId << "]\n";
  for (const Note &N : F.Notes) {
    printLoc(OS, N.Loc);
    OS << "note: " << N.Message << '\n';
  }
}

static auto key(const Finding &F) {
  return std::tie(F.Loc, F.RuleId, F.Message);
}

void sortAndUnique(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return key(A) < key(B);
                   });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return key(A) == key(B);
                             }),
                 Findings.end());
}

} // namespace utrace
