//===- Kbuild.cpp - running as Kbuild's $(CHECK) ----------------*- C++ -*-===//
#include "Kbuild.h"
#include "Options.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticDriver.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"

using namespace llvm;
namespace copts = clang::driver::options;

namespace utrace {

bool looksLikeKbuildArgv(ArrayRef<std::string> Args) {
  bool Kernel = false;
  for (const std::string &A : Args) {
    if (A == "--")
      return false;
    Kernel |= A == "-D__KERNEL__";
  }
  return Kernel;
}

/// Flags clang's table knows but that must not reach the parse: they ask
/// for output files, or load GCC plugins clang cannot load.
static bool mustDrop(const opt::Arg &A) {
  switch (A.getOption().getID()) {
  case copts::OPT_Wp_COMMA:
    for (StringRef V : A.getValues())
      if (V.starts_with("-M"))
        return true;
    return false;
  case copts::OPT_fplugin_EQ:
  case copts::OPT_fplugin_arg:
    return true;
  default:
    return false;
  }
}

namespace {
/// Collects the options clang's driver refuses for this target.
class RefusedOptions : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    switch (Info.getID()) {
    case clang::diag::err_drv_unsupported_opt_for_target:
    case clang::diag::err_drv_unsupported_opt_with_suggestion:
    case clang::diag::err_drv_unsupported_option_argument:
    case clang::diag::err_drv_unsupported_option_argument_for_target:
    case clang::diag::err_drv_invalid_value:
      if (Info.getNumArgs() > 0 &&
          Info.getArgKind(0) == clang::DiagnosticsEngine::ak_std_string)
        Spellings.push_back(Info.getArgStdStr(0));
      break;
    default:
      break;
    }
  }
  std::vector<std::string> Spellings;
};
} // namespace

/// Asks clang's driver to build the job for these flags and drops what it
/// refuses for the host target (-mrecord-mcount on x86, say): options its
/// table knows but a GCC-built kernel uses differently.
static void dropRefusedByDriver(CompilerArgv &Out) {
  for (int Round = 0; Round < 4; ++Round) {
    RefusedOptions Refused;
    clang::DiagnosticsEngine Diags(new clang::DiagnosticIDs,
                                   new clang::DiagnosticOptions, &Refused,
                                   /*ShouldOwnClient=*/false);
    clang::driver::Driver D("clang", sys::getDefaultTargetTriple(), Diags);
    std::vector<const char *> Argv = {"clang", "-fsyntax-only"};
    for (const std::string &A : Out.Args)
      Argv.push_back(A.c_str());
    Argv.insert(Argv.end(), {"-x", "c", "/dev/null"});
    std::unique_ptr<clang::driver::Compilation> C(D.BuildCompilation(Argv));
    if (Refused.Spellings.empty())
      return;
    std::vector<std::string> Kept;
    for (const std::string &A : Out.Args) {
      bool Drop = llvm::any_of(Refused.Spellings, [&](const std::string &Sp) {
        return A == Sp || (StringRef(A).starts_with(Sp) &&
                           (StringRef(Sp).ends_with("=") || A[Sp.size()] == '='));
      });
      if (Drop)
        Out.Dropped.push_back(A + " (refused by clang for this target)");
      else
        Kept.push_back(A);
    }
    if (Kept.size() == Out.Args.size())
      return; // refused something we cannot map back to a flag
    Out.Args = std::move(Kept);
  }
}

CompilerArgv splitCompilerArgv(ArrayRef<std::string> Args) {
  CompilerArgv Out;
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const opt::OptTable &Table = clang::driver::getDriverOptTable();
  opt::InputArgList List =
      Table.ParseArgs(Argv, MissingIndex, MissingCount,
                      opt::Visibility(copts::ClangOption));
  for (const opt::Arg *A : List) {
    if (A->getOption().getID() == copts::OPT_INPUT) {
      Out.Files.push_back(A->getValue());
      continue;
    }
    opt::ArgStringList Rendered;
    A->render(List, Rendered);
    bool Unknown = A->getOption().getID() == copts::OPT_UNKNOWN;
    if (Unknown || mustDrop(*A)) {
      std::string S;
      for (const char *R : Rendered)
        S += (S.empty() ? "" : " ") + std::string(R);
      Out.Dropped.push_back(S + (Unknown ? " (not a clang option)"
                                         : " (would write files or load a "
                                           "GCC plugin)"));
      continue;
    }
    for (const char *R : Rendered)
      Out.Args.push_back(R);
  }
  dropRefusedByDriver(Out);
  return Out;
}

const char *kbuildUsageText() {
  return R"(
kernel build options (see docs/kernel-build.md):
  make C=1 CHECK=utrace-check        check the files Kbuild recompiles
  make C=2 CHECK=utrace-check        check every file
  --kbuild              read the rest of argv as Kbuild's (implied by
                        -D__KERNEL__ without "--"): flags clang does not
                        know are dropped (-v lists them)
  --werror              in kbuild mode, findings and unparsable files fail
                        the build (default: exit 0, like sparse)
  --output-dir DIR      write the report (--format) to a file of its own in
                        DIR, named after the source: safe under make -jN
  UTRACE_CHECK_OPTIONS  options read before the command line's
)";
}

OptionMatch parseKbuildOption(ArrayRef<std::string> Args, size_t &I,
                              Options &O, std::string &Msg) {
  StringRef A = Args[I];
  if (A == "--kbuild") {
    O.Kbuild = true;
    return OptionMatch::Taken;
  }
  if (A == "--werror") {
    O.Werror = true;
    return OptionMatch::Taken;
  }
  StringRef Rest = A;
  if (!Rest.consume_front("--output-dir"))
    return OptionMatch::NotMine;
  if (Rest.consume_front("="))
    O.OutputDir = Rest.str();
  else if (Rest.empty() && I + 1 < Args.size())
    O.OutputDir = Args[++I];
  else if (!Rest.empty())
    return OptionMatch::NotMine;
  if (O.OutputDir.empty()) {
    Msg = "option --output-dir needs a directory";
    return OptionMatch::Error;
  }
  return OptionMatch::Taken;
}

} // namespace utrace
