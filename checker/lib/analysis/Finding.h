//===- Finding.h - one reported problem --------------------------*- C++ -*-===//
//
// What every output format is made from: a rule id, a location, a message and
// the path notes that explain it. Locations are resolved to file/line/column
// (macro expansion sites) when the finding is collected, so findings outlive
// the translation unit they came from.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_FINDING_H
#define UTRACE_CHECK_FINDING_H

#include "data/Catalog.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace utrace {

struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator<(const Location &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const Location &O) const {
    return std::tie(File, Line, Column) == std::tie(O.File, O.Line, O.Column);
  }
};

struct Note {
  Location Loc;
  std::string Message;
};

struct Finding {
  std::string RuleId;
  Severity Sev = Severity::Warning;
  Location Loc;
  std::string Message; ///< without the trailing " [id]"
  std::string Function; ///< the function the finding is in, when known
  std::vector<Note> Notes;
  /// Stable identity for baselines, merges and CI systems; filled in by
  /// assignFingerprints() (Fingerprint.h) once all findings are known.
  std::string Fingerprint;
  /// A UT-REF-001 leak owed only because the file releases nothing stored in
  /// this field ("record.field"); with -p, another file's release of it
  /// makes the store a hand-over and the run drops the finding.
  std::string OwedField;

  /// A barrier finding whose ordering was inferred from a barrier pair in
  /// the file rather than declared in rules/api (lower confidence); the
  /// barrier checker marks the message so (docs/rules/UT-BAR-001.md).
  bool inferred() const {
    static constexpr const char Suffix[] = " (inferred pairing)";
    return Message.size() >= sizeof(Suffix) - 1 &&
           Message.compare(Message.size() - (sizeof(Suffix) - 1),
                           std::string::npos, Suffix) == 0;
  }
};

/// Drops the findings owed to a field that Released (sorted) says some
/// file releases: the reference was handed over, not leaked.
inline void dropHandedOver(std::vector<Finding> &Findings,
                           const std::vector<std::string> &Released) {
  llvm::erase_if(Findings, [&](const Finding &F) {
    return !F.OwedField.empty() &&
           std::binary_search(Released.begin(), Released.end(), F.OwedField);
  });
}

} // namespace utrace

#endif
