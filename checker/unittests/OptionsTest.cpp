#include "cli/Options.h"
#include "gtest/gtest.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

using namespace utrace;

static Options parse(std::vector<std::string> Args) {
  auto O = parseOptions(Args);
  EXPECT_TRUE(static_cast<bool>(O));
  if (!O) {
    llvm::consumeError(O.takeError());
    return {};
  }
  return *O;
}

static std::string error(std::vector<std::string> Args) {
  auto O = parseOptions(Args);
  if (O)
    return "(no error)";
  return llvm::toString(O.takeError());
}

TEST(Options, FilesAndCompilerArgsAfterDashDash) {
  Options O = parse({"a.c", "-v", "b.c", "--", "-I", "inc", "-DX=1", "--weird"});
  EXPECT_EQ(O.Files, (std::vector<std::string>{"a.c", "b.c"}));
  EXPECT_TRUE(O.HaveCompilerArgs);
  EXPECT_EQ(O.CompilerArgs, (std::vector<std::string>{"-I", "inc", "-DX=1", "--weird"}));
  EXPECT_TRUE(O.Verbose);
}

TEST(Options, EmptyDashDashStillOverridesTheDatabase) {
  Options O = parse({"a.c", "--"});
  EXPECT_TRUE(O.HaveCompilerArgs);
  EXPECT_TRUE(O.CompilerArgs.empty());
}

TEST(Options, BuildPathInAllSpellings) {
  EXPECT_EQ(parse({"-p", "build", "a.c"}).BuildPath, "build");
  EXPECT_EQ(parse({"-pbuild", "a.c"}).BuildPath, "build");
  EXPECT_EQ(parse({"-p=build", "a.c"}).BuildPath, "build");
  EXPECT_EQ(error({"-p"}), "option -p needs a build directory");
}

TEST(Options, RuleListsAndExtraArgs) {
  Options O = parse({"--enable=REF,UT-WIN-001", "--disable", "UT-REF-004",
                     "--extra-arg=-DFOO", "--extra-arg", "-w", "x.c"});
  EXPECT_EQ(O.Enable, (std::vector<std::string>{"REF", "UT-WIN-001"}));
  EXPECT_EQ(O.Disable, (std::vector<std::string>{"UT-REF-004"}));
  EXPECT_EQ(O.ExtraArgs, (std::vector<std::string>{"-DFOO", "-w"}));
}

TEST(Options, ErrorsAreOneLine) {
  EXPECT_EQ(error({"--frobnicate"}), "unknown option '--frobnicate' (see --help)");
  EXPECT_EQ(error({"--enablexyz"}), "unknown option '--enablexyz' (see --help)");
  EXPECT_EQ(error({"--enable"}), "option --enable needs a rule or family");
  EXPECT_EQ(error({"--disable="}), "option --disable needs a rule or family");
}

TEST(Options, Flags) {
  EXPECT_TRUE(parse({"--help"}).Help);
  EXPECT_TRUE(parse({"-h"}).Help);
  EXPECT_TRUE(parse({"--version"}).Version);
  EXPECT_TRUE(parse({"--list-rules"}).ListRules);
  EXPECT_TRUE(parse({"--verify", "x.c"}).Verify);
}

// Every spelling the hand-written parsers accepted before the option table
// (Options.td) replaced them is still accepted, with the same meaning.
TEST(Options, EveryValueOptionTakesBothSpellings) {
  struct Case {
    const char *Name, *Value;
    std::function<std::string(const Options &)> Get;
  };
  std::vector<Case> Cases = {
      {"--format", "sarif", [](const Options &O) { return O.Format; }},
      {"--output", "r.json", [](const Options &O) { return O.OutputFile; }},
      {"--html-dir", "h", [](const Options &O) { return O.HtmlDir; }},
      {"--docs-base-uri", "https://x/", [](const Options &O) { return O.DocsBaseUri; }},
      {"--write-baseline", "b.json", [](const Options &O) { return O.WriteBaseline; }},
      {"--baseline", "b.json", [](const Options &O) { return O.Baseline; }},
      {"--fail-on", "never", [](const Options &O) { return O.FailOn; }},
      {"--jobs", "3", [](const Options &O) { return std::to_string(O.Jobs); }},
      {"--shard", "2/4", [](const Options &O) { return O.Shard; }},
      {"--timeout", "60", [](const Options &O) { return std::to_string(O.TimeoutSeconds); }},
      {"--max-memory", "512", [](const Options &O) { return std::to_string(O.MaxMemoryMB); }},
      {"--output-dir", "out", [](const Options &O) { return O.OutputDir; }},
      {"--kdir", "/k", [](const Options &O) { return O.Kdir; }},
      {"--contract", "waits", [](const Options &O) { return O.Contract; }},
      {"--barrier-inference", "all", [](const Options &O) { return O.BarrierInference; }},
      {"--scope", "all", [](const Options &O) { return O.ScopeAll ? "all" : "default"; }},
      {"--debug-crash-in", "f", [](const Options &O) { return O.DebugCrashIn; }},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    EXPECT_EQ(C.Get(parse({std::string(C.Name) + "=" + C.Value, "x.c"})), C.Value);
    EXPECT_EQ(C.Get(parse({C.Name, C.Value, "x.c"})), C.Value);
  }
}

