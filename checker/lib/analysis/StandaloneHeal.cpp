//===- StandaloneHeal.cpp - filling in missing context for --standalone -===//
#include "analysis/StandaloneHeal.h"
#include "data/ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclarationName.h"
#include "clang/AST/Type.h"
#include "clang/Basic/DiagnosticLex.h"
#include "clang/Basic/DiagnosticParse.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/Regex.h"

using namespace clang;

namespace utrace {

bool usesFirstApiGeneration(llvm::StringRef Src) {
  // A file that names the later API anywhere (often next to a
  // compatibility #ifdef for the old one) is analysed as the later API.
  static const llvm::Regex Later("utrace_attach_task|utrace_attach_pid|"
                                 "utrace_engine_put|UTRACE_API_VERSION");
  static const llvm::Regex First("utrace_attach[ \t]*\\(|utrace_attached_engine|"
                                 "utrace_set_flags|UTRACE_ACTION_");
  return First.match(Src) && !Later.match(Src);
}

struct StandaloneHealer::Pending {
  std::map<std::string, std::string> Vars;
  std::map<std::string, unsigned> Consts;
  std::set<std::string> Typedefs;
  std::map<std::string, std::map<std::string, std::string>> Structs;
  std::set<std::string> Defines, LoopMacros, Banned, Unhealable;
  std::set<std::string> CastTypes, FnMacros;
  std::map<std::string, std::string> DeclMacros;
  std::map<std::string, std::string> Upgrades;
  std::set<std::string> ForwardTags;
};

namespace {

bool isIdent(char C) { return isalnum(static_cast<unsigned char>(C)) || C == '_'; }

/// The identifier whose last character is at Q or before it, blanks
/// skipped backwards; empty when there is none. Its end() is just after it.
llvm::StringRef identifierEndingAt(const char *Q, const char *Begin) {
  while (Q > Begin && isspace(static_cast<unsigned char>(*Q)))
    --Q;
  const char *NE = Q + 1;
  while (Q >= Begin && isIdent(*Q))
    --Q;
  return llvm::StringRef(Q + 1, NE - (Q + 1));
}

const char *skipSpace(const char *P, const char *End) {
  while (P < End) {
    if (isspace(static_cast<unsigned char>(*P))) {
      ++P;
    } else if (P + 1 < End && P[0] == '/' && P[1] == '*') {
      const char *E = strstr(P + 2, "*/");
      P = E && E < End ? E + 2 : End;
    } else if (P + 1 < End && P[0] == '/' && P[1] == '/') {
      while (P < End && *P != '\n')
        ++P;
    } else if (P + 1 < End && P[0] == '\\' && P[1] == '\n') {
      P += 2;
    } else {
      break;
    }
  }
  return P;
}

/// From an opening bracket to just after its match.
const char *skipBalanced(const char *P, const char *End) {
  char Open = *P, Close = Open == '(' ? ')' : ']';
  int Depth = 0;
  for (; P < End; ++P) {
    if (*P == Open)
      ++Depth;
    else if (*P == Close && --Depth == 0)
      return P + 1;
  }
  return End;
}

std::string healedStruct(llvm::StringRef Name) {
  return "__heal_t_" + Name.str();
}

/// The declarator a use implies, read from what follows the name: `->`
/// makes a pointer to a synthesized struct, `.` such a struct, `[` an
/// array (of what follows its `]`), `(` a function pointer; else `long`.
/// \p NewStruct receives the struct it needs, if any.
std::string shapeOf(llvm::StringRef Name, const char *After, const char *End,
                    std::string &NewStruct, bool &Scalar) {
  const char *P = skipSpace(After, End);
  std::string Prefix;
  if (P < End && *P == '[') {
    Prefix = "*";
    P = skipSpace(skipBalanced(P, End), End);
  }
  Scalar = false;
  if (P + 1 < End && P[0] == '-' && P[1] == '>') {
    NewStruct = healedStruct(Name);
    return "struct " + NewStruct + " *" + Prefix + Name.str();
  }
  if (P + 1 < End && P[0] == '.' && P[1] != '.' && !isdigit(P[1])) {
    NewStruct = healedStruct(Name);
    return "struct " + NewStruct + " " + Prefix + Name.str();
  }
  if (P < End && *P == '(' && Prefix.empty())
    return "long (*" + Name.str() + ")()";
  Scalar = Prefix.empty();
  return "long " + Prefix + Name.str();
}

/// After a name: `* ident` or `ident` followed by `=`, `;`, `,` or `[` —
/// the name is the type of a declaration.
bool declaresWithType(const char *P, const char *End) {
  P = skipSpace(P, End);
  while (P < End && *P == '*')
    P = skipSpace(P + 1, End);
  const char *I = P;
  while (P < End && isIdent(*P))
    ++P;
  if (P == I || isdigit(*I))
    return false;
  P = skipSpace(P, End);
  return P < End && (*P == '=' || *P == ';' || *P == ',' || *P == '[');
}

/// Keeps the most telling shape of a name: a struct or pointer use wins
/// over `long`. True when the map changed.
bool mergeDecl(std::map<std::string, std::string> &M, const std::string &Name,
               const std::string &Decl) {
  auto [It, New] = M.emplace(Name, Decl);
  if (New)
    return true;
  if (llvm::StringRef(It->second).starts_with("long ") &&
      !llvm::StringRef(Decl).starts_with("long ")) {
    It->second = Decl;
    return true;
  }
  return false;
}

/// The type of the object a DEFINE_x/DECLARE_x-style macro defines.
std::string objectTypeOfDefinitionMacro(llvm::StringRef Name) {
  static const std::pair<const char *, const char *> Kinds[] = {
      {"RWLOCK", "rwlock_t"},
      {"SPINLOCK", "spinlock_t"},
      {"RWSEM", "struct rw_semaphore"},
      {"MUTEX", "struct mutex"},
      {"SEMAPHORE", "struct semaphore"},
      {"WAIT_QUEUE_HEAD", "wait_queue_head_t"},
      {"COMPLETION", "struct completion"},
      {"HLIST_HEAD", "struct hlist_head"},
      {"LIST_HEAD", "struct list_head"},
  };
  for (const auto &[Part, Type] : Kinds)
    if (Name.contains(Part))
      return Type;
  return "long";
}

bool isAllCaps(llvm::StringRef N) {
  return llvm::any_of(N, [](char C) { return isupper(C); }) &&
         llvm::none_of(N, [](char C) { return islower(C); });
}

/// The record a type names, through pointers, arrays and typedefs.
const RecordDecl *recordOf(QualType T) {
  for (int I = 0; I < 8 && !T.isNull(); ++I) {
    if (const auto *RT = T->getAs<RecordType>())
      return RT->getDecl();
    const Type *E = T->getPointeeOrArrayElementType();
    if (E == T.getTypePtr())
      return nullptr;
    T = QualType(E, 0);
  }
  return nullptr;
}

} // namespace

/// Reads each error of a round and notes what would have prevented it.
class HealRecorder : public DiagnosticConsumer {
public:
  HealRecorder(StandaloneHealer &H, DiagnosticConsumer *Inner)
      : H(H), Inner(Inner) {}
  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    if (Inner)
      Inner->BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override {
    if (Inner)
      Inner->EndSourceFile();
  }
  void finish() override {
    if (Inner)
      Inner->finish();
  }
  void clear() override {
    DiagnosticConsumer::clear();
    if (Inner)
      Inner->clear();
  }
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level >= DiagnosticsEngine::Note && Info.hasSourceManager() &&
        Info.getLocation().isValid())
      record(Level, Info);
    if (Inner)
      Inner->HandleDiagnostic(Level, Info);
  }

