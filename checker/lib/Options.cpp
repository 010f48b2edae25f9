//===- Options.cpp - command line -------------------------------*- C++ -*-===//
#include "Options.h"
#include "Kbuild.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace utrace {

const char *usageText() {
  return R"(usage: utrace-check [options] FILE... [-- COMPILER-ARGS]

Finds misuse of the utrace tracing API in kernel and module C sources.
Findings go to stderr as "file:line:col: warning: message [RULE-ID]",
followed by "note:" lines for the path that leads to them.

options:
  -p BUILD_DIR          read compile commands from BUILD_DIR/compile_commands.json
  --extra-arg=ARG       append ARG to every compile command (repeatable)
  --enable=LIST         enable only these rules or families (UT-REF-001, REF, ...)
  --disable=LIST        disable these rules or families
  --scope=default|all   default: every rule in files that use utrace;
                        all: also the RCU rules in every other file
  --contract=pins|waits the examine design: prepare pins the task (a finish
                        is owed) or only waits for it; default: detected
                        from the utrace.h in use
  --barrier-inference=off|strict|all
                        barrier rules: orderings inferred from barrier pairs
                        off (declared orderings only), strict (default:
                        smp_wmb/smp_rmb pairs, unambiguous) or all (smp_mb
                        pairs too, and barriers with no partner)
  --list-rules          print the rule catalog and exit
  --verify              test mode: check // expected-warning{{...}} comments
  -v, --verbose         say what is analysed and skipped
  --version             print the version and exit
  -h, --help            print this help and exit

With "--", the arguments after it are the compiler flags for every FILE and
no compile database is read. A FILE with no compile command is parsed as
plain C with no flags.

exit status: 0 no findings, 1 findings, 2 usage or input error.
)";
}

static void splitList(StringRef Value, std::vector<std::string> &Out) {
  SmallVector<StringRef, 8> Parts;
  Value.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts)
    Out.push_back(P.trim().str());
}

Expected<Options> parseOptions(ArrayRef<std::string> Args) {
  Options O;
  auto Fail = [](const Twine &Msg) -> Expected<Options> {
    return createStringError(inconvertibleErrorCode(), Msg.str());
  };
  // Kbuild's argv (no "--", -D__KERNEL__): tool options come first, and
  // the first option that is not ours starts the compiler's flags.
  bool KbuildArgv = looksLikeKbuildArgv(Args) ||
                    llvm::is_contained(Args, std::string("--kbuild"));
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef A = Args[I];
    // Matches "--name=VALUE" or "--name VALUE"; false when A is not --name.
    auto Value = [&](StringRef Name, std::string &Out) -> bool {
      StringRef Rest = A;
      if (!Rest.consume_front(Name))
        return false;
      if (Rest.consume_front("=")) {
        Out = Rest.str();
        return true;
      }
      if (!Rest.empty())
        return false;
      Out = I + 1 < Args.size() ? Args[++I] : std::string();
      return true;
    };
    std::string V;
    if (A == "--") {
      O.HaveCompilerArgs = true;
      O.CompilerArgs.assign(Args.begin() + I + 1, Args.end());
      break;
    }
    if (A == "-h" || A == "--help") {
      O.Help = true;
    } else if (A == "--version") {
      O.Version = true;
    } else if (A == "--list-rules") {
      O.ListRules = true;
    } else if (A == "--verify") {
      O.Verify = true;
    } else if (A == "-v" || A == "--verbose") {
      O.Verbose = true;
    } else if (A.starts_with("-p") && !A.starts_with("--")) {
      V = A.drop_front(2).str(); // -pDIR, -p=DIR or -p DIR
      if (StringRef(V).starts_with("="))
        V.erase(0, 1);
      else if (V.empty() && I + 1 < Args.size())
        V = Args[++I];
      if (V.empty())
        return Fail("option -p needs a build directory");
      O.BuildPath = V;
    } else if (Value("--extra-arg", V)) {
      if (V.empty())
        return Fail("option --extra-arg needs a value");
      O.ExtraArgs.push_back(V);
    } else if (Value("--enable", V)) {
      if (V.empty())
        return Fail("option --enable needs a rule or family");
      splitList(V, O.Enable);
    } else if (Value("--disable", V)) {
      if (V.empty())
        return Fail("option --disable needs a rule or family");
      splitList(V, O.Disable);
    } else if (std::string Msg;
               parseCiOption(Args, I, O, Msg) != OptionMatch::NotMine) {
      if (!Msg.empty()) // OptionMatch::Error
        return Fail(Msg);
    } else if (std::string Msg;
               parseKbuildOption(Args, I, O, Msg) != OptionMatch::NotMine) {
      if (!Msg.empty())
        return Fail(Msg);
    } else if (Value("--scope", V)) {
      if (V != "default" && V != "all")
        return Fail("option --scope takes 'default' or 'all'");
      O.ScopeAll = V == "all";
    } else if (Value("--contract", V)) {
      if (V != "pins" && V != "waits")
        return Fail("option --contract takes 'pins' or 'waits'");
      O.Contract = V;
    } else if (Value("--barrier-inference", V)) {
      if (V != "off" && V != "strict" && V != "all")
        return Fail("option --barrier-inference takes 'off', 'strict' or 'all'");
      O.BarrierInference = V;
    } else if (A.starts_with("-") && A != "-" && KbuildArgv) {
      CompilerArgv Split = splitCompilerArgv(Args.drop_front(I));
      O.Kbuild = true;
      O.HaveCompilerArgs = true;
      O.Files.insert(O.Files.end(), Split.Files.begin(), Split.Files.end());
      O.CompilerArgs = std::move(Split.Args);
      O.DroppedFlags = std::move(Split.Dropped);
      break;
    } else if (A.starts_with("-") && A != "-") {
      return Fail("unknown option '" + A + "' (see --help)");
    } else {
      O.Files.push_back(A.str());
    }
  }
  return O;
}

} // namespace utrace
