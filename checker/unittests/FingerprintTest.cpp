//===- FingerprintTest.cpp - stable identities for findings ---------------===//
#include "report/Fingerprint.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace utrace;

namespace {

std::string writeTemp(llvm::StringRef Text) {
  llvm::SmallString<128> Path;
  int FD;
  EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("fp", "c", FD, Path));
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Text;
  return std::string(Path);
}

Finding leakAt(const std::string &File, unsigned Line) {
  Finding F;
  F.RuleId = "UT-REF-001";
  F.Loc = {File, Line, 3};
  F.Function = "f";
  F.Message = "engine reference is not released on this path";
  F.Notes.push_back({{File, Line - 1, 2}, "engine reference acquired here"});
  return F;
}

TEST(Fingerprint, LineShiftsAboveDoNotChangeIt) {
  std::string A = writeTemp("int f(void)\n{\n  get();\n  return 1;\n}\n");
  std::string Before;
  {
    SourceCache S;
    Before = fingerprintOf(leakAt(A, 4), S);
  }
  EXPECT_EQ(Before.size(), 32u);
  // The same file after an edit above the function (three new lines) and a
  // whitespace change on the finding's line.
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(A, EC);
    OS << "\n\n/* new */\nint f(void)\n{\n  get();\n    return   1;\n}\n";
  }
  SourceCache S;
  Finding Shifted = leakAt(A, 7);
  Shifted.Loc.Column = 5;
  EXPECT_EQ(fingerprintOf(Shifted, S), Before);
  llvm::sys::fs::remove(A);
}

TEST(Fingerprint, WhatIdentifiesAFinding) {
  std::string A = writeTemp("x\ny\nz\n");
  SourceCache S;
  Finding F = leakAt(A, 2);
  std::string Base = fingerprintOf(F, S);
  Finding Rule = F;
  Rule.RuleId = "UT-REF-003";
  EXPECT_NE(fingerprintOf(Rule, S), Base);
  Finding Fn = F;
  Fn.Function = "g";
  EXPECT_NE(fingerprintOf(Fn, S), Base);
  Finding Line = F;
  Line.Loc.Line = 3; // a line with other text
  EXPECT_NE(fingerprintOf(Line, S), Base);
  llvm::sys::fs::remove(A);
}

TEST(Fingerprint, NormalisesMessages) {
  EXPECT_EQ(normalizeMessage("  acquired at line 12,  col 7 "),
            "acquired at line #, col #");
  EXPECT_EQ(normalizeSpace("a \t b\n"), "a b");
}

TEST(Fingerprint, RepeatsGetOccurrenceSuffixes) {
  std::string A = writeTemp("same\nsame\n");
  SourceCache S;
  std::vector<Finding> Fs{leakAt(A, 1), leakAt(A, 2)};
  Fs[0].Notes.clear();
  Fs[1].Notes.clear();
  assignFingerprints(Fs, S);
  EXPECT_EQ(Fs[1].Fingerprint, Fs[0].Fingerprint + ":2");
  llvm::sys::fs::remove(A);
}

} // namespace
