//===- CallerContext.cpp - read sections a function is entered in -*- C++ -*-===//
//
// See CallerContext.h. A flow-sensitive, path-insensitive pass over each
// function's CFG counts the open sections of each kind: the minimum over
// the paths (what every path holds) at each call, and the maximum (what
// some path may hold) at each exit call.
//
//===----------------------------------------------------------------------===//
#include "checkers/CallerContext.h"
#include "checkers/FileCallGraph.h"
#include "checkers/TaskModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include <array>
#include <memory>
#include <vector>

using namespace clang;

namespace utrace {
namespace {

constexpr unsigned NumKinds = 3;
constexpr unsigned AllKinds = EntryRcu | EntryRcuFlavour | EntryNonPreempt;
constexpr int MaxDepth = 8;

/// What a call does to each kind: +1 opens, -1 closes.
std::array<int, NumKinds> effectOf(const CallExpr *CE) {
  std::array<int, NumKinds> E{0, 0, 0};
  const ApiFunction *Fn = lookupApiCall(CE);
  if (!Fn)
    return E;
  if (Fn->has(Role::RcuLock))
    E[0] = 1;
  else if (Fn->has(Role::RcuUnlock))
    E[0] = -1;
  bool Enter = Fn->has(Role::AtomicEnter) || Fn->has(Role::SpinLock);
  bool Exit = Fn->has(Role::AtomicExit) || Fn->has(Role::SpinUnlock);
  bool Flavour = llvm::StringRef(Fn->Context).starts_with("RCU-");
  if (Enter || Exit) {
    E[2] = Enter ? 1 : -1;
    if (Flavour)
      E[1] = E[2];
  }
  return E;
}

/// The text of FD's declaration before its body, lowercased.
std::string declarationText(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD || !FD->hasBody())
    return "";
  SourceLocation Begin = SM.getExpansionLoc(FD->getBeginLoc());
  SourceLocation BodyBegin = SM.getExpansionLoc(FD->getBody()->getBeginLoc());
  if (!SM.isWrittenInSameFile(Begin, BodyBegin))
    return "";
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return "";
  return Buf.slice(SM.getFileOffset(Begin), SM.getFileOffset(BodyBegin))
      .lower();
}

/// Function named by an argument (`fn`, `&fn`, `(void *)fn`).
const FunctionDecl *namedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

class ProbeFinder : public RecursiveASTVisitor<ProbeFinder> {
public:
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    int Arg = -1;
    StringRef Prefix =
        ApiModel::builtin().setting("tracepoint_register_prefix");
    if (const ApiFunction *Fn = lookupApiCall(CE)) {
      if (Fn->has(Role::ProbeRegister))
        Arg = Fn->ProbeArg;
    } else if (!Prefix.empty() && Callee->getName().starts_with(Prefix)) {
      Arg = 0;
    }
    if (Arg < 0 || static_cast<unsigned>(Arg) >= CE->getNumArgs())
      return true;
    if (const FunctionDecl *P = namedFunction(CE->getArg(Arg)))
      Probes.insert({P->getCanonicalDecl(), CE});
    return true;
  }
  std::map<const FunctionDecl *, const CallExpr *> Probes;
};

/// Depths of the three kinds: what every path holds (Must) and what some
/// path may hold (May).
struct Depths {
  std::array<int, NumKinds> Must{0, 0, 0}, May{0, 0, 0};
  bool Seen = false;
  bool operator==(const Depths &O) const {
    return Seen == O.Seen && Must == O.Must && May == O.May;
  }
};

/// One function's CFG and the flow of the kinds through it.
class FunctionFlow {
public:
  FunctionFlow(const FunctionDecl *FD, ASTContext &Ctx) {
    CFG::BuildOptions BO;
    Graph = CFG::buildCFG(FD, FD->getBody(), &Ctx, BO);
  }
  bool ok() const { return Graph != nullptr; }
  /// Runs the flow with the kinds of Entry held at the start. Extra: the
  /// kinds a call of another function of the file ends (its Releases).
  /// Returns the kinds this function ends without having opened them on
  /// any path; fills HeldAt with what every path holds before each call.
  unsigned
  run(unsigned Entry,
      llvm::function_ref<std::pair<unsigned, unsigned>(const CallExpr *)> Extra,
      llvm::DenseMap<const CallExpr *, unsigned> *HeldAt,
      unsigned *MayReturnHolding = nullptr) {
    if (!Graph)
      return 0;
    unsigned Released = 0;
    std::vector<Depths> In(Graph->getNumBlockIDs());
    In[Graph->getEntry().getBlockID()] = startDepths(Entry);
    std::vector<const CFGBlock *> Work{&Graph->getEntry()};
    unsigned Budget = 64 * Graph->getNumBlockIDs() + 64;
    while (!Work.empty() && Budget--) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      Depths D = In[B->getBlockID()];
      for (const CFGElement &El : *B) {
        auto S = El.getAs<CFGStmt>();
        if (const auto *CE = S ? dyn_cast<CallExpr>(S->getStmt()) : nullptr) {
          if (HeldAt)
            recordHeld(*HeldAt, CE, D);
          Released |= applyCall(D, CE, Extra);
        }
      }
      for (const CFGBlock *Succ : B->succs())
        if (Succ && joinInto(In[Succ->getBlockID()], D))
          Work.push_back(Succ);
    }
    if (MayReturnHolding)
      *MayReturnHolding = heldAtExit(In[Graph->getExit().getBlockID()], Entry);
    return Released;
  }

