//===- ApiModeling.cpp - evaluates the modelled utrace API ------*- C++ -*-===//
//
// utrace.ApiModeling (hidden, always on when any utrace checker is): evaluates
// every function of the API table instead of inlining it, so that
//  - attach results are fresh non-NULL symbols (the contract: never NULL);
//  - IS_ERR(), IS_ERR_OR_NULL() split the path into "error pointer" and
//    "valid pointer" and remember the answer per symbol, so later tests on
//    the same pointer agree; PTR_ERR() of an error pointer is in
//    [-MAX_ERRNO, -1]; ERR_PTR() makes an error pointer;
//  - errno-returning calls return 0 or minus one of the table's errors;
//  - static inline bodies in real headers (utrace_engine_put over kref_put,
//    IS_ERR over IS_ERR_VALUE) are not inlined: casts of pointers to
//    unsigned long are where the engine loses track;
//  - bodies of API functions defined in the file itself are not inlined
//    either (a client that #includes the implementation, as SystemTap's
//    task finder includes stp_utrace.c): the decision is by name, before
//    the analyzer looks for a body, so client callers see the contract
//    (testdata/ref/client-impl.c).
//
// Blind spots: arguments of attach (the engine's data pointer) are not
// invalidated; the other calls invalidate what their non-const pointer
// arguments reach, but not globals (an unknown call also invalidates those).
//
//===----------------------------------------------------------------------===//
#include "checkers/Checkers.h"
#include "analysis/Robustness.h"
#include "checkers/ImpossibleResults.h"
#include "checkers/ModelingSupport.h"
#include "checkers/TaskModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerHelpers.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;
using namespace ento;

// Symbol -> true when known to be an error pointer, false when known not.
REGISTER_MAP_WITH_PROGRAMSTATE(ErrPtrMap, SymbolRef, bool)
// Engines a creating attach returned on this path that nothing was given to
// yet: no events set (utrace.yaml, creates_with / not_on_fresh_engine).
REGISTER_SET_WITH_PROGRAMSTATE(FreshEngines, SymbolRef)

namespace utrace {

static constexpr int64_t MaxErrno = 4095; // the kernel's MAX_ERRNO

/// The entry of the function slot CE calls through ("user_regset.get" for
/// regset->get(...)), if any.
static const ApiFunction *lookupMemberCall(const CallExpr *CE,
                                           const ApiModel &Api) {
  const auto *ME = dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts());
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!Field || !Field->getParent()->getIdentifier())
    return nullptr;
  return Api.lookup(
      (Field->getParent()->getName() + "." + Field->getName()).str());
}

static const ApiFunction *lookupFunction(const FunctionDecl *FD,
                                         const ApiModel &Api) {
  return FD && FD->getIdentifier() ? Api.lookup(FD->getName()) : nullptr;
}

const ApiFunction *lookupApiCall(const CallExpr *CE, MemberCalls Members,
                                 const ApiModel &Api) {
  if (!CE)
    return nullptr;
  if (const FunctionDecl *FD = CE->getDirectCallee())
    return lookupFunction(FD, Api);
  return Members == MemberCalls::Match ? lookupMemberCall(CE, Api) : nullptr;
}

const ApiFunction *lookupApiCall(const CallEvent &Call, MemberCalls Members) {
  const ApiModel &Api = ApiModel::builtin();
  if (const ApiFunction *Fn =
          lookupFunction(dyn_cast_or_null<FunctionDecl>(Call.getDecl()), Api))
    return Fn;
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE || CE->getDirectCallee() || Members == MemberCalls::Skip)
    return nullptr;
  return lookupMemberCall(CE, Api);
}

std::string apiCallName(const ApiFunction &Fn) {
  std::string N = Fn.Name;
  size_t Dot = N.find('.');
  if (Dot != std::string::npos)
    N.replace(Dot, 1, "->");
  return N + "()";
}

bool runReportsRule(const CheckerManager &Mgr, StringRef Id) {
  std::string Rules =
      Mgr.getAnalyzerOptions().Config.lookup("utrace-enabled-rules");
  llvm::SmallVector<StringRef, 16> Ids;
  StringRef(Rules).split(Ids, ',', -1, /*KeepEmpty=*/false);
  return Ids.empty() || llvm::is_contained(Ids, Id);
}

