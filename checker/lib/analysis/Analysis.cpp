//===- Analysis.cpp - running the checkers over files -----------*- C++ -*-===//
#include "analysis/Analysis.h"
#include "analysis/MainFileLocation.h"
#include "data/ApiModel.h"
#include "data/Catalog.h"
#include "analysis/Relevance.h"
#include "analysis/Robustness.h"
#include "checkers/EngineRefFacts.h"
#include "analysis/StageTimes.h"
#include "analysis/StandaloneHeal.h"
#include "checkers/BarrierSequence.h"
#include "checkers/Checkers.h"
#include "checkers/DebugCheckers.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#ifndef UTRACE_CLANG_RESOURCE_DIR
#define UTRACE_CLANG_RESOURCE_DIR ""
#endif

using namespace clang;
using namespace clang::tooling;

namespace utrace {

std::vector<std::string> checkersFor(const std::set<std::string> &Rules) {
  std::vector<std::string> Out;
  for (const Rule &R : Catalog::builtin().rules())
    if (Rules.count(R.Id) && isRegisteredFamilyChecker(R.Checker.c_str()) &&
        std::find(Out.begin(), Out.end(), R.Checker) == Out.end())
      Out.push_back(R.Checker);
  return Out;
}

namespace {

class PlainCFallbackDatabase : public CompilationDatabase {
public:
  explicit PlainCFallbackDatabase(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}
  std::vector<CompileCommand>
  getCompileCommands(StringRef File) const override {
    if (Inner) {
      auto Cmds = Inner->getCompileCommands(File);
      if (!Cmds.empty())
        return Cmds;
    }
    SmallString<256> Dir;
    llvm::sys::fs::current_path(Dir);
    return {CompileCommand(Dir, File, {"clang", File.str()}, "")};
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner ? Inner->getAllFiles() : std::vector<std::string>();
  }

private:
  std::unique_ptr<CompilationDatabase> Inner;
};

/// LibTooling makes every path absolute; show paths below the working
/// directory relative to it, as compilers and sparse print them.
std::string displayPath(StringRef Path) {
  static const std::string Cwd = [] {
    SmallString<256> Dir;
    llvm::sys::fs::current_path(Dir);
    return std::string(Dir) + "/";
  }();
  StringRef P = Path;
  if (P.consume_front(Cwd) && !P.empty())
    return P.str();
  return Path.str();
}

Location resolve(const SourceManager &SM, SourceLocation L) {
  Location Out;
  if (L.isInvalid())
    return Out;
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  if (P.isInvalid())
    return Out;
  Out.File = displayPath(P.getFilename());
  Out.Line = P.getLine();
  Out.Column = P.getColumn();
  return Out;
}

/// Turns the analyzer's path diagnostics into Findings (and, with --verify,
/// into clang diagnostics that -verify checks against the source comments).
class FindingCollector : public ento::PathDiagnosticConsumer {
public:
  FindingCollector(CompilerInstance &CI, FileResult &Out,
                   const AnalysisConfig &Cfg)
      : CI(CI), Out(Out), Cfg(Cfg) {}

  StringRef getName() const override { return "utrace-check"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }
  bool supportsLogicalOpControlFlow() const override { return true; }
  // Paths often end in a header's static inline (task_pid_nr(),
  // put_task_struct()); without this the analyzer drops those reports.
  bool supportsCrossFileDiagnostics() const override { return true; }

  void FlushDiagnosticsImpl(std::vector<const ento::PathDiagnostic *> &Diags,
                            FilesMade *) override {
    for (const ento::PathDiagnostic *PD : Diags)
      collect(*PD);
  }

private:
  /// Whether this file reports findings of rule R.
  bool reports(const Rule *R) const {
    if (!R || !Cfg.EnabledRules.count(R->Id))
      return false;
    // The 2006-2008 API has no engine reference counts nor examine
    // windows: the catalog says which rules are about them
    // (first_generation: off), and which check only that generation's
    // idiom (first_generation: only).
    if (R->OffInFirstGeneration && Out.OldApiGeneration)
      return false;
    if (R->OnlyInFirstGeneration && !Out.OldApiGeneration)
      return false;
    // A file without utrace is analysed for the families the catalog says
    // report there (needs_utrace_api: false); the others need the API.
    return familyReports(*R, Out.UsesUtrace);
  }