private:
  /// The depths at the function's start: one of each kind of Entry.
  static Depths startDepths(unsigned Entry) {
    Depths Start;
    Start.Seen = true;
    for (unsigned K = 0; K < NumKinds; ++K)
      if (Entry & (1u << K))
        Start.Must[K] = Start.May[K] = 1;
    return Start;
  }

  /// Notes what every path holds before CE (the meet over visits).
  static void recordHeld(llvm::DenseMap<const CallExpr *, unsigned> &HeldAt,
                         const CallExpr *CE, const Depths &D) {
    unsigned Held = 0;
    for (unsigned K = 0; K < NumKinds; ++K)
      if (D.Must[K] > 0)
        Held |= 1u << K;
    auto [It, New] = HeldAt.insert({CE, Held});
    if (!New)
      It->second &= Held;
  }

  /// Applies CE's effect to D; returns the kinds it ends that no path had
  /// open. Extra: a function of the file that ends a section (a put), or
  /// may return holding one (a get that succeeded).
  static unsigned
  applyCall(Depths &D, const CallExpr *CE,
            llvm::function_ref<std::pair<unsigned, unsigned>(const CallExpr *)>
                Extra) {
    unsigned Released = 0;
    std::array<int, NumKinds> E = effectOf(CE);
    auto [Ends, MayOpen] = Extra(CE);
    for (unsigned K = 0; K < NumKinds; ++K) {
      if (Ends & (1u << K))
        E[K] = -1;
      if (E[K] < 0 && D.May[K] == 0)
        Released |= 1u << K;
      D.Must[K] = std::clamp(D.Must[K] + E[K], 0, MaxDepth);
      D.May[K] = std::clamp(D.May[K] + E[K] +
                                (E[K] == 0 && (MayOpen & (1u << K)) ? 1 : 0),
                            0, MaxDepth);
    }
    return Released;
  }

  /// Joins D into a successor's input (min of Must, max of May); true when
  /// the input changed.
  static bool joinInto(Depths &SI, const Depths &D) {
    Depths New = SI;
    if (!SI.Seen) {
      New = D;
    } else {
      for (unsigned K = 0; K < NumKinds; ++K) {
        New.Must[K] = std::min(SI.Must[K], D.Must[K]);
        New.May[K] = std::max(SI.May[K], D.May[K]);
      }
    }
    if (New == SI)
      return false;
    SI = New;
    return true;
  }

  /// The kinds some path may return holding beyond what it was entered in.
  static unsigned heldAtExit(const Depths &X, unsigned Entry) {
    unsigned Holding = 0;
    for (unsigned K = 0; K < NumKinds; ++K)
      if (X.Seen && X.May[K] > (Entry & (1u << K) ? 1 : 0))
        Holding |= 1u << K;
    return Holding;
  }

  std::unique_ptr<CFG> Graph;
};

} // namespace

std::map<const FunctionDecl *, const CallExpr *>
tracepointProbes(const TranslationUnitDecl *TU) {
  ProbeFinder Finder;
  Finder.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  return std::move(Finder.Probes);
}

/// The comment right before FD (the text between the previous declaration's
/// end and FD's start, at most 1200 characters back), lowercased; empty
/// when that text holds no comment.
static std::string leadingComment(const FunctionDecl *FD,
                                  const SourceManager &SM) {
  SourceLocation Begin = SM.getExpansionLoc(FD->getBeginLoc());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return "";
  unsigned Off = SM.getFileOffset(Begin);
  StringRef Before = Buf.slice(Off > 1200 ? Off - 1200 : 0, Off);
  size_t Cut = Before.rfind("\n}");
  size_t Semi = Before.rfind(";\n");
  if (Semi != StringRef::npos && (Cut == StringRef::npos || Semi > Cut))
    Cut = Semi;
  if (Cut != StringRef::npos)
    Before = Before.drop_front(Cut + 2);
  std::string Text = Before.lower();
  bool Comment = Text.find("/*") != std::string::npos ||
                 Text.find("//") != std::string::npos;
  return Comment ? Text : "";
}

