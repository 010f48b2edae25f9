//===- Formats.h - machine-readable outputs ---------------------*- C++ -*-===//
//
// Every format is made from the same Findings (Finding.h) and is built with
// llvm::json, never by pasting strings:
//   json    {"version": 1, "tool": ..., "findings": [...], "files": [...]}
//   sarif   SARIF 2.1.0; rule metadata comes from the catalog
//   gitlab  GitLab Code Quality (an array of issues)
// and the HTML path pages (Html.cpp). json and sarif can be read back
// (readReport) for `utrace-check merge` and for the child processes of
// --timeout/--max-memory runs.
//
// clang::SarifDocumentWriter is not used: it takes locations as
// CharSourceRanges of a live SourceManager, while our findings outlive their
// translation unit (and are merged from files); it also has no
// fullDescription, helpUri or partialFingerprints.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_FORMATS_H
#define UTRACE_CHECK_FORMATS_H

#include "analysis/Analysis.h"
#include "data/Catalog.h"
#include "analysis/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace utrace {

enum class Format { Text, Json, Sarif, Gitlab };

/// "text", "json", "sarif", "gitlab".
std::optional<Format> parseFormat(llvm::StringRef Name);

/// What became of one input file; failures go into the reports too.
struct FileOutcome {
  std::string File;
  FileStatus Status = FileStatus::Analysed;
  std::string Reason;
  /// The functions that use the utrace API or a rule family, with status.
  std::vector<FunctionCoverage> Functions;
};

llvm::StringRef statusName(FileStatus S);
std::optional<FileStatus> parseStatus(llvm::StringRef S);

/// The report: findings (sorted, fingerprinted) and per-file outcomes.
struct Report {
  std::vector<Finding> Findings;
  std::vector<FileOutcome> Files;
  /// Engine fields and globals that some file of the report releases
  /// ("record.field"), sorted: a UT-REF-001 finding owed to one of them
  /// (Finding::OwedField) is a hand-over to another file. A run settles its
  /// own files; `merge` settles them again across shards and per-file
  /// Kbuild reports.
  std::vector<std::string> ReleasedFields;
};

struct FormatOptions {
  /// helpUri of rule R is DocsBaseUri + R.Doc ("docs/rules/UT-REF-001.md").
  std::string DocsBaseUri;
};

/// Renders a whole report in one format (Text: the GCC form).
std::string render(Format F, const Report &R, const FormatOptions &FO);

// --- pieces shared by the formats and by merge ------------------------------
llvm::json::Value findingToJSON(const Finding &F);
llvm::Expected<Finding> findingFromJSON(const llvm::json::Value &V);
llvm::json::Value fileResultToJSON(const FileResult &R);
/// [{"name", "line", "status": "analysed"|"not analysed", "reason"}]
llvm::json::Value functionsToJSON(llvm::ArrayRef<FunctionCoverage> Fns);
llvm::Expected<FileResult> fileResultFromJSON(const llvm::json::Value &V);

std::string renderJson(const Report &R);
std::string renderSarif(const Report &R, const FormatOptions &FO);
std::string renderGitlab(const Report &R);

/// Reads a json or SARIF report written by this tool (auto-detected).
llvm::Expected<Report> readReport(llvm::StringRef Text);

/// A relative path becomes a relative URI reference (percent-encoded); an
/// absolute one a file:// URI. uriToPath undoes either.
std::string pathToUri(llvm::StringRef Path);
std::string uriToPath(llvm::StringRef Uri);

/// One page per finding (the path through the source, notes numbered
/// beside the lines) and index.html with counts per rule, in Dir.
llvm::Error writeHtml(llvm::StringRef Dir, const Report &R,
                      const FormatOptions &FO);

} // namespace utrace

#endif