  void collect(const ento::PathDiagnostic &PD) {
    // utrace.debug.DumpState (tests only): no rule, no path, only the state.
    bool Debug = PD.getBugType() == DumpStateCheckerName;
    const Rule *R = Catalog::builtin().find(PD.getBugType());
    if (!Debug && !reports(R))
      return;
    const SourceManager &SM = CI.getSourceManager();
    SourceLocation WarnLoc = PD.getLocation().asLocation();
    Finding F;
    F.RuleId = Debug ? DumpStateCheckerName : R->Id;
    F.Sev = Debug ? Severity::Warning : R->Sev;
    F.Loc = resolve(SM, WarnLoc);
    F.Message = PD.getShortDescription().str();
    const Decl *WithIssue = PD.getDeclWithIssue();
    // Ending in a header's inline: reported at the call in the checked file.
    std::optional<MainFileLocation> Lifted = mainFileLocation(PD, SM);
    Location HeaderLoc = F.Loc;
    if (Lifted) {
      WarnLoc = Lifted->CallSite;
      F.Loc = resolve(SM, WarnLoc);
      WithIssue = Lifted->Caller;
    }
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(WithIssue))
      F.Function = ND->getNameAsString();
    if (CurrentHandOverRecord && PD.getUniqueingLoc().isValid()) {
      auto It = CurrentHandOverRecord->OwedByAcquisition.find(
          PD.getUniqueingLoc().asLocation().getRawEncoding());
      if (It != CurrentHandOverRecord->OwedByAcquisition.end())
        F.OwedField = It->second;
    }
    std::vector<std::pair<SourceLocation, std::string>> NoteLocs;
    if (!Debug)
      NoteLocs = collectNotes(PD, F, HeaderLoc, Lifted);
    if (Cfg.Verify)
      reportForVerify(WarnLoc, F, NoteLocs);
    Out.Findings.push_back(std::move(F));
  }

  /// The path's events and notes as F's notes; also returned with their
  /// source locations, for --verify.
  std::vector<std::pair<SourceLocation, std::string>>
  collectNotes(const ento::PathDiagnostic &PD, Finding &F,
               const Location &HeaderLoc,
               const std::optional<MainFileLocation> &Lifted) {
    const SourceManager &SM = CI.getSourceManager();
    std::vector<std::pair<SourceLocation, std::string>> NoteLocs;
    for (const auto &Piece : PD.path.flatten(/*ShouldFlattenMacros=*/true)) {
      if (Piece->getKind() != ento::PathDiagnosticPiece::Event &&
          Piece->getKind() != ento::PathDiagnosticPiece::Note)
        continue;
      std::string Msg = Piece->getString().str();
      if (Msg.empty())
        continue;
      SourceLocation L = Piece->getLocation().asLocation();
      Location Loc = resolve(SM, L);
      // The path ends with the warning itself; do not repeat it (but say
      // where in the header it happened when it was moved).
      if (Msg == F.Message && Loc == HeaderLoc) {
        if (!Lifted)
          continue;
        Msg = "here, in " + Lifted->Callee;
      }
      // Notes read like the warning: lowercase start.
      if (Msg.size() > 1 && isupper(Msg[0]) && !isupper(Msg[1]))
        Msg[0] = static_cast<char>(tolower(Msg[0]));
      F.Notes.push_back({Loc, Msg});
      NoteLocs.push_back({L, Msg});
    }
    return NoteLocs;
  }

  /// --verify: the finding as clang diagnostics, which -verify checks
  /// against the file's expected-warning and expected-note comments.
  void reportForVerify(
      SourceLocation WarnLoc, const Finding &F,
      const std::vector<std::pair<SourceLocation, std::string>> &NoteLocs) {
    const SourceManager &SM = CI.getSourceManager();
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned WarnID = D.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
    unsigned NoteID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    D.Report(SM.getExpansionLoc(WarnLoc), WarnID)
        << (F.Message + " [" + F.RuleId + "]");
    for (auto &[L, Msg] : NoteLocs)
      D.Report(SM.getExpansionLoc(L), NoteID) << Msg;
  }

  CompilerInstance &CI;
  FileResult &Out;
  const AnalysisConfig &Cfg;
};

/// Holds back every top-level declaration until the whole file is parsed,
/// then hands only the relevant functions to the analyzer.
class RelevanceConsumer : public ASTConsumer {
public:
  RelevanceConsumer(std::unique_ptr<ento::AnalysisASTConsumer> Inner,
                    FileResult &Out, const AnalysisConfig &Cfg,
                    AnalyzerOptions &AO)
      : Inner(std::move(Inner)), Out(Out), Cfg(Cfg), AO(AO) {}