bool documentedUnderRcu(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD || !FD->hasBody())
    return false;
  std::string Decl = declarationText(FD, SM);
  if (Decl.find("__must_hold(rcu)") != std::string::npos)
    return true;
  std::string Text = leadingComment(FD, SM);
  bool NamesRcu = Text.find("rcu_read_lock") != std::string::npos ||
                  Text.find("rcu read lock") != std::string::npos ||
                  Text.find("rcu read-side") != std::string::npos ||
                  Text.find("under rcu") != std::string::npos;
  bool SaysHeld = Text.find("hold") != std::string::npos ||
                  Text.find("held") != std::string::npos ||
                  Text.find("called under") != std::string::npos ||
                  Text.find("called with") != std::string::npos ||
                  Text.find("caller") != std::string::npos;
  return NamesRcu && SaysHeld;
}

std::string documentedSleep(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD || !FD->hasBody())
    return "";
  std::string Text = leadingComment(FD, SM);
  if (Text.empty())
    return "";
  // Comments wrap: compare with every run of blanks and comment leaders
  // (" * ", "// ") folded into one space.
  std::string Flat;
  for (size_t I = 0; I < Text.size(); ++I) {
    char Ch = Text[I];
    bool Blank = Ch == ' ' || Ch == '\t' || Ch == '\n' || Ch == '*' ||
                 (Ch == '/' && I + 1 < Text.size() && Text[I + 1] == '/') ||
                 (Ch == '/' && I > 0 && Text[I - 1] == '/');
    if (!Blank)
      Flat += Ch;
    else if (!Flat.empty() && Flat.back() != ' ')
      Flat += ' ';
  }
  for (StringRef P :
       ApiModel::builtin().settingItems("sleep_documentation_phrases"))
    if (Flat.find(P.str()) != std::string::npos)
      return P.str();
  return "";
}

/// The passes that fill a CallerContext, one step a member.
class CallerContext::Builder {
public:
  Builder(CallerContext &Out, ASTContext &Ctx)
      : Out(Out), SM(Ctx.getSourceManager()), G(Ctx),
        Probes(tracepointProbes(Ctx.getTranslationUnitDecl())) {
    for (const FunctionDecl *FD : G.Defs)
      Flows[FD->getCanonicalDecl()] = std::make_unique<FunctionFlow>(FD, Ctx);
  }