std::string describeExpr(const Expr *E) {
  if (!E)
    return "the pointer";
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return "'" + DRE->getDecl()->getNameAsString() + "'";
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Base = describeExpr(ME->getBase());
    if (Base.size() > 2 && Base.front() == '\'')
      return Base.substr(0, Base.size() - 1) + (ME->isArrow() ? "->" : ".") +
             ME->getMemberDecl()->getNameAsString() + "'";
    return "'" + ME->getMemberDecl()->getNameAsString() + "'";
  }
  return "the pointer";
}

const ExplodedNode *findOpeningNode(const ExplodedNode *N,
                                    llvm::function_ref<bool(ProgramStateRef)> Held) {
  const ExplodedNode *Open = N;
  for (const ExplodedNode *P = N; P && Held(P->getState()); P = P->getFirstPred())
    Open = P;
  return Open;
}

PathDiagnosticLocation openingLocation(const ExplodedNode *Open,
                                       const SourceManager &SM) {
  if (const Stmt *S = Open->getStmtForDiagnostics())
    return PathDiagnosticLocation::createBegin(S, SM, Open->getLocationContext());
  return PathDiagnosticLocation();
}

ErrPtrKnowledge getErrPtrKnowledge(ProgramStateRef State, SymbolRef Sym) {
  if (!Sym)
    return ErrPtrKnowledge::Unknown;
  if (const bool *IsErr = State->get<ErrPtrMap>(Sym))
    return *IsErr ? ErrPtrKnowledge::IsError : ErrPtrKnowledge::NotError;
  return ErrPtrKnowledge::Unknown;
}

//===----------------------------------------------------------------------===//
// May-sleep decisions (data: rules/api/kernel.yaml, utrace.yaml)
//===----------------------------------------------------------------------===//

/// A macro's integer value in this translation unit, else the table's
/// `macro.NAME` setting (for headers that do not define it), else nothing.
static std::optional<uint64_t> macroValue(StringRef Name,
                                          const Preprocessor *PP) {
  if (Name.empty())
    return std::nullopt;
  if (PP && PP->getIdentifierInfo(Name)->hasMacroDefinition())
    if (std::optional<int> V = tryExpandAsInteger(Name, *PP))
      return static_cast<uint64_t>(*V);
  uint64_t V = 0;
  if (!ApiModel::builtin().setting(("macro." + Name).str()).getAsInteger(0, V))
    return V;
  return std::nullopt;
}

/// The gfp bit that allows direct reclaim: the first macro of the
/// `gfp_blocking_macros` setting the headers define (___GFP_DIRECT_RECLAIM
/// today, ___GFP_WAIT before 4.4), else `gfp_blocking_mask`.
static uint64_t gfpBlockingMask(const Preprocessor *PP) {
  for (StringRef N : ApiModel::builtin().settingItems("gfp_blocking_macros"))
    if (PP && PP->getIdentifierInfo(N)->hasMacroDefinition())
      if (std::optional<int> V = tryExpandAsInteger(N, *PP))
        return static_cast<uint64_t>(*V);
  uint64_t Mask = 0;
  if (ApiModel::builtin().setting("gfp_blocking_mask").getAsInteger(0, Mask))
    return ~uint64_t(0);
  return Mask;
}

/// `current` as written: the macro, or a call of the function it expands to.
static bool isCurrentTask(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return false;
  E = E->IgnoreParenCasts();
  const SourceManager &SM = Ctx.getSourceManager();
  for (SourceLocation L = E->getBeginLoc(); L.isMacroID();
       L = SM.getImmediateMacroCallerLoc(L))
    if (Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts()) == "current")
      return true;
  const auto *CE = dyn_cast<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         FD->getName() == ApiModel::builtin().setting("current_function");
}

static bool isGfpType(QualType T) {
  StringRef Name = ApiModel::builtin().setting("gfp_type");
  for (const auto *TT = T->getAs<TypedefType>(); TT;
       TT = TT->getDecl()->getUnderlyingType()->getAs<TypedefType>())
    if (TT->getDecl()->getName() == Name)
      return true;
  return false;
}