  void Initialize(ASTContext &Ctx) override { Inner->Initialize(Ctx); }
  bool HandleTopLevelDecl(DeclGroupRef G) override {
    Decls.insert(Decls.end(), G.begin(), G.end());
    return true;
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    StageTimes *Times = StageTimes::current();
    if (healAgain(Times))
      return;
    const ApiModel &Api = ApiModel::builtin();
    if (Cfg.ReleasedFieldsOnly) {
      recordReleasedFields(Ctx, Api);
      Out.Status = FileStatus::Skipped;
      Out.Reason = "read only for the engine fields it releases";
      return;
    }
    Out.OldApiGeneration =
        !translationUnitDeclares(Ctx, Api.generationMarker());
    RelevanceDecision Decision = decideRelevance(
        Decls, Ctx, Api, {Cfg.ScopeAll, Cfg.Standalone});
    RelevanceResult &R = Decision.Functions;
    Out.UsesUtrace = Decision.UsesApi;
    countFunctions(Ctx, R);
    recordCoverage(Ctx, R);
    // --standalone: every function that mattered failed to parse (each is
    // listed with its first error by recordCoverage).
    if (Decision.SkipReason.empty() && R.Relevant.empty() &&
        !Decision.BarrierPass)
      Decision.SkipReason = "no function that uses the utrace API parsed";
    if (!Decision.SkipReason.empty()) {
      Out.Status = FileStatus::Skipped;
      Out.Reason = Decision.SkipReason;
      if (Times)
        Times->lap("relevance");
      return;
    }
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (FD && R.Relevant.contains(FD->getCanonicalDecl()))
        Inner->HandleTopLevelDecl(DeclGroupRef(D));
    }
    configureForScope();
    if (Times)
      Times->lap("relevance");
    analyse(Ctx, Api);
    if (Times)
      Times->lap("analysis");
  }

  /// --standalone: a parse that taught the healer something is parsed
  /// again with the new prelude before anything is analysed; true then.
  bool healAgain(StageTimes *Times) {
    std::string Round = std::to_string(Cfg.HealRound);
    if (Times)
      Times->lap("parse " + Round);
    bool Learnt = Cfg.Healer && Cfg.Healer->learn();
    if (Times && Cfg.Healer)
      Times->lap("heal " + Round);
    if (!Learnt || Cfg.HealFinalRound)
      return false;
    Out.HealRetry = true;
    return true;
  }

  /// The file's own function definitions, and how many of them are
  /// analysed.
  void countFunctions(ASTContext &Ctx, const RelevanceResult &R) {
    const SourceManager &SM = Ctx.getSourceManager();
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody() ||
          !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
        continue;
      ++Out.FunctionsSeen;
      Out.FunctionsAnalysed += R.Relevant.contains(FD->getCanonicalDecl());
    }
  }

  /// A file brought in only by --scope=all gets the declared orderings, not
  /// inferred pairing (read by utrace.Barrier at the end of the file), and
  /// only the RCU rules, whose paths are short: a smaller node budget per
  /// function keeps kernel giants (kernel/events/core.c) from dominating a
  /// --scope=all run (docs/kernel-bench.md).
  void configureForScope() {
    AO.Config["utrace-barrier-inference"] =
        Cfg.ScopeAll && !Out.UsesUtrace ? "off" : Cfg.BarrierInference;
    if (Cfg.ScopeAll && !Out.UsesUtrace)
      AO.MaxNodesPerTopLevelFunction =
          std::min(AO.MaxNodesPerTopLevelFunction, 20000u);
  }

  /// Runs the analyzer; with CrossFileHandOver, records what settles
  /// hand-overs across the files of the run (EngineRefFacts.h).
  void analyse(ASTContext &Ctx, const ApiModel &Api) {
    if (!Cfg.CrossFileHandOver || !Out.UsesUtrace) {
      Inner->HandleTranslationUnit(Ctx);
      return;
    }
    HandOverRecord Record;
    recordReleasedFields(Ctx, Api);
    CurrentHandOverRecord = &Record;
    Inner->HandleTranslationUnit(Ctx);
    CurrentHandOverRecord = nullptr;
  }

