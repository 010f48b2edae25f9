//===- ErrorResultChecker.cpp - error values made wrong or dropped -*- C++
//-*-===//
//
// Two rules of the engine-reference family (utrace.EngineRef) about error
// values, both local facts of one function:
//
//  UT-REF-007  ERR_PTR() given a positive errno (ERR_PTR(ENOENT), or a local
//              only ever assigned positive values): the result is not in
//              the range IS_ERR() recognises, so it passes every error test
//              and is used as a valid pointer. ERR_PTR() takes -errno.
//  UT-REF-008  the result of an API call the table marks `must_check`
//              (rules/api/utrace.yaml) is discarded: the call is a whole
//              statement, the left side of a comma, a for-loop's init or
//              step. An explicit `(void)` cast is a deliberate ignore.
//
// They are structural, not path-sensitive, so they run over every function
// of the main file at the end of the translation unit, also functions the
// analyzer is not given (a helper that makes the error pointer calls no
// utrace function). Code the CFG proves dead (`if (0)`, a false
// IS_ENABLED()) is not judged. A separate file from EngineRefChecker.cpp,
// whose path-sensitive reference model shares nothing with these, but the
// same checker name: the catalog family, --enable/--disable and SARIF see
// one utrace.EngineRef.
//
// Deliberate blind spots: a positive value that is only known on a path
// (`err = -PTR_ERR(e)` after an IS_ERR() test) is not proved; a result
// stored in a variable that is never read counts as checked.
//
//===----------------------------------------------------------------------===//
#include "analysis/Robustness.h"
#include "checkers/Checkers.h"
#include "checkers/TaskModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;
using namespace ento;

namespace utrace {
namespace {

constexpr const char *Category = "utrace engine reference";

enum class Sign { Unknown, Negative, Zero, Positive };

Sign negate(Sign S) {
  switch (S) {
  case Sign::Negative:
    return Sign::Positive;
  case Sign::Positive:
    return Sign::Negative;
  default:
    return S;
  }
}

/// Every value a local integer variable of one function is given, when
/// nothing else can change it: its initializer and plain assignments, and
/// no compound assignment, increment, asm output or address taken.
class LocalDefinitions : public RecursiveASTVisitor<LocalDefinitions> {
public:
  explicit LocalDefinitions(const FunctionDecl *FD) {
    TraverseStmt(FD->getBody());
  }

  /// The values given to VD, or null when it is not a local whose every
  /// write is visible here.
  const llvm::SmallVector<const Expr *, 4> *of(const VarDecl *VD) const {
    if (!VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || Opaque.count(VD))
      return nullptr;
    auto It = Defs.find(VD);
    return It == Defs.end() ? nullptr : &It->second;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit())
      Defs[VD].push_back(Init);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (const VarDecl *VD = localOf(BO->getLHS())) {
      if (BO->getOpcode() == BO_Assign)
        Defs[VD].push_back(BO->getRHS());
      else if (BO->isCompoundAssignmentOp())
        Opaque.insert(VD);
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *VD = localOf(UO->getSubExpr()))
        Opaque.insert(VD);
    return true;
  }
  // Kernel accessors (__get_user()) write locals as asm outputs.
  bool VisitGCCAsmStmt(GCCAsmStmt *AS) {
    for (const Expr *Out : AS->outputs())
      if (const VarDecl *VD = localOf(Out))
        Opaque.insert(VD);
    return true;
  }

private:
  static const VarDecl *localOf(const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 4>> Defs;
  llvm::DenseSet<const VarDecl *> Opaque;
};

/// The sign E is known to have in every execution: constant folding,
/// negation, and locals whose every definition has that sign.
Sign signOf(const Expr *E, const ASTContext &Ctx, const LocalDefinitions &L,
            unsigned Depth = 0) {
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx)) {
    const llvm::APSInt &V = R.Val.getInt();
    return V.isZero() ? Sign::Zero
                      : (V.isSigned() && V.isNegative() ? Sign::Negative
                                                        : Sign::Positive);
  }
  if (Depth > 4)
    return Sign::Unknown;
  // Integer conversions that keep the value ((long)x): anything that could
  // wrap a negative value into a positive one was folded above or is
  // unknown.
  const Expr *S = E->IgnoreParens();
  while (const auto *CE = dyn_cast<CastExpr>(S)) {
    if (CE->getCastKind() != CK_IntegralCast && CE->getCastKind() != CK_NoOp &&
        CE->getCastKind() != CK_LValueToRValue)
      return Sign::Unknown;
    if (CE->getCastKind() == CK_IntegralCast &&
        !CE->getSubExpr()->getType()->isSignedIntegerType())
      return Sign::Unknown;
    S = CE->getSubExpr()->IgnoreParens();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->getOpcode() == UO_Minus)
      return negate(signOf(UO->getSubExpr(), Ctx, L, Depth + 1));
  const auto *DRE = dyn_cast<DeclRefExpr>(S);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const auto *Defs = VD ? L.of(VD) : nullptr;
  if (!Defs || Defs->empty())
    return Sign::Unknown;
  Sign All = signOf((*Defs)[0], Ctx, L, Depth + 1);
  for (const Expr *D : llvm::drop_begin(*Defs))
    if (signOf(D, Ctx, L, Depth + 1) != All)
      return Sign::Unknown;
  return All;
}

