//===- Analysis.h - running the checkers over files -------------*- C++ -*-===//
//
// One translation unit at a time: LibTooling parses it with its compile
// command, a relevance filter hands only the functions that touch the utrace
// API to the Clang Static Analyzer, and our checkers' reports come back as
// Findings (or, in --verify mode, as clang diagnostics checked against the
// file's expected-warning comments).
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_ANALYSIS_H
#define UTRACE_CHECK_ANALYSIS_H

#include "analysis/Finding.h"
#include "analysis/StageTimes.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace utrace {

class StandaloneHealer;

struct AnalysisConfig {
  std::set<std::string> EnabledRules;
  std::vector<std::string> ExtraArgs; ///< appended to every compile command
  bool Verify = false;
  bool Verbose = false;
  /// --scope=all: the RCU rules in every file, not only utrace users.
  bool ScopeAll = false;
  /// --contract=pins|waits; empty: the setting in rules/api/contract.yaml.
  std::string Contract;
  /// --barrier-inference: orderings the barrier rules infer from barrier
  /// pairs: off (declared only), strict (default), all.
  std::string BarrierInference = "strict";
  /// --standalone: missing headers are skipped, and every function that
  /// parsed cleanly is analysed even when others did not parse.
  bool Standalone = false;
  /// Test-only (--debug-crash-in): the analyzer crashes (SIGSEGV) when it
  /// starts on this top-level function.
  std::string DebugCrashIn;
  /// Test-only (--debug-checker): hidden debug checkers to run as well
  /// (utrace.debug.DumpState); their findings carry the checker's name.
  std::vector<std::string> DebugCheckers;
  /// --standalone: the header simulator's folder (for the prelude and the
  /// first API generation's headers).
  std::string SimulatorDir;
  /// --standalone fills in missing context (false: --no-heal).
  bool Heal = true;
  /// Set by analyzeFile for each --standalone parse (StandaloneHeal.h).
  StandaloneHealer *Healer = nullptr;
  bool HealFinalRound = true;
  /// -p with several files: record the fields each file releases and the
  /// leaks owed only to a field this file does not release, so the run can
  /// settle hand-overs across files (cli/Pipeline).
  bool CrossFileHandOver = false;
  /// -p with some of the database's files: another file of the database is
  /// parsed only for the fields it releases (FileResult::ReleasedFields,
  /// status Skipped); nothing is analysed or reported.
  bool ReleasedFieldsOnly = false;
  unsigned HealRound = 1;
  /// --time-stages: FileResult::Stages gets the wall time of each stage.
  bool TimeStages = false;
};

/// A function --standalone could not analyse, and why.
struct SkippedFunction {
  std::string Name;
  unsigned Line = 0;
  std::string Reason;
};

enum class FileStatus { Analysed, Skipped, Failed };

/// What became of one function of the file that calls the utrace API or is
/// relevant to a rule family (-v, json, sarif).
struct FunctionCoverage {
  std::string Name;
  unsigned Line = 0;
  bool Analysed = false;
  /// Not analysed: why, with the first error ("FILE:LINE: message").
  std::string Reason;
};

/// A compiler error, for the coverage reasons.
struct ErrorLine {
  std::string File; ///< as displayed
  unsigned Line = 0;
  std::string Message;
};

struct FileResult {
  std::string File;
  FileStatus Status = FileStatus::Analysed;
  std::string Reason; ///< why skipped or failed, one line
  std::vector<Finding> Findings;
  unsigned FunctionsSeen = 0;
  unsigned FunctionsAnalysed = 0;
  bool OldApiGeneration = false;
  bool UsesUtrace = true; ///< false: only --scope=all made it relevant
  bool VerifyFailed = false;
  // --standalone bookkeeping.
  std::vector<std::string> MissingHeaders;     ///< skipped #includes
  std::vector<SkippedFunction> SkippedFunctions; ///< did not parse cleanly
  unsigned ApiFunctions = 0; ///< main-file functions calling the utrace API
  /// Compiler errors in the main file: line and message.
  std::vector<std::pair<unsigned, std::string>> ParseErrors;
  /// Every function that calls the utrace API or is relevant to a rule
  /// family, in source order, with its status.
  std::vector<FunctionCoverage> Functions;
  /// Every compiler error (any file), in order.
  std::vector<ErrorLine> Errors;
  /// The analyzer crashed (Reason names the function); other files are
  /// unaffected.
  bool InternalError = false;
  /// What --standalone synthesized (one line per kind) and in how many
  /// parses; missing context it could not synthesize.
  std::vector<std::string> HealNotes;
  unsigned HealRounds = 0;
  std::vector<std::string> Unhealable;
  bool HealRetry = false; ///< this parse only taught the healer
  /// CrossFileHandOver: the fields ("record.field") and globals this file
  /// releases with utrace_engine_put(), sorted.
  std::vector<std::string> ReleasedFields;
  /// --time-stages: wall time per stage of this file.
  StageTimes Stages;
};

/// A compile database that answers "clang FILE" (plain C, no flags) for any
/// file the inner database does not know.
std::unique_ptr<clang::tooling::CompilationDatabase>
withPlainCFallback(std::unique_ptr<clang::tooling::CompilationDatabase> Inner);

/// Parses and analyses one file.
FileResult analyzeFile(const clang::tooling::CompilationDatabase &DB,
                       const std::string &File, const AnalysisConfig &Cfg);

/// Checkers (utrace.EngineRef, ...) that must run for the enabled rules.
std::vector<std::string> checkersFor(const std::set<std::string> &Rules);

/// The files of one run are one program (utrace-api.md rule 1, issue 12
/// item 1): a leak owed only to a field that this file does not release is
/// a hand-over when another file of the run releases the field. Drops those
/// findings (CrossFileHandOver runs; a worker process's results carry the
/// same fields). Released adds fields released by files read for that
/// alone (AnalysisConfig::ReleasedFieldsOnly).
void settleHandOvers(std::vector<FileResult> &Results,
                     const std::vector<std::string> &Released = {});

} // namespace utrace

#endif
