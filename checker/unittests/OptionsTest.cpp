#include "Options.h"
#include "gtest/gtest.h"

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
