//===- Options.cpp - command line -------------------------------*- C++ -*-===//
//
// The option table comes from Options.td (llvm-tblgen -gen-opt-parser-defs);
// this file walks argv with it and turns each argument into a field of
// Options. Values are checked here, so every error is one line.
//
//===----------------------------------------------------------------------===//
#include "cli/Options.h"
#include "report/Formats.h"
#include "cli/Kbuild.h"
#include "cli/Shard.h"
#include "checkers/DebugCheckers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"

using namespace llvm;
using namespace llvm::opt; // the generated table names DefaultVis, HelpHidden

namespace utrace {
namespace {

enum OptionId {
  OPT_INVALID = 0,
#define OPTION(...) LLVM_MAKE_OPT_ID(__VA_ARGS__),
#include "Options.inc"
#undef OPTION
};

#define PREFIX(NAME, VALUE)                                                    \
  static constexpr StringLiteral NAME##_init[] = VALUE;                        \
  static constexpr ArrayRef<StringLiteral> NAME(NAME##_init,                   \
                                                std::size(NAME##_init) - 1);
#include "Options.inc"
#undef PREFIX

static constexpr opt::OptTable::Info InfoTable[] = {
#define OPTION(...) LLVM_CONSTRUCT_OPT_INFO(__VA_ARGS__),
#include "Options.inc"
#undef OPTION
};

class ToolOptTable : public opt::GenericOptTable {
public:
  ToolOptTable() : GenericOptTable(InfoTable) {}
};

const ToolOptTable &table() {
  static const ToolOptTable Table;
  return Table;
}

Error fail(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg.str());
}

/// The option's name as users write it before a value: "--enable", "-p".
std::string nameOf(const opt::Option &Opt) {
  return StringRef(Opt.getPrefixedName()).rtrim('=').str();
}

/// What an option's missing or empty value should have been.
std::string needs(StringRef Name) {
  return StringSwitch<std::string>(Name)
      .Case("-p", "a build directory")
      .Cases("--enable", "--disable", "a rule or family")
      .Cases("--output-dir", "--kdir", "a directory")
      .Default("a value");
}

void splitList(StringRef Value, std::vector<std::string> &Out) {
  SmallVector<StringRef, 8> Parts;
  Value.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts)
    Out.push_back(P.trim().str());
}

Error oneOf(StringRef Name, StringRef V, ArrayRef<StringRef> Allowed,
            std::string &Out) {
  if (is_contained(Allowed, V)) {
    Out = V.str();
    return Error::success();
  }
  std::string List;
  for (size_t I = 0; I < Allowed.size(); ++I)
    List += (I == 0 ? "'" : I + 1 == Allowed.size() ? " or '" : ", '") +
            Allowed[I].str() + "'";
  return fail("option " + Name + " takes " + List);
}

Error number(StringRef Name, StringRef V, unsigned &Out) {
  if (V.getAsInteger(10, Out))
    return fail("option " + Name + " needs a non-negative number, not '" + V +
                "'");
  return Error::success();
}

/// Options whose value is a plain string; null for the others.
std::string *stringField(unsigned Id, Options &O) {
  switch (Id) {
  case OPT_build_path: return &O.BuildPath;
  case OPT_output_short: case OPT_output: return &O.OutputFile;
  case OPT_html_dir: return &O.HtmlDir;
  case OPT_docs_base_uri: return &O.DocsBaseUri;
  case OPT_write_baseline: return &O.WriteBaseline;
  case OPT_baseline: return &O.Baseline;
  case OPT_debug_crash_in: return &O.DebugCrashIn;
  case OPT_output_dir: return &O.OutputDir;
  case OPT_kdir: return &O.Kdir;
  default: return nullptr;
  }
}

/// Options that are plain switches; null for the others.
bool *flagField(unsigned Id, Options &O) {
  switch (Id) {
  case OPT_list_rules: return &O.ListRules;
  case OPT_verify: return &O.Verify;
  case OPT_verbose: return &O.Verbose;
  case OPT_version: return &O.Version;
  case OPT_help: return &O.Help;
  case OPT_report_unused_suppressions: return &O.ReportUnusedSuppressions;
  case OPT_no_progress: return &O.NoProgress;
  case OPT_kbuild: return &O.Kbuild;
  case OPT_werror: return &O.Werror;
  case OPT_standalone: return &O.Standalone;
  case OPT_no_heal: return &O.NoHeal;
  case OPT_time_stages: return &O.TimeStages;
  default: return nullptr;
  }
}

/// The options whose value is one of a fixed set of words.
Error applyChoice(unsigned Id, StringRef Name, StringRef V, Options &O) {
  switch (Id) {
  case OPT_scope: {
    std::string S;
    if (Error E = oneOf(Name, V, {"default", "all"}, S))
      return E;
    O.ScopeAll = S == "all";
    return Error::success();
  }
  case OPT_contract: return oneOf(Name, V, {"pins", "waits"}, O.Contract);
  case OPT_barrier_inference:
    return oneOf(Name, V, {"off", "strict", "all"}, O.BarrierInference);
  case OPT_format:
    if (!parseFormat(V))
      return fail("unknown --format '" + V +
                  "': expected text, json, sarif or gitlab");
    O.Format = V.str();
    return Error::success();
  case OPT_fail_on:
    if (V != "error" && V != "warning" && V != "never")
      return fail("unknown --fail-on '" + V +
                  "': expected error, warning or never");
    O.FailOn = V.str();
    return Error::success();
  default:
    llvm_unreachable("not a choice option");
  }
}

/// The options whose value is a number (or a shard, N/M).
Error applyNumber(unsigned Id, StringRef Name, StringRef V, Options &O) {
  switch (Id) {
  case OPT_jobs_short: case OPT_jobs:
    if (Error E = number("-j", V, O.Jobs))
      return E;
    if (O.Jobs == 0)
      return fail("option -j needs a number of jobs of at least 1");
    return Error::success();
  case OPT_shard:
    if (auto S = parseShard(V); !S)
      return S.takeError();
    O.Shard = V.str();
    return Error::success();
  case OPT_timeout: return number(Name, V, O.TimeoutSeconds);
  case OPT_max_memory: return number(Name, V, O.MaxMemoryMB);
  case OPT_debug_sleep_per_file:
    if (V.getAsDouble(O.DebugSleepSeconds) || O.DebugSleepSeconds < 0)
      return fail("option " + Name + " needs seconds, not '" + V + "'");
    return Error::success();
  default:
    llvm_unreachable("not a number option");
  }
}

/// The options whose value needs more than a copy.
Error applyValue(unsigned Id, StringRef Name, StringRef V, Options &O) {
  switch (Id) {
  case OPT_extra_arg:
    O.ExtraArgs.push_back(V.str());
    break;
  case OPT_enable:
    splitList(V, O.Enable);
    break;
  case OPT_disable:
    splitList(V, O.Disable);
    break;
  case OPT_scope:
  case OPT_contract:
  case OPT_barrier_inference:
  case OPT_format:
  case OPT_fail_on:
    return applyChoice(Id, Name, V, O);
  case OPT_jobs_short:
  case OPT_jobs:
  case OPT_shard:
  case OPT_timeout:
  case OPT_max_memory:
  case OPT_debug_sleep_per_file:
    return applyNumber(Id, Name, V, O);
  case OPT_debug_checker:
    if (V != DumpStateCheckerName)
      return fail("unknown debug checker '" + V + "': expected " +
                  DumpStateCheckerName);
    O.DebugCheckers.push_back(V.str());
    break;
  default:
    llvm_unreachable("an option of Options.td without a meaning here");
  }
  return Error::success();
}

Error apply(const opt::Arg &A, Options &O) {
  const opt::Option &Opt = A.getOption();
  unsigned Id = Opt.getID();
  if (bool *Flag = flagField(Id, O)) {
    *Flag = true;
    return Error::success();
  }
  if (Id == OPT_internal_worker) { // a --timeout child (Parallel.cpp)
    O.Worker = true;
    O.WorkerInvocation = A.getValue();
    return Error::success();
  }
  if (Id == OPT_summary || Id == OPT_no_summary) {
    O.Summary = Id == OPT_summary;
    return Error::success();
  }
  std::string Name = nameOf(Opt);
  StringRef V = A.getNumValues() ? A.getValue() : "";
  if (Id == OPT_build_path)
    V.consume_front("="); // -p=DIR, as clang-tidy takes it
  if (V.empty())
    return fail("option " + Name + " needs " + needs(Name));
  if (std::string *Field = stringField(Id, O)) {
    *Field = V.str();
    return Error::success();
  }
  return applyValue(Id, Name, V, O);
}

/// Kbuild's argv: the first option that is not ours starts the compiler's
/// flags, mixed with the source files.
void takeKbuildRest(ArrayRef<std::string> Rest, Options &O) {
  CompilerArgv Split = splitCompilerArgv(Rest);
  O.Kbuild = true;
  O.HaveCompilerArgs = true;
  O.Files.insert(O.Files.end(), Split.Files.begin(), Split.Files.end());
  O.CompilerArgs = std::move(Split.Args);
  O.DroppedFlags = std::move(Split.Dropped);
}

} // namespace

Expected<Options> parseOptions(ArrayRef<std::string> Args) {
  Options O;
  size_t Dash = find(Args, "--") - Args.begin();
  if (Dash < Args.size()) {
    O.HaveCompilerArgs = true;
    O.CompilerArgs.assign(Args.begin() + Dash + 1, Args.end());
  }
  bool KbuildArgv = looksLikeKbuildArgv(Args) || is_contained(Args, "--kbuild");
  std::vector<const char *> Argv;
  for (const std::string &S : Args.take_front(Dash))
    Argv.push_back(S.c_str());
  opt::InputArgList List(Argv.data(), Argv.data() + Argv.size());
  for (unsigned I = 0; I < Argv.size();) {
    StringRef S = Argv[I];
    if (!S.starts_with("-") || S == "-") {
      O.Files.push_back(S.str());
      ++I;
      continue;
    }
    unsigned Start = I;
    std::unique_ptr<opt::Arg> A = table().ParseOneArg(List, I);
    if (!A)
      return fail("option " + S + " needs " + needs(S));
    if (A->getOption().getKind() == opt::Option::UnknownClass) {
      if (!KbuildArgv)
        return fail("unknown option '" + S + "' (see --help)");
      takeKbuildRest(Args.drop_front(Start), O);
      break;
    }
    if (Error E = apply(*A, O))
      return E;
  }
  return O;
}

void printUsage(raw_ostream &OS) {
  table().printHelp(OS, "utrace-check [options] FILE... [-- COMPILER-ARGS]",
                    "finds misuse of the utrace tracing API in kernel and "
                    "module C sources");
  OS << R"(
Findings go to stderr as "file:line:col: warning: message [RULE-ID]",
followed by "note:" lines for the path that leads to them.

With "--", the arguments after it are the compiler flags for every FILE and
no compile database is read. A FILE with no compile command is parsed as
plain C with no flags. Options may also come from UTRACE_CHECK_OPTIONS,
which is read before the command line (the way to pass them to Kbuild's
`make C=1 CHECK=utrace-check` or `make C=2 CHECK=utrace-check`).

  utrace-check merge OUT IN...   merge json/SARIF reports, dropping duplicates

exit status: 0 no findings, 1 findings, 2 usage or input error.
)";
}

} // namespace utrace