uint64_t knownSetBits(const Expr *E, ASTContext &Ctx,
                      std::optional<uint64_t> Value) {
  if (Value)
    return *Value;
  E = E->IgnoreParenCasts();
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getZExtValue();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Or)
      return knownSetBits(BO->getLHS(), Ctx, std::nullopt) |
             knownSetBits(BO->getRHS(), Ctx, std::nullopt);
  return 0;
}

bool createsFreshEngine(const ApiFunction &Fn, const CallExpr *CE,
                        ASTContext &Ctx, const Preprocessor *PP,
                        std::optional<uint64_t> FlagsValue) {
  if (Fn.CreatesWith.empty() || Fn.FlagsArg < 0 ||
      static_cast<unsigned>(Fn.FlagsArg) >= CE->getNumArgs())
    return false;
  std::optional<uint64_t> Create = macroValue(Fn.CreatesWith, PP);
  return Create && *Create &&
         (knownSetBits(CE->getArg(Fn.FlagsArg), Ctx, FlagsValue) & *Create) ==
             *Create;
}

bool implementedInFile(const CallExpr *CE, ASTContext &Ctx) {
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  return FD && FD->hasBody(Def) && !Def->isInlineSpecified() &&
         !Ctx.getSourceManager().isInSystemHeader(Def->getLocation());
}

/// The `sleep_marker_macros` macro S is written in (might_sleep(): real
/// headers expand it to a scheduler hook, or to a debugging call), if any.
static std::optional<std::string> sleepMarkerMacro(const Stmt *S,
                                                   ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (SourceLocation L = S->getBeginLoc(); L.isMacroID();
       L = SM.getImmediateMacroCallerLoc(L)) {
    StringRef M = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
    if (ApiModel::builtin().inSetting("sleep_marker_macros", M))
      return (M + "()").str();
  }
  return std::nullopt;
}

/// The value of argument I: what the path knows, else the constant written.
static std::optional<uint64_t> argValue(const SleepQuery &Q, unsigned I) {
  const CallExpr *CE = Q.CE;
  if (I >= CE->getNumArgs())
    return std::nullopt;
  if (Q.ArgValue)
    if (std::optional<uint64_t> V = Q.ArgValue(I))
      return V;
  Expr::EvalResult R;
  if (CE->getArg(I)->isValueDependent() ||
      !CE->getArg(I)->EvaluateAsInt(R, Q.Ctx))
    return std::nullopt;
  return R.Val.getInt().getZExtValue();
}

/// Whether the flags argument of Fn (attach's UTRACE_ATTACH_*) asks for the
/// sleeping form: known, with the sleeping bit, without the atomic one.
static bool flagsMaySleep(const SleepQuery &Q, const ApiFunction &Fn) {
  std::optional<uint64_t> V = argValue(Q, Fn.FlagsArg);
  if (!V)
    return false;
  std::optional<uint64_t> With = macroValue(Fn.SleepsWith, Q.PP);
  std::optional<uint64_t> Never = macroValue(Fn.NeverSleepsWith, Q.PP);
  if ((With && !(*V & *With)) || (Never && (*V & *Never)))
    return false;
  // The code asks for the non-sleeping form by name: headers without the
  // flag define it as 0 for compatibility (SystemTap), where the intent is
  // still an atomic attach.
  if (Fn.NeverSleepsWith.empty())
    return true;
  const SourceManager &SM = Q.Ctx.getSourceManager();
  StringRef Text = Lexer::getSourceText(
      SM.getExpansionRange(Q.CE->getArg(Fn.FlagsArg)->getSourceRange()), SM,
      Q.Ctx.getLangOpts());
  return !Text.contains(Fn.NeverSleepsWith);
}