private:
  /// Out.ReleasedFields: the fields and globals with external linkage this
  /// file releases, as other files name them (EngineRefFacts.h).
  void recordReleasedFields(ASTContext &Ctx, const ApiModel &Api) {
    std::set<std::string> Released;
    for (const Decl *D : EngineRefFacts::compute(Ctx, Api).Released)
      if (std::string Key = crossFileKey(D); !Key.empty())
        Released.insert(Key);
    Out.ReleasedFields.assign(Released.begin(), Released.end());
  }

  /// Lists every function of the file that calls the utrace API or is
  /// relevant to a rule family, with its status. With --standalone, drops
  /// from R the functions that did not parse cleanly or use a declaration
  /// that did not, hides the body of every such function (its callers treat
  /// it as unknown instead of inlining it), then clears the error state so
  /// the analyzer, which refuses a translation unit with errors, runs on
  /// the rest.
  void recordCoverage(ASTContext &Ctx, RelevanceResult &R) {
    const SourceManager &SM = Ctx.getSourceManager();
    bool HadErrors = Ctx.getDiagnostics().hasErrorOccurred();
    // Without --standalone an error anywhere stops the analysis.
    std::string FileReason;
    if (HadErrors && !Cfg.Standalone)
      FileReason = "the file did not parse" +
                   (Out.Errors.empty() ? "" : ": " + show(Out.Errors.front()));
    CoverageList List;
    std::vector<const FunctionDecl *> Parsed;
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody())
        continue;
      if (SM.isInMainFile(SM.getExpansionLoc(FD->getBeginLoc())))
        Parsed.push_back(FD);
      coverFunction(Ctx, FD, HadErrors, FileReason, R, List);
    }
    // Definitions the parser dropped altogether (an unknown macro between
    // the declarator and the body): found in the tokens.
    if (HadErrors)
      coverDroppedDefinitions(Ctx, Parsed, List);
    llvm::stable_sort(List, [](auto &A, auto &B) { return A.first < B.first; });
    for (auto &[Off, C] : List) {
      if (!C.Analysed)
        Out.SkippedFunctions.push_back({C.Name, C.Line, C.Reason});
      Out.Functions.push_back(std::move(C));
    }
    Out.ApiFunctions = Out.Functions.size();
    if (Cfg.Standalone)
      Ctx.getDiagnostics().Reset(/*soft=*/true);
  }

  /// Coverage entries by file offset.
  using CoverageList = std::vector<std::pair<unsigned, FunctionCoverage>>;

  /// Lists FD when it is in the main file and relevant (or names the API
  /// but did not parse); with --standalone, drops a broken FD from R and
  /// hides its body.
  void coverFunction(ASTContext &Ctx, FunctionDecl *FD, bool HadErrors,
                     const std::string &FileReason, RelevanceResult &R,
                     CoverageList &List) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation B = SM.getExpansionLoc(FD->getBeginLoc());
    bool Main = SM.isInMainFile(B);
    const FunctionDecl *Key = FD->getCanonicalDecl();
    bool Relevant = R.Relevant.contains(Key);
    // Outside the main file only --standalone needs to know (to hide the
    // body); a kernel tree's headers have thousands of functions.
    std::string Why = HadErrors && (Main || Cfg.Standalone)
                          ? whyBroken(SM, FD)
                          : std::string();
    if (Main && (Relevant ||
                 (!Why.empty() && namesApiCall(SM, Ctx.getLangOpts(),
                                               FD->getSourceRange(),
                                               ApiModel::builtin())))) {
      FunctionCoverage C{FD->getNameAsString(), SM.getExpansionLineNumber(B),
                         true, ""};
      if (!Why.empty() || !FileReason.empty()) {
        C.Analysed = false;
        C.Reason = Why.empty() ? FileReason : Why;
      }
      List.push_back({SM.getFileOffset(B), std::move(C)});
    }
    if (Why.empty() || !Cfg.Standalone)
      return;
    if (Relevant) {
      R.Relevant.erase(Key);
      if (Main)
        --Out.FunctionsAnalysed; // counted by HandleTranslationUnit
    }
    hideBody(FD);
  }

  /// Definitions of the main file that name the API and that the parser
  /// dropped (no FunctionDecl among Parsed covers them).
  void coverDroppedDefinitions(ASTContext &Ctx,
                               const std::vector<const FunctionDecl *> &Parsed,
                               CoverageList &List) {
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    for (const SourceDefinition &S : findDefinitions(SM, LO, Skipped)) {
      unsigned Begin = SM.getFileOffset(S.Begin), End = SM.getFileOffset(S.End);
      bool Seen = llvm::any_of(Parsed, [&](const FunctionDecl *FD) {
        SourceLocation L = SM.getExpansionLoc(FD->getLocation());
        unsigned Off = SM.getFileOffset(L);
        return SM.isInMainFile(L) && Off >= Begin && Off <= End;
      });
      if (Seen || !namesApiCall(SM, LO, {S.Begin, S.End}, ApiModel::builtin()))
        continue;
      std::string E = firstErrorIn(SM, {S.Begin, S.End});
      // No error of its own: the parser was still recovering from one
      // before it (an unknown macro after an earlier declarator).
      if (E.empty())
        E = lastErrorBefore(SM, S.Begin);
      FunctionCoverage C{S.Name, SM.getExpansionLineNumber(S.Begin), false,
                         "its definition did not parse" +
                             (E.empty() ? "" : ": " + E)};
      List.push_back({Begin, std::move(C)});
    }
  }

  static std::string show(const ErrorLine &E) {
    return E.File + ":" + std::to_string(E.Line) + ": " + E.Message;
  }

  /// The first compiler error within Range, as "FILE:LINE: message".
  std::string firstErrorIn(const SourceManager &SM, SourceRange Range) {
    Location B = resolve(SM, Range.getBegin()), E = resolve(SM, Range.getEnd());
    if (B.File.empty() || B.File != E.File)
      return "";
    for (const ErrorLine &Err : Out.Errors)
      if (Err.File == B.File && Err.Line >= B.Line && Err.Line <= E.Line)
        return show(Err);
    return "";
  }

  /// The last compiler error in the main file before L, with a note that
  /// the parser was recovering from it.
  std::string lastErrorBefore(const SourceManager &SM, SourceLocation L) {
    Location At = resolve(SM, L);
    const ErrorLine *Last = nullptr;
    for (const ErrorLine &Err : Out.Errors)
      if (Err.File == At.File && Err.Line < At.Line)
        Last = &Err;
    return Last ? "the parser was still recovering from " + show(*Last) : "";
  }

  /// Why FD cannot be analysed after errors ("" when it can): an error in
  /// it, or a declaration it uses that did not parse.
  std::string whyBroken(const SourceManager &SM, const FunctionDecl *FD) {
    if (std::string E = firstErrorIn(SM, FD->getSourceRange()); !E.empty())
      return E;
    if (const Decl *D = brokenDeclUsedBy(FD)) {
      std::string What = "a declaration";
      if (const auto *RD = dyn_cast<RecordDecl>(D))
        What = (RD->getKindName() + " " + RD->getName()).str();
      else if (const auto *F = dyn_cast<FieldDecl>(D))
        What = "field '" + F->getNameAsString() + "' of " +
               F->getParent()->getKindName().str() + " " +
               F->getParent()->getNameAsString();
      else if (const auto *ND = dyn_cast<NamedDecl>(D))
        What = "'" + ND->getNameAsString() + "'";
      std::string E = firstErrorIn(SM, D->getSourceRange());
      return "uses " + What + ", which did not parse" +
             (E.empty() ? "" : ": " + E);
    }
    if (FD->isInvalidDecl() || bodyHasErrors(FD))
      return "uses a declaration that did not parse";
    return "";
  }