/// Calls whose value the code discards, and whether it said so with (void).
struct Discarded {
  const CallExpr *Call;
  bool Deliberate;
};

/// Expressions in a position whose value nobody reads: statements of a
/// block (not the last one of a statement expression), bodies of if, loops
/// and labels, a for loop's init and step.
class DiscardedCalls : public RecursiveASTVisitor<DiscardedCalls> {
public:
  llvm::SmallVector<Discarded, 8> Found;

  bool VisitStmtExpr(StmtExpr *SE) {
    if (!SE->getSubStmt()->body_empty())
      ValueOfStmtExpr.insert(SE->getSubStmt()->body_back());
    return true;
  }
  bool VisitCompoundStmt(CompoundStmt *CS) {
    for (Stmt *S : CS->body())
      if (!ValueOfStmtExpr.count(S))
        statement(S);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    statement(S->getThen());
    statement(S->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return statement(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return statement(S->getBody()); }
  bool VisitForStmt(ForStmt *S) {
    statement(S->getInit());
    statement(S->getInc());
    return statement(S->getBody());
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Comma)
      discard(BO->getLHS(), /*Deliberate=*/false);
    return true;
  }
  bool VisitSwitchCase(SwitchCase *S) { return statement(S->getSubStmt()); }
  bool VisitLabelStmt(LabelStmt *S) { return statement(S->getSubStmt()); }

private:
  bool statement(const Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      discard(E, /*Deliberate=*/false);
    return true;
  }
  void discard(const Expr *E, bool Deliberate) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
      return discard(Cast->getSubExpr(),
                     Deliberate || Cast->getType()->isVoidType());
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      // The left side of every comma is discarded wherever the comma
      // stands (VisitBinaryOperator); the right side only when the comma's
      // own value is.
      if (BO->getOpcode() == BO_Comma)
        discard(BO->getRHS(), Deliberate);
      return;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
      discard(CO->getTrueExpr(), Deliberate);
      discard(CO->getFalseExpr(), Deliberate);
      return;
    }
    if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      if (!SE->getSubStmt()->body_empty())
        if (const auto *Last = dyn_cast<Expr>(SE->getSubStmt()->body_back()))
          discard(Last, Deliberate);
      return;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E))
      Found.push_back({CE, Deliberate});
  }
  llvm::DenseSet<const Stmt *> ValueOfStmtExpr;
};

