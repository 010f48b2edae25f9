//===- BarrierChecker.cpp - memory-barrier rules -----------------*- C++ -*-===//
//
// utrace.Barrier: barriers pair (utrace-api.md, rule 5).
//
//  UT-BAR-001  writer side: two ordered lockless writes (a declared ordering
//              or an inferred pair) with no write barrier or release between
//              them, or a write not ordered before the release event
//  UT-BAR-002  reader side: two ordered lockless reads with no read barrier
//              or acquire between them
//  UT-BAR-003  a barrier whose pair orders an object this side accesses on
//              the wrong side of it, or a plain write/read barrier that
//              pairs with nothing in the file
//
// A barrier of a declared ordering whose partner (in the same file) orders
// a field this side never accesses before the barrier is reported with this
// side's rule (001/002): the seed's reap without "engine->flags = 0".
//
// Structural, not path-sensitive: the whole translation unit is examined
// once, at its end, on each function's CFG turned into a sequence of field
// accesses, barriers and lock sections (BarrierSequence.h). Orderings come
// from two places. Declared ones are data (rules/api/barriers.yaml). Inferred
// ones follow OFence (EuroSys 2023): a write barrier orders the fields
// written before it against those written after it, a read barrier the same
// for reads; a write barrier W and a read barrier R in another function pair
// when some field written before W is read after R and some field written
// after W is read before R (message passing). Each pair then asks every
// other function of the file to keep those fields in that order.
//
// Deliberate blind spots: pairing is per translation unit (not across
// files); accesses are keyed by record type and field, not by object, so two
// instances of a struct are one; a lock is keyed the same way; helpers are
// inlined three levels deep as a straight sequence; dependency ordering
// (rcu_dereference) is treated as acquire; accesses that every partner makes
// under a common lock need no barrier.
//
//===----------------------------------------------------------------------===//
#include "analysis/StageTimes.h"
#include "analysis/Robustness.h"
#include "checkers/BarrierSequence.h"
#include "checkers/Checkers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include <map>

using namespace clang;
using namespace ento;

namespace utrace {
namespace {

using namespace barrier;

constexpr const char *Category = "utrace memory barrier";

/// One barrier in one analysed function (inlined helpers' barriers count in
/// their callers), with the fields it orders: first access of each key.
struct Site {
  const Sequence *S;
  Pos P;
  const Event *E;
  std::map<std::string, const Event *> WB, WA, RB, RA;
  bool Paired = false;

  const std::map<std::string, const Event *> &before(bool Writes) const {
    return Writes ? WB : RB;
  }
  const std::map<std::string, const Event *> &after(bool Writes) const {
    return Writes ? WA : RA;
  }
};

/// A write barrier and a read barrier that pair by inference.
struct Pair {
  const Site *W, *R;
  std::set<std::string> Data;  ///< written before W, read after R
  std::set<std::string> Flags; ///< written after W, read before R
};

class BarrierChecker : public Checker<check::EndOfTranslationUnit> {
public:
  const BugType WriteBT{this, "UT-BAR-001", Category};
  const BugType ReadBT{this, "UT-BAR-002", Category};
  const BugType PairBT{this, "UT-BAR-003", Category};

  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;
};

/// The work for one translation unit.
class BarrierPass {
public:
  BarrierPass(const BarrierChecker &C, AnalysisManager &Mgr, BugReporter &BR)
      : C(C), Ctx(Mgr.getASTContext()), SM(Ctx.getSourceManager()), BR(BR),
        Api(ApiModel::builtin()),
        Builder(Ctx, Mgr.getAnalysisDeclContextManager(), Api) {}

  void run(const TranslationUnitDecl *TU);

private:
  using Notes = std::vector<std::pair<SourceLocation, std::string>>;

  void collectSites();
  void checkDeclared(const Ordering &O);
  void markDeclaredServers(const Ordering &O);
  void checkDeclaredPartners(const Ordering &O);
  void reportUndeclaredOrder(const Ordering &O, const Sequence &S,
                             const Event &A, const Event *B,
                             SourceLocation BLoc, const std::string &What);
  void inferPairs();
  bool mayPair(const Site &W, const Site &R) const;
  Pair pairFields(const Site &W, const Site &R) const;
  void dropConflictingPairs();
  void checkInferred();
  void checkWrongSide(const Pair &P);
  void checkUnpaired();