private:
  void record(DiagnosticsEngine::Level Level, const Diagnostic &Info) {
    const SourceManager &SM = Info.getSourceManager();
    SourceLocation L = SM.getExpansionLoc(Info.getLocation());
    // Text is read where it is written: a macro argument's spelling.
    SourceLocation TL = L;
    if (Info.getLocation().isMacroID()) {
      SourceLocation S = SM.getSpellingLoc(Info.getLocation());
      if (SM.getFileEntryRefForID(SM.getFileID(S)))
        TL = S;
    }
    FileID FID = SM.getFileID(TL);
    bool Invalid = false;
    llvm::StringRef Buf = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return;
    const char *Begin = Buf.begin(), *End = Buf.end();
    const char *P = Begin + SM.getFileOffset(TL);
    StandaloneHealer::Pending &N = *H.Next;
    // A synthesized declaration that clashes with a real one: drop it.
    if (SM.getFilename(L) == StandaloneHealer::PreludePath) {
      const char *E = P;
      while (E < End && isIdent(*E))
        ++E;
      if (E > P)
        N.Banned.insert(std::string(P, E));
      return;
    }
    unsigned ID = Info.getID();
    // Code that implements utrace itself (its own utrace.h) clashes with
    // the simulator's: leave the simulator's out of the prelude.
    if (Level == DiagnosticsEngine::Note) {
      if (LastErrorRedefines && SM.isInSystemHeader(L) &&
          SM.getFilename(L).ends_with("linux/utrace.h"))
        N.Defines.insert(StandaloneHealer::OwnUtraceMacro);
      return;
    }
    if (Level < DiagnosticsEngine::Error)
      return;
    LastErrorRedefines = ID == diag::err_redefinition ||
                         ID == diag::err_redefinition_different_kind ||
                         ID == diag::err_redefinition_different_type ||
                         ID == diag::err_redefinition_different_typedef ||
                         ID == diag::err_redefinition_of_enumerator ||
                         ID == diag::err_conflicting_types;
    dispatch(Info, TextAt{Begin, End, P}, N);
  }

  using Pending = StandaloneHealer::Pending;

  /// Where a diagnostic points, in the text it was written in.
  struct TextAt {
    const char *Begin, *End; ///< the buffer
    const char *P;           ///< the location in it
  };

  /// The handler of a diagnostic the healer learns from; each takes what
  /// it reads: the diagnostic, the text at its location, and the names
  /// learnt this round (N).
  void dispatch(const Diagnostic &Info, const TextAt &T, Pending &N) {
    switch (Info.getID()) {
    case diag::err_undeclared_var_use:
    case diag::err_undeclared_var_use_suggest:
      return healUndeclared(Info, T, N);
    case diag::err_unknown_typename:
    case diag::err_unknown_typename_suggest:
      return healUnknownType(Info, N);
    case diag::err_no_member:
    case diag::err_field_designator_unknown:
      return healMissingMember(Info, T, N);
    case diag::err_typecheck_incomplete_tag:
    case diag::err_field_incomplete_or_sizeless:
    case diag::err_typecheck_decl_incomplete_type:
    case diag::err_array_incomplete_or_sizeless_type:
    case diag::err_sizeof_alignof_incomplete_or_sizeless_type:
    case diag::err_subscript_incomplete_or_sizeless_type:
    case diag::err_tentative_def_incomplete_type:
    case diag::err_typecheck_arithmetic_incomplete_or_sizeless_type:
      return healIncompleteStruct(Info, T, N);
    case diag::err_typecheck_member_reference_struct_union:
    case diag::err_typecheck_member_reference_arrow:
      return healMemberOfScalar(T, N);
    case diag::err_pp_expr_bad_token_lparen:
    case diag::err_pp_expr_bad_token_binop:
      return healConfigMacro(Info, T, N);
    case diag::err_ident_list_in_fn_declaration:
      return healDefinitionMacro(T, N);
    case diag::err_conflicting_types:
      return healPrototypeTag(T, N);
    case diag::err_pp_hash_error:
      return healGuard(N);
    case diag::err_expected_semi_after_expr:
      return healLoopMacro(T, N);
    default:
      return;
    }
  }

  /// `(name)(expr)` or `(name)var`: a cast to a scalar type (an enum or
  /// integer typedef of the missing header); "(*name)" when the cast makes
  /// a function pointer (`(* (name)x)(args)`); "" when Name is no cast.
  static std::string castTypeAt(const TextAt &At, const std::string &Name) {
    const char *Begin = At.Begin, *End = At.End, *P = At.P;
    const char *B = P - 1;
    while (B > Begin && isspace(static_cast<unsigned char>(*B)))
      --B;
    const char *A = skipSpace(P + Name.size(), End);
    if (*B != '(' || A >= End || *A != ')')
      return "";
    const char *C = skipSpace(A + 1, End);
    if (C >= End || !(*C == '(' || isIdent(*C)))
      return "";
    const char *D = B - 1;
    while (D > Begin && isspace(static_cast<unsigned char>(*D)))
      --D;
    return *D == '*' ? "(*" + Name + ")" : Name;
  }

  /// The name at At is written `typeof(&name)`.
  static bool takesAddressInTypeof(const TextAt &At) {
    const char *Begin = At.Begin;
    const char *B = At.P - 1;
    while (B > Begin && isspace(static_cast<unsigned char>(*B)))
      --B;
    if (*B != '&')
      return false;
    --B;
    while (B > Begin && isspace(static_cast<unsigned char>(*B)))
      --B;
    return *B == '(' &&
           llvm::StringRef(Begin, B - Begin).rtrim().ends_with("typeof");
  }

  /// An undeclared name: a cast type, a type, a function whose type is taken, a constant or a global, by the shape of its use.
  void healUndeclared(const Diagnostic &Info, const TextAt &T, Pending &N) {
    std::string Name =
        Info.getArgKind(0) == DiagnosticsEngine::ak_declarationname
            ? DeclarationName::getFromOpaqueInteger(Info.getRawArg(0))
                  .getAsString()
            : "";
    if (Name.empty() ||
        llvm::StringRef(T.P, T.End - T.P).substr(0, Name.size()) != Name)
      return;
    if (H.Banned.count(Name))
      return;
    if (H.Protected.count(Name) ||
        llvm::StringRef(Name).starts_with("utrace_")) {
      N.Unhealable.insert("'" + Name + "' (a modelled API name)");
      return;
    }
    if (std::string Cast = castTypeAt(T, Name); !Cast.empty()) {
      N.CastTypes.insert(Cast);
      return;
    }
    // `name *var = ...` or `name var;` at the start of a statement: the
    // name is a type the missing header declared.
    if (declaresWithType(T.P + Name.size(), T.End)) {
      N.Typedefs.insert(Name);
      N.Structs[healedStruct(Name)];
      return;
    }
    // `typeof(&name)`: a function whose type the code takes.
    if (takesAddressInTypeof(T)) {
      N.Vars[Name] = "long " + Name + "()";
      return;
    }
    std::string Struct;
    bool Scalar = false;
    std::string Decl = shapeOf(Name, T.P + Name.size(), T.End, Struct, Scalar);
    if (Scalar && isAllCaps(Name)) {
      N.Consts.emplace(Name, 0);
      return;
    }
    mergeDecl(N.Vars, Name, Decl);
    if (!Struct.empty())
      N.Structs[Struct];
  }

  /// An unknown type name: a typedef of a synthesized struct.
  void healUnknownType(const Diagnostic &Info, Pending &N) {
    if (Info.getArgKind(0) != DiagnosticsEngine::ak_identifierinfo)
      return;
    const IdentifierInfo *II =
        reinterpret_cast<const IdentifierInfo *>(Info.getRawArg(0));
    std::string Name = II->getName().str();
    if (H.Banned.count(Name))
      return;
    if (H.Protected.count(Name) ||
        llvm::StringRef(Name).starts_with("utrace_")) {
      N.Unhealable.insert("'" + Name + "' (a modelled API name)");
      return;
    }
    N.Typedefs.insert(Name);
    N.Structs[healedStruct(Name)];
  }

  /// No such member in a struct the prelude made up: the member, typed by its use.
  void healMissingMember(const Diagnostic &Info, const TextAt &T, Pending &N) {
    if (Info.getArgKind(0) != DiagnosticsEngine::ak_declarationname)
      return;
    std::string Member =
        DeclarationName::getFromOpaqueInteger(Info.getRawArg(0)).getAsString();
    const RecordDecl *RD = nullptr;
    if (Info.getArgKind(1) == DiagnosticsEngine::ak_declcontext)
      RD = dyn_cast_or_null<RecordDecl>(
          reinterpret_cast<DeclContext *>(Info.getRawArg(1)));
    else if (Info.getArgKind(1) == DiagnosticsEngine::ak_qualtype)
      RD = recordOf(QualType::getFromOpaquePtr(
          reinterpret_cast<void *>(Info.getRawArg(1))));
    if (!RD || RD->getName().empty())
      return;
    std::string Tag = RD->getName().str();
    if (!H.Structs.count(Tag) && !N.Structs.count(Tag)) {
      N.Unhealable.insert("member '" + Member + "' of struct " + Tag);
      return;
    }
    // The member's name is at the location (or after a designator's dot).
    const char *M = T.P;
    if (M < T.End && *M == '.')
      M = skipSpace(M + 1, T.End);
    if (llvm::StringRef(M, T.End - M).substr(0, Member.size()) != Member)
      return;
    std::string Struct;
    bool Scalar = false;
    mergeDecl(N.Structs[Tag], Member,
              shapeOf(Member, M + Member.size(), T.End, Struct, Scalar));
    if (!Struct.empty())
      N.Structs[Struct];
  }

  /// An incomplete struct: defined, with the member used through it.
  void healIncompleteStruct(const Diagnostic &Info, const TextAt &T,
                            Pending &N) {
    for (unsigned I = 0; I < Info.getNumArgs(); ++I) {
      if (Info.getArgKind(I) != DiagnosticsEngine::ak_qualtype)
        continue;
      const RecordDecl *RD = recordOf(QualType::getFromOpaquePtr(
          reinterpret_cast<void *>(Info.getRawArg(I))));
      if (!RD || RD->getName().empty() || RD->getDefinition() ||
          !RD->isStruct())
        continue;
      std::string Tag = RD->getName().str();
      auto &Members = N.Structs[Tag];
      if (Info.getID() != diag::err_typecheck_incomplete_tag)
        continue;
      // `p->member`: the member follows the base expression.
      const char *Q = T.P;
      for (int Depth = 0; Q + 1 < T.End && Q < T.P + 200; ++Q) {
        if (*Q == '(' || *Q == '[')
          ++Depth;
        else if ((*Q == ')' || *Q == ']') && --Depth < 0)
          break;
        else if (*Q == ';' || *Q == '{' || *Q == '}')
          break;
        else if (Depth == 0 &&
                 ((Q[0] == '-' && Q[1] == '>') ||
                  (Q[0] == '.' && isIdent(Q[1]) && !isdigit(Q[1])))) {
          const char *MB = skipSpace(Q + (*Q == '-' ? 2 : 1), T.End);
          const char *ME = MB;
          while (ME < T.End && isIdent(*ME))
            ++ME;
          if (ME > MB) {
            std::string Member(MB, ME), Struct;
            bool Scalar = false;
            mergeDecl(Members, Member,
                      shapeOf(Member, ME, T.End, Struct, Scalar));
            if (!Struct.empty())
              N.Structs[Struct];
          }
          break;
        }
      }
    }
  }

  /// `name.m` / `name->m` where name was synthesized as long: the name just before the operator gets the shape this use implies.
  void healMemberOfScalar(const TextAt &T, Pending &N) {
    llvm::StringRef Ident = identifierEndingAt(T.P - 1, T.Begin);
    const char *NE = Ident.end();
    std::string Name = Ident.str();
    if (Name.empty() || isdigit(Name[0]))
      return;
    std::string Struct;
    bool Scalar = false;
    N.Upgrades[Name] = shapeOf(Name, NE, T.End, Struct, Scalar);
    if (!Struct.empty())
      N.Structs[Struct];
  }

  /// `#if NAME(args)` with NAME undefined: a configuration test macro of a header that is not here; it answers 0.
  void healConfigMacro(const Diagnostic &Info, const TextAt &T, Pending &N) {
    const char *Q = T.P;
    if (Info.getID() == diag::err_pp_expr_bad_token_binop) {
      if (Q >= T.End || *Q != '(')
        return;
      llvm::StringRef Name = identifierEndingAt(Q - 1, T.Begin);
      if (Name.empty() || isdigit(Name[0]))
        return;
      N.FnMacros.insert(Name.str());
      return;
    }
    if (Info.getArgKind(0) == DiagnosticsEngine::ak_identifierinfo)
      N.FnMacros.insert(
          reinterpret_cast<const IdentifierInfo *>(Info.getRawArg(0))
              ->getName()
              .str());
  }

  /// `static DEFINE_SOMETHING(name);` at file scope: a definition macro of a header that is not here.
  void healDefinitionMacro(const TextAt &T, Pending &N) {
    // `static DEFINE_SOMETHING(name);` at file scope: a definition macro
    // of a header that is not here. The object's type follows the
    // kernel's naming of such macros; else long.
    const char *Q = T.P;
    while (Q > T.Begin && Q > T.P - 200 && *Q != '(' && *Q != '\n')
      --Q;
    if (*Q != '(')
      return;
    const char *NE = Q;
    while (NE > T.Begin && isspace(static_cast<unsigned char>(NE[-1])))
      --NE;
    const char *NB = NE;
    while (NB > T.Begin && isIdent(NB[-1]))
      --NB;
    std::string Name(NB, NE);
    if (Name.empty() || isdigit(Name[0]) || H.Protected.count(Name))
      return;
    N.DeclMacros[Name] = objectTypeOfDefinitionMacro(Name);
  }

  /// A struct first named in a prototype's parameter list: declared at file scope.
  void healPrototypeTag(const TextAt &T, Pending &N) {
    // A struct first named in a prototype's parameter list has that
    // prototype's scope only, so the definition's parameter is another
    // type: the struct is declared at file scope in the prelude.
    // The tags are read from the parameter list at the location.
    const char *Q = T.P;
    while (Q < T.End && isIdent(*Q))
      ++Q;
    Q = skipSpace(Q, T.End);
    if (Q >= T.End || *Q != '(')
      return;
    llvm::StringRef Params(Q, skipBalanced(Q, T.End) - Q);
    static const llvm::Regex Tag(
        "(struct|union)[ \t\n]+([A-Za-z_][A-Za-z0-9_]*)");
    llvm::SmallVector<llvm::StringRef, 3> M;
    while (Tag.match(Params, &M)) {
      N.ForwardTags.insert(M[1].str() + " " + M[2].str());
      Params = Params.substr(Params.find(M[0]) + M[0].size());
    }
  }

  /// A configuration guard's #error: the macros that reach past it are defined.
  void healGuard(Pending &N) {
    if (!Guard.empty())
      for (const std::string &M : Guard.back())
        N.Defines.insert(M);
  }

  /// `name(args) {` or `name(args) stmt;`: a loop macro the simulator lacks.
  void healLoopMacro(const TextAt &T, Pending &N) {
    // `name(args) {` or `name(args) stmt;`: a loop macro the simulator
    // lacks. Read the name backwards from the missing ';'.
    const char *After = skipSpace(T.P, T.End);
    if (After >= T.End || !(*After == '{' || isIdent(*After)))
      return;
    const char *Q = T.P - 1;
    while (Q > T.Begin && isspace(static_cast<unsigned char>(*Q)))
      --Q;
    if (*Q != ')')
      return;
    for (int Depth = 0; Q > T.Begin; --Q) {
      if (*Q == ')')
        ++Depth;
      else if (*Q == '(' && --Depth == 0)
        break;
    }
    std::string Name = identifierEndingAt(Q - 1, T.Begin).str();
    if (Name.empty() || isdigit(Name[0]) || H.Protected.count(Name) ||
        llvm::StringRef(Name).starts_with("utrace_") || Name == "if" ||
        Name == "while" || Name == "for" || Name == "switch")
      return;
    N.LoopMacros.insert(Name);
  }

