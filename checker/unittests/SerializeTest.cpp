//===- SerializeTest.cpp - one field list, written and read back -*- C++ -*-===//
//
// A worker's FileResult and invocation, and the json report's findings, go
// through one field list per type (report/Serialize.h). Each type here is
// filled with a non-default value in every field, written and read back.
// The sizes at the end fail when a field is added to FileResult or
// AnalysisConfig: add it to its mapFields() (Serialize.cpp, Parallel.cpp),
// to the filler here, then update the size.
//
//===----------------------------------------------------------------------===//
#include "cli/Parallel.h"
#include "report/Formats.h"
#include "report/Serialize.h"
#include "gtest/gtest.h"

using namespace utrace;

namespace {

Finding someFinding() {
  Finding F;
  F.RuleId = "UT-REF-001";
  F.Sev = Severity::Error;
  F.Loc = {"dir/a.c", 12, 5};
  F.Message = "engine reference from utrace_attach_task() is not released";
  F.Function = "attach_one";
  F.Notes = {{{"dir/a.c", 10, 3}, "engine reference acquired here"},
             {{"dir/b.h", 2, 1}, "here, in helper()"}};
  F.Fingerprint = "0123abcd";
  F.OwedField = "tracer.engine";
  return F;
}

FileResult everyField() {
  FileResult R;
  R.File = "dir/a.c";
  R.Status = FileStatus::Failed;
  R.Reason = "timed out";
  R.Findings = {someFinding()};
  R.FunctionsSeen = 7;
  R.FunctionsAnalysed = 3;
  R.OldApiGeneration = true;
  R.UsesUtrace = false;
  R.VerifyFailed = true;
  R.MissingHeaders = {"asm/old.h"};
  R.SkippedFunctions = {{"broken", 40, "dir/a.c:41: error: x"}};
  R.ApiFunctions = 4;
  R.ParseErrors = {{41, "use of undeclared identifier 'x'"}};
  R.Functions = {{"attach_one", 9, true, ""}, {"broken", 40, false, "why"}};
  R.Errors = {{"dir/a.c", 41, "use of undeclared identifier 'x'"}};
  R.InternalError = true;
  R.HealNotes = {"2 globals"};
  R.HealRounds = 2;
  R.Unhealable = {"member 'm' of struct s"};
  R.HealRetry = true;
  R.ReleasedFields = {"tracer.engine"};
  R.Stages.Ms = {{"parse 1", 41.5}};
  return R;
}

} // namespace

TEST(Serialize, FileResultRoundTrips) {
  FileResult R = everyField();
  llvm::json::Value V = fileResultToJSON(R);
  auto Back = fileResultFromJSON(V);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  // Written again, the result is the same JSON: nothing was lost.
  EXPECT_EQ(fileResultToJSON(*Back), V);
  EXPECT_EQ(Back->Status, FileStatus::Failed);
  EXPECT_EQ(Back->FunctionsSeen, 7u);
  EXPECT_FALSE(Back->UsesUtrace);
  EXPECT_TRUE(Back->HealRetry);
  EXPECT_EQ(Back->ReleasedFields, R.ReleasedFields);
  ASSERT_EQ(Back->Stages.Ms.size(), 1u);
  EXPECT_DOUBLE_EQ(Back->Stages.Ms[0].second, 41.5);
  EXPECT_EQ(Back->Findings[0].OwedField, "tracer.engine");
  ASSERT_EQ(Back->ParseErrors.size(), 1u);
  EXPECT_EQ(Back->ParseErrors[0].first, 41u);
  ASSERT_EQ(Back->Functions.size(), 2u);
  EXPECT_TRUE(Back->Functions[0].Analysed);
  EXPECT_EQ(Back->Functions[1].Reason, "why");
  ASSERT_EQ(Back->Findings.size(), 1u);
  const Finding &F = Back->Findings[0];
  EXPECT_EQ(F.Sev, Severity::Error);
  EXPECT_EQ(F.Loc.Column, 5u);
  ASSERT_EQ(F.Notes.size(), 2u);
  EXPECT_EQ(F.Notes[1].Loc.File, "dir/b.h");
}

TEST(Serialize, FindingKeepsTheReportsFieldNames) {
  llvm::json::Value V = findingToJSON(someFinding());
  const llvm::json::Object *O = V.getAsObject();
  ASSERT_NE(O, nullptr);
  for (const char *Key : {"file", "line", "column", "ruleId", "ruleName",
                          "severity", "message", "function", "notes",
                          "fingerprint"})
    EXPECT_NE(O->get(Key), nullptr) << Key;
  EXPECT_EQ(O->get("confidence"), nullptr);
  EXPECT_EQ(*O->getString("ruleName"), "engine-reference-leak");
}

TEST(Serialize, ReadErrorsNameTheField) {
  llvm::json::Value V = fileResultToJSON(everyField());
  V.getAsObject()->getArray("findings")->front().getAsObject()->erase(
      "message");
  auto Back = fileResultFromJSON(V);
  ASSERT_FALSE(bool(Back));
  std::string Msg = llvm::toString(Back.takeError());
  EXPECT_NE(Msg.find("findings"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("message"), std::string::npos) << Msg;
}

TEST(Serialize, WorkerInvocationRoundTrips) {
  WorkerInvocation W;
  W.File = "dir/a.c";
  W.Command = clang::tooling::CompileCommand("/build", "dir/a.c",
                                             {"clang", "-DX", "dir/a.c"}, "");
  AnalysisConfig &C = W.Config;
  C.EnabledRules = {"UT-REF-001", "UT-WIN-001"};
  C.ExtraArgs = {"-DY"};
  C.Verify = true;
  C.Verbose = true;
  C.ScopeAll = true;
  C.Contract = "waits";
  C.BarrierInference = "all";
  C.Standalone = true;
  C.DebugCrashIn = "f";
  C.DebugCheckers = {"utrace.debug.DumpState"};
  C.SimulatorDir = "/sim";
  C.Heal = false;
  C.TimeStages = true;
  C.CrossFileHandOver = true;
  C.ReleasedFieldsOnly = true;
  W.DebugSleepSeconds = 0.5;
  llvm::json::Value V = invocationToJSON(W);
  auto Back = invocationFromJSON(V);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(invocationToJSON(*Back), V);
  EXPECT_EQ(Back->Command.CommandLine.size(), 3u);
  EXPECT_EQ(Back->Config.EnabledRules, C.EnabledRules);
  EXPECT_FALSE(Back->Config.Heal);
  EXPECT_EQ(Back->Config.BarrierInference, "all");
  EXPECT_EQ(Back->Config.DebugCheckers, C.DebugCheckers);
  EXPECT_TRUE(Back->Config.TimeStages);
  EXPECT_TRUE(Back->Config.CrossFileHandOver);
  EXPECT_TRUE(Back->Config.ReleasedFieldsOnly);
  EXPECT_DOUBLE_EQ(Back->DebugSleepSeconds, 0.5);
}

// A new field must be listed in its mapFields(): these sizes are the ones
// the lists were written for (x86-64, libstdc++).
TEST(Serialize, FieldListsCoverEveryField) {
  EXPECT_EQ(sizeof(FileResult), 368u)
      << "FileResult changed: list the field in mapFields() (Serialize.cpp) "
         "and in everyField() above, then update this size";
  EXPECT_EQ(sizeof(AnalysisConfig), 272u)
      << "AnalysisConfig changed: list the field in mapFields() "
         "(Parallel.cpp) and in WorkerInvocationRoundTrips, then update "
         "this size";
}