/// A call of a table function: sleeps by its may-sleep role, unless on
/// current where that is excluded, or with flags that do not block.
static std::optional<std::string> apiCallSleeps(const SleepQuery &Q,
                                                const ApiFunction &Fn) {
  const CallExpr *CE = Q.CE;
  if (!Fn.has(Role::MaySleep))
    return std::nullopt;
  if (Fn.NotOnCurrent && Fn.TaskArg >= 0 &&
      static_cast<unsigned>(Fn.TaskArg) < CE->getNumArgs() &&
      isCurrentTask(CE->getArg(Fn.TaskArg), Q.Ctx))
    return std::nullopt;
  if (Fn.GfpArg >= 0) {
    // Only flags known to allow blocking count; unknown flags are not
    // judged (a path that knows them decides).
    std::optional<uint64_t> V = argValue(Q, Fn.GfpArg);
    if (!V || !(*V & gfpBlockingMask(Q.PP)))
      return std::nullopt;
  }
  if (Fn.FlagsArg >= 0 && !flagsMaySleep(Q, Fn))
    return std::nullopt;
  // Name the function called (an alias: kzalloc(), not kmalloc()).
  if (const FunctionDecl *Callee = CE->getDirectCallee())
    return Callee->getNameAsString() + "()";
  return apiCallName(Fn);
}

/// Kernel convention: a function with a gfp_t parameter allocates with
/// those flags. Helpers defined in the kernel's headers are judged by their
/// bodies (or their own table entry) instead.
static std::optional<std::string> gfpParamSleeps(const SleepQuery &Q) {
  const FunctionDecl *FD = Q.CE->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return std::nullopt;
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def) &&
      Q.Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return std::nullopt;
  for (unsigned I = 0; I < FD->getNumParams() && I < Q.CE->getNumArgs(); ++I)
    if (isGfpType(FD->getParamDecl(I)->getType()))
      if (std::optional<uint64_t> V = argValue(Q, I))
        if (*V & gfpBlockingMask(Q.PP))
          return FD->getNameAsString() + "() (with blocking gfp flags)";
  return std::nullopt;
}

std::optional<std::string> directCallSleeps(const SleepQuery &Q) {
  if (std::optional<std::string> Marker = sleepMarkerMacro(Q.CE, Q.Ctx))
    return Marker;
  const ApiFunction *Fn = lookupApiCall(Q.CE);
  // An API function the file implements is judged by its body, not by the
  // table (the same-file summary, SleepAnalysis).
  if (Fn && implementedInFile(Q.CE, Q.Ctx))
    return std::nullopt;
  return Fn ? apiCallSleeps(Q, *Fn) : gfpParamSleeps(Q);
}

bool writtenInRcuDereference(const Stmt *S, ASTContext &Ctx) {
  if (!S || !S->getBeginLoc().isMacroID())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(S->getBeginLoc());
  bool Invalid = false;
  const char *P = SM.getCharacterData(E, &Invalid);
  if (Invalid)
    return false;
  StringRef Name(P, Lexer::MeasureTokenLength(E, SM, Ctx.getLangOpts()));
  return ApiModel::builtin().inSetting("rcu_dereference_macros", Name);
}

/// True when E names Macro, directly or through a parameter of the frame
/// whose caller passed an argument that names it (a helper given
/// UTRACE_ATTACH_ATOMIC by its caller: the intent is an atomic attach also
/// where the headers define the flag as 0).
static bool namesMacroOnPath(const Expr *E, const LocationContext *LC,
                             StringRef Macro, ASTContext &Ctx,
                             unsigned Depth = 0) {
  if (!E || Macro.empty() || Depth > 8)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  if (Lexer::getSourceText(SM.getExpansionRange(E->getSourceRange()), SM,
                           Ctx.getLangOpts())
          .contains(Macro))
    return true;
  const StackFrameContext *SF = LC ? LC->getStackFrame() : nullptr;
  const auto *Site = SF ? dyn_cast_or_null<CallExpr>(SF->getCallSite()) : nullptr;
  if (!Site)
    return false;
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->getOpcode() == BO_Or &&
           (namesMacroOnPath(BO->getLHS(), LC, Macro, Ctx, Depth) ||
            namesMacroOnPath(BO->getRHS(), LC, Macro, Ctx, Depth));
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || P->getFunctionScopeIndex() >= Site->getNumArgs())
    return false;
  return namesMacroOnPath(Site->getArg(P->getFunctionScopeIndex()),
                          SF->getParent(), Macro, Ctx, Depth + 1);
}