public:
  /// Ranges the preprocessor skipped (#if 0, the other #ifdef branch).
  std::vector<SourceRange> Skipped;

private:
  std::unique_ptr<ento::AnalysisASTConsumer> Inner;
  FileResult &Out;
  const AnalysisConfig &Cfg;
  AnalyzerOptions &AO;
  std::vector<Decl *> Decls;
};

/// --standalone: an #include the simulator does not have (an era-specific
/// header) is skipped instead of stopping the parse; the functions that
/// need it fail to parse and are reported, the others are analysed.
class SkipMissingHeaders : public PPCallbacks {
public:
  explicit SkipMissingHeaders(FileResult &Out) : Out(Out) {}
  bool FileNotFound(StringRef FileName) override {
    Out.MissingHeaders.push_back(FileName.str());
    return true;
  }

private:
  FileResult &Out;
};

/// Records the ranges the preprocessor skipped, for the coverage scan.
class SkippedRanges : public PPCallbacks {
public:
  explicit SkippedRanges(std::vector<SourceRange> &Out) : Out(Out) {}
  void SourceRangeSkipped(SourceRange Range, SourceLocation) override {
    Out.push_back(Range);
  }

private:
  std::vector<SourceRange> &Out;
};

class UtraceAction : public ASTFrontendAction {
public:
  UtraceAction(FileResult &Out, const AnalysisConfig &Cfg)
      : Out(Out), Cfg(Cfg) {}

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    if (Cfg.Standalone)
      CI.getPreprocessor().addPPCallbacks(
          std::make_unique<SkipMissingHeaders>(Out));
    if (Cfg.Healer)
      Cfg.Healer->attach(CI.getPreprocessor());
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    AnalyzerOptions &AO = CI.getAnalyzerOpts();
    AO.AnalysisDiagOpt = PD_NONE;
    AO.CheckersAndPackages.clear();
    for (const std::string &C : checkersFor(Cfg.EnabledRules))
      AO.CheckersAndPackages.push_back({C, true});
    // Modelling only: __builtin_expect (likely/unlikely) and noreturn
    // functions (panic, BUG) end or steer paths; no core checker reports.
    AO.CheckersAndPackages.push_back({"core.builtin.BuiltinFunctions", true});
    AO.CheckersAndPackages.push_back({"core.builtin.NoReturnFunctions", true});
    // --time-stages: also the analyzer's own line per function, with its time
    // (clang's -analyzer-display-progress).
    AO.AnalyzerDisplayProgress = Cfg.TimeStages;
    if (!Cfg.Contract.empty())
      AO.Config["utrace-contract"] = Cfg.Contract;
    // Read by the family checkers: a disabled rule neither reports nor
    // changes the path (issue 14, defect 1).
    AO.Config["utrace-enabled-rules"] = llvm::join(Cfg.EnabledRules, ",");
    // Notes of non-path reports (BugReport::addNote) reach FindingCollector
    // as path events.
    AO.ShouldDisplayNotesAsEvents = true;
    AO.CheckersAndPackages.push_back({CurrentFunctionTrackerName, true});
    for (const std::string &C : Cfg.DebugCheckers)
      AO.CheckersAndPackages.push_back({C, true});
    auto AC = ento::CreateAnalysisConsumer(CI);
    AC->AddCheckerRegistrationFn(registerUtraceCheckers);
    AC->AddCheckerRegistrationFn(registerCurrentFunctionTracker);
    AC->AddDiagnosticConsumer(new FindingCollector(CI, Out, Cfg));
    auto RC = std::make_unique<RelevanceConsumer>(std::move(AC), Out, Cfg, AO);
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<SkippedRanges>(RC->Skipped));
    return RC;
  }

