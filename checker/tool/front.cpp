//===- front.cpp - utrace-check's front door --------------------*- C++ -*-===//
//
// `make C=2 CHECK=utrace-check` runs the checker on every C file of the
// tree, and almost none of them mention utrace. Loading the analyzer
// (libclang-cpp and libLLVM) costs more CPU than the rest of such a run, so
// this small program, which links no LLVM, answers the one case it can
// answer alone and hands everything else to the analyzer unchanged:
//
//   Kbuild's argv (-D__KERNEL__, no "--", the first argument a compiler
//   flag rather than one of the tool's options), no UTRACE_CHECK_OPTIONS,
//   and every C source named never contains the word "utrace"
//   => exit 0 with no output, exactly what the analyzer does in that case.
//
// Anything else — a tool option before the compiler flags (-v, --scope=all,
// --output-dir, a report format...), a file that mentions utrace or cannot
// be read, no C source at all — execs utrace-check-analyzer from the same
// folder with the same arguments.
//
//===----------------------------------------------------------------------===//
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

bool endsWith(const char *S, const char *Suffix) {
  size_t N = std::strlen(S), M = std::strlen(Suffix);
  return N >= M && std::strcmp(S + N - M, Suffix) == 0;
}

/// The flag Kbuild's command line starts with: a compiler flag, never one
/// of the tool's own options (those all start with "--", or are -h, -v,
/// -p, -o, -j).
bool startsWithCompilerFlag(const char *A) {
  static const char *const Prefixes[] = {"-D", "-U", "-I", "-W", "-f", "-m",
                                         "-nostdinc", "-isystem", "-include",
                                         "-O", "-g", "-std="};
  for (const char *P : Prefixes)
    if (std::strncmp(A, P, std::strlen(P)) == 0)
      return true;
  return false;
}

/// True when File can be read and does not contain "utrace".
bool readableWithoutUtrace(const char *File) {
  FILE *F = std::fopen(File, "rb");
  if (!F)
    return false;
  static const char Word[] = "utrace";
  const size_t W = sizeof(Word) - 1;
  char Buf[1 << 16];
  size_t Keep = 0; // bytes carried over so a match across reads is seen
  bool Found = false;
  for (;;) {
    size_t N = std::fread(Buf + Keep, 1, sizeof(Buf) - Keep, F);
    if (N == 0)
      break;
    size_t Len = Keep + N;
    if (memmem(Buf, Len, Word, W)) {
      Found = true;
      break;
    }
    Keep = Len < W - 1 ? Len : W - 1;
    std::memmove(Buf, Buf + Len - Keep, Keep);
  }
  bool Ok = !std::ferror(F);
  std::fclose(F);
  return Ok && !Found;
}

/// Whether this invocation is Kbuild's, on files that never mention utrace.
bool isSkippableKbuildRun(int Argc, char **Argv) {
  const char *Env = std::getenv("UTRACE_CHECK_OPTIONS");
  if (Env && *Env)
    return false;
  if (Argc < 2 || !startsWithCompilerFlag(Argv[1]))
    return false;
  bool Kernel = false;
  int Sources = 0;
  for (int I = 1; I < Argc; ++I) {
    const char *A = Argv[I];
    if (std::strcmp(A, "--") == 0)
      return false;
    if (std::strcmp(A, "-D__KERNEL__") == 0)
      Kernel = true;
    else if (A[0] != '-' && endsWith(A, ".c")) {
      if (!readableWithoutUtrace(A))
        return false;
      ++Sources;
    }
  }
  return Kernel && Sources > 0;
}

/// utrace-check-analyzer beside this program.
std::string analyzerPath(const char *Argv0) {
  char Self[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Self, sizeof(Self) - 1);
  std::string Dir;
  if (N > 0) {
    Self[N] = '\0';
    Dir = Self;
  } else {
    Dir = Argv0;
  }
  size_t Slash = Dir.rfind('/');
  Dir = Slash == std::string::npos ? std::string(".") : Dir.substr(0, Slash);
  return Dir + "/utrace-check-analyzer";
}

} // namespace

int main(int Argc, char **Argv) {
  if (isSkippableKbuildRun(Argc, Argv))
    return 0;
  std::string Analyzer = analyzerPath(Argv[0]);
  Argv[0] = const_cast<char *>(Analyzer.c_str());
  execv(Analyzer.c_str(), Argv);
  std::fprintf(stderr, "utrace-check: cannot run %s: %s\n", Analyzer.c_str(),
               std::strerror(errno));
  return 2;
}
