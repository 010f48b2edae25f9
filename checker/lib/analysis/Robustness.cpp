//===- Robustness.cpp - what the analyzer must never see, and its crashes -===//
#include "analysis/Robustness.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include <csignal>
#include <mutex>

using namespace clang;

namespace utrace {

namespace {

/// Structs whose layout cannot be computed: invalid ones, and the ones
/// that hold one by value (the layout of the outer needs the inner's).
class BrokenRecords {
public:
  const Decl *inType(QualType T) {
    for (int Depth = 0; Depth < 32 && !T.isNull(); ++Depth) {
      T = T.getCanonicalType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      else if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
        T = AT->getElementType();
      else
        break;
    }
    if (T.isNull())
      return nullptr;
    if (const auto *RT = T->getAs<RecordType>())
      return record(RT->getDecl());
    if (const auto *ET = T->getAs<EnumType>())
      return ET->getDecl()->isInvalidDecl() ? ET->getDecl() : nullptr;
    return nullptr;
  }

private:
  const Decl *record(const RecordDecl *RD) {
    if (const RecordDecl *Def = RD->getDefinition())
      RD = Def;
    auto [It, New] = Memo.try_emplace(RD, nullptr);
    if (!New)
      return It->second;
    const Decl *Out = RD->isInvalidDecl() ? RD : nullptr;
    for (const FieldDecl *F : RD->fields()) {
      if (Out)
        break;
      if (F->isInvalidDecl()) {
        Out = F;
        break;
      }
      QualType T = F->getType().getCanonicalType();
      while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
        T = AT->getElementType().getCanonicalType();
      if (const auto *RT = T->getAs<RecordType>())
        if (const Decl *Inner = record(RT->getDecl()))
          Out = Inner;
    }
    Memo[RD] = Out;
    return Out;
  }
  llvm::DenseMap<const RecordDecl *, const Decl *> Memo;
};

class BrokenUseFinder : public RecursiveASTVisitor<BrokenUseFinder> {
public:
  const Decl *Found = nullptr;
  BrokenRecords Records;

  bool check(QualType T) {
    if (!Found)
      Found = Records.inType(T);
    return !Found;
  }
  bool checkDecl(const Decl *D) {
    if (!Found && D && D->isInvalidDecl())
      Found = D;
    return !Found;
  }
  bool VisitExpr(Expr *E) { return check(E->getType()); }
  bool VisitDeclRefExpr(DeclRefExpr *E) { return checkDecl(E->getDecl()); }
  bool VisitMemberExpr(MemberExpr *E) {
    return checkDecl(E->getMemberDecl()) &&
           check(E->getBase()->getType());
  }
  bool VisitValueDecl(ValueDecl *D) {
    return checkDecl(D) && check(D->getType());
  }
  bool VisitUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
    return !E->isArgumentType() || check(E->getArgumentType());
  }
  bool VisitCallExpr(CallExpr *E) { return checkDecl(E->getCalleeDecl()); }
};

/// The top-level function the analyzer is in, per thread, for the crash
/// report; set by CurrentFunctionTracker.
thread_local std::string CurrentFunction;
thread_local const std::string *CrashIn = nullptr;

void noteFunction(const Decl *D) {
  if (const auto *ND = dyn_cast_or_null<NamedDecl>(D))
    CurrentFunction = ND->getNameAsString();
  if (CrashIn && !CrashIn->empty() && *CrashIn == CurrentFunction)
    ::raise(SIGSEGV); // --debug-crash-in: the tests' stand-in for a bug
}

class CurrentFunctionTracker
    : public ento::Checker<ento::check::ASTCodeBody,
                           ento::check::BeginFunction> {
public:
  void checkASTCodeBody(const Decl *D, ento::AnalysisManager &,
                        ento::BugReporter &) const {
    noteFunction(D);
  }
  void checkBeginFunction(ento::CheckerContext &C) const {
    if (C.inTopFrame())
      noteFunction(C.getLocationContext()->getDecl());
  }
};

} // namespace

const Decl *brokenDeclUsedBy(const FunctionDecl *FD) {
  BrokenUseFinder F;
  F.checkDecl(FD);
  F.check(FD->getReturnType());
  for (const ParmVarDecl *P : FD->parameters())
    F.checkDecl(P) && F.check(P->getType());
  if (!F.Found && FD->getBody())
    F.TraverseStmt(FD->getBody());
  return F.Found;
}

static bool layoutSafe(const RecordDecl *RD, unsigned Depth) {
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

bool recordLayoutSafe(const RecordDecl *RD) { return layoutSafe(RD, 0); }

bool bodyHasErrors(const FunctionDecl *FD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitExpr(Expr *E) {
      Found |= E->containsErrors();
      return !Found;
    }
    // A field load from a record that cannot be laid out crashes the
    // analyzer computing its offset.
    bool VisitMemberExpr(MemberExpr *ME) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        Found |= F->isInvalidDecl() || !recordLayoutSafe(F->getParent());
      return !Found;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      Found |= DRE->getDecl()->isInvalidDecl();
      return !Found;
    }
  } F;
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

