//===- MainFileLocation.h - findings on the user's line ---------*- C++ -*-===//
//
// A path that ends inside a function of another file (a kernel header's
// inline: task_stack_page() reached through the task_pt_regs() macro) is
// reported at the call in the checked file that leads there, with the
// header frame as a note: the analyzer's own convention for system headers
// (PathDiagnostic::resetDiagnosticLocationToMainFile), which gives up on
// calls inside macros and on headers that are not system headers.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_MAINFILELOCATION_H
#define UTRACE_CHECK_MAINFILELOCATION_H

#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/PathDiagnostic.h"
#include <optional>
#include <string>

namespace utrace {

struct MainFileLocation {
  clang::SourceLocation CallSite; ///< the call in the checked file
  const clang::Decl *Caller = nullptr; ///< the function making that call
  std::string Callee;             ///< the function entered there, "f()"
};

/// Where PD's warning lands in the main file when it is elsewhere: the
/// deepest call on the path whose call site is still in the main file.
std::optional<MainFileLocation>
mainFileLocation(const clang::ento::PathDiagnostic &PD,
                 const clang::SourceManager &SM);

} // namespace utrace

#endif