public:
  /// The macros each open conditional needs defined to reach its active
  /// branch's #error (filled by GuardTracker).
  std::vector<std::vector<std::string>> Guard;

private:
  StandaloneHealer &H;
  DiagnosticConsumer *Inner;
  bool LastErrorRedefines = false;
};

/// Keeps HealRecorder::Guard in step with #if/#ifdef/#ifndef/#else/#endif:
/// a #error under `#ifndef X`, `#if !defined(X)` or the #else of `#ifdef X`
/// is a configuration guard, healed by defining X.
class GuardTracker : public PPCallbacks {
public:
  GuardTracker(HealRecorder &R, Preprocessor &PP) : R(R), PP(PP) {}
  void If(SourceLocation, SourceRange Cond, ConditionValueKind) override {
    std::vector<std::string> Names;
    llvm::StringRef Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Cond), PP.getSourceManager(),
        PP.getLangOpts());
    static const llvm::Regex Negated("!\\s*defined\\s*\\(?\\s*([A-Za-z_][A-Za-z0-9_]*)");
    llvm::SmallVector<llvm::StringRef, 2> M;
    while (Negated.match(Text, &M)) {
      Names.push_back(M[1].str());
      Text = Text.substr(Text.find(M[0]) + M[0].size());
    }
    R.Guard.push_back(std::move(Names));
  }
  void Ifdef(SourceLocation, const Token &Name, const MacroDefinition &) override {
    R.Guard.push_back({});
    IfdefName[R.Guard.size()] = PP.getSpelling(Name);
  }
  void Ifndef(SourceLocation, const Token &Name, const MacroDefinition &) override {
    R.Guard.push_back({PP.getSpelling(Name)});
  }
  void Elif(SourceLocation, SourceRange, ConditionValueKind,
            SourceLocation) override {
    if (!R.Guard.empty())
      R.Guard.back().clear();
  }
  void Else(SourceLocation, SourceLocation) override {
    if (R.Guard.empty())
      return;
    R.Guard.back().clear();
    auto It = IfdefName.find(R.Guard.size());
    if (It != IfdefName.end())
      R.Guard.back().push_back(It->second);
  }
  void Endif(SourceLocation, SourceLocation) override {
    IfdefName.erase(R.Guard.size());
    if (!R.Guard.empty())
      R.Guard.pop_back();
  }

