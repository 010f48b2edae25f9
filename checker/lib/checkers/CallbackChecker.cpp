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
#include "analysis/StageTimes.h"
#include "checkers/Checkers.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
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
  StageTimer Time("analysis: callback pass");
  std::vector<std::pair<std::string, const FunctionDecl *>> Callbacks =
      collectCallbacks(TU);
  if (Callbacks.empty())
    return;
  SleepAnalysis Sleeps(Mgr.getASTContext(), &Mgr.getPreprocessor());
  StringRef Reap = ApiModel::builtin().setting("reap_callback");
  std::set<std::pair<std::string, const FunctionDecl *>> Done;
  for (auto &[Member, CB] : Callbacks) {
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