std::optional<std::string> pathCallSleeps(const CallEvent &Call,
                                          CheckerContext &C,
                                          const SleepAnalysis &S) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return std::nullopt;
  if (const ApiFunction *Fn = lookupApiCall(CE))
    if (Fn->FlagsArg >= 0 &&
        static_cast<unsigned>(Fn->FlagsArg) < CE->getNumArgs() &&
        namesMacroOnPath(CE->getArg(Fn->FlagsArg), C.getLocationContext(),
                         Fn->NeverSleepsWith, C.getASTContext()))
      return std::nullopt;
  ProgramStateRef State = C.getState();
  auto FromPath = [&](unsigned I) -> std::optional<uint64_t> {
    if (I >= Call.getNumArgs())
      return std::nullopt;
    if (const llvm::APSInt *V =
            C.getSValBuilder().getKnownValue(State, Call.getArgSVal(I)))
      return V->getZExtValue();
    return std::nullopt;
  };
  if (std::optional<std::string> D =
          directCallSleeps({CE, C.getASTContext(), &C.getPreprocessor(),
                            FromPath}))
    return D;
  if (lookupApiCall(CE) && !implementedInFile(CE, C.getASTContext()))
    return std::nullopt;
  return S.reason(CE);
}

namespace {

class ApiModeling : public Checker<eval::Call, check::PreCall,
                                   check::PointerEscape, check::DeadSymbols> {
public:
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  void evalErrTest(const CallEvent &Call, CheckerContext &C,
                   bool OrNull) const;
  void evalErrValue(const CallEvent &Call, CheckerContext &C) const;
  void evalErrMake(const CallEvent &Call, CheckerContext &C) const;
  void evalAcquire(const CallEvent &Call, CheckerContext &C) const;
  void evalErrnoCall(const ApiFunction &Fn, const CallEvent &Call,
                     CheckerContext &C) const;
};

/// A fresh symbol for the call's value, bound to the call expression.
static DefinedOrUnknownSVal conjureReturn(const CallEvent &Call,
                                          CheckerContext &C) {
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  return C.getSValBuilder().conjureSymbolVal(nullptr, CE,
                                             C.getLocationContext(),
                                             CE->getType(), C.blockCount());
}

bool ApiModeling::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const ApiFunction *Fn = lookupApiCall(Call, MemberCalls::Skip);
  if (!Fn || !isa_and_nonnull<CallExpr>(Call.getOriginExpr()))
    return false;
  if (Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest)) {
    evalErrTest(Call, C, Fn->has(Role::ErrOrNullTest));
    return true;
  }
  if (Fn->has(Role::ErrValue)) {
    evalErrValue(Call, C);
    return true;
  }
  if (Fn->has(Role::ErrMake)) {
    evalErrMake(Call, C);
    return true;
  }
  if (Fn->has(Role::EngineAcquire)) {
    evalAcquire(Call, C);
    return true;
  }
  if (Fn->has(Role::EngineGet) || Fn->has(Role::EnginePut)) {
    // Reference counting is the EngineRef checker's business; evaluating
    // the call here keeps kref internals out of the path.
    if (!Call.getResultType()->isVoidType())
      C.addTransition(C.getState()->BindExpr(Call.getOriginExpr(),
                                             C.getLocationContext(),
                                             conjureReturn(Call, C)));
    return true;
  }
  evalErrnoCall(*Fn, Call, C);
  return true;
}

/// State with the test call's value bound to the truth value Value.
static ProgramStateRef bindTruth(ProgramStateRef State, const CallEvent &Call,
                                 CheckerContext &C, bool Value) {
  const Expr *CE = Call.getOriginExpr();
  return State->BindExpr(CE, C.getLocationContext(),
                         C.getSValBuilder().makeTruthVal(Value, CE->getType()));
}

/// "assuming 'e' is [not] an error pointer", on a branch the path did not
/// know yet; shown when the pointer matters to the report.
static const NoteTag *assumingNote(CheckerContext &C, SymbolRef Sym,
                                   const std::string &What, bool IsError,
                                   ErrPtrKnowledge Known) {
  if (Known != ErrPtrKnowledge::Unknown)
    return nullptr;
  std::string Text =
      "assuming " + What +
      (IsError ? " is an error pointer" : " is not an error pointer");
  return C.getNoteTag([Sym, Text](PathSensitiveBugReport &BR) {
    return BR.isInteresting(Sym) ? Text : std::string();
  });
}