private:
  HealRecorder &R;
  Preprocessor &PP;
  std::map<size_t, std::string> IfdefName;
};

StandaloneHealer::StandaloneHealer() : Next(std::make_unique<Pending>()) {
  for (const ApiFunction &F : ApiModel::builtin().functions())
    Protected.insert(F.Name);
}

StandaloneHealer::~StandaloneHealer() = default;

std::unique_ptr<DiagnosticConsumer>
StandaloneHealer::wrap(DiagnosticConsumer *Inner) {
  Next = std::make_unique<Pending>();
  auto R = std::make_unique<HealRecorder>(*this, Inner);
  Recorder = R.get();
  return R;
}

void StandaloneHealer::attach(Preprocessor &PP) {
  if (Recorder)
    PP.addPPCallbacks(std::make_unique<GuardTracker>(*Recorder, PP));
}

bool StandaloneHealer::banned(const std::string &Name) const {
  return Next->Banned.count(Name) || Banned.count(Name);
}

/// Adds the items of From that are not banned to Into; true when any was new.
template <class Into, class From>
static bool addNew(Into &To, const From &Items,
                   llvm::function_ref<bool(const std::string &)> Banned) {
  bool Changed = false;
  for (const auto &E : Items)
    if (!Banned(std::string(E)) && To.insert(E).second)
      Changed = true;
  return Changed;
}

