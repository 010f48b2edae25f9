//===- Suppressions.cpp - inline suppression comments -----------*- C++ -*-===//
#include "report/Suppressions.h"
#include "report/Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <map>

using namespace llvm;

namespace utrace {

bool Suppression::covers(unsigned FindingLine) const {
  if (K == NextLineOnly)
    return FindingLine == Line + 1;
  return FindingLine == Line || FindingLine == Line + 1;
}

bool Suppression::names(StringRef RuleId) const {
  if (Rules.empty())
    return true;
  return any_of(Rules, [&](const std::string &R) {
    StringRef P = R;
    if (P.consume_back("*"))
      return RuleId.starts_with(P);
    return RuleId == P;
  });
}

/// Splits "A, B ,C" into ids, keeping only ours (UT-...).
static std::vector<std::string> ourIds(StringRef List) {
  SmallVector<StringRef, 4> Parts;
  List.split(Parts, ',', -1, false);
  std::vector<std::string> Out;
  for (StringRef P : Parts) {
    P = P.trim();
    if (P.starts_with("UT-"))
      Out.push_back(P.str());
  }
  return Out;
}

/// Parses one line; appends what it finds.
static void parseLine(StringRef L, unsigned LineNo,
                      std::vector<Suppression> &Out) {
  // "utrace-check: ignore [IDS]" up to the end of the comment.
  size_t Pos = L.find("utrace-check:");
  if (Pos != StringRef::npos) {
    StringRef Rest = L.substr(Pos + strlen("utrace-check:")).ltrim();
    if (Rest.consume_front("ignore")) {
      if (size_t End = Rest.find("*/"); End != StringRef::npos)
        Rest = Rest.take_front(End);
      // Ids are separated by commas or spaces.
      std::string List = Rest.str();
      std::replace(List.begin(), List.end(), ' ', ',');
      std::replace(List.begin(), List.end(), '\t', ',');
      Suppression S;
      S.Line = LineNo;
      S.Column = Pos + 1;
      S.Spelling = "utrace-check: ignore";
      S.Rules = ourIds(List);
      // Something there, but none of it ours: a typo, not "every rule".
      if (!S.Rules.empty() || StringRef(List).trim(", ").empty())
        Out.push_back(std::move(S));
    }
  }
  // NOLINT(...) and NOLINTNEXTLINE(...), possibly several per line.
  for (size_t From = 0;;) {
    size_t P = L.find("NOLINT", From);
    if (P == StringRef::npos)
      break;
    StringRef Rest = L.substr(P + 6);
    Suppression S;
    S.Line = LineNo;
    S.Column = P + 1;
    S.Spelling = "NOLINT";
    if (Rest.consume_front("NEXTLINE")) {
      S.K = Suppression::NextLineOnly;
      S.Spelling = "NOLINTNEXTLINE";
    }
    From = P + 6;
    if (!Rest.consume_front("("))
      continue; // bare NOLINT: clang-tidy's, not ours
    size_t Close = Rest.find(')');
    if (Close == StringRef::npos)
      continue;
    S.Rules = ourIds(Rest.take_front(Close));
    if (!S.Rules.empty())
      Out.push_back(std::move(S));
  }
}

std::vector<Suppression> parseSuppressions(StringRef Text) {
  std::vector<Suppression> Out;
  unsigned LineNo = 0;
  while (!Text.empty()) {
    auto [L, Rest] = Text.split('\n');
    ++LineNo;
    // Cheap pre-filter: most lines have neither marker.
    if (L.contains("NOLINT") || L.contains("utrace-check:"))
      parseLine(L, LineNo, Out);
    Text = Rest;
  }
  return Out;
}

namespace {
/// One file's suppression comments and, per comment, the rule ids it
/// suppressed something for ("" for a comment naming no rule).
struct FileSups {
  std::vector<Suppression> Sups;
  std::vector<std::set<std::string>> Used;
};
} // namespace

/// Whether a suppression suppresses F; records what it was used for.
static bool suppress(FileSups &FS, const Finding &F) {
  bool Hit = false;
  for (size_t I = 0; I < FS.Sups.size(); ++I) {
    const Suppression &S = FS.Sups[I];
    if (!S.covers(F.Loc.Line) || !S.names(F.RuleId))
      continue;
    Hit = true;
    if (S.Rules.empty()) {
      FS.Used[I].insert("");
      continue;
    }
    for (const std::string &R : S.Rules)
      if (Suppression{0, 0, S.K, {R}, ""}.names(F.RuleId))
        FS.Used[I].insert(R);
  }
  return Hit;
}

/// The suppressions of a file (at Path) that suppressed nothing: a comment
/// naming no rule, or a rule of it that is enabled and was never used.
static void addUnused(const FileSups &FS, const std::string &Path,
                      const std::set<std::string> &EnabledRules,
                      std::vector<UnusedSuppression> &Out) {
  for (size_t I = 0; I < FS.Sups.size(); ++I) {
    const Suppression &S = FS.Sups[I];
    Location L{Path, S.Line, S.Column};
    if (S.Rules.empty()) {
      if (!FS.Used[I].count(""))
        Out.push_back({L, ""});
      continue;
    }
    for (const std::string &R : S.Rules) {
      bool Enabled = any_of(EnabledRules, [&](const std::string &Id) {
        return Suppression{0, 0, S.K, {R}, ""}.names(Id);
      });
      if (Enabled && !FS.Used[I].count(R))
        Out.push_back({L, R});
    }
  }
}

SuppressionOutcome applySuppressions(std::vector<Finding> Findings,
                                     const std::vector<std::string> &ScannedFiles,
                                     const std::set<std::string> &EnabledRules,
                                     SourceCache &Sources) {
  // Files to look at, by display path so "a.c" and "./a.c" are one file.
  std::map<std::string, std::string> Files;
  for (const std::string &F : ScannedFiles)
    Files.emplace(displayPath(F), F);
  for (const Finding &F : Findings)
    Files.emplace(displayPath(F.Loc.File), F.Loc.File);
  std::map<std::string, FileSups> ByFile;
  for (auto &[Key, Path] : Files) {
    FileSups FS;
    FS.Sups = parseSuppressions(Sources.text(Path));
    FS.Used.resize(FS.Sups.size());
    ByFile.emplace(Key, std::move(FS));
  }
  SuppressionOutcome Out;
  for (Finding &F : Findings) {
    if (suppress(ByFile[displayPath(F.Loc.File)], F))
      ++Out.Suppressed;
    else
      Out.Kept.push_back(std::move(F));
  }
  for (auto &[Key, FS] : ByFile)
    addUnused(FS, Files[Key], EnabledRules, Out.Unused);
  std::stable_sort(Out.Unused.begin(), Out.Unused.end(),
                   [](const UnusedSuppression &A, const UnusedSuppression &B) {
                     return A.Loc < B.Loc;
                   });
  return Out;
}

std::string formatUnused(const UnusedSuppression &U) {
  return U.Loc.File + ":" + std::to_string(U.Loc.Line) + ":" +
         std::to_string(U.Loc.Column) + ": warning: unused suppression for " +
         (U.Rule.empty() ? std::string("all rules") : U.Rule) +
         " [utrace-check-unused-suppression]";
}

} // namespace utrace
