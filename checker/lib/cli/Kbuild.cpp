//===- Kbuild.cpp - running as Kbuild's $(CHECK) ----------------*- C++ -*-===//
#include "cli/Kbuild.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticDriver.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/ADT/ScopeExit.h"
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
void dropRefusedByDriver(CompilerArgv &Out) {
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
  return Out;
}

namespace {
class MapDatabase : public clang::tooling::CompilationDatabase {
public:
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    SmallString<256> Abs(File);
    sys::fs::make_absolute(Abs);
    for (const auto &C : Commands)
      if (C.Filename == Abs)
        return {C};
    return {};
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Out;
    for (const auto &C : Commands)
      Out.push_back(C.Filename);
    return Out;
  }
  std::vector<clang::tooling::CompileCommand> Commands;
};

Error kdirError(const std::string &Kdir, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "--kdir %s: %s",
                           Kdir.c_str(), Msg.str().c_str());
}

constexpr char CheckMarker[] = "__UTRACE_CHECK_ARGV__";

/// A throw-away external module in Tmp: Mod.c, a link to the file Abs, and
/// a Kbuild file that builds it with the file's folder on the include path.
Error writeScratchModule(const std::string &Kdir, StringRef Tmp, StringRef Abs,
                         const std::string &Mod, StringRef Link) {
  if (std::error_code EC = sys::fs::create_link(Abs, Link))
    return kdirError(Kdir, "cannot link the file: " + EC.message());
  std::error_code EC;
  raw_fd_ostream Kbuild((Tmp + "/Kbuild").str(), EC);
  if (EC)
    return kdirError(Kdir, "cannot write a Kbuild file: " + EC.message());
  Kbuild << "obj-m := " << Mod << ".o\nccflags-y += -I"
         << sys::path::parent_path(Abs) << "\n";
  return Error::success();
}

/// What `make -n -C Kdir M=Tmp C=2 CHECK=<marker> Mod.o` prints: the
/// commands Kbuild would run, the checker's among them.
Expected<std::unique_ptr<MemoryBuffer>>
makeDryRun(const std::string &Kdir, StringRef Tmp, const std::string &Mod) {
  auto Make = sys::findProgramByName("make");
  if (!Make)
    return kdirError(Kdir, "make is not installed");
  std::string Out = (Tmp + "/make.out").str();
  std::optional<StringRef> Redirects[] = {std::nullopt, StringRef(Out),
                                          StringRef(Out)};
  std::string M = "M=" + Tmp.str();
  std::string Check = std::string("CHECK=") + CheckMarker;
  std::string Target = Mod + ".o";
  StringRef Argv[] = {*Make, "-n", "-C", Kdir, M, "C=2", Check, Target};
  std::string ErrMsg;
  sys::ExecuteAndWait(*Make, Argv, std::nullopt, Redirects, 120, 0, &ErrMsg);
  auto Buf = MemoryBuffer::getFile(Out);
  if (!Buf)
    return kdirError(Kdir, "make produced no output");
  return std::move(*Buf);
}

/// The arguments after the marker on its line, up to the end of that
/// command; the link stands for the real file Abs.
std::vector<std::string> argvAfterMarker(StringRef Text, size_t Pos,
                                         StringRef Link, StringRef Abs) {
  StringRef Line = Text.substr(Pos + sizeof(CheckMarker) - 1).split('\n').first;
  BumpPtrAllocator Alloc;
  StringSaver Saver(Alloc);
  SmallVector<const char *, 64> Tokens;
  cl::TokenizeGNUCommandLine(Line, Saver, Tokens);
  std::vector<std::string> Args;
  for (StringRef T : Tokens) {
    if (T == ";" || T == "&&")
      break;
    bool End = T.consume_back(";");
    if (T == Link)
      T = Abs; // the real file, not the throw-away link
    Args.push_back(T.str());
    if (End)
      break;
  }
  return Args;
}

/// The checker command line Kbuild would run for File, from `make -n`.
Expected<std::vector<std::string>> kbuildCheckArgv(const std::string &Kdir,
                                                   const std::string &File) {
  SmallString<128> Tmp;
  if (std::error_code EC = sys::fs::createUniqueDirectory("utrace-kdir", Tmp))
    return kdirError(Kdir,
                     "cannot make a temporary directory: " + EC.message());
  auto Cleanup =
      llvm::make_scope_exit([&] { sys::fs::remove_directories(Tmp); });
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  std::string Mod = sys::path::stem(Abs).str();
  std::replace(Mod.begin(), Mod.end(), '-', '_');
  SmallString<256> Link(Tmp);
  sys::path::append(Link, Mod + ".c");
  if (Error E = writeScratchModule(Kdir, Tmp, Abs, Mod, Link))
    return std::move(E);
  auto Buf = makeDryRun(Kdir, Tmp, Mod);
  if (!Buf)
    return Buf.takeError();
  StringRef Text = (*Buf)->getBuffer();
  size_t Pos = Text.find(CheckMarker);
  if (Pos == StringRef::npos) {
    StringRef Last = Text.rtrim().rsplit('\n').second;
    return kdirError(Kdir, "not a kernel build directory Kbuild can use (" +
                               (Last.empty() ? Text.rtrim() : Last) + ")");
  }
  return argvAfterMarker(Text, Pos, Link, Abs);
}