bool StandaloneHealer::learnNames(Pending &N) {
  auto IsBanned = [&](const std::string &S) { return banned(S); };
  bool Changed = false;
  for (const auto &[Name, Decl] : N.Vars)
    if (!banned(Name))
      Changed |= mergeDecl(Vars, Name, Decl);
  for (const auto &[Name, V] : N.Consts)
    if (!banned(Name) && Consts.emplace(Name, 0).second)
      Changed = true;
  Changed |= addNew(Typedefs, N.Typedefs, IsBanned);
  Changed |= addNew(CastTypes, N.CastTypes, IsBanned);
  Changed |= addNew(ForwardTags, N.ForwardTags, IsBanned);
  for (const auto &[Name, Type] : N.DeclMacros)
    if (!Banned.count(Name))
      Changed |= DeclMacros.emplace(Name, Type).second;
  for (const std::string &M : N.FnMacros)
    if (!Protected.count(M) && !Banned.count(M))
      Changed |= FnMacros.insert(M).second;
  Changed |= addNew(Defines, N.Defines, IsBanned);
  Changed |= addNew(LoopMacros, N.LoopMacros, IsBanned);
  return Changed;
}

bool StandaloneHealer::learnUpgrades(Pending &N) {
  bool Changed = false;
  for (const auto &[Name, Decl] : N.Upgrades) {
    // A `long` that a later use shows to be a pointer or a struct.
    auto Up = [&, &Name = Name, &Decl = Decl](
                  std::map<std::string, std::string> &M) {
      auto It = M.find(Name);
      if (It != M.end() && llvm::StringRef(It->second).starts_with("long ") &&
          !llvm::StringRef(Decl).starts_with("long ")) {
        It->second = Decl;
        Changed = true;
      }
    };
    Up(Vars);
    for (auto &[Tag, Members] : Structs)
      Up(Members);
    for (auto &[Tag, Members] : N.Structs)
      Up(Members);
  }
  // A name used both ways is a type (`T *x = ...` parses as a product).
  for (const std::set<std::string> *Types : {&Typedefs, &CastTypes})
    for (const std::string &T : *Types) {
      Changed |= Vars.erase(T) + Consts.erase(T) > 0;
      N.Vars.erase(T);
    }
  return Changed;
}

