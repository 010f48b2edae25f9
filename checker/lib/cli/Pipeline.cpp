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

int finishRun(const Options &O, PipelineInput In, raw_ostream &Out,
              raw_ostream &Err) {
  std::vector<Finding> All;
  std::vector<std::string> Scanned;
  RunSummary Sum;
  Report Rep;
  bool AnyFailed = false;
  for (FileResult &R : In.Results) {
    Rep.Files.push_back({R.File, R.Status, R.Reason});
    switch (R.Status) {
    case FileStatus::Analysed:
      ++Sum.Analysed;
      Scanned.push_back(R.File);
      break;
    case FileStatus::Skipped:
      ++Sum.Skipped;
      break;
    case FileStatus::Failed:
      ++Sum.Failed;
      AnyFailed = true;
      break;
    }
    for (const FunctionCoverage &C : R.Functions) {
      ++Sum.Functions;
      Sum.FunctionsAnalysed += C.Analysed;
    }
    Rep.Files.back().Functions = R.Functions;
    std::move(R.Findings.begin(), R.Findings.end(), std::back_inserter(All));
  }
  sortAndUnique(All);
  SourceCache Sources;
  assignFingerprints(All, Sources);

  SuppressionOutcome Sup =
      applySuppressions(std::move(All), Scanned, In.EnabledRules, Sources);
  Sum.Suppressed = Sup.Suppressed;
  bool OutputFailed = false;
  if (!O.WriteBaseline.empty())
    OutputFailed |= !writeAtomically(O.WriteBaseline, renderBaseline(Sup.Kept), Err);
  std::vector<Finding> Reported = std::move(Sup.Kept);
  std::string BaselineLine; // printed after the findings
  if (In.Baseline) {
    BaselineOutcome B = applyBaseline(std::move(Reported), *In.Baseline);
    Reported = std::move(B.New);
    Sum.HaveBaseline = true;
    Sum.Baselined = B.Known;
    Sum.BaselineGone = B.Gone;
    raw_string_ostream(BaselineLine)
        << "utrace-check: baseline: " << Reported.size() << " new, " << B.Known
        << " baselined, " << B.Gone << " baselined finding"
        << (B.Gone == 1 ? "" : "s") << " gone\n";
  }
  Rep.Findings = std::move(Reported);

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
  if (!O.OutputFile.empty() && O.OutputFile != "-")
    OutputFailed |= !writeAtomically(O.OutputFile, Text, Err);
  else if (Fmt == Format::Text && O.OutputFile.empty())
    Err << Text;
  else
    Out << Text;
  if (!O.HtmlDir.empty())
    if (Error E = writeHtml(O.HtmlDir, Rep, FO)) {
      Err << "utrace-check: error: --html-dir: " << toString(std::move(E)) << '\n';
      OutputFailed = true;
    }

  Err << BaselineLine;
  if (O.Summary.value_or(In.Results.size() > 1)) {
    for (const Finding &F : Rep.Findings)
      ++Sum.PerRule[F.RuleId];
    Sum.Seconds = In.Seconds;
    Sum.Jobs = In.Jobs;
    printSummary(Err, Sum);
  }

  if (AnyFailed || OutputFailed)
    return ExitError;
  if (O.FailOn == "never")
    return 0;
  Severity Min = failThreshold(O.FailOn);
  bool Fail = any_of(Rep.Findings, [&](const Finding &F) { return F.Sev >= Min; });
  // An unused suppression is a warning-level problem of its own.
  Fail |= O.ReportUnusedSuppressions && !Sup.Unused.empty() &&
          Severity::Warning >= Min;
  return Fail ? ExitFindings : 0;
}

} // namespace utrace