/// --kdir runs `make -n` in the kernel build for every file and every run:
/// seconds of CPU, more than parsing and analysing most files
/// (bench/README.md). Its answer depends only on the kernel build's
/// configuration and Makefiles and on the file's path, so it is kept in
/// $XDG_CACHE_HOME/utrace-check/kdir (or ~/.cache/...), keyed by those
/// paths, the size and time of the files that decide the flags and the
/// make variables of the environment; a change to any of them makes a new
/// key. UTRACE_CHECK_NO_CACHE=1: none.
std::string kdirCachePath(const std::string &Kdir, const std::string &File) {
  if (sys::Process::GetEnv("UTRACE_CHECK_NO_CACHE"))
    return "";
  SmallString<256> Dir;
  if (auto X = sys::Process::GetEnv("XDG_CACHE_HOME"); X && !X->empty())
    Dir = *X;
  else if (auto H = sys::Process::GetEnv("HOME"); H && !H->empty())
    sys::path::append(Dir, *H, ".cache");
  else
    return "";
  sys::path::append(Dir, "utrace-check", "kdir");
  std::string Key = Kdir + "\n" + File + "\n";
  for (const char *Dep :
       {"", "/Makefile", "/.config", "/include/config/auto.conf",
        "/include/generated/autoconf.h", "/arch/x86/Makefile",
        "/scripts/Makefile.build", "/scripts/Makefile.lib",
        "/scripts/Kbuild.include", "/Module.symvers"}) {
    sys::fs::file_status St;
    if (sys::fs::status(Kdir + Dep, St))
      continue;
    Key += std::string(Dep) + " " + std::to_string(St.getSize()) + " " +
           std::to_string(St.getLastModificationTime().time_since_epoch().count()) +
           "\n";
  }
  // Make variables that come from the environment and change the flags.
  for (const char *Var : {"ARCH", "CROSS_COMPILE", "LLVM", "CC", "KCFLAGS",
                          "KCPPFLAGS", "KBUILD_EXTRA_SYMBOLS", "MAKEFLAGS"})
    if (auto V = sys::Process::GetEnv(Var))
      Key += std::string(Var) + "=" + *V + "\n";
  if (auto Make = sys::findProgramByName("make"))
    Key += *Make;
  sys::path::append(Dir, utohexstr(xxh3_64bits(Key), /*LowerCase=*/true) +
                             "-" + sys::path::filename(File).str() + ".argv");
  return Dir.str().str();
}

/// kbuildCheckArgv through the cache (one argument a line).
Expected<std::vector<std::string>> cachedKbuildCheckArgv(const std::string &Kdir,
                                                         const std::string &File) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  std::string Cache = kdirCachePath(Kdir, Abs.str().str());
  if (!Cache.empty())
    if (auto Buf = MemoryBuffer::getFile(Cache, /*IsText=*/true)) {
      StringRef Text = (*Buf)->getBuffer();
      if (Text.consume_front("utrace-check kdir argv 1\n")) {
        std::vector<std::string> Args;
        SmallVector<StringRef, 64> Lines;
        Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
        for (StringRef L : Lines)
          Args.push_back(L.str());
        if (!Args.empty())
          return Args;
      }
    }
  auto Args = kbuildCheckArgv(Kdir, File);
  if (!Args || Cache.empty())
    return Args;
  // Best effort: a cache that cannot be written costs only the next make -n.
  if (!sys::fs::create_directories(sys::path::parent_path(Cache)) &&
      llvm::none_of(*Args, [](const std::string &A) {
        return A.find('\n') != std::string::npos;
      }))
    (void)writeToOutput(Cache, [&](raw_ostream &OS) {
      OS << "utrace-check kdir argv 1\n";
      for (const std::string &A : *Args)
        OS << A << '\n';
      return Error::success();
    });
  return Args;
}
} // namespace

Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
kernelBuildDatabase(const std::string &Kdir, ArrayRef<std::string> Files,
                    ArrayRef<std::string> Extra,
                    std::vector<std::string> &Dropped) {
  if (!sys::fs::exists(Kdir + "/Makefile"))
    return kdirError(Kdir, "not a kernel build directory (no Makefile)");
  SmallString<256> AbsKdir(Kdir);
  sys::fs::make_absolute(AbsKdir);
  auto DB = std::make_unique<MapDatabase>();
  for (const std::string &F : Files) {
    auto Argv = cachedKbuildCheckArgv(AbsKdir.str().str(), F);
    if (!Argv)
      return Argv.takeError();
    CompilerArgv Split = splitCompilerArgv(*Argv);
    dropRefusedByDriver(Split);
    Dropped.insert(Dropped.end(), Split.Dropped.begin(), Split.Dropped.end());
    SmallString<256> Abs(F);
    sys::fs::make_absolute(Abs);
    std::vector<std::string> Cmd = {"clang"};
    Cmd.insert(Cmd.end(), Split.Args.begin(), Split.Args.end());
    Cmd.insert(Cmd.end(), Extra.begin(), Extra.end());
    Cmd.push_back(Abs.str().str());
    DB->Commands.emplace_back(AbsKdir.str(), Abs.str(), std::move(Cmd), "");
  }
  return std::unique_ptr<clang::tooling::CompilationDatabase>(std::move(DB));
}

} // namespace utrace