bool StandaloneHealer::learnStructs(Pending &N) {
  bool Changed = false;
  for (const auto &[Tag, Members] : N.Structs) {
    if (N.Banned.count(Tag))
      continue;
    auto [It, New] = Structs.try_emplace(Tag);
    Changed |= New;
    for (const auto &[Name, Decl] : Members)
      Changed |= mergeDecl(It->second, Name, Decl);
  }
  return Changed;
}

bool StandaloneHealer::forgetBanned(Pending &N) {
  // Names whose synthesized declaration clashed: never again.
  bool Changed = false;
  for (const std::string &B : N.Banned) {
    Changed |= Vars.erase(B) + Consts.erase(B) + Typedefs.erase(B) +
                   CastTypes.erase(B) + LoopMacros.erase(B) +
                   Structs.erase(B) >
               0;
    Banned.insert(B);
  }
  return Changed;
}

bool StandaloneHealer::learn() {
  Pending &N = *Next;
  bool Changed = learnNames(N);
  Changed |= learnUpgrades(N);
  Changed |= learnStructs(N);
  Changed |= forgetBanned(N);
  Unhealable.insert(N.Unhealable.begin(), N.Unhealable.end());
  Next = std::make_unique<Pending>();
  return Changed;
}

namespace {
using StructMembers = std::map<std::string, std::map<std::string, std::string>>;

/// Appends the definition of struct Tag to S, after those of the structs
/// its members hold by value (a member needs its struct defined first).
void emitStruct(const StructMembers &Structs, const std::string &Tag, int Depth,
                std::set<std::string> &Done, std::string &S) {
  if (Done.count(Tag) || Depth > 16)
    return;
  Done.insert(Tag);
  auto It = Structs.find(Tag);
  for (const auto &[Name, Decl] : It->second) {
    llvm::StringRef D(Decl);
    if (D.consume_front("struct ")) {
      llvm::StringRef Dep = D.take_while(isIdent);
      if (!D.drop_front(Dep.size()).ltrim().starts_with("*") &&
          Structs.count(Dep.str()))
        emitStruct(Structs, Dep.str(), Depth + 1, Done, S);
    }
  }
  S += "struct " + Tag + " {\n\tlong __heal_pad;\n";
  for (const auto &[Name, Decl] : It->second)
    if (Name != "__heal_pad")
      S += "\t" + Decl + ";\n";
  S += "};\n";
}
} // namespace