/// IS_ERR(Sym): a branch where it is an error pointer (a non-NULL pointer
/// in the top MAX_ERRNO bytes) and one where it is not; for
/// IS_ERR_OR_NULL() also a NULL branch answering true.
static void splitOnErrPtr(const CallEvent &Call, CheckerContext &C,
                          SymbolRef Sym, bool OrNull) {
  ProgramStateRef State = C.getState();
  auto Known = getErrPtrKnowledge(State, Sym);
  auto Ptr = Call.getArgSVal(0).getAs<DefinedOrUnknownSVal>();
  std::string What = describeExpr(Call.getArgExpr(0));
  if (Known != ErrPtrKnowledge::NotError) {
    ProgramStateRef Err = State->set<ErrPtrMap>(Sym, true);
    if (Ptr)
      Err = Err->assume(*Ptr, true);
    if (Err)
      C.addTransition(bindTruth(Err, Call, C, true),
                      assumingNote(C, Sym, What, true, Known));
  }
  if (Known == ErrPtrKnowledge::IsError)
    return;
  ProgramStateRef Ok = State->set<ErrPtrMap>(Sym, false);
  if (OrNull && Ptr) {
    if (ProgramStateRef Null = Ok->assume(*Ptr, false))
      C.addTransition(bindTruth(Null, Call, C, true));
    Ok = Ok->assume(*Ptr, true);
  }
  if (Ok)
    C.addTransition(bindTruth(Ok, Call, C, false),
                    assumingNote(C, Sym, What, false, Known));
}

void ApiModeling::evalErrTest(const CallEvent &Call, CheckerContext &C,
                              bool OrNull) const {
  if (Call.getNumArgs() < 1)
    return;
  ProgramStateRef State = C.getState();
  SVal Arg = Call.getArgSVal(0);
  if (Arg.isZeroConstant()) {
    C.addTransition(bindTruth(State, Call, C, OrNull));
    return;
  }
  if (SymbolRef Sym = Arg.getAsSymbol())
    return splitOnErrPtr(Call, C, Sym, OrNull);
  // A known region (&local, a global) is never an error pointer; an
  // unknown value gets an unconstrained answer.
  if (Arg.getAsRegion())
    C.addTransition(bindTruth(State, Call, C, false));
  else
    C.addTransition(State->BindExpr(
        Call.getOriginExpr(), C.getLocationContext(), conjureReturn(Call, C)));
}

void ApiModeling::evalErrValue(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  DefinedOrUnknownSVal Ret = conjureReturn(Call, C);
  State = State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), Ret);
  SymbolRef Sym = Call.getNumArgs() ? Call.getArgSVal(0).getAsSymbol() : nullptr;
  if (getErrPtrKnowledge(State, Sym) == ErrPtrKnowledge::IsError) {
    if (auto NL = Ret.getAs<NonLoc>()) {
      BasicValueFactory &BVF = C.getSValBuilder().getBasicValueFactory();
      QualType T = Call.getResultType();
      if (ProgramStateRef InRange = State->assumeInclusiveRange(
              *NL, BVF.getValue(-MaxErrno, T), BVF.getValue(-1, T), true))
        State = InRange;
    }
  }
  C.addTransition(State);
}

void ApiModeling::evalErrMake(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  DefinedOrUnknownSVal Ret = conjureReturn(Call, C);
  State = State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), Ret);
  if (SymbolRef Sym = Ret.getAsSymbol())
    State = State->set<ErrPtrMap>(Sym, true);
  if (ProgramStateRef NonNull = State->assume(Ret, true))
    State = NonNull;
  C.addTransition(State);
}