private:
  FileResult &Out;
  const AnalysisConfig &Cfg;
};

class ActionFactory : public FrontendActionFactory {
public:
  ActionFactory(FileResult &Out, const AnalysisConfig &Cfg)
      : Out(Out), Cfg(Cfg) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<UtraceAction>(Out, Cfg);
  }

private:
  FileResult &Out;
  const AnalysisConfig &Cfg;
};

/// Counts compiler errors and keeps the first one for a one-line reason;
/// with a FileResult, also every main-file error line (for --standalone).
class ErrorCollector : public DiagnosticConsumer {
public:
  ErrorCollector(bool Verbose, FileResult *Lines, bool MainLines)
      : Verbose(Verbose), Lines(Lines), MainLines(MainLines) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    SmallString<128> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      Location L = resolve(Info.getSourceManager(), Info.getLocation());
      Where = L.File + ":" + std::to_string(L.Line) + ":" +
              std::to_string(L.Column) + ": ";
    }
    std::string Line = Where + "error: " + Msg.str().str();
    if (First.empty())
      First = Line;
    if (Lines && Info.hasSourceManager() && Info.getLocation().isValid()) {
      Location Loc = resolve(Info.getSourceManager(), Info.getLocation());
      Lines->Errors.push_back({Loc.File, Loc.Line, Msg.str().str()});
    }
    if (Lines && MainLines && Info.hasSourceManager() &&
        Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      SourceLocation L = SM.getExpansionLoc(Info.getLocation());
      if (SM.isInMainFile(L))
        Lines->ParseErrors.push_back({SM.getExpansionLineNumber(L),
                                      Msg.str().str()});
    }
    if (Verbose)
      Shown.push_back(Line);
  }
  std::string First;
  /// With -v, every error line, printed once the last parse is known.
  std::vector<std::string> Shown;

private:
  bool Verbose;
  FileResult *Lines;
  bool MainLines; ///< also fill Lines->ParseErrors (--standalone)
};

bool hasArg(const CommandLineArguments &Args, StringRef Prefix) {
  return llvm::any_of(Args,
                      [&](const std::string &A) { return StringRef(A).starts_with(Prefix); });
}

} // namespace

