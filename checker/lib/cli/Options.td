// The command line of utrace-check, as an llvm::opt option table (the
// machinery clang's driver and lld use). `--help` is generated from the
// HelpText below; Options.cpp turns parsed arguments into `Options`.
// Every spelling the tool has accepted stays accepted: "--name=VALUE" and
// "--name VALUE" (the Eq multiclass), "-pDIR", "-p DIR", "-oFILE", "-jN".

include "llvm/Option/OptParser.td"

def grp_main : OptionGroup<"main">, HelpText<"ANALYSIS OPTIONS">;
def grp_ci : OptionGroup<"ci">, HelpText<"CI OPTIONS (docs/ci.md)">;
def grp_debug : OptionGroup<"debug">, Flags<[HelpHidden]>,
  HelpText<"DEBUG OPTIONS (tests of the checkers' model; docs/testing.md)">;
def grp_kbuild : OptionGroup<"kbuild">,
  HelpText<"KERNEL BUILD OPTIONS (docs/kernel-build.md)">;

// --name=VALUE (shown in --help) and --name VALUE (an alias of it).
multiclass Eq<string name, string metavar, string help> {
  def NAME : Joined<["--"], name # "=">, MetaVarName<metavar>, HelpText<help>;
  def NAME # _sep : Separate<["--"], name>, Alias<!cast<Joined>(NAME)>;
}

class F<string name, string help> : Flag<["--"], name>, HelpText<help>;

// Main options.
let Group = grp_main in {
def build_path : JoinedOrSeparate<["-"], "p">, MetaVarName<"<build-dir>">,
  HelpText<"read compile commands from <build-dir>/compile_commands.json">;
defm extra_arg : Eq<"extra-arg", "<arg>",
  "append <arg> to every compile command (repeatable)">;
defm enable : Eq<"enable", "<list>",
  "enable only these rules or families (UT-REF-001, REF, ...)">;
defm disable : Eq<"disable", "<list>", "disable these rules or families">;
defm scope : Eq<"scope", "default|all",
  "default: every rule in files that use utrace; all: also the RCU rules "
  "in every other file">;
defm contract : Eq<"contract", "pins|waits",
  "the examine design: prepare pins the task (a finish is owed) or only "
  "waits for it; default: detected from the utrace.h in use">;
defm barrier_inference : Eq<"barrier-inference", "off|strict|all",
  "orderings inferred from barrier pairs: off (declared orderings only), "
  "strict (default: smp_wmb/smp_rmb pairs, unambiguous) or all (smp_mb "
  "pairs too, and barriers with no partner)">;
def list_rules : F<"list-rules", "print the rule catalog and exit">;
def verify : F<"verify",
  "test mode: check // expected-warning{{...}} comments">;
def verbose : F<"verbose", "say what is analysed and skipped">;
def verbose_short : Flag<["-"], "v">, Alias<verbose>, HelpText<"same as --verbose">;
def version : F<"version", "print the version and exit">;
def help : F<"help", "print this help and exit">;
def help_short : Flag<["-"], "h">, Alias<help>, HelpText<"same as --help">;
}

// CI integration.
let Group = grp_ci in {
defm format : Eq<"format", "text|json|sarif|gitlab",
  "report format: text (default, on stderr), json, sarif or gitlab (on stdout)">;
def output_short : JoinedOrSeparate<["-"], "o">, MetaVarName<"<file>">,
  HelpText<"write the report to <file> (atomically: temp file + rename)">;
defm output : Eq<"output", "<file>", "same as -o">;
defm html_dir : Eq<"html-dir", "<dir>",
  "also write one HTML page per finding and <dir>/index.html">;
defm docs_base_uri : Eq<"docs-base-uri", "<uri>",
  "prefix of the rule doc pages in SARIF helpUri and HTML">;
def report_unused_suppressions : F<"report-unused-suppressions",
  "warn about suppression comments that suppress nothing">;
defm write_baseline : Eq<"write-baseline", "<file>",
  "record the current findings as accepted">;
defm baseline : Eq<"baseline", "<file>",
  "report only findings that are not in the baseline">;
defm fail_on : Eq<"fail-on", "error|warning|never",
  "exit 1 for findings at or above this level (default: warning)">;
def jobs_short : JoinedOrSeparate<["-"], "j">, MetaVarName<"<n>">,
  HelpText<"analyse <n> files at a time (default: number of cores)">;
defm jobs : Eq<"jobs", "<n>", "same as -j">;
def summary : F<"summary",
  "print the summary table (default: when more than one file is checked)">;
def no_summary : F<"no-summary", "never print the summary table">;
def no_progress : F<"no-progress",
  "no progress line (it is shown only on a terminal)">;
defm shard : Eq<"shard", "K/N", "check only the K-th of N slices of the files">;
defm timeout : Eq<"timeout", "<seconds>",
  "per-file time limit (the file is reported as failed)">;
defm max_memory : Eq<"max-memory", "<mb>",
  "per-file memory limit (the file is reported as failed)">;
// Test and internal hooks: accepted, never shown.
let Flags = [HelpHidden] in {
defm debug_crash_in : Eq<"debug-crash-in", "<function>", "">;
defm debug_sleep_per_file : Eq<"debug-sleep-per-file", "<seconds>", "">;
def internal_worker : Joined<["--"], "internal-worker=">;
// Wall time per stage of each file and of the run, on stderr (like clang's
// -ftime-report; bench/README.md).
def time_stages : F<"time-stages", "">;
}
}

// Debug checkers, hidden from --help as the analyzer's debug.* checkers are
// from -analyzer-checker-help: --debug-checker=utrace.debug.DumpState
// reports the checkers' state at each utrace_check_dump_state() call.
let Group = grp_debug, Flags = [HelpHidden] in {
defm debug_checker : Eq<"debug-checker", "<checker>",
  "also run this hidden debug checker (utrace.debug.DumpState)">;
}

// Kernel build integration.
let Group = grp_kbuild in {
def kbuild : F<"kbuild",
  "read the rest of argv as Kbuild's (implied by -D__KERNEL__ without "
  "\"--\"): flags clang does not know are dropped (-v lists them)">;
def werror : F<"werror", "in kbuild mode, findings and unparsable files "
  "fail the build (default: exit 0, like sparse)">;
defm output_dir : Eq<"output-dir", "<dir>", "write the report (--format) to "
  "a file of its own in <dir>, named after the source: safe under make -jN">;
defm kdir : Eq<"kdir", "<kernel-build>", "take the flags Kbuild would use "
  "for FILE as an external module of that kernel build (runs `make -n` "
  "there, writes nothing)">;
def standalone : F<"standalone", "no kernel tree: use the bundled kernel/"
  "utrace header simulator, synthesize missing declarations, analyse every "
  "function that parses and list the others">;
def no_heal : F<"no-heal", "with --standalone: do not synthesize missing "
  "declarations (shows what context a file lacks)">;
}
