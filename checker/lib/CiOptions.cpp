//===- CiOptions.cpp - the CI-integration options ---------------*- C++ -*-===//
//
// Kept apart from Options.cpp so the CI options (docs/ci.md) read as one
// block: output formats, noise control, parallel and sharded runs, limits.
//
//===----------------------------------------------------------------------===//
#include "Formats.h"
#include "Options.h"
#include "Shard.h"
#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace utrace {

const char *ciUsageText() {
  return R"(
CI options (see docs/ci.md):
  --format=FMT          text (default, on stderr), json, sarif or gitlab (on stdout)
  -o FILE               write the report to FILE (atomically: temp file + rename)
  --html-dir DIR        also write one HTML page per finding and DIR/index.html
  --docs-base-uri URI   prefix of the rule doc pages in SARIF helpUri and HTML
  --report-unused-suppressions
                        warn about suppression comments that suppress nothing
  --write-baseline FILE record the current findings as accepted
  --baseline FILE       report only findings that are not in the baseline
  --fail-on=LEVEL       exit 1 for findings at or above LEVEL: error, warning
                        (default) or never
  -j N, --jobs=N        analyse N files at a time (default: number of cores)
  --summary, --no-summary
                        print (or not) the summary table; default: on when
                        more than one file is checked
  --no-progress         no progress line (it is shown only on a terminal)
  --shard K/N           check only the K-th of N slices of the files
  --timeout SECONDS     per-file time limit (the file is reported as failed)
  --max-memory MB       per-file memory limit (the file is reported as failed)

  utrace-check merge OUT IN...   merge json/SARIF reports, dropping duplicates
)";
}

OptionMatch parseCiOption(ArrayRef<std::string> Args, size_t &I, Options &O,
                          std::string &Msg) {
  StringRef A = Args[I];
  std::string V;
  // "--name=VALUE" or "--name VALUE" (and "-o FILE", "-oFILE", "-jN").
  auto Value = [&](StringRef Name) -> bool {
    StringRef Rest = A;
    if (!Rest.consume_front(Name))
      return false;
    if (Rest.consume_front("=") || (Name.size() == 2 && !Rest.empty())) {
      V = Rest.str();
      return true;
    }
    if (!Rest.empty())
      return false;
    if (I + 1 >= Args.size()) {
      V.clear();
      return true;
    }
    V = Args[++I];
    return true;
  };
  auto Err = [&](const Twine &T) {
    Msg = T.str();
    return OptionMatch::Error;
  };
  auto Unsigned = [&](StringRef Name, unsigned &Out) {
    if (StringRef(V).getAsInteger(10, Out))
      return Err("option " + Name + " needs a non-negative number, not '" + V + "'");
    return OptionMatch::Taken;
  };
  auto NonEmpty = [&](StringRef Name, std::string &Out) {
    if (V.empty())
      return Err("option " + Name + " needs a value");
    Out = V;
    return OptionMatch::Taken;
  };

  if (A == "--report-unused-suppressions") {
    O.ReportUnusedSuppressions = true;
    return OptionMatch::Taken;
  }
  if (A == "--summary" || A == "--no-summary") {
    O.Summary = A == "--summary";
    return OptionMatch::Taken;
  }
  if (A == "--no-progress") {
    O.NoProgress = true;
    return OptionMatch::Taken;
  }
  if (StringRef(A).starts_with("--internal-worker=")) {
    O.Worker = true;
    O.WorkerInvocation = StringRef(A).drop_front(strlen("--internal-worker=")).str();
    return OptionMatch::Taken;
  }
  if (Value("--format")) {
    if (!parseFormat(V))
      return Err("unknown --format '" + V + "': expected text, json, sarif or gitlab");
    O.Format = V;
    return OptionMatch::Taken;
  }
  if (Value("-o") || Value("--output"))
    return NonEmpty("-o", O.OutputFile);
  if (Value("--html-dir"))
    return NonEmpty("--html-dir", O.HtmlDir);
  if (Value("--docs-base-uri"))
    return NonEmpty("--docs-base-uri", O.DocsBaseUri);
  if (Value("--write-baseline"))
    return NonEmpty("--write-baseline", O.WriteBaseline);
  if (Value("--baseline"))
    return NonEmpty("--baseline", O.Baseline);
  if (Value("--fail-on")) {
    if (V != "error" && V != "warning" && V != "never")
      return Err("unknown --fail-on '" + V + "': expected error, warning or never");
    O.FailOn = V;
    return OptionMatch::Taken;
  }
  if (Value("-j") || Value("--jobs")) {
    if (OptionMatch M = Unsigned("-j", O.Jobs); M != OptionMatch::Taken)
      return M;
    if (O.Jobs == 0)
      return Err("option -j needs a number of jobs of at least 1");
    return OptionMatch::Taken;
  }
  if (Value("--shard")) {
    if (auto S = parseShard(V); !S)
      return Err(toString(S.takeError()));
    O.Shard = V;
    return OptionMatch::Taken;
  }
  if (Value("--timeout"))
    return Unsigned("--timeout", O.TimeoutSeconds);
  if (Value("--max-memory"))
    return Unsigned("--max-memory", O.MaxMemoryMB);
  if (Value("--debug-crash-in"))
    return NonEmpty("--debug-crash-in", O.DebugCrashIn);
  if (Value("--debug-sleep-per-file")) {
    if (StringRef(V).getAsDouble(O.DebugSleepSeconds) || O.DebugSleepSeconds < 0)
      return Err("option --debug-sleep-per-file needs seconds, not '" + V + "'");
    return OptionMatch::Taken;
  }
  return OptionMatch::NotMine;
}

} // namespace utrace
