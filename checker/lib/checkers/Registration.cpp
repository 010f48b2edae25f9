//===- Registration.cpp - registration of the utrace checkers ---*- C++ -*-===//
#include "checkers/Checkers.h"
#include "checkers/DebugCheckers.h"
#include "data/Catalog.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang::ento;

namespace utrace {

namespace {
struct CheckerEntry {
  const char *Name;
  RegisterCheckerFn Register;
  ShouldRegisterFunction ShouldRegister;
};
} // namespace

// Every family checker named in the catalog must appear here; a unit test
// holds the two together.
static const CheckerEntry FamilyCheckers[] = {
    {"utrace.EngineRef", registerEngineRefChecker,
     shouldRegisterEngineRefChecker},
    {"utrace.ExamineWindow", registerExamineWindowChecker,
     shouldRegisterExamineWindowChecker},
    {"utrace.Rcu", registerRcuChecker, shouldRegisterRcuChecker},
    {"utrace.Callback", registerCallbackChecker,
     shouldRegisterCallbackChecker},
    {"utrace.Barrier", registerBarrierChecker, shouldRegisterBarrierChecker},
    {"utrace.AtomicContext", registerAtomicContextChecker,
     shouldRegisterAtomicContextChecker},
};

void registerUtraceCheckers(CheckerRegistry &Registry) {
  Registry.addChecker(registerApiModeling, shouldRegisterApiModeling,
                      "utrace.ApiModeling",
                      "evaluates the modelled utrace API", "",
                      /*IsHidden=*/true);
  Registry.addChecker(registerTaskModeling, shouldRegisterTaskModeling,
                      "utrace.TaskModeling",
                      "models RCU sections and task provenance", "",
                      /*IsHidden=*/true);
  // Tests only (--debug-checker): reports the families' state at each
  // utrace_check_dump_state() call; depends on nothing, so it reads the
  // state of whichever families the enabled rules run.
  Registry.addChecker(registerDumpStateChecker, shouldRegisterDumpStateChecker,
                      DumpStateCheckerName,
                      "reports the modelled state at utrace_check_dump_state()",
                      "", /*IsHidden=*/true);
  for (const CheckerEntry &E : FamilyCheckers) {
    std::string Desc;
    bool TaskModel = false; // the catalog's task_model: true
    for (const Rule &R : Catalog::builtin().rules())
      if (R.Checker == E.Name) {
        Desc += (Desc.empty() ? "" : ", ") + R.Id;
        TaskModel |= R.UsesTaskModel;
      }
    Registry.addChecker(E.Register, E.ShouldRegister, E.Name, Desc, "",
                        /*IsHidden=*/false);
    Registry.addDependency(E.Name, "utrace.ApiModeling");
    if (TaskModel)
      Registry.addDependency(E.Name, "utrace.TaskModeling");
  }
}

bool isRegisteredFamilyChecker(const char *Name) {
  llvm::StringRef N(Name);
  for (const CheckerEntry &E : FamilyCheckers)
    if (N == E.Name)
      return true;
  return false;
}

} // namespace utrace