void hideBody(FunctionDecl *FD) { FD->setBody(nullptr); }

void registerCurrentFunctionTracker(ento::CheckerRegistry &Registry) {
  Registry.addChecker<CurrentFunctionTracker>(
      CurrentFunctionTrackerName,
      "records the function under analysis for crash reports", "",
      /*IsHidden=*/true);
}

bool runRecoveringCrashes(llvm::function_ref<void()> Fn, std::string &Function,
                          const std::string &CrashIn) {
  static std::once_flag Once;
  std::call_once(Once, [] { llvm::CrashRecoveryContext::Enable(); });
  CurrentFunction.clear();
  utrace::CrashIn = &CrashIn;
  llvm::CrashRecoveryContext CRC;
  bool OK = CRC.RunSafely(Fn);
  Function = CurrentFunction;
  CurrentFunction.clear();
  utrace::CrashIn = nullptr;
  return OK;
}

/// The main-file offsets of the ranges the preprocessor skipped.
static std::vector<std::pair<unsigned, unsigned>>
skippedOffsets(const SourceManager &SM, llvm::ArrayRef<SourceRange> Skipped) {
  std::vector<std::pair<unsigned, unsigned>> Holes;
  FileID FID = SM.getMainFileID();
  for (SourceRange R : Skipped)
    if (SM.getFileID(R.getBegin()) == FID)
      Holes.push_back({SM.getFileOffset(R.getBegin()),
                       SM.getFileOffset(R.getEnd())});
  return Holes;
}

/// The tokens of a top-level item before its `{`: a function definition's
/// head has a name followed by `(` (not an attribute, not a keyword) and
/// no `=` (an initializer). Begin and name, or an empty Name.
static SourceDefinition definitionHead(llvm::ArrayRef<Token> Head) {
  static const llvm::StringSet<> NotNames = {
      "__attribute__", "__attribute", "asm", "__asm__", "__asm",
      "__declspec", "sizeof", "typeof", "__typeof__", "if", "while",
      "for", "switch", "return", "__section"};
  SourceDefinition Cur;
  if (llvm::any_of(Head, [](const Token &H) { return H.is(tok::equal); }))
    return Cur;
  for (size_t I = 1; I < Head.size(); ++I)
    if (Head[I].is(tok::l_paren) && Head[I - 1].is(tok::raw_identifier) &&
        !NotNames.contains(Head[I - 1].getRawIdentifier())) {
      Cur.Name = Head[I - 1].getRawIdentifier().str();
      Cur.Begin = Head.front().getLocation();
      break;
    }
  return Cur;
}

/// The next token that is not in a directive line.
static void lexSkippingDirectives(Lexer &L, Token &T, bool &Pending) {
  for (;;) {
    if (!Pending)
      L.LexFromRawLexer(T);
    Pending = false;
    if (!T.is(tok::hash) || !T.isAtStartOfLine())
      return;
    do
      L.LexFromRawLexer(T);
    while (T.isNot(tok::eof) && !T.isAtStartOfLine());
    Pending = true; // T already holds the next token
  }
}

std::vector<SourceDefinition>
findDefinitions(const SourceManager &SM, const LangOptions &LO,
                llvm::ArrayRef<SourceRange> Skipped) {
  std::vector<SourceDefinition> Out;
  FileID FID = SM.getMainFileID();
  llvm::StringRef Buf = SM.getBufferData(FID);
  std::vector<std::pair<unsigned, unsigned>> Holes = skippedOffsets(SM, Skipped);
  auto InHole = [&](unsigned Off) {
    return llvm::any_of(Holes, [&](auto &H) {
      return Off >= H.first && Off <= H.second;
    });
  };
  Lexer L(SM.getLocForStartOfFile(FID), LO, Buf.begin(), Buf.begin(),
          Buf.end());
  std::vector<Token> Head; // the tokens of the current top-level item
  unsigned Depth = 0;
  SourceDefinition Cur;
  Token T;
  bool Pending = false;
  for (;;) {
    lexSkippingDirectives(L, T, Pending);
    if (T.is(tok::eof))
      break;
    if (InHole(SM.getFileOffset(T.getLocation())))
      continue;
    if (Depth > 0) {
      if (T.is(tok::l_brace)) {
        ++Depth;
      } else if (T.is(tok::r_brace) && --Depth == 0) {
        if (!Cur.Name.empty()) {
          Cur.End = T.getLocation();
          Out.push_back(Cur);
        }
        Cur = {};
        Head.clear();
      }
      continue;
    }
    if (T.is(tok::semi)) {
      Head.clear();
    } else if (T.is(tok::l_brace)) {
      Depth = 1;
      Cur = definitionHead(Head);
    } else if (T.isNot(tok::r_brace)) {
      Head.push_back(T);
    }
  }
  return Out;
}

} // namespace utrace
