//===- Analysis.cpp - running the checkers over files -----------*- C++ -*-===//
#include "Analysis.h"
#include "ApiModel.h"
#include "Catalog.h"
#include "Relevance.h"
#include "ScopeRelevance.h"
#include "checkers/BarrierSequence.h"
#include "checkers/Checkers.h"
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
  void collect(const ento::PathDiagnostic &PD) {
    const Rule *R = Catalog::builtin().find(PD.getBugType());
    if (!R || !Cfg.EnabledRules.count(R->Id))
      return;
    // The 2006-2008 API has no engine reference counts.
    if (R->Family == "REF" && Out.OldApiGeneration)
      return;
    // Files without utrace are analysed for the RCU and atomic-context
    // rules (--scope=all) and for the barrier rules (a file with barriers
    // or declared orderings); the other families need the utrace API.
    if (R->Family != "RCU" && R->Family != "CTX" && R->Family != "BAR" &&
        !Out.UsesUtrace)
      return;
    const SourceManager &SM = CI.getSourceManager();
    SourceLocation WarnLoc = PD.getLocation().asLocation();
    Finding F;
    F.RuleId = R->Id;
    F.Sev = R->Sev;
    F.Loc = resolve(SM, WarnLoc);
    F.Message = PD.getShortDescription().str();
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(PD.getDeclWithIssue()))
      F.Function = ND->getNameAsString();
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
      // The path ends with the warning itself; do not repeat it.
      if (Msg == F.Message && Loc == F.Loc)
        continue;
      // Notes read like the warning: lowercase start.
      if (Msg.size() > 1 && isupper(Msg[0]) && !isupper(Msg[1]))
        Msg[0] = static_cast<char>(tolower(Msg[0]));
      F.Notes.push_back({Loc, Msg});
      NoteLocs.push_back({L, Msg});
    }
    if (Cfg.Verify) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      unsigned WarnID = D.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
      unsigned NoteID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
      D.Report(SM.getExpansionLoc(WarnLoc), WarnID)
          << (F.Message + " [" + F.RuleId + "]");
      for (auto &[L, Msg] : NoteLocs)
        D.Report(SM.getExpansionLoc(L), NoteID) << Msg;
    }
    Out.Findings.push_back(std::move(F));
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
    const ApiModel &Api = ApiModel::builtin();
    Out.OldApiGeneration =
        !translationUnitDeclares(Ctx, Api.generationMarker());
    RelevanceResult R = findRelevantFunctions(Decls, Api);
    Out.UsesUtrace = !R.Relevant.empty();
    if (Out.UsesUtrace || Cfg.ScopeAll)
      addScopeRelevantFunctions(Decls, Api, /*TaskAccesses=*/Out.UsesUtrace,
                                R);
    const SourceManager &SM = Ctx.getSourceManager();
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody() ||
          !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
        continue;
      ++Out.FunctionsSeen;
      Out.FunctionsAnalysed += R.Relevant.contains(FD->getCanonicalDecl());
    }
    // The barrier rules look at the whole file at its end (utrace.Barrier's
    // EndOfTranslationUnit), also when no function calls the utrace API.
    bool BarrierWork = barrier::mayNeedBarrierPass(Decls, Ctx, Api);
    if (R.Relevant.empty() && !BarrierWork) {
      Out.Status = FileStatus::Skipped;
      Out.Reason = Cfg.ScopeAll ? "no function uses the utrace API, RCU, "
                                  "task lookups or barriers"
                                : "no function uses the utrace API";
      return;
    }
    if (Cfg.Standalone)
      keepCleanFunctions(Ctx, R);
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (FD && R.Relevant.contains(FD->getCanonicalDecl()))
        Inner->HandleTopLevelDecl(DeclGroupRef(D));
    }
    // Read by utrace.Barrier at the end of the file: a file brought in only
    // by --scope=all gets the declared orderings, not inferred pairing.
    AO.Config["utrace-barrier-inference"] =
        Cfg.ScopeAll && !Out.UsesUtrace ? "off" : "on";
    // Such a file gets only the RCU rules, whose paths are short; a smaller
    // node budget per function keeps kernel giants (kernel/events/core.c)
    // from dominating a --scope=all run (docs/kernel-bench.md).
    if (Cfg.ScopeAll && !Out.UsesUtrace)
      AO.MaxNodesPerTopLevelFunction =
          std::min(AO.MaxNodesPerTopLevelFunction, 20000u);
    Inner->HandleTranslationUnit(Ctx);
  }

