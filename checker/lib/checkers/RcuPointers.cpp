//===- RcuPointers.cpp - RCU-protected pointer locations --------*- C++ -*-===//
#include "checkers/RcuPointers.h"
#include "data/ApiModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace utrace {

namespace {

bool inSetting(StringRef Key, StringRef Name) {
  return ApiModel::builtin().inSetting(Key, Name);
}

/// The text of the first argument of the macro invocation whose name is at
/// Exp (a file location), or "" when it cannot be read.
StringRef firstMacroArgument(SourceLocation Exp, const SourceManager &SM,
                             const LangOptions &LO) {
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Exp), &Invalid);
  if (Invalid)
    return "";
  size_t I = SM.getFileOffset(Exp) + Lexer::MeasureTokenLength(Exp, SM, LO);
  while (I < Buf.size() && isspace(static_cast<unsigned char>(Buf[I])))
    ++I;
  if (I >= Buf.size() || Buf[I] != '(')
    return "";
  size_t Begin = ++I;
  for (int Depth = 0; I < Buf.size(); ++I) {
    char C = Buf[I];
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    else if ((C == ')' || C == ']' || C == '}') && Depth-- == 0)
      break;
    else if (C == ',' && Depth == 0)
      break;
  }
  return Buf.slice(Begin, I);
}

/// The targets of rcu_assign_pointer() and the like in every function
/// body: an lvalue whose address the macro takes (or that it assigns), and
/// that is written as the macro's first argument.
class AssignFinder : public RecursiveASTVisitor<AssignFinder> {
public:
  AssignFinder(ASTContext &Ctx, llvm::function_ref<bool(SourceLocation)> Own)
      : Ctx(Ctx), Own(Own) {}
  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    Current = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_AddrOf)
      consider(UO->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      consider(BO->getLHS());
    return true;
  }
  ASTContext &Ctx;
  llvm::function_ref<bool(SourceLocation)> Own;
  const FunctionDecl *Current = nullptr;
  llvm::DenseMap<const ValueDecl *, llvm::DenseSet<const FunctionDecl *>>
      Assigned;
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const Type *>> Types;

private:
  void consider(const Expr *E) {
    E = E->IgnoreParens();
    if (!Current || !E->getBeginLoc().isMacroID() ||
        !E->getType()->isPointerType())
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    SourceLocation Exp = SM.getExpansionLoc(E->getBeginLoc());
    bool Invalid = false;
    const char *P = SM.getCharacterData(Exp, &Invalid);
    if (Invalid)
      return;
    StringRef Macro(P, Lexer::MeasureTokenLength(Exp, SM, LO));
    if (!inSetting("rcu_assign_macros", Macro) || !Own(Exp))
      return;
    // Where the expression is written at the top level: inside the first
    // argument, or it is part of the macro's own body.
    SourceLocation At = E->getBeginLoc();
    while (At.isMacroID())
      At = SM.getImmediateMacroCallerLoc(At);
    StringRef Arg = firstMacroArgument(Exp, SM, LO);
    if (Arg.empty() || SM.getFileID(At) != SM.getFileID(Exp))
      return;
    StringRef Buf = SM.getBufferData(SM.getFileID(Exp), &Invalid);
    if (Invalid)
      return;
    unsigned Off = SM.getFileOffset(At);

    unsigned ArgBegin = Arg.data() - Buf.data();
    if (Off < ArgBegin || Off >= ArgBegin + Arg.size())
      return;
    const FunctionDecl *Key = Current->getCanonicalDecl();
    if (const ValueDecl *Where = rcuLocationOf(E))
      if (Own(Where->getLocation()))
        Assigned[Where].insert(Key);
    Types[Key].insert(E->getType().getCanonicalType().getTypePtr());
  }
};

/// The loads of one body, with the positions where a pointer is only a
/// truth value.
class LoadFinder : public RecursiveASTVisitor<LoadFinder> {
public:
  explicit LoadFinder(llvm::function_ref<void(const Expr *)> OnLoad)
      : OnLoad(OnLoad) {}
  // sizeof/_Alignof operands are not evaluated.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_LNot)
      truthOnly(UO->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isLogicalOp()) {
      truthOnly(BO->getLHS());
      truthOnly(BO->getRHS());
    } else if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      auto IsNull = [](const Expr *E) {
        E = E->IgnoreParenCasts();
        if (const auto *IL = dyn_cast<IntegerLiteral>(E))
          return IL->getValue() == 0;
        return isa<GNUNullExpr>(E) || isa<CXXNullPtrLiteralExpr>(E);
      };
      if (IsNull(BO->getRHS()))
        truthOnly(BO->getLHS());
      if (IsNull(BO->getLHS()))
        truthOnly(BO->getRHS());
    }
    return true;
  }
  bool VisitIfStmt(IfStmt *S) { return truthOnly(S->getCond()); }
  bool VisitWhileStmt(WhileStmt *S) { return truthOnly(S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return truthOnly(S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return truthOnly(S->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *CO) {
    return truthOnly(CO->getCond());
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
    if (ICE->getCastKind() != CK_LValueToRValue)
      return true;
    const Expr *Sub = ICE->getSubExpr();
    if (Sub->getType()->isPointerType() && !TruthOnly.count(Sub->IgnoreParens()))
      OnLoad(Sub);
    return true;
  }

private:
  bool truthOnly(const Expr *E) {
    if (E)
      TruthOnly.insert(E->IgnoreParenImpCasts());
    return true;
  }
  llvm::function_ref<void(const Expr *)> OnLoad;
  llvm::DenseSet<const Expr *> TruthOnly;
};

} // namespace

const ValueDecl *rcuLocationOf(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase()->IgnoreParenImpCasts();
    if (Base->getType()->isArrayType())
      return rcuLocationOf(Base);
  }
  return nullptr;
}