  void build() {
    summariseOwnEffects();
    setFloors();
    std::vector<const FunctionDecl *> Candidates = callerCandidates();
    if (Candidates.empty())
      return;
    // Not settled within the bound: what the function says about itself.
    if (!settleOnCallSites(Candidates))
      for (const FunctionDecl *Key : Candidates)
        Out.Infos[Key].Entry = Out.Infos[Key].Floor;
    for (const FunctionDecl *Key : Candidates) {
      Info &I = Out.Infos[Key];
      if ((I.Entry & EntryRcu) && !(I.Floor & EntryRcu))
        I.RcuFrom = EntrySource::Callers;
    }
  }

private:
  /// What a call of a function of the file does to the caller's sections:
  /// the kinds it ends, and those it may return holding.
  std::pair<unsigned, unsigned> extraFor(const CallExpr *CE) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || lookupApiCall(CE))
      return {0, 0};
    auto It = Out.Infos.find(Callee->getCanonicalDecl());
    if (It == Out.Infos.end())
      return {0, 0};
    return {It->second.Releases, It->second.MayAcquire};
  }

  unsigned runFlow(const FunctionDecl *Key, unsigned Entry,
                   llvm::DenseMap<const CallExpr *, unsigned> *HeldAt,
                   unsigned *Holding = nullptr) {
    return Flows[Key]->run(
        Entry, [this](const CallExpr *CE) { return extraFor(CE); }, HeldAt,
        Holding);
  }

  /// What each function does to its callers' sections on its own: returns
  /// holding one on some path (a get), ends one it did not open (a put).
  /// Callers are visited first (the order of the file), then once more so
  /// that a lock helper defined after its user is known.
  void summariseOwnEffects() {
    for (unsigned Pass = 0; Pass < 2; ++Pass)
      for (const FunctionDecl *FD : G.Defs) {
        const FunctionDecl *Key = FD->getCanonicalDecl();
        Info &I = Out.Infos[Key];
        unsigned Holding = 0;
        unsigned Rel = runFlow(Key, 0, nullptr, &Holding);
        // A plain rcu_read_unlock() with no lock before it is UT-RCU-002's
        // imbalance unless the declaration says the function releases RCU.
        if ((Rel & EntryRcu) && declarationText(FD, SM).find(
                                    "__releases(rcu)") == std::string::npos)
          Rel &= ~unsigned(EntryRcu);
        I.Releases = Rel;
        I.MayAcquire = Holding;
      }
  }

  /// Floors: what the function says about itself (releases, probes,
  /// documentation), whoever calls it.
  void setFloors() {
    for (const FunctionDecl *FD : G.Defs) {
      const FunctionDecl *Key = FD->getCanonicalDecl();
      Info &I = Out.Infos[Key];
      unsigned Rel = I.Releases;
      I.Floor |= Rel;
      if (Rel & EntryRcu)
        I.RcuFrom = EntrySource::Release;
      if (Probes.count(Key))
        I.Floor |= EntryNonPreempt;
      if (!(I.Floor & EntryRcu) && documentedUnderRcu(FD, SM)) {
        I.Floor |= EntryRcu;
        I.RcuFrom = EntrySource::Documented;
      }
    }
  }

  /// The functions whose entry their callers decide: static, address not
  /// taken, every call site in a function of the file. They start from
  /// "everything"; the others from their floor.
  std::vector<const FunctionDecl *> callerCandidates() {
    std::vector<const FunctionDecl *> Candidates;
    for (const FunctionDecl *FD : G.Defs) {
      const FunctionDecl *Key = FD->getCanonicalDecl();
      Info &I = Out.Infos[Key];
      I.Entry = I.Floor;
      if (FD->isExternallyVisible() || FD->isMain() || G.addressTaken(FD) ||
          !G.isCalled(FD))
        continue;
      I.Entry = AllKinds;
      Candidates.push_back(Key);
    }
    return Candidates;
  }

  /// Lowers each candidate's entry to what every call site holds until
  /// nothing changes; false when that did not happen within the bound.
  bool settleOnCallSites(const std::vector<const FunctionDecl *> &Candidates) {
    bool Changed = true;
    for (unsigned Round = 0; Changed && Round < 12; ++Round) {
      Changed = false;
      HeldByCaller Held;
      for (const FunctionDecl *Key : Candidates) {
        Info &I = Out.Infos[Key];
        unsigned New = heldAtAllSites(Key, Held) | I.Floor;
        if (New != I.Entry) {
          I.Entry = New;
          Changed = true;
        }
      }
    }
    return !Changed;
  }

  using HeldByCaller =
      llvm::DenseMap<const FunctionDecl *,
                     llvm::DenseMap<const CallExpr *, unsigned>>;

  /// The kinds every call site of Key holds (callers' flows run once a
  /// round, with their current entry, and kept in Held).
  unsigned heldAtAllSites(const FunctionDecl *Key, HeldByCaller &Held) {
    unsigned New = AllKinds;
    for (unsigned Site : G.Sites.lookup(Key)) {
      const CallExpr *CE = G.Calls[Site].CE;
      const FunctionDecl *CK = G.Calls[Site].Caller->getCanonicalDecl();
      if (!Flows[CK]->ok()) {
        New = 0;
        continue;
      }
      auto HIt = Held.find(CK);
      if (HIt == Held.end()) {
        HIt = Held.try_emplace(CK).first;
        runFlow(CK, Out.Infos[CK].Entry, &HIt->second);
      }
      auto SIt = HIt->second.find(CE);
      // A call the flow never reached (dead code): nothing known.
      New &= SIt != HIt->second.end() ? SIt->second : 0u;
    }
    return New;
  }

  CallerContext &Out;
  const SourceManager &SM;
  FileCallGraph G;
  std::map<const FunctionDecl *, const CallExpr *> Probes;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
};

CallerContext::CallerContext(ASTContext &Ctx) { Builder(*this, Ctx).build(); }

unsigned CallerContext::entry(const FunctionDecl *FD) const {
  if (!FD)
    return 0;
  auto It = Infos.find(FD->getCanonicalDecl());
  return It == Infos.end() ? 0 : It->second.Entry;
}

EntrySource CallerContext::rcuSource(const FunctionDecl *FD) const {
  if (!FD)
    return EntrySource::None;
  auto It = Infos.find(FD->getCanonicalDecl());
  return It == Infos.end() ? EntrySource::None : It->second.RcuFrom;
}

} // namespace utrace