TEST(Options, ShortFormsJoinedAndSeparate) {
  EXPECT_EQ(parse({"-oreport.sarif", "x.c"}).OutputFile, "report.sarif");
  EXPECT_EQ(parse({"-o", "report.sarif", "x.c"}).OutputFile, "report.sarif");
  EXPECT_EQ(parse({"-j2", "x.c"}).Jobs, 2u);
  EXPECT_EQ(parse({"-j", "2", "x.c"}).Jobs, 2u);
  EXPECT_TRUE(parse({"-v", "x.c"}).Verbose);
  EXPECT_TRUE(parse({"--verbose", "x.c"}).Verbose);
  Options O = parse({"--standalone", "--no-heal", "--kbuild", "--werror",
                     "--summary", "--no-progress", "--report-unused-suppressions",
                     "x.c"});
  EXPECT_TRUE(O.Standalone && O.NoHeal && O.Kbuild && O.Werror && O.NoProgress &&
              O.ReportUnusedSuppressions);
  EXPECT_EQ(O.Summary, std::optional<bool>(true));
  EXPECT_EQ(parse({"--no-summary", "x.c"}).Summary, std::optional<bool>(false));
}

TEST(Options, ValueErrorsAreOneLine) {
  EXPECT_EQ(error({"--scope=some"}), "option --scope takes 'default' or 'all'");
  EXPECT_EQ(error({"--contract", "x"}), "option --contract takes 'pins' or 'waits'");
  EXPECT_EQ(error({"--barrier-inference=on"}),
            "option --barrier-inference takes 'off', 'strict' or 'all'");
  EXPECT_EQ(error({"--format=xml"}),
            "unknown --format 'xml': expected text, json, sarif or gitlab");
  EXPECT_EQ(error({"-j0"}), "option -j needs a number of jobs of at least 1");
  EXPECT_EQ(error({"--timeout=soon"}),
            "option --timeout needs a non-negative number, not 'soon'");
  EXPECT_EQ(error({"--kdir"}), "option --kdir needs a directory");
  EXPECT_EQ(error({"--output-dir="}), "option --output-dir needs a directory");
  EXPECT_EQ(error({"-o"}), "option -o needs a value");
}

// The hidden debug checker, as -analyzer-checker=debug.ExprInspection is
// named: the checker's full name, both spellings, and only known names.
TEST(Options, DebugCheckerTakesTheCheckersName) {
  using V = std::vector<std::string>;
  EXPECT_EQ(parse({"--debug-checker=utrace.debug.DumpState", "x.c"}).DebugCheckers,
            V{"utrace.debug.DumpState"});
  EXPECT_EQ(parse({"--debug-checker", "utrace.debug.DumpState", "x.c"}).DebugCheckers,
            V{"utrace.debug.DumpState"});
  EXPECT_EQ(error({"--debug-checker=dump"}),
            "unknown debug checker 'dump': expected utrace.debug.DumpState");
}

TEST(Options, KbuildArgvStartsAtTheFirstForeignOption) {
  Options O = parse({"-v", "-D__linux__", "-D__KERNEL__", "-Iinclude",
                     "-nostdinc", "drivers/x.c"});
  EXPECT_TRUE(O.Kbuild);
  EXPECT_TRUE(O.Verbose);
  EXPECT_EQ(O.Files, (std::vector<std::string>{"drivers/x.c"}));
  std::string Flags = llvm::join(O.CompilerArgs, " ");
  EXPECT_NE(Flags.find("__KERNEL__"), std::string::npos) << Flags;
  EXPECT_NE(Flags.find("-nostdinc"), std::string::npos) << Flags;
}

// --help comes from the table: its three sections and every public option,
// and none of the hidden test hooks.
TEST(Options, HelpIsGeneratedFromTheTable) {
  std::string Help;
  llvm::raw_string_ostream OS(Help);
  printUsage(OS);
  for (const char *S : {"USAGE: utrace-check", "ANALYSIS OPTIONS:", "CI OPTIONS",
                        "KERNEL BUILD OPTIONS", "--enable=<list>", "-p <build-dir>",
                        "--format=text|json|sarif|gitlab", "-j <n>", "--kdir=",
                        "--standalone", "--no-heal", "UTRACE_CHECK_OPTIONS",
                        "exit status: 0 no findings"})
    EXPECT_NE(Help.find(S), std::string::npos) << S;
  for (const char *S : {"--debug-crash-in", "--debug-sleep-per-file",
                        "--internal-worker", "--debug-checker", "DEBUG OPTIONS"})
    EXPECT_EQ(Help.find(S), std::string::npos) << S;
}
