//===- Gitlab.cpp - GitLab Code Quality output ------------------*- C++ -*-===//
//
// GitLab's Code Quality report: a JSON array of issues, each with a
// description, check_name, fingerprint (unique per issue: GitLab compares
// reports of the source and target branch by it), severity (info, minor,
// major, critical, blocker) and location.path/lines.begin, the path relative
// to the repository root (the job's working directory).
//
//===----------------------------------------------------------------------===//
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace utrace {

static StringRef gitlabSeverity(Severity S) {
  switch (S) {
  case Severity::Error:
    return "critical";
  case Severity::Warning:
    return "major";
  case Severity::Note:
    return "info";
  }
  return "major";
}

std::string renderGitlab(const Report &R) {
  json::Array Issues;
  for (const Finding &F : R.Findings)
    Issues.push_back(json::Object{
        {"type", "issue"},
        {"engine_name", "utrace-check"},
        {"check_name", F.RuleId},
        {"description", F.Message + " [" + F.RuleId + "]"},
        {"categories", json::Array{"Bug Risk"}},
        {"severity", gitlabSeverity(F.Sev)},
        {"fingerprint", F.Fingerprint},
        {"location",
         json::Object{{"path", displayPath(F.Loc.File)},
                      {"lines", json::Object{{"begin", F.Loc.Line}}}}}});
  std::string S;
  raw_string_ostream OS(S);
  OS << formatv("{0:2}", json::Value(std::move(Issues))) << '\n';
  return S;
}

} // namespace utrace