std::unique_ptr<CompilationDatabase>
withPlainCFallback(std::unique_ptr<CompilationDatabase> Inner) {
  return std::make_unique<PlainCFallbackDatabase>(std::move(Inner));
}

namespace {

/// What --standalone adds to every parse of a file: the prelude and the
/// simulator's standalone.h; the first API generation's headers first.
struct HealSetup {
  std::unique_ptr<StandaloneHealer> Healer;
  std::vector<std::string> Args, FirstArgs;
};

HealSetup healSetup(const std::string &File, const AnalysisConfig &Cfg) {
  HealSetup H;
  if (!Cfg.Standalone || !Cfg.Heal || Cfg.Verify || Cfg.SimulatorDir.empty())
    return H;
  H.Healer = std::make_unique<StandaloneHealer>();
  H.Args = {"-include", StandaloneHealer::PreludePath, "-include",
            Cfg.SimulatorDir + "/utrace-check/standalone.h"};
  if (auto Buf = llvm::MemoryBuffer::getFile(File))
    if (usesFirstApiGeneration((*Buf)->getBuffer()))
      H.FirstArgs = {"-I" + Cfg.SimulatorDir + "/gen1"};
  return H;
}

/// The compile command's adjustments: syntax only, no output or
/// dependency files, our flags, the prelude, the Clang resource dir.
void adjustArguments(ClangTool &Tool, const AnalysisConfig &Cfg,
                     const HealSetup &H, const std::string &Prelude) {
  Tool.appendArgumentsAdjuster(getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(getClangStripDependencyFileAdjuster());
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  std::vector<std::string> Extra = Cfg.ExtraArgs;
  // Only our findings are reported; the compiler's own warnings are not.
  // Under --verify they stay on: a test file should compile cleanly.
  if (Cfg.Verify)
    Extra.insert(Extra.end(), {"-Xclang", "-verify"});
  else
    Extra.insert(Extra.end(), {"-w", "-fno-caret-diagnostics"});
  Extra.push_back("-fno-color-diagnostics");
  Extra.insert(Extra.end(), H.Args.begin(), H.Args.end());
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END));
  if (!H.FirstArgs.empty())
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        H.FirstArgs, ArgumentInsertPosition::BEGIN));
  if (H.Healer)
    Tool.mapVirtualFile(StandaloneHealer::PreludePath, Prelude);
  Tool.appendArgumentsAdjuster([](const CommandLineArguments &Args,
                                  StringRef) {
    CommandLineArguments Out = Args;
    if (!hasArg(Args, "-resource-dir") && *UTRACE_CLANG_RESOURCE_DIR)
      Out.insert(Out.begin() + 1,
                 std::string("-resource-dir=") + UTRACE_CLANG_RESOURCE_DIR);
    return Out;
  });
}

/// The analyzer crashed in the function Crashed ("" when not known): the
/// file fails alone, and its functions say why they were not analysed.
void markCrashed(FileResult &Out, const std::string &Crashed) {
  Out.Status = FileStatus::Failed;
  Out.InternalError = true;
  Out.Reason = "internal error in the analyzer while checking " +
               (Crashed.empty() ? std::string("the file") : Crashed) +
               "; other files are unaffected";
  Out.Findings.clear();
  for (FunctionCoverage &C : Out.Functions)
    if (C.Analysed) {
      C.Analysed = false;
      C.Reason = C.Name == Crashed ? "internal error in the analyzer"
                                   : "an internal error in the analyzer "
                                     "stopped the file";
    }
}

/// A file that did not parse fails, unless --standalone analysed some
/// function that uses the API in it.
void markParseFailure(FileResult &Out, int RC, const ErrorCollector &Errs,
                      const AnalysisConfig &Cfg) {
  bool PartlyAnalysed = Cfg.Standalone && Out.FunctionsAnalysed > 0 &&
                        Out.Status == FileStatus::Analysed;
  if ((RC == 0 && !Errs.getNumErrors()) || PartlyAnalysed)
    return;
  Out.Status = FileStatus::Failed;
  Out.Reason = Errs.First.empty() ? "could not be parsed" : Errs.First;
  if (Errs.getNumErrors() > 1)
    Out.Reason += " (and " + std::to_string(Errs.getNumErrors() - 1) +
                  " more errors)";
  Out.Findings.clear();
}

/// What one round of parsing (and, on the last, analysing) the file left:
/// the tool's result code, and whether it survived (Crashed: where not).
struct RoundResult {
  bool Survived = true;
  int RC = 0;
  std::string Crashed;
};