/// The statements of FD's CFG that the entry reaches: what is not dead code
/// (the analyzer's CFG prunes branches whose condition folds to false).
llvm::DenseSet<const Stmt *> reachableStatements(const FunctionDecl *FD,
                                                 AnalysisManager &Mgr) {
  llvm::DenseSet<const Stmt *> Out;
  const CFG *G = Mgr.getAnalysisDeclContext(FD)->getCFG();
  if (!G)
    return Out;
  llvm::SmallVector<const CFGBlock *, 32> Work{&G->getEntry()};
  llvm::DenseSet<const CFGBlock *> Seen{&G->getEntry()};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        Out.insert(S->getStmt());
    if (const Stmt *T = B->getTerminatorCondition())
      Out.insert(T);
    for (const CFGBlock *Succ : B->succs())
      if (Succ && Seen.insert(Succ).second)
        Work.push_back(Succ);
  }
  return Out;
}

/// A function the parser fully understood (under --standalone, broken
/// functions lose their bodies or keep error expressions).
bool parsedCleanly(const FunctionDecl *FD) {
  return !FD->isInvalidDecl() && !bodyHasErrors(FD);
}

class ErrorResultChecker : public Checker<check::EndOfTranslationUnit> {
  const BugType PositiveErrnoBT{this, "UT-REF-007", Category};
  const BugType IgnoredResultBT{this, "UT-REF-008", Category};

public:
  bool PositiveErrnoEnabled = true;
  bool IgnoredResultEnabled = true;

  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

private:
  void checkFunction(const FunctionDecl *FD, AnalysisManager &Mgr,
                     BugReporter &BR) const;
  void reportPositiveErrno(const FunctionDecl *FD, const CallExpr *CE,
                           AnalysisManager &Mgr, BugReporter &BR) const;
  void reportIgnoredResult(const FunctionDecl *FD, const CallExpr *CE,
                           const ApiFunction &Fn, AnalysisManager &Mgr,
                           BugReporter &BR) const;
  void report(const BugType &BT, const FunctionDecl *FD, const Expr *At,
              const std::string &Msg, AnalysisManager &Mgr,
              BugReporter &BR) const;
};

/// The argument as written ("ENOENT", "err"), or its value when the text
/// cannot be had.
std::string spelled(const Expr *E, const SourceManager &SM,
                    const LangOptions &LO, const ASTContext &Ctx) {
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM, LO);
  StringRef Text = R.isValid() ? Lexer::getSourceText(R, SM, LO) : "";
  if (!Text.empty() && Text.size() <= 40 && !Text.contains('\n'))
    return Text.str();
  Expr::EvalResult V;
  if (E->EvaluateAsInt(V, Ctx))
    return toString(V.Val.getInt(), 10);
  return "the value";
}

/// "-ESRCH, -EALREADY" from the table's errno values.
std::string errnoList(const ApiFunction &Fn) {
  std::string Out;
  for (int64_t V : Fn.Errors) {
    std::string Name = ApiModel::builtin().errnoName(V);
    Out +=
        (Out.empty() ? "-" : ", -") + (Name.empty() ? std::to_string(V) : Name);
  }
  return Out;
}

void ErrorResultChecker::report(const BugType &BT, const FunctionDecl *FD,
                                const Expr *At, const std::string &Msg,
                                AnalysisManager &Mgr, BugReporter &BR) const {
  auto R = std::make_unique<BasicBugReport>(
      BT, Msg,
      PathDiagnosticLocation::createBegin(At, Mgr.getSourceManager(),
                                          Mgr.getAnalysisDeclContext(FD)));
  R->setDeclWithIssue(FD);
  R->addRange(At->getSourceRange());
  BR.emitReport(std::move(R));
}