std::string StandaloneHealer::prelude() const {
  std::string S = "/* utrace-check --standalone: declarations synthesized "
                  "from the errors of earlier parses (docs/standalone.md) */\n";
  for (const std::string &D : Defines)
    S += "#define " + D + " 1\n";
  S += "int __heal_unknown(void);\n";
  for (const std::string &F : FnMacros)
    S += "#define " + F + "(...) 0\n";
  for (const std::string &L : LoopMacros)
    S += "#define " + L + "(...) while (__heal_unknown())\n";
  for (const std::string &T : ForwardTags)
    S += T + ";\n";
  for (const auto &[Tag, M] : Structs)
    S += "struct " + Tag + ";\n";
  // The simulator (included after this) declares the types these use.
  for (const auto &[Name, Type] : DeclMacros)
    S += "#define " + Name + "(name, ...) " + Type + " name\n";
  std::set<std::string> Done;
  for (const auto &[Tag, M] : Structs)
    emitStruct(Structs, Tag, 0, Done, S);
  S += scalarDeclarations();
  for (const auto &[Name, Decl] : Vars)
    S += "extern " + Decl + ";\n";
  return S;
}

/// The typedefs, cast types and constants of the prelude.
std::string StandaloneHealer::scalarDeclarations() const {
  std::string S;
  for (const std::string &T : Typedefs)
    S += "typedef struct " + healedStruct(T) + " " + T + ";\n";
  for (const std::string &T : CastTypes)
    if (!Typedefs.count(T))
      S += llvm::StringRef(T).starts_with("(*")
               ? "typedef long " + T + "();\n"
               : "typedef long " + T + ";\n";
  if (!Consts.empty()) {
    // Distinct values, so that switch cases stay distinct.
    S += "enum {\n";
    unsigned I = 0;
    for (const auto &[Name, V] : Consts)
      S += "\t" + Name + " = " + std::to_string(0x4000 + I++) + ",\n";
    S += "};\n";
  }
  return S;
}

std::vector<std::string> StandaloneHealer::summary() const {
  std::vector<std::string> Out;
  auto Line = [&](size_t N, const char *What) {
    if (N)
      Out.push_back(std::to_string(N) + " " + What);
  };
  Line(Defines.size() - Defines.count(OwnUtraceMacro),
       "configuration macros (from #error guards)");
  if (Defines.count(OwnUtraceMacro))
    Out.push_back("the file's own utrace definitions instead of the "
                  "simulator's");
  Line(Consts.size(), "constants");
  Line(Vars.size(), "variables");
  Line(Typedefs.size() + CastTypes.size(), "type names");
  size_t Members = 0;
  for (const auto &[Tag, M] : Structs)
    Members += M.size();
  Line(Structs.size(), "structs");
  Line(Members, "struct members");
  Line(LoopMacros.size(), "loop macros");
  Line(FnMacros.size(), "preprocessor test macros");
  Line(DeclMacros.size(), "definition macros");
  Line(ForwardTags.size(), "file-scope struct declarations");
  return Out;
}

} // namespace utrace