void ApiModeling::evalAcquire(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  DefinedOrUnknownSVal Ret = conjureReturn(Call, C);
  State = State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), Ret);
  // The contract: an engine or ERR_PTR(-errno), never NULL.
  if (ProgramStateRef NonNull = State->assume(Ret, true))
    State = NonNull;
  // With the create bits the result, when it is an engine, is a new one.
  const ApiFunction *Fn = lookupApiCall(Call, MemberCalls::Skip);
  if (SymbolRef Sym = Ret.getAsSymbol(); Sym && Fn && Fn->FlagsArg >= 0 &&
      static_cast<unsigned>(Fn->FlagsArg) < Call.getNumArgs()) {
    SVal Flags = Call.getArgSVal(Fn->FlagsArg);
    std::optional<uint64_t> Value;
    if (const llvm::APSInt *V = C.getSValBuilder().getKnownValue(State, Flags))
      Value = V->getZExtValue();
    else if (const auto *SIE = dyn_cast_or_null<SymIntExpr>(Flags.getAsSymbol()))
      if (SIE->getOpcode() == BO_Or)
        Value = SIE->getRHS().getZExtValue();
    if (createsFreshEngine(*Fn, cast<CallExpr>(Call.getOriginExpr()),
                           C.getASTContext(), &C.getPreprocessor()) ||
        (Value && createsFreshEngine(*Fn, cast<CallExpr>(Call.getOriginExpr()),
                                     C.getASTContext(), &C.getPreprocessor(),
                                     Value)))
      State = State->add<FreshEngines>(Sym);
  }
  C.addTransition(State);
}

/// State without Sym among the fresh engines (the same state when it was
/// not one: an empty set written back would make a new state).
static ProgramStateRef dropFresh(ProgramStateRef State, SymbolRef Sym) {
  return Sym && State->contains<FreshEngines>(Sym)
             ? State->remove<FreshEngines>(Sym)
             : State;
}

/// True for the calls that only test or decode an error pointer.
static bool onlyTestsPointer(const ApiFunction *Fn) {
  return Fn && (Fn->has(Role::ErrTest) || Fn->has(Role::ErrOrNullTest) ||
                Fn->has(Role::ErrValue));
}

void ApiModeling::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  // A fresh engine given to any call but the error-pointer tests may have
  // had its events set there (set_events itself: evalErrnoCall).
  const ApiFunction *Fn = lookupApiCall(Call, MemberCalls::Skip);
  if (onlyTestsPointer(Fn) || (Fn && !Fn->NotOnFreshEngine.empty()))
    return;
  ProgramStateRef State = C.getState();
  if (State->get<FreshEngines>().isEmpty())
    return;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    State = dropFresh(State, Call.getArgSVal(I).getAsSymbol());
  if (State != C.getState())
    C.addTransition(State);
}

ProgramStateRef
ApiModeling::checkPointerEscape(ProgramStateRef State,
                                const InvalidatedSymbols &Escaped,
                                const CallEvent *Call,
                                PointerEscapeKind Kind) const {
  // Whoever the engine escaped to may set its events.
  for (SymbolRef Sym : Escaped)
    State = dropFresh(State, Sym);
  return State;
}

/// True when every record on the way from R to its base region can be laid
/// out (the field offsets TK_DoNotInvalidateSuperRegion needs).
static bool hasValidLayout(const MemRegion *R) {
  for (const auto *SR = dyn_cast<SubRegion>(R); SR;
       SR = dyn_cast<SubRegion>(SR->getSuperRegion())) {
    if (const auto *FR = dyn_cast<FieldRegion>(SR))
      if (!recordLayoutSafe(FR->getDecl()->getParent()))
        return false;
    if (const auto *TR = dyn_cast<TypedValueRegion>(SR))
      if (TR->getValueType()->isIncompleteType())
        return false;
  }
  return true;
}

/// True when an argument points into a record the analyzer cannot lay out,
/// so it cannot invalidate what the call may change.
static bool touchesInvalidRecord(const CallEvent &Call) {
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    for (const MemRegion *R = Call.getArgSVal(I).getAsRegion(); R;) {
      if (const auto *VR = dyn_cast<VarRegion>(R))
        if (VR->getDecl()->isInvalidDecl())
          return true;
      if (const auto *TR = dyn_cast<TypedValueRegion>(R)) {
        QualType T = TR->getValueType();
        while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
          T = AT->getElementType();
        if (const RecordDecl *RD = T->getAsRecordDecl())
          if (!recordLayoutSafe(RD))
            return true;
      }
      if (const auto *FR = dyn_cast<FieldRegion>(R))
        if (!recordLayoutSafe(FR->getDecl()->getParent()))
          return true;
      const auto *SR = dyn_cast<SubRegion>(R);
      R = SR ? SR->getSuperRegion() : nullptr;
    }
  return false;
}