private:
  /// --standalone: drops the relevant functions that did not parse cleanly
  /// (recording why), then clears the error state so the analyzer, which
  /// refuses a translation unit with errors, runs on the rest.
  void keepCleanFunctions(ASTContext &Ctx, RelevanceResult &R) {
    const SourceManager &SM = Ctx.getSourceManager();
    for (Decl *D : Decls) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody())
        continue;
      SourceLocation B = SM.getExpansionLoc(FD->getBeginLoc());
      if (!SM.isInMainFile(B))
        continue;
      // A call that did not parse is not seen by the relevance filter; the
      // source text still names the API, and the function still counts.
      bool Relevant = R.Relevant.contains(FD->getCanonicalDecl());
      if (!Relevant &&
          !Lexer::getSourceText(SM.getExpansionRange(FD->getSourceRange()),
                                SM, Ctx.getLangOpts())
               .contains("utrace_"))
        continue;
      ++Out.ApiFunctions;
      unsigned First = SM.getExpansionLineNumber(B);
      unsigned Last = SM.getExpansionLineNumber(FD->getEndLoc());
      std::string Reason;
      for (auto &[Line, Msg] : Out.ParseErrors)
        if (Line >= First && Line <= Last) {
          Reason = "line " + std::to_string(Line) + ": " + Msg;
          break;
        }
      if (Reason.empty() && (FD->isInvalidDecl() || bodyHasErrors(FD)))
        Reason = "uses a declaration that did not parse";
      if (Reason.empty() && !Relevant)
        Reason = "its calls of the utrace API did not parse";
      if (Reason.empty())
        continue;
      Out.SkippedFunctions.push_back({FD->getNameAsString(), First, Reason});
      if (Relevant) {
        R.Relevant.erase(FD->getCanonicalDecl());
        --Out.FunctionsAnalysed; // counted by HandleTranslationUnit
      }
    }
    Ctx.getDiagnostics().Reset(/*soft=*/true);
  }

  static bool bodyHasErrors(const FunctionDecl *FD) {
    struct Finder : RecursiveASTVisitor<Finder> {
      bool Found = false;
      bool VisitExpr(Expr *E) {
        Found |= E->containsErrors();
        return !Found;
      }
      // A record or variable that did not parse cannot be laid out: the
      // analyzer crashes computing its offsets.
      bool VisitMemberExpr(MemberExpr *ME) {
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          Found |= F->isInvalidDecl() || !layoutSafe(F->getParent());
        return !Found;
      }
      static bool layoutSafe(const RecordDecl *RD, unsigned Depth = 0) {
        if (!RD || RD->isInvalidDecl() || !RD->isCompleteDefinition())
          return false;
        for (const FieldDecl *F : RD->fields()) {
          QualType T = F->getType();
          while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
            T = AT->getElementType();
          if (F->isInvalidDecl() || T->isIncompleteType())
            return false;
          if (const RecordDecl *In = T->getAsRecordDecl())
            if (Depth < 8 && !layoutSafe(In, Depth + 1))
              return false;
        }
        return true;
      }
      bool VisitDeclRefExpr(DeclRefExpr *DRE) {
        Found |= DRE->getDecl()->isInvalidDecl();
        return !Found;
      }
    } F;
    F.TraverseStmt(FD->getBody());
    return F.Found;
  }

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

class UtraceAction : public ASTFrontendAction {
public:
  UtraceAction(FileResult &Out, const AnalysisConfig &Cfg)
      : Out(Out), Cfg(Cfg) {}

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    if (Cfg.Standalone)
      CI.getPreprocessor().addPPCallbacks(
          std::make_unique<SkipMissingHeaders>(Out));
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
    AO.AnalyzerDisplayProgress = false;
    if (!Cfg.Contract.empty())
      AO.Config["utrace-contract"] = Cfg.Contract;
    // Notes of non-path reports (BugReport::addNote) reach FindingCollector
    // as path events.
    AO.ShouldDisplayNotesAsEvents = true;
    auto AC = ento::CreateAnalysisConsumer(CI);
    AC->AddCheckerRegistrationFn(registerUtraceCheckers);
    AC->AddDiagnosticConsumer(new FindingCollector(CI, Out, Cfg));
    return std::make_unique<RelevanceConsumer>(std::move(AC), Out, Cfg, AO);
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
  explicit ErrorCollector(bool Verbose, FileResult *Lines = nullptr)
      : Verbose(Verbose), Lines(Lines) {}
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
      const SourceManager &SM = Info.getSourceManager();
      SourceLocation L = SM.getExpansionLoc(Info.getLocation());
      if (SM.isInMainFile(L))
        Lines->ParseErrors.push_back({SM.getExpansionLineNumber(L),
                                      Msg.str().str()});
    }
    if (Verbose)
      llvm::errs() << Line << '\n';
  }
  std::string First;

private:
  bool Verbose;
  FileResult *Lines;
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

FileResult analyzeFile(const CompilationDatabase &DB, const std::string &File,
                       const AnalysisConfig &Cfg) {
  FileResult Out;
  Out.File = File;
  ClangTool Tool(DB, {File});
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
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster([](const CommandLineArguments &Args,
                                  StringRef) {
    CommandLineArguments Out = Args;
    if (!hasArg(Args, "-resource-dir") && *UTRACE_CLANG_RESOURCE_DIR)
      Out.insert(Out.begin() + 1,
                 std::string("-resource-dir=") + UTRACE_CLANG_RESOURCE_DIR);
    return Out;
  });

  ErrorCollector Errors(Cfg.Verbose, Cfg.Standalone ? &Out : nullptr);
  Tool.setPrintErrorMessage(false);
  if (!Cfg.Verify)
    Tool.setDiagnosticConsumer(&Errors);
  ActionFactory Factory(Out, Cfg);
  int RC = Tool.run(&Factory);
  if (Cfg.Verify) {
    Out.VerifyFailed = RC != 0;
    return Out;
  }
  // --standalone: a file with errors still counts as analysed when some
  // function that uses the API parsed cleanly.
  bool PartlyAnalysed = Cfg.Standalone && Out.FunctionsAnalysed > 0 &&
                        Out.Status == FileStatus::Analysed;
  if ((RC != 0 || Errors.getNumErrors()) && !PartlyAnalysed) {
    Out.Status = FileStatus::Failed;
    Out.Reason = Errors.First.empty() ? "could not be parsed" : Errors.First;
    if (Errors.getNumErrors() > 1)
      Out.Reason += " (and " + std::to_string(Errors.getNumErrors() - 1) +
                    " more errors)";
    Out.Findings.clear();
  }
  return Out;
}

} // namespace utrace