  /// Walks forward from an access until a barrier of its kind; \p OnLater
  /// sees each later event and says whether it completes a violation.
  void findUnordered(const Sequence &S, Pos From, const Event &A,
                     llvm::function_ref<bool(const Event &, Pos)> OnLater,
                     llvm::function_ref<void(SourceLocation)> AtEnd);
  bool lockedBothSides(const Sequence &S, const Event &A, const Event &B) const;
  bool commonLock(const Event &A, const Event &B) const;
  bool reachesRelease(const Sequence &S, Pos From, const Ordering &O) const;
  bool returnsRelease(const Sequence &S, const Ordering &O) const;
  /// Whether \p S implements an API function the ordering is scoped to.
  bool within(const Sequence &S, const Ordering &O) const {
    if (!O.WithinRoles)
      return true;
    const ApiFunction *Fn =
        S.FD->getIdentifier() ? Api.lookup(S.FD->getName()) : nullptr;
    return Fn && (Fn->Roles & O.WithinRoles);
  }

  void report(const BugType &BT, const std::string &Msg, SourceLocation At,
              const FunctionDecl *FD, const Notes &N);
  std::string name(const FunctionDecl *FD) const {
    return FD->getNameAsString();
  }
  unsigned line(SourceLocation L) const {
    return SM.getExpansionLineNumber(L);
  }
  std::string where(const Site &X) const {
    return X.E->Text + "() in '" + name(X.S->FD) + "' (line " +
           std::to_string(line(X.E->Loc)) + ")";
  }
  static std::string quoted(const std::string &S) { return "'" + S + "'"; }
  std::string accessNote(const Event &E) const {
    std::string Verb = E.Kind == EventKind::Write ? "written" : "read";
    if (E.Via)
      return quoted(E.Text) + " is " + Verb + " in '" + name(E.Via) +
             "()', called here";
    return quoted(E.Text) + " is " + Verb + " here";
  }

  const BarrierChecker &C;
  ASTContext &Ctx;
  const SourceManager &SM;
  BugReporter &BR;
  const ApiModel &Api;
  SequenceBuilder Builder;
  std::vector<const Sequence *> Subjects;
  std::vector<std::unique_ptr<Site>> Sites;
  std::map<std::string, std::vector<const Site *>> Servers; ///< by ordering
  std::vector<Pair> Pairs;
  /// Inferred orderings: (side is write, first key, then key) → pair index.
  std::map<std::tuple<bool, std::string, std::string>, size_t> Required;
  std::set<std::pair<unsigned, std::string>> Reported; ///< (loc, rule)

  /// Inference level: "off" (declared orderings only), "strict" (pairs of
  /// plain smp_wmb/smp_rmb, unambiguous), "all" (full barriers pair too, and
  /// barriers without a partner are reported).
  std::string Level = "strict";

