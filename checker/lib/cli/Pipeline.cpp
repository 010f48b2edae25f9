//===- Pipeline.cpp - from analysed files to reports and exit status ------===//
#include "cli/Pipeline.h"
#include "report/Baseline.h"
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "report/Output.h"
#include "cli/Parallel.h"
#include "report/Suppressions.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace utrace {

static constexpr int ExitFindings = 1;
static constexpr int ExitError = 2;

Expected<std::set<std::string>> readBaselineFile(const std::string &Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return createStringError(Buf.getError(), "%s: cannot read the baseline: %s",
                             Path.c_str(), Buf.getError().message().c_str());
  auto B = parseBaseline((*Buf)->getBuffer());
  if (!B)
    return createStringError(inconvertibleErrorCode(), "%s: %s", Path.c_str(),
                             toString(B.takeError()).c_str());
  return B;
}

/// Writes Text to Path atomically; false (after a one-line error) on failure.
static bool writeAtomically(const std::string &Path, StringRef Text,
                            raw_ostream &Err) {
  if (Error E = writeToOutput(Path, [&](raw_ostream &OS) {
        OS << Text;
        return Error::success();
      })) {
    Err << "utrace-check: error: cannot write '" << Path
        << "': " << toString(std::move(E)) << '\n';
    return false;
  }
  return true;
}

static Severity failThreshold(StringRef FailOn) {
  return FailOn == "error" ? Severity::Error : Severity::Warning;
}

namespace {

/// The files' outcomes and all findings, sorted and fingerprinted.
struct Collected {
  Report Rep; ///< Files only; the findings are still to be filtered
  std::vector<Finding> All;
  std::vector<std::string> Scanned; ///< analysed files (for suppressions)
  bool AnyFailed = false;
};

Collected collectResults(std::vector<FileResult> &Results, RunSummary &Sum) {
  Collected C;
  for (FileResult &R : Results) {
    C.Rep.Files.push_back({R.File, R.Status, R.Reason, R.Functions});
    C.Rep.ReleasedFields.insert(C.Rep.ReleasedFields.end(),
                                R.ReleasedFields.begin(),
                                R.ReleasedFields.end());
    switch (R.Status) {
    case FileStatus::Analysed:
      ++Sum.Analysed;
      C.Scanned.push_back(R.File);
      break;
    case FileStatus::Skipped:
      ++Sum.Skipped;
      break;
    case FileStatus::Failed:
      ++Sum.Failed;
      C.AnyFailed = true;
      break;
    }
    for (const FunctionCoverage &F : R.Functions) {
      ++Sum.Functions;
      Sum.FunctionsAnalysed += F.Analysed;
    }
    std::move(R.Findings.begin(), R.Findings.end(), std::back_inserter(C.All));
  }
  sortAndUnique(C.All);
  llvm::sort(C.Rep.ReleasedFields);
  C.Rep.ReleasedFields.erase(llvm::unique(C.Rep.ReleasedFields),
                             C.Rep.ReleasedFields.end());
  return C;
}

/// Drops the baselined findings; the line that says so, for after them.
std::string applyBaselineTo(std::vector<Finding> &Reported,
                            const std::set<std::string> &Baseline,
                            RunSummary &Sum) {
  BaselineOutcome B = applyBaseline(std::move(Reported), Baseline);
  Reported = std::move(B.New);
  Sum.HaveBaseline = true;
  Sum.Baselined = B.Known;
  Sum.BaselineGone = B.Gone;
  std::string Line;
  raw_string_ostream(Line)
      << "utrace-check: baseline: " << Reported.size() << " new, " << B.Known
      << " baselined, " << B.Gone << " baselined finding"
      << (B.Gone == 1 ? "" : "s") << " gone\n";
  return Line;
}

/// Renders the report where --format, -o and --html-dir say; false when
/// an output could not be written.
bool writeReports(const Options &O, const Report &Rep,
                  const SuppressionOutcome &Sup, raw_ostream &Out,
                  raw_ostream &Err) {
  FormatOptions FO;
  FO.DocsBaseUri = O.DocsBaseUri;
  Format Fmt = parseFormat(O.Format).value_or(Format::Text);
  std::string Text = render(Fmt, Rep, FO);
  if (O.ReportUnusedSuppressions) {
    // Not findings (no catalog id): text lines, with the text report or on
    // stderr next to a machine-readable one.
    std::string Lines;
    for (const UnusedSuppression &U : Sup.Unused)
      Lines += formatUnused(U) + "\n";
    if (Fmt == Format::Text)
      Text += Lines;
    else
      Err << Lines;
  }
  bool Ok = true;
  if (!O.OutputFile.empty() && O.OutputFile != "-")
    Ok &= writeAtomically(O.OutputFile, Text, Err);
  else if (Fmt == Format::Text && O.OutputFile.empty())
    Err << Text;
  else
    Out << Text;
  if (!O.HtmlDir.empty())
    if (Error E = writeHtml(O.HtmlDir, Rep, FO)) {
      Err << "utrace-check: error: --html-dir: " << toString(std::move(E)) << '\n';
      Ok = false;
    }
  return Ok;
}

/// 1 when a reported finding (or an unused suppression, when asked) is at
/// or above --fail-on, else 0.
int findingsStatus(const Options &O, const Report &Rep,
                   const SuppressionOutcome &Sup) {
  if (O.FailOn == "never")
    return 0;
  Severity Min = failThreshold(O.FailOn);
  bool Fail = any_of(Rep.Findings, [&](const Finding &F) { return F.Sev >= Min; });
  // An unused suppression is a warning-level problem of its own.
  Fail |= O.ReportUnusedSuppressions && !Sup.Unused.empty() &&
          Severity::Warning >= Min;
  return Fail ? ExitFindings : 0;
}

} // namespace

int finishRun(const Options &O, PipelineInput In, raw_ostream &Out,
              raw_ostream &Err) {
  RunSummary Sum;
  Collected C = collectResults(In.Results, Sum);
  SourceCache Sources;
  assignFingerprints(C.All, Sources);
  SuppressionOutcome Sup =
      applySuppressions(std::move(C.All), C.Scanned, In.EnabledRules, Sources);
  Sum.Suppressed = Sup.Suppressed;
  bool OutputFailed = false;
  if (!O.WriteBaseline.empty())
    OutputFailed |= !writeAtomically(O.WriteBaseline, renderBaseline(Sup.Kept), Err);
  Report &Rep = C.Rep;
  Rep.Findings = std::move(Sup.Kept);
  std::string BaselineLine; // printed after the findings
  if (In.Baseline)
    BaselineLine = applyBaselineTo(Rep.Findings, *In.Baseline, Sum);
  OutputFailed |= !writeReports(O, Rep, Sup, Out, Err);
  Err << BaselineLine;
  if (O.Summary.value_or(In.Results.size() > 1)) {
    for (const Finding &F : Rep.Findings)
      ++Sum.PerRule[F.RuleId];
    Sum.Seconds = In.Seconds;
    Sum.Jobs = In.Jobs;
    printSummary(Err, Sum);
  }
  if (C.AnyFailed || OutputFailed)
    return ExitError;
  return findingsStatus(O, Rep, Sup);
}

} // namespace utrace