/// What a modelled call may write: what its non-const pointer arguments
/// reach. Unlike an unknown call it leaves globals alone, so a task or an
/// engine kept in a global or heap structure (tr->task) keeps its value
/// across the API and the kernel primitives of the table. Not an escape:
/// modelled calls say what they do with the engine.
static ProgramStateRef invalidateArguments(const CallEvent &Call,
                                           CheckerContext &C) {
  llvm::SmallVector<SVal, 4> Values;
  RegionAndSymbolInvalidationTraits Traits;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    SVal V = Call.getArgSVal(I);
    const MemRegion *R = V.getAsRegion();
    if (!R)
      continue;
    // spin_lock(&tr->lock) writes the lock, not tr->task (the field's
    // offset is needed: not for records that did not parse).
    if (R != R->getBaseRegion() && hasValidLayout(R))
      Traits.setTrait(R, RegionAndSymbolInvalidationTraits::
                             TK_DoNotInvalidateSuperRegion);
    QualType T = Call.getArgExpr(I)->IgnoreImpCasts()->getType();
    if (I < Call.parameters().size())
      T = Call.parameters()[I]->getType();
    if (T->isPointerType() && T->getPointeeType().isConstQualified())
      continue;
    Values.push_back(V);
  }
  if (Values.empty())
    return C.getState();
  return C.getState()->invalidateRegions(
      Values, Call.getOriginExpr(), C.blockCount(), C.getLocationContext(),
      /*CausesPointerEscape=*/false, /*IS=*/nullptr, /*Call=*/nullptr,
      &Traits);
}

void ApiModeling::evalErrnoCall(const ApiFunction &Fn, const CallEvent &Call,
                                CheckerContext &C) const {
  ProgramStateRef State = touchesInvalidRecord(Call)
                              ? C.getState()
                              : invalidateArguments(Call, C);
  if (!Call.getResultType()->isVoidType()) {
    DefinedOrUnknownSVal Ret = conjureReturn(Call, C);
    State = State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), Ret);
    auto NL = Ret.getAs<NonLoc>();
    if (Fn.ReturnsErrno && NL && Call.getResultType()->isIntegerType()) {
      BasicValueFactory &BVF = C.getSValBuilder().getBasicValueFactory();
      QualType T = Call.getResultType();
      if (ProgramStateRef InRange = State->assumeInclusiveRange(
              *NL, BVF.getValue(Fn.minErrno(), T), BVF.getValue(0, T), true))
        State = InRange;
      // On a fresh engine some errors cannot happen (set_events only sets
      // bits there: never -EINPROGRESS).
      SymbolRef Engine =
          Fn.EngineArg >= 0 &&
                  static_cast<unsigned>(Fn.EngineArg) < Call.getNumArgs()
              ? Call.getArgSVal(Fn.EngineArg).getAsSymbol()
              : nullptr;
      if (Engine && State->contains<FreshEngines>(Engine))
        for (int64_t E : Fn.NotOnFreshEngine)
          if (ProgramStateRef Not = State->assumeInclusiveRange(
                  *NL, BVF.getValue(-E, T), BVF.getValue(-E, T), false))
            State = Not;
    }
  }
  // After this call the engine has events (or may have).
  if (!Fn.NotOnFreshEngine.empty())
    for (unsigned I = 0; I < Call.getNumArgs(); ++I)
      State = dropFresh(State, Call.getArgSVal(I).getAsSymbol());
  C.addTransition(State);
}

void ApiModeling::checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (SymbolRef Sym : llvm::make_first_range(State->get<ErrPtrMap>()))
    if (SR.isDead(Sym)) {
      State = State->remove<ErrPtrMap>(Sym);
      Changed = true;
    }
  for (SymbolRef Sym : State->get<FreshEngines>())
    if (SR.isDead(Sym)) {
      State = State->remove<FreshEngines>(Sym);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}

} // namespace

void registerApiModeling(CheckerManager &Mgr) {
  Mgr.registerChecker<ApiModeling>();
}
bool shouldRegisterApiModeling(const CheckerManager &) { return true; }

} // namespace utrace
