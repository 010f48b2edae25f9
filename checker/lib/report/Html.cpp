//===- Html.cpp - HTML path pages -------------------------------*- C++ -*-===//
//
// --html-dir DIR: DIR/index.html (counts per rule, then every finding with a
// link) and DIR/finding-NNNN.html per finding: the source of the finding's
// file from a little before its first path note to a little after the
// finding, with the notes numbered in path order in bubbles under the lines
// they belong to, and the finding itself as the last, red bubble. Pages are
// static HTML with inline CSS and no scripts, so they open from an artifact
// download or a file:// URL. Every file is written atomically.
//
//===----------------------------------------------------------------------===//
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace llvm;

namespace utrace {

namespace {

constexpr unsigned ContextLines = 3;

const char *Style = R"(<style>
body{font-family:sans-serif;margin:1.5em}
table.src{border-collapse:collapse;font-family:monospace;font-size:13px}
table.src td{padding:0 .5em;white-space:pre;vertical-align:top}
td.num{color:#888;text-align:right;user-select:none}
tr.hit td.code{background:#fff3c4}
tr.warn td.code{background:#ffd6d6}
div.bubble{display:inline-block;margin:2px 0 2px 2em;padding:2px 8px;
  border-radius:6px;background:#e8eefc;border:1px solid #9ab;font-family:sans-serif;white-space:normal}
div.bubble.final{background:#fdd;border-color:#c66}
span.step{font-weight:bold;margin-right:.5em}
table.counts{border-collapse:collapse}
table.counts td,table.counts th{border:1px solid #ccc;padding:2px 8px}
</style>
)";

std::string esc(StringRef S) {
  std::string Out;
  raw_string_ostream OS(Out);
  printHTMLEscaped(S, OS);
  return Out;
}

std::string pageName(size_t I) { return formatv("finding-{0:4}.html", I + 1).str(); }

void header(raw_ostream &OS, StringRef Title) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
     << "<title>" << esc(Title) << "</title>\n" << Style << "</head><body>\n";
}

std::string ruleLink(StringRef RuleId, const FormatOptions &FO) {
  const Rule *R = Catalog::builtin().find(RuleId);
  if (!R || R->Doc.empty() || FO.DocsBaseUri.empty())
    return esc(RuleId);
  return "<a class=\"rule\" href=\"" + esc(FO.DocsBaseUri + R->Doc) + "\">" +
         esc(RuleId) + "</a>";
}

/// One bubble: step number (0 for the finding itself) and message.
struct Bubble {
  unsigned Step;
  std::string Text;
  bool Final;
};

/// The finding's path as bubbles under their lines of its file (with the
/// range of lines they span), and the notes in other files.
struct PagePath {
  std::map<unsigned, std::vector<Bubble>> ByLine;
  std::vector<std::pair<const Note *, unsigned>> Elsewhere;
  unsigned First, Last;
};

PagePath pathOf(const Finding &F) {
  PagePath P{{}, {}, F.Loc.Line, F.Loc.Line};
  std::string Main = displayPath(F.Loc.File);
  for (size_t I = 0; I < F.Notes.size(); ++I) {
    const Note &N = F.Notes[I];
    if (displayPath(N.Loc.File) != Main) {
      P.Elsewhere.push_back({&N, unsigned(I + 1)});
      continue;
    }
    P.ByLine[N.Loc.Line].push_back({unsigned(I + 1), N.Message, false});
    P.First = std::min(P.First, N.Loc.Line);
    P.Last = std::max(P.Last, N.Loc.Line);
  }
  P.ByLine[F.Loc.Line].push_back(
      {unsigned(F.Notes.size() + 1), F.Message + " [" + F.RuleId + "]", true});
  return P;
}

/// The source lines the path spans, with context, and the bubbles.
void writeSource(raw_ostream &OS, const Finding &F, const PagePath &P,
                 SourceCache &Sources) {
  const auto &Lines = Sources.lines(F.Loc.File);
  unsigned From = P.First > ContextLines ? P.First - ContextLines : 1;
  unsigned To = std::min<unsigned>(P.Last + ContextLines, Lines.size());
  OS << "<table class=\"src\">\n";
  if (Lines.empty())
    OS << "<tr><td>(source not available)</td></tr>\n";
  for (unsigned L = From; L <= To; ++L) {
    auto It = P.ByLine.find(L);
    const char *Cls = It == P.ByLine.end() ? ""
                      : L == F.Loc.Line    ? " class=\"warn\""
                                           : " class=\"hit\"";
    OS << "<tr id=\"L" << L << "\"" << Cls << "><td class=\"num\">" << L
       << "</td><td class=\"code\">" << esc(Lines[L - 1]) << "</td></tr>\n";
    if (It == P.ByLine.end())
      continue;
    for (const Bubble &B : It->second)
      OS << "<tr><td></td><td><div class=\"bubble" << (B.Final ? " final" : "")
         << "\"><span class=\"step\">" << B.Step << "</span>" << esc(B.Text)
         << "</div></td></tr>\n";
  }
  OS << "</table>\n";
}

void writeFindingPage(raw_ostream &OS, const Finding &F, size_t Index,
                      size_t Total, SourceCache &Sources,
                      const FormatOptions &FO) {
  std::string Where = displayPath(F.Loc.File) + ":" + std::to_string(F.Loc.Line);
  header(OS, F.RuleId + " " + Where);
  OS << "<p><a href=\"index.html\">index</a>";
  if (Index > 0)
    OS << " | <a href=\"" << pageName(Index - 1) << "\">previous</a>";
  if (Index + 1 < Total)
    OS << " | <a href=\"" << pageName(Index + 1) << "\">next</a>";
  OS << "</p>\n<h1>" << ruleLink(F.RuleId, FO) << ": " << esc(F.Message)
     << "</h1>\n<p class=\"where\">" << esc(Where);
  if (!F.Function.empty())
    OS << " in <code>" << esc(F.Function) << "()</code>";
  OS << " &mdash; severity " << esc(severityName(F.Sev)) << "</p>\n";
  // Bubbles under their lines, in the finding's file; notes elsewhere are
  // listed after the source.
  PagePath P = pathOf(F);
  writeSource(OS, F, P, Sources);
  if (!P.Elsewhere.empty()) {
    OS << "<h2>Notes in other files</h2>\n<ul>\n";
    for (auto &[N, Step] : P.Elsewhere)
      OS << "<li><span class=\"step\">" << Step << "</span>"
         << esc(displayPath(N->Loc.File)) << ":" << N->Loc.Line << ": "
         << esc(N->Message) << "</li>\n";
    OS << "</ul>\n";
  }
  OS << "<p class=\"fingerprint\">fingerprint " << esc(F.Fingerprint)
     << "</p>\n</body></html>\n";
}

void writeIndex(raw_ostream &OS, const Report &R, const FormatOptions &FO) {
  header(OS, "utrace-check report");
  std::map<std::string, unsigned> PerRule;
  for (const Finding &F : R.Findings)
    ++PerRule[F.RuleId];
  unsigned Failed = 0;
  for (const FileOutcome &F : R.Files)
    Failed += F.Status == FileStatus::Failed;
  OS << "<h1>utrace-check report</h1>\n<p id=\"total\">" << R.Findings.size()
     << " finding" << (R.Findings.size() == 1 ? "" : "s") << " in "
     << R.Files.size() << " file" << (R.Files.size() == 1 ? "" : "s");
  if (Failed)
    OS << " (" << Failed << " not analysed)";
  OS << "</p>\n<table class=\"counts\">\n<tr><th>rule</th><th>name</th>"
     << "<th>severity</th><th>findings</th></tr>\n";
  for (auto &[Id, Count] : PerRule) {
    const Rule *Ru = Catalog::builtin().find(Id);
    OS << "<tr><td>" << ruleLink(Id, FO) << "</td><td>"
       << esc(Ru ? Ru->Name : "") << "</td><td>"
       << esc(Ru ? severityName(Ru->Sev) : "") << "</td><td class=\"count\" "
       << "data-rule=\"" << esc(Id) << "\">" << Count << "</td></tr>\n";
  }
  OS << "</table>\n<h2>Findings</h2>\n<ol class=\"findings\">\n";
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    OS << "<li><a href=\"" << pageName(I) << "\">"
       << esc(displayPath(F.Loc.File)) << ":" << F.Loc.Line << "</a> "
       << esc(F.Message) << " [" << esc(F.RuleId) << "]</li>\n";
  }
  OS << "</ol>\n";
  if (Failed) {
    OS << "<h2>Not analysed</h2>\n<ul class=\"failed\">\n";
    for (const FileOutcome &F : R.Files)
      if (F.Status == FileStatus::Failed)
        OS << "<li>" << esc(displayPath(F.File)) << ": " << esc(F.Reason)
           << "</li>\n";
    OS << "</ul>\n";
  }
  // Functions that use the utrace API but were not analysed.
  bool AnyFunction = false;
  for (const FileOutcome &F : R.Files)
    for (const FunctionCoverage &C : F.Functions) {
      if (C.Analysed)
        continue;
      if (!AnyFunction)
        OS << "<h2>Functions not analysed</h2>\n<ul class=\"functions\">\n";
      AnyFunction = true;
      OS << "<li>" << esc(displayPath(F.File)) << ":" << C.Line << ": "
         << esc(C.Name) << ": " << esc(C.Reason) << "</li>\n";
    }
  if (AnyFunction)
    OS << "</ul>\n";
  OS << "</body></html>\n";
}

} // namespace

Error writeHtml(StringRef Dir, const Report &R, const FormatOptions &FO) {
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return createStringError(EC, "cannot create '%s': %s", Dir.str().c_str(),
                             EC.message().c_str());
  SourceCache Sources;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    SmallString<256> P(Dir);
    sys::path::append(P, pageName(I));
    if (Error E = writeToOutput(P, [&](raw_ostream &OS) {
          writeFindingPage(OS, R.Findings[I], I, R.Findings.size(), Sources, FO);
          return Error::success();
        }))
      return E;
  }
  SmallString<256> P(Dir);
  sys::path::append(P, "index.html");
  return writeToOutput(P, [&](raw_ostream &OS) {
    writeIndex(OS, R, FO);
    return Error::success();
  });
}

} // namespace utrace
