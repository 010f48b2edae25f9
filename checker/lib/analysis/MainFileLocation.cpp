//===- MainFileLocation.cpp - findings on the user's line -------*- C++ -*-===//
#include "analysis/MainFileLocation.h"
#include "clang/AST/Decl.h"

using namespace clang;
using namespace ento;

namespace utrace {

static bool inMainFile(const SourceManager &SM, SourceLocation L) {
  return L.isValid() && SM.isInMainFile(SM.getExpansionLoc(L));
}

std::optional<MainFileLocation>
mainFileLocation(const PathDiagnostic &PD, const SourceManager &SM) {
  if (inMainFile(SM, PD.getLocation().asLocation()) || PD.path.empty())
    return std::nullopt;
  // The warning is the last event of the innermost frame; each frame's call
  // is the last piece of its caller's path.
  const PathDiagnosticCallPiece *Found = nullptr;
  const PathPieces *Pieces = &PD.path;
  while (!Pieces->empty()) {
    const auto *CP = dyn_cast<PathDiagnosticCallPiece>(Pieces->back().get());
    if (!CP || !inMainFile(SM, CP->callEnter.asLocation()))
      break;
    Found = CP;
    const Decl *Callee = CP->getCallee();
    if (!Callee || !inMainFile(SM, Callee->getLocation()))
      break; // entered another file: this is the call to report at
    Pieces = &CP->path;
  }
  if (!Found || !Found->getCallee() ||
      inMainFile(SM, Found->getCallee()->getLocation()))
    return std::nullopt;
  MainFileLocation Out;
  Out.CallSite = Found->callEnter.asLocation();
  Out.Caller = Found->getCaller();
  if (const auto *ND = dyn_cast<NamedDecl>(Found->getCallee()))
    Out.Callee = ND->getNameAsString() + "()";
  return Out;
}

} // namespace utrace