  /// Findings wait until the end of the file: one per (function, rule,
  /// missing barrier position), the other fields it affects as notes.
  struct Group {
    const BugType *BT;
    const FunctionDecl *FD;
    struct Item {
      SourceLocation At;
      std::string Msg;
      Notes N;
      std::string Also; ///< the note this item becomes when not the first
    };
    std::vector<Item> Items;
  };
  std::map<std::tuple<const FunctionDecl *, const BugType *, unsigned>, Group>
      Groups;
  void group(const BugType &BT, const FunctionDecl *FD, SourceLocation Fix,
             SourceLocation At, const std::string &Msg, const Notes &N,
             const std::string &Also);
  void flush();
  bool analysed(const FunctionDecl *FD) const;
};

/// Marks a finding whose ordering was inferred from a barrier pair, not
/// declared in rules/api (Finding::inferred() reads it back).
const char *InferredSuffix = " (inferred pairing)";

void BarrierPass::group(const BugType &BT, const FunctionDecl *FD,
                        SourceLocation Fix, SourceLocation At,
                        const std::string &Msg, const Notes &N,
                        const std::string &Also) {
  Group &G = Groups[{FD, &BT, SM.getExpansionLoc(Fix).getRawEncoding()}];
  G.BT = &BT;
  G.FD = FD;
  for (const Group::Item &I : G.Items)
    if (I.At == SM.getExpansionLoc(At) && I.Msg == Msg)
      return;
  G.Items.push_back({SM.getExpansionLoc(At), Msg, N, Also});
}

void BarrierPass::flush() {
  for (auto &[Key, G] : Groups) {
    llvm::stable_sort(G.Items, [&](const Group::Item &A, const Group::Item &B) {
      return SM.isBeforeInTranslationUnit(A.At, B.At);
    });
    Group::Item First = G.Items.front();
    std::set<unsigned> Seen{First.At.getRawEncoding()};
    for (size_t I = 1; I < G.Items.size(); ++I)
      if (Seen.insert(G.Items[I].At.getRawEncoding()).second)
        First.N.push_back({G.Items[I].At, G.Items[I].Also});
    report(*G.BT, First.Msg, First.At, G.FD, First.N);
  }
  Groups.clear();
}

/// A function the checker could analyse: no parse errors in it (under
/// --standalone the driver drops such functions; their barriers are not
/// evidence and their accesses are not reported).
bool BarrierPass::analysed(const FunctionDecl *FD) const {
  return !FD->isInvalidDecl() && !bodyHasErrors(FD);
}

void BarrierPass::report(const BugType &BT, const std::string &Msg,
                         SourceLocation At, const FunctionDecl *FD,
                         const Notes &N) {
  At = SM.getExpansionLoc(At);
  if (!Reported.insert({At.getRawEncoding(), Msg}).second)
    return;
  auto R = std::make_unique<BasicBugReport>(BT, Msg,
                                            PathDiagnosticLocation(At, SM));
  R->setDeclWithIssue(FD);
  for (auto &[L, Text] : N)
    R->addNote(Text, PathDiagnosticLocation(SM.getExpansionLoc(L), SM));
  BR.emitReport(std::move(R));
}

void BarrierPass::run(const TranslationUnitDecl *TU) {
  for (const Decl *D : TU->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      continue;
    if (!analysed(FD))
      continue;
    if (const Sequence *S = Builder.get(FD))
      Subjects.push_back(S);
  }
  Builder.settleEntryLocks();
  llvm::StringRef Asked =
      BR.getAnalyzerOptions().Config.lookup("utrace-barrier-inference");
  if (!Asked.empty())
    Level = Asked.str();
  collectSites();
  for (const Ordering &O : Api.orderings()) {
    checkDeclared(O);
    markDeclaredServers(O);
  }
  for (const Ordering &O : Api.orderings())
    checkDeclaredPartners(O);
  // Inferred pairing is off in files that --scope=all brings in without
  // any utrace use (the driver says so): over a kernel tree it read
  // ordinary locked or single-threaded code as message passing, and every
  // sampled finding on Linux's kernel/ was wrong (docs/kernel-bench.md).
  // There only the declared orderings apply.
  if (Level != "off") {
    inferPairs();
    checkInferred();
    for (const Pair &P : Pairs)
      checkWrongSide(P);
    if (Level == "all")
      checkUnpaired();
  }
  flush();
}

void BarrierPass::collectSites() {
  for (const Sequence *S : Subjects)
    S->forEach([&](const Event &E, Pos P) {
      if (E.Kind != EventKind::Barrier)
        return;
      auto X = std::make_unique<Site>();
      X->S = S;
      X->P = P;
      X->E = &E;
      for (EventKind K : {EventKind::Write, EventKind::Read}) {
        if (!E.orders(K))
          continue;
        bool W = K == EventKind::Write;
        auto Collect = [&](std::map<std::string, const Event *> &Into) {
          return [&, K](const Event &Ev, Pos) {
            if (Ev.orders(K))
              return Walk::StopPath;
            if (Ev.Kind == K)
              Into.emplace(Ev.Key, &Ev);
            return Walk::Continue;
          };
        };
        walkBackward(*S, P, Collect(W ? X->WB : X->RB));
        walkForward(*S, P, Collect(W ? X->WA : X->RA));
      }
      Sites.push_back(std::move(X));
    });
}

void BarrierPass::findUnordered(
    const Sequence &S, Pos From, const Event &A,
    llvm::function_ref<bool(const Event &, Pos)> OnLater,
    llvm::function_ref<void(SourceLocation)> AtEnd) {
  walkForward(
      S, From,
      [&](const Event &E, Pos P) {
        if (E.orders(A.Kind))
          return Walk::StopPath;
        // A lock A was made under, taken again: it was released on the way,
        // and an unlock followed by a lock of the same lock orders what
        // precedes it before what follows, writes and reads alike (LKMM:
        // po-unlock-lock-po is preserved program order). Locks are keyed
        // by field, so spin_lock_nested() (another object's lock of the
        // same class, taken inside the first) is not such a pair.
        if (E.Kind == EventKind::Lock && A.Held.count(E.Key) &&
            !StringRef(E.Text).ends_with("_nested"))
          return Walk::StopPath;
        if (E.Kind == EventKind::Return) {
          AtEnd(E.Loc);
          return Walk::StopPath;
        }
        return OnLater(E, P) ? Walk::StopPath : Walk::Continue;
      },
      [&] { AtEnd(S.FD->getBodyRBrace()); });
}

bool BarrierPass::lockedBothSides(const Sequence &S, const Event &A,
                                  const Event &B) const {
  std::set<std::string> Common;
  for (const std::string &L : A.Held)
    if (B.Held.count(L))
      Common.insert(L);
  if (Common.empty())
    return false;
  EventKind Other =
      A.Kind == EventKind::Write ? EventKind::Read : EventKind::Write;
  bool Any = false, AllLocked = true;
  for (const Sequence *T : Subjects) {
    if (T == &S)
      continue;
    T->forEach([&](const Event &E, Pos) {
      if (E.Kind != Other || (E.Key != A.Key && E.Key != B.Key))
        return;
      Any = true;
      bool Shares = false;
      for (const std::string &L : E.Held)
        Shares |= Common.count(L) > 0;
      AllLocked &= Shares;
    });
  }
  return Any && AllLocked;
}

bool BarrierPass::returnsRelease(const Sequence &S, const Ordering &O) const {
  return llvm::is_contained(O.ReleaseReturns, name(S.FD));
}

bool BarrierPass::reachesRelease(const Sequence &S, Pos From,
                                 const Ordering &O) const {
  bool Found = false, AtReturn = returnsRelease(S, O);
  walkForward(
      S, From,
      [&](const Event &E, Pos) {
        if (E.Kind == EventKind::Release ||
            (E.Kind == EventKind::Return && AtReturn))
          Found = true;
        return Found ? Walk::StopPath : Walk::Continue;
      },
      [&] { Found |= AtReturn; });
  return Found;
}

/// A declared ordering O broken in S: A is not ordered before B (or, B
/// null, before the release at BLoc that What describes). The barrier goes
/// before B or the release: one finding per such position, the other
/// fields as notes.
void BarrierPass::reportUndeclaredOrder(const Ordering &O, const Sequence &S,
                                        const Event &A, const Event *B,
                                        SourceLocation BLoc,
                                        const std::string &What) {
  std::string Verb = O.WriteSide ? "write" : "read";
  std::string Msg =
      O.ReleaseWhat.empty()
          ? Verb + " of " + quoted(A.Text) + " is not ordered before " + Verb +
                " of " + quoted(B->Text) + ": no " + Verb +
                " barrier between them"
          : Verb + " of " + quoted(A.Text) + " is not ordered before " +
                O.ReleaseWhat + ": no " + Verb + " barrier after it";
  std::string Fix = "insert " + quoted(O.Fix);
  Notes N{{A.Loc, accessNote(A)}};
  if (B)
    N.push_back({BLoc, accessNote(*B) + "; " + Fix + " before it"});
  else
    N.push_back({BLoc, What + "; " + Fix + " before it"});
  group(O.WriteSide ? C.WriteBT : C.ReadBT, S.FD, BLoc, A.Loc, Msg, N,
        accessNote(A) + ", not ordered either");
}

void BarrierPass::checkDeclared(const Ordering &O) {
  EventKind K = O.WriteSide ? EventKind::Write : EventKind::Read;
  for (const Sequence *S : Subjects) {
    if (!within(*S, O))
      continue;
    bool AtReturn = !O.ReleaseWhat.empty() && returnsRelease(*S, O);
    S->forEach([&](const Event &A, Pos P) {
      if (A.Kind != K || !llvm::is_contained(O.First, A.Key))
        return;
      bool Done = false;
      auto Report = [&](const Event *B, SourceLocation BLoc,
                        const std::string &What) {
        if (!Done)
          reportUndeclaredOrder(O, *S, A, B, BLoc, What);
        Done = true;
      };
      findUnordered(
          *S, P, A,
          [&](const Event &B, Pos) {
            if (A.ViaCall && A.ViaCall == B.ViaCall)
              return false; // inside one helper: reported there
            if (!O.Then.empty()) {
              if (B.Kind != K || !llvm::is_contained(O.Then, B.Key))
                return false;
              if (!lockedBothSides(*S, A, B))
                Report(&B, B.Loc, "");
              return true;
            }
            if (B.Kind != EventKind::Release)
              return false;
            Report(nullptr, B.Loc,
                   O.ReleaseWhat + " here, by '" + B.Text + "()'");
            return true;
          },
          [&](SourceLocation End) {
            if (AtReturn)
              Report(nullptr, End,
                     O.ReleaseWhat + " once '" + name(S->FD) +
                         "()' returns");
          });
    });
  }
}

void BarrierPass::markDeclaredServers(const Ordering &O) {
  EventKind K = O.WriteSide ? EventKind::Write : EventKind::Read;
  for (const auto &X : Sites) {
    if (!X->E->orders(K) || !within(*X->S, O))
      continue;
    bool FirstBefore = false, ThenAfter = false;
    for (const std::string &F : O.First)
      FirstBefore |= X->before(O.WriteSide).count(F) > 0;
    for (const std::string &T : O.Then)
      ThenAfter |= X->after(O.WriteSide).count(T) > 0;
    if (!O.ReleaseWhat.empty())
      ThenAfter = reachesRelease(*X->S, X->P, O);
    if (FirstBefore && ThenAfter) {
      X->Paired = true; // by declaration: the partner may be in another file
      Servers[O.Name].push_back(X.get());
    }
  }
}

void BarrierPass::checkDeclaredPartners(const Ordering &O) {
  // O's barriers order K; a partner barrier (of the ordering O pairs with)
  // that does not access K on its near side breaks the pair: the partner
  // side is at fault, and is reported with its side's rule.
  const Ordering *P = nullptr;
  for (const Ordering &Other : Api.orderings())
    if (Other.Name == O.PairsWith)
      P = &Other;
  if (!P)
    return;
  for (const Site *X : Servers[O.Name])
    for (const std::string &K : O.First) {
      if (!llvm::is_contained(P->First, K))
        continue;
      auto It = X->before(O.WriteSide).find(K);
      if (It == X->before(O.WriteSide).end())
        continue;
      const Event &Mine = *It->second;
      std::string MineThen = O.ReleaseWhat;
      if (MineThen.empty())
        for (const std::string &T : O.Then)
          if (X->after(O.WriteSide).count(T)) {
            MineThen = quoted(X->after(O.WriteSide).at(T)->Text);
            break;
          }
      for (const Site *Y : Servers[P->Name]) {
        if (Y->before(P->WriteSide).count(K))
          continue;
        std::string Verb = P->WriteSide ? "write" : "read";
        std::string Then = P->ReleaseWhat;
        if (Then.empty())
          for (const std::string &T : P->Then)
            if (Y->after(P->WriteSide).count(T)) {
              Then = quoted(Y->after(P->WriteSide).at(T)->Text);
              break;
            }
        if (Then.empty())
          Then = "the accesses after it";
        report(P->WriteSide ? C.WriteBT : C.ReadBT,
               "no " + Verb + " of " + quoted(Mine.Text) + " before " +
                   Y->E->Text + "(), so none is ordered before " + Then,
               Y->E->Loc, Y->S->FD,
               {{Y->E->Loc, Verb + " " + quoted(Mine.Text) +
                                " before this barrier"},
                {Mine.Loc, accessNote(Mine) + "; " + where(*X) +
                               " orders it before " + MineThen}});
      }
    }
}

/// Whether the write-side barrier W and the read-side barrier R (of other
/// functions) may form a pair at the inference level.
bool BarrierPass::mayPair(const Site &W, const Site &R) const {
  // An acquire orders only what follows it, a release only what precedes
  // it: neither plays the other side's part.
  if (W.E->Implied == Event::ImpliedAcquire ||
      R.E->Implied == Event::ImpliedRelease)
    return false;
  if (Level != "strict")
    return true;
  // strict: plain smp_wmb()/smp_rmb(), a release or an acquire on both
  // sides. A full barrier (smp_mb) serves many purposes; it pairs only
  // under "all".
  if (!((W.E->Explicit || W.E->Implied) && (R.E->Explicit || R.E->Implied)))
    return false;
  // strict: barriers written in this file. A helper of an included file
  // brings its barriers along when spliced in; they are paired where that
  // file is analysed itself.
  return SM.isInMainFile(W.E->Origin) && SM.isInMainFile(R.E->Origin);
}

/// The fields W and R order in opposite roles: data written before W and
/// read after R, flags written after W and read before R. An object both
/// sides access under one lock is ordered by the lock, not by these
/// barriers.
Pair BarrierPass::pairFields(const Site &W, const Site &R) const {
  Pair P{&W, &R, {}, {}};
  for (auto &[K, E] : W.WB) {
    auto It = R.RA.find(K);
    if (It != R.RA.end() && !commonLock(*E, *It->second))
      P.Data.insert(K);
  }
  for (auto &[K, E] : W.WA) {
    auto It = R.RB.find(K);
    if (It != R.RB.end() && !P.Data.count(K) && !commonLock(*E, *It->second))
      P.Flags.insert(K);
  }
  for (const std::string &K : P.Flags)
    P.Data.erase(K);
  return P;
}

/// Conflicting inferences: a field that is data in one pair and flag in
/// another (a buggy function teaches the reverse of a right one). Neither
/// pair is evidence then.
void BarrierPass::dropConflictingPairs() {
  std::map<std::string, std::set<size_t>> AsData, AsFlag;
  for (size_t I = 0; I < Pairs.size(); ++I) {
    for (const std::string &K : Pairs[I].Data)
      AsData[K].insert(I);
    for (const std::string &K : Pairs[I].Flags)
      AsFlag[K].insert(I);
  }
  std::set<size_t> Conflicting;
  for (auto &[K, Is] : AsData) {
    auto It = AsFlag.find(K);
    if (It == AsFlag.end())
      continue;
    Conflicting.insert(Is.begin(), Is.end());
    Conflicting.insert(It->second.begin(), It->second.end());
  }
  std::vector<Pair> Kept;
  for (size_t I = 0; I < Pairs.size(); ++I)
    if (!Conflicting.count(I))
      Kept.push_back(std::move(Pairs[I]));
  Pairs = std::move(Kept);
}

void BarrierPass::inferPairs() {
  for (const auto &W : Sites) {
    if (!W->E->orders(EventKind::Write))
      continue;
    for (const auto &R : Sites) {
      if (!R->E->orders(EventKind::Read) || R->S == W->S || !mayPair(*W, *R))
        continue;
      Pair P = pairFields(*W, *R);
      if (P.Data.empty() || P.Flags.empty())
        continue;
      W->Paired = R->Paired = true;
      Pairs.push_back(std::move(P));
    }
  }
  dropConflictingPairs();
  for (size_t Idx = 0; Idx < Pairs.size(); ++Idx)
    for (const std::string &X : Pairs[Idx].Data)
      for (const std::string &Y : Pairs[Idx].Flags) {
        Required.emplace(std::make_tuple(true, X, Y), Idx);
        Required.emplace(std::make_tuple(false, Y, X), Idx);
      }
}

bool BarrierPass::commonLock(const Event &A, const Event &B) const {
  for (const std::string &L : A.Held)
    if (B.Held.count(L))
      return true;
  return false;
}

void BarrierPass::checkInferred() {
  for (const Sequence *S : Subjects)
    S->forEach([&](const Event &A, Pos P) {
      if (!A.isAccess())
        return;
      bool Write = A.Kind == EventKind::Write;
      auto First = Required.lower_bound(std::make_tuple(Write, A.Key, ""));
      if (First == Required.end() || std::get<0>(First->first) != Write ||
          std::get<1>(First->first) != A.Key)
        return;
      std::set<std::string> Done;
      findUnordered(
          *S, P, A,
          [&](const Event &B, Pos) {
            if (B.Kind != A.Kind || (A.ViaCall && A.ViaCall == B.ViaCall))
              return false;
            auto It = Required.find(std::make_tuple(Write, A.Key, B.Key));
            if (It == Required.end() || !Done.insert(B.Key).second)
              return false;
            if (lockedBothSides(*S, A, B))
              return false;
            const Pair &Pr = Pairs[It->second];
            const Site &Mine = Write ? *Pr.W : *Pr.R;
            const Site &Partner = Write ? *Pr.R : *Pr.W;
            std::string Verb = Write ? "write" : "read";
            std::string Fix = Write ? "smp_wmb();" : "smp_rmb();";
            group(Write ? C.WriteBT : C.ReadBT, S->FD, B.Loc, A.Loc,
                   Verb + " of " + quoted(A.Text) + " is not ordered before " +
                       Verb + " of " + quoted(B.Text) + ": no " + Verb +
                       " barrier between them" + InferredSuffix,
                   {{A.Loc, accessNote(A)},
                    {B.Loc, accessNote(B) + "; insert " + quoted(Fix) +
                                " before it"},
                    {Partner.E->Loc,
                     "ordering inferred from " + where(Partner) +
                         ", which pairs with " + where(Mine)}},
                   accessNote(A) + ", not ordered either");
            return false;
          },
          [](SourceLocation) {});
    });
}

void BarrierPass::checkWrongSide(const Pair &P) {
  const Site &W = *P.W, &R = *P.R;
  // Reader side: a field the writer orders as data, read before the read
  // barrier: it is not ordered after the flag.
  for (auto &[K, E] : R.RB) {
    if (!W.WB.count(K) || W.WA.count(K) || P.Flags.count(K))
      continue;
    const std::string &Flag = W.WA.at(*P.Flags.begin())->Text;
    group(C.PairBT, R.S->FD, R.E->Loc, E->Loc,
          "read of " + quoted(E->Text) + " is on the wrong side of " +
              R.E->Text + "(): its partner orders it after " + quoted(Flag) +
              ", so read it after the barrier" + InferredSuffix,
          {{R.E->Loc, R.E->Text + "() here"},
           {W.E->Loc, "partner " + where(W) + " orders " + quoted(E->Text) +
                          " before " + quoted(Flag)}},
          accessNote(*E) + ", also before the barrier");
  }
  // Writer side: a field the reader reads as data, written after the write
  // barrier: it may become visible after the flag.
  for (auto &[K, E] : W.WA) {
    if (!R.RA.count(K) || R.RB.count(K) || P.Data.count(K))
      continue;
    const std::string &Flag = W.WA.at(*P.Flags.begin())->Text;
    group(C.PairBT, W.S->FD, W.E->Loc, E->Loc,
          "write of " + quoted(E->Text) + " is on the wrong side of " +
              W.E->Text + "(): its partner reads it after " + quoted(Flag) +
              ", so write it before the barrier" + InferredSuffix,
          {{W.E->Loc, W.E->Text + "() here"},
           {R.E->Loc, "partner " + where(R) + " reads " + quoted(E->Text) +
                          " after " + quoted(Flag)}},
          accessNote(*E) + ", also after the barrier");
  }
}

void BarrierPass::checkUnpaired() {
  // A barrier is one source location; its inlined copies pair for it.
  std::map<unsigned, std::vector<const Site *>> ByOrigin;
  for (const auto &X : Sites)
    if (X->E->Explicit)
      ByOrigin[X->E->Origin.getRawEncoding()].push_back(X.get());
  for (auto &[Raw, Copies] : ByOrigin) {
    SourceLocation Origin = SourceLocation::getFromRawEncoding(Raw);
    if (!SM.isInMainFile(Origin) ||
        llvm::any_of(Copies, [](const Site *X) { return X->Paired; }))
      continue;
    const Site *Best = Copies.front();
    bool Writes = Best->E->orders(EventKind::Write);
    for (const Site *X : Copies)
      if (X->before(Writes).size() + X->after(Writes).size() >
          Best->before(Writes).size() + Best->after(Writes).size())
        Best = X;
    std::string Verb = Writes ? "write" : "read";
    std::string Other = Writes ? "read" : "write";
    auto List = [&](const std::map<std::string, const Event *> &M,
                    const char *IfNone) {
      std::string Out;
      for (auto &[K, E] : M)
        Out += (Out.empty() ? "" : ", ") + quoted(E->Text);
      return Out.empty() ? std::string(IfNone) + Verb
                         : Verb + "s of " + Out;
    };
    report(C.PairBT,
           Best->E->Text + "() pairs with no " + Other +
               " barrier in this file: it orders " +
               List(Best->before(Writes), "no ") + " before " +
               List(Best->after(Writes), "any later "),
           Origin, Best->S->FD, {});
  }
}

void BarrierChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                               AnalysisManager &Mgr,
                                               BugReporter &BR) const {
  StageTimer Time("analysis: barrier pass");
  BarrierPass(*this, Mgr, BR).run(TU);
}

} // namespace

void registerBarrierChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<BarrierChecker>();
}
bool shouldRegisterBarrierChecker(const CheckerManager &) { return true; }

} // namespace utrace