/// One round: a fresh tool with the healer's current prelude, its errors
/// collected into Errors (only the last round's are shown).
RoundResult runRound(const CompilationDatabase &DB, const std::string &File,
                     const AnalysisConfig &Cfg, const AnalysisConfig &RoundCfg,
                     const HealSetup &H, FileResult &Out,
                     std::unique_ptr<ErrorCollector> &Errors) {
  // Each tool gets a file system of its own: the shared real one moves
  // the process's working directory to the compile command's directory
  // and back, which races between -j threads (a file then fails with
  // its quoted includes "not found").
  ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(),
                 llvm::vfs::createPhysicalFileSystem());
  std::string Prelude = H.Healer ? H.Healer->prelude() : "";
  adjustArguments(Tool, Cfg, H, Prelude);
  Errors = std::make_unique<ErrorCollector>(Cfg.Verbose, &Out, Cfg.Standalone);
  std::unique_ptr<DiagnosticConsumer> Recorder;
  if (H.Healer)
    Recorder = H.Healer->wrap(Errors.get());
  Tool.setPrintErrorMessage(false);
  if (!Cfg.Verify)
    Tool.setDiagnosticConsumer(Recorder ? Recorder.get() : Errors.get());
  ActionFactory Factory(Out, RoundCfg);
  RoundResult R;
  R.Survived = runRecoveringCrashes([&] { R.RC = Tool.run(&Factory); },
                                    R.Crashed, Cfg.DebugCrashIn);
  // A crash unwinds past analyse(), which would have cleared it.
  CurrentHandOverRecord = nullptr;
  return R;
}

void printShownErrors(const ErrorCollector &Errors) {
  for (const std::string &L : Errors.Shown)
    llvm::errs() << L << '\n';
}

} // namespace

/// --time-stages: makes Times the current file's stage record for the
/// lifetime of the guard (restoring the outer one, e.g. of a worker).
struct CurrentStages {
  CurrentStages(StageTimes &Times, bool On)
      : Current(StageTimes::current()), Outer(Current) {
    Current = On ? &Times : nullptr;
  }
  ~CurrentStages() { Current = Outer; }
  StageTimes *&Current;
  StageTimes *Outer;
};

FileResult analyzeFile(const CompilationDatabase &DB, const std::string &File,
                       const AnalysisConfig &Cfg) {
  // --standalone: parse, fill in what was missing, parse again
  // (StandaloneHeal.h); the last parse is the one analysed.
  HealSetup H = healSetup(File, Cfg);
  FileResult Out;
  AnalysisConfig RoundCfg = Cfg;
  RoundCfg.Healer = H.Healer.get();
  // --time-stages: this file's stages, kept across the rounds.
  StageTimes Times;
  CurrentStages Stages(Times, Cfg.TimeStages);
  std::unique_ptr<ErrorCollector> Errors;
  RoundResult Last;
  for (unsigned Round = 1;; ++Round) {
    Out = FileResult();
    Out.File = File;
    RoundCfg.HealFinalRound = !H.Healer || Round > StandaloneHealer::MaxRounds;
    RoundCfg.HealRound = Round;
    Times.reset();
    Last = runRound(DB, File, Cfg, RoundCfg, H, Out, Errors);
    if (Cfg.TimeStages)
      Times.lap("teardown " + std::to_string(Round));
    if (!Last.Survived) {
      Out.Stages = Times;
      printShownErrors(*Errors);
      markCrashed(Out, Last.Crashed);
      return Out;
    }
    if (Out.HealRetry)
      continue;
    if (H.Healer) {
      Out.HealRounds = Round;
      Out.HealNotes = H.Healer->summary();
      Out.Unhealable.assign(H.Healer->unhealable().begin(),
                            H.Healer->unhealable().end());
    }
    break;
  }
  Out.Stages = std::move(Times);
  printShownErrors(*Errors);
  if (Cfg.Verify) {
    Out.VerifyFailed = Last.RC != 0;
    return Out;
  }
  markParseFailure(Out, Last.RC, *Errors, Cfg);
  return Out;
}

void settleHandOvers(std::vector<FileResult> &Results,
                     const std::vector<std::string> &Released) {
  std::set<std::string> Unique(Released.begin(), Released.end());
  for (const FileResult &R : Results)
    Unique.insert(R.ReleasedFields.begin(), R.ReleasedFields.end());
  std::vector<std::string> All(Unique.begin(), Unique.end());
  for (FileResult &R : Results)
    dropHandedOver(R.Findings, All);
}

} // namespace utrace