/// ERR_PTR() calls of FD whose argument is positive in every execution.
llvm::SmallVector<const CallExpr *, 2>
positiveErrPtrCalls(const FunctionDecl *FD, const ASTContext &Ctx) {
  struct Calls : RecursiveASTVisitor<Calls> {
    llvm::SmallVector<const CallExpr *, 4> Made;
    bool VisitCallExpr(CallExpr *CE) {
      const ApiFunction *Fn = lookupApiCall(CE);
      if (Fn && Fn->has(Role::ErrMake) && CE->getNumArgs() == 1)
        Made.push_back(CE);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(FD->getBody());
  llvm::SmallVector<const CallExpr *, 2> Out;
  if (Finder.Made.empty())
    return Out;
  LocalDefinitions Locals(FD);
  for (const CallExpr *CE : Finder.Made)
    if (signOf(CE->getArg(0), Ctx, Locals) == Sign::Positive)
      Out.push_back(CE);
  return Out;
}

void ErrorResultChecker::reportPositiveErrno(const FunctionDecl *FD,
                                             const CallExpr *CE,
                                             AnalysisManager &Mgr,
                                             BugReporter &BR) const {
  const ASTContext &Ctx = Mgr.getASTContext();
  const Expr *Arg = CE->getArg(0);
  std::string Text =
      spelled(Arg, Mgr.getSourceManager(), Ctx.getLangOpts(), Ctx);
  std::string Negated = StringRef(Text).starts_with("-")
                            ? StringRef(Text).drop_front().ltrim().str()
                        : isValidAsciiIdentifier(Text) ? "-" + Text
                                                       : "-(" + Text + ")";
  Expr::EvalResult V;
  bool Constant = Arg->EvaluateAsInt(V, Ctx);
  std::string Callee = CE->getDirectCallee()->getNameAsString();
  report(PositiveErrnoBT, FD, CE,
         "error pointer from " + Callee + "(" + Text + ") holds a " +
             (Constant ? "positive errno"
                       : "positive value (every value this function gives "
                         "it is positive)") +
             ", which IS_ERR() does not recognise; " + Callee +
             "() takes a negative errno: use " + Callee + "(" + Negated + ")",
         Mgr, BR);
}

void ErrorResultChecker::reportIgnoredResult(const FunctionDecl *FD,
                                             const CallExpr *CE,
                                             const ApiFunction &Fn,
                                             AnalysisManager &Mgr,
                                             BugReporter &BR) const {
  std::string Errors = errnoList(Fn);
  report(IgnoredResultBT, FD, CE,
         "result of " + apiCallName(Fn) + " is ignored" +
             (Errors.empty() ? "" : "; it fails with " + Errors) +
             ": check it, or cast the call to (void) where ignoring it is "
             "deliberate",
         Mgr, BR);
}

void ErrorResultChecker::checkFunction(const FunctionDecl *FD,
                                       AnalysisManager &Mgr,
                                       BugReporter &BR) const {
  llvm::SmallVector<const CallExpr *, 2> Positive;
  if (PositiveErrnoEnabled)
    Positive = positiveErrPtrCalls(FD, Mgr.getASTContext());
  llvm::SmallVector<std::pair<const CallExpr *, const ApiFunction *>, 2>
      Ignored;
  if (IgnoredResultEnabled) {
    DiscardedCalls Finder;
    Finder.TraverseStmt(FD->getBody());
    for (const Discarded &D : Finder.Found) {
      const ApiFunction *Fn = lookupApiCall(D.Call);
      // An ignored utrace_finish_examine() is UT-WIN-002's, which also
      // follows the values read in the window.
      if (Fn && Fn->MustCheck && !Fn->has(Role::WindowClose) && !D.Deliberate)
        Ignored.push_back({D.Call, Fn});
    }
  }
  if (Positive.empty() && Ignored.empty())
    return;
  // Only now the CFG: most functions have nothing to judge.
  llvm::DenseSet<const Stmt *> Live = reachableStatements(FD, Mgr);
  for (const CallExpr *CE : Positive)
    if (Live.count(CE))
      reportPositiveErrno(FD, CE, Mgr, BR);
  for (auto &[CE, Fn] : Ignored)
    if (Live.count(CE))
      reportIgnoredResult(FD, CE, *Fn, Mgr, BR);
}

void ErrorResultChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  const SourceManager &SM = Mgr.getSourceManager();
  for (const Decl *D : TU->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) ||
        !parsedCleanly(FD))
      continue;
    checkFunction(FD, Mgr, BR);
  }
}

} // namespace

void registerErrorResultRules(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<ErrorResultChecker>();
  Checker->PositiveErrnoEnabled = runReportsRule(Mgr, "UT-REF-007");
  Checker->IgnoredResultEnabled = runReportsRule(Mgr, "UT-REF-008");
}

} // namespace utrace
