//===- CallbackChecker.cpp - utrace callback context ------------*- C++ -*-===//
//
// utrace.Callback: callbacks respect the context they run in (utrace-api.md
// rule 6). Structural, not path-sensitive: it reads the translation unit
// once, at its end.
//
//  UT-CB-001  a report_reap callback may sleep: it calls a may-sleep
//             function of the API table, or a function of the same file
//             that (transitively) does; reported at the call in the
//             callback's body
//  UT-CB-002  retired: utrace_barrier() on the current thread returns 0 at
//             once (the real implementation checks task == current), so a
//             callback calling it on its own engine does not wait for
//             itself (docs/rules/UT-CB-002.md)
//
// Callbacks are the functions named in the report_* members of a `struct
// utrace_engine_ops` initializer or assigned to such a member (the record
// and member names are settings in rules/api/kernel.yaml).
//
// Deliberate blind spots: ops tables built at
// run time through pointers other than member assignments are not seen;
// sleeping through function pointers is not seen.
//
//===----------------------------------------------------------------------===//
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include <map>
#include <set>

using namespace clang;
using namespace ento;

namespace utrace {
namespace {

constexpr const char *Category = "utrace callback";

/// Function named by an initializer or right-hand side (`fn`, `&fn`).
const FunctionDecl *namedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

/// Collects (member name, function) pairs of every ops table in the TU.
class CallbackFinder : public RecursiveASTVisitor<CallbackFinder> {
public:
  // Designated initializers are matched to members in the semantic form.
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!isOpsRecord(RD))
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      add(F, ILE->getInit(I++));
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (F && isOpsRecord(F->getParent()))
      add(F, BO->getRHS());
    return true;
  }

  std::vector<std::pair<std::string, const FunctionDecl *>> Callbacks;

private:
  static bool isOpsRecord(const RecordDecl *RD) {
    StringRef Name = ApiModel::builtin().setting("callback_ops_record");
    return RD && RD->getIdentifier() && !Name.empty() && RD->getName() == Name;
  }
  void add(const FieldDecl *F, const Expr *Init) {
    StringRef Prefix = ApiModel::builtin().setting("callback_prefix");
    const FunctionDecl *FD = namedFunction(Init);
    if (FD && F->getName().starts_with(Prefix))
      Callbacks.push_back({F->getName().str(), FD});
  }
};

class CallbackChecker : public Checker<check::EndOfTranslationUnit> {
public:
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

private:
  void report(const char *Rule, const FunctionDecl *FD, const CallExpr *Site,
              const std::string &Msg, AnalysisManager &Mgr,
              BugReporter &BR) const;
};

void CallbackChecker::report(const char *Rule, const FunctionDecl *FD,
                             const CallExpr *Site, const std::string &Msg,
                             AnalysisManager &Mgr, BugReporter &BR) const {
  BR.EmitBasicReport(FD, this, Rule, Category, Msg,
                     PathDiagnosticLocation::createBegin(
                         Site, Mgr.getSourceManager(),
                         Mgr.getAnalysisDeclContext(FD)),
                     Site->getSourceRange());
}

void CallbackChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                AnalysisManager &Mgr,
                                                BugReporter &BR) const {
  CallbackFinder Finder;
  Finder.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  if (Finder.Callbacks.empty())
    return;
  SleepAnalysis Sleeps(Mgr.getASTContext(), &Mgr.getPreprocessor());
  StringRef Reap = ApiModel::builtin().setting("reap_callback");
  std::set<std::pair<std::string, const FunctionDecl *>> Done;
  for (auto &[Member, CB] : Finder.Callbacks) {
    const FunctionDecl *Def = nullptr;
    if (!CB->hasBody(Def) || !Done.insert({Member, Def}).second)
      continue;
    std::string Name = "'" + Def->getNameAsString() + "'";
    if (Member == Reap)
      if (const CallExpr *Site = Sleeps.sleepingCallIn(Def))
        report("UT-CB-001", Def, Site,
               Member + " callback " + Name + " may sleep in " +
                   Sleeps.reason(Site).value_or("a call") +
                   "; it must not block",
               Mgr, BR);
  }
}

} // namespace

void registerCallbackChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<CallbackChecker>();
}
bool shouldRegisterCallbackChecker(const CheckerManager &) { return true; }

} // namespace utrace