bool expandedInMacroOf(SourceLocation L, StringRef Key,
                       const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  while (L.isMacroID()) {
    if (inSetting(Key, Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts())))
      return true;
    L = SM.getImmediateMacroCallerLoc(L);
  }
  return false;
}

RcuPointers::RcuPointers(ASTContext &Ctx) : Ctx(Ctx) {
  auto Own = [this](SourceLocation L) { return ownCode(L); };
  AssignFinder F(Ctx, Own);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  Assigned = std::move(F.Assigned);
  AssignedTypes = std::move(F.Types);
}

bool RcuPointers::ownCode(SourceLocation L) const {
  const SourceManager &SM = Ctx.getSourceManager();
  L = SM.getExpansionLoc(L);
  if (L.isInvalid() || SM.isInSystemHeader(L))
    return false;
  FileID F = SM.getFileID(L);
  auto It = Own.find(F);
  if (It != Own.end())
    return It->second;
  bool Result = false;
  for (FileID Cur = F; Cur.isValid();) {
    if (Cur == SM.getMainFileID()) {
      Result = true;
      break;
    }
    // A file reached through `#include <...>` is another project's (the
    // kernel's); `-include` files and the command line are not the code.
    SourceLocation Inc = SM.getIncludeLoc(Cur);
    if (Inc.isInvalid())
      break;
    Inc = SM.getExpansionLoc(Inc);
    bool Invalid = false;
    const char *P = SM.getCharacterData(Inc, &Invalid);
    if (Invalid || *P == '<')
      break;
    Cur = SM.getFileID(Inc);
  }
  Own[F] = Result;
  return Result;
}

bool RcuPointers::spelledRcu(const ValueDecl *D) const {
  auto It = Spelled.find(D);
  if (It != Spelled.end())
    return It->second;
  bool Found = false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = D->getBeginLoc(), N = D->getLocation();
  if (B.isValid() && N.isValid() && B.isFileID() && N.isFileID() &&
      SM.getFileID(B) == SM.getFileID(N) &&
      SM.getFileOffset(B) < SM.getFileOffset(N)) {
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(SM.getFileID(B), &Invalid);
    if (!Invalid) {
      StringRef Text = Buf.slice(SM.getFileOffset(B), SM.getFileOffset(N));
      for (size_t At = Text.find("__rcu"); At != StringRef::npos;
           At = Text.find("__rcu", At + 1)) {
        auto Ident = [](char C) { return isalnum(static_cast<unsigned char>(C)) || C == '_'; };
        bool Before = At > 0 && Ident(Text[At - 1]);
        bool After = At + 5 < Text.size() && Ident(Text[At + 5]);
        if (!Before && !After) {
          Found = true;
          break;
        }
      }
    }
  }
  Spelled[D] = Found;
  return Found;
}

bool RcuPointers::declaredRcu(const Expr *LValue, const ValueDecl *Where) const {
  // Only the program's own locations: the kernel's (task_struct->sighand,
  // ->real_parent) follow the kernel's locking rules, not this rule's.
  if (Where && !ownCode(Where->getLocation()))
    return false;
  QualType P = LValue->getType()->getPointeeType();
  while (!P.isNull()) {
    const auto *BT = P->getAs<BTFTagAttributedType>();
    if (!BT)
      break;
    if (BT->getAttr()->getBTFTypeTag() == "rcu")
      return true;
    P = BT->getWrappedType();
  }
  return Where && spelledRcu(Where);
}

void RcuPointers::forEachPlainLoad(
    const FunctionDecl *FD,
    llvm::function_ref<void(const PlainRcuLoad &)> Fn) const {
  if (!FD || !FD->hasBody() || !ownCode(FD->getLocation()))
    return;
  const FunctionDecl *Key = FD->getCanonicalDecl();
  auto OnLoad = [&](const Expr *Load) {
    const ValueDecl *Where = rcuLocationOf(Load);
    bool Declared = declaredRcu(Load, Where);
    auto It = Where ? Assigned.find(Where) : Assigned.end();
    if (!Declared && It == Assigned.end())
      return;
    if (expandedInMacroOf(Load->getBeginLoc(), "rcu_accessor_macros", Ctx))
      return;
    // The update side of a location known only from its assignments.
    if (!Declared && It->second.contains(Key))
      return;
    // A pointer reached through an __rcu cast (hlist_first_rcu(),
    // hlist_next_rcu()) in a function that publishes a pointer of that
    // type: a list primitive's update side, which walks the list plainly
    // under the updater's lock, as the kernel's own primitives do.
    if (!Where) {
      auto T = AssignedTypes.find(Key);
      if (T != AssignedTypes.end() &&
          T->second.contains(Load->getType().getCanonicalType().getTypePtr()))
        return;
    }
    Fn({Load, Where, Declared});
  };
  LoadFinder LF(OnLoad);
  LF.TraverseStmt(FD->getBody());
}

bool RcuPointers::hasPlainLoad(const FunctionDecl *FD) const {
  bool Found = false;
  forEachPlainLoad(FD, [&](const PlainRcuLoad &) { Found = true; });
  return Found;
}

std::string RcuPointers::describe(const PlainRcuLoad &L) {
  if (!L.Where || !L.Where->getIdentifier())
    return "";
  std::string Name = L.Where->getName().str();
  if (const auto *FD = dyn_cast<FieldDecl>(L.Where))
    if (FD->getParent()->getIdentifier())
      Name = FD->getParent()->getName().str() + "->" + Name;
  if (L.Where->getType()->isArrayType())
    Name += "[]";
  return "'" + Name + "'";
}

} // namespace utrace
