//===- BarrierSequence.h - lockless accesses and barriers on a CFG -*- C++ -*-===//
//
// The structural model the barrier rules (UT-BAR-*) work on: for each
// function, its CFG with every block turned into the ordered list of events
// that matter for memory ordering:
//
//   Read / Write   a load or store of a struct field, keyed "record.field"
//                  (utrace_engine.flags), plain or through READ_ONCE /
//                  WRITE_ONCE, with the lock sections held at that point
//   Barrier        smp_wmb/smp_rmb/smp_mb and friends, recognised by macro
//                  name in the statement's expansion chain, by a call of
//                  that name, or by the fence instruction in inline asm; a
//                  store-release is a barrier followed by its write, a
//                  load-acquire (and rcu_dereference) its read followed by
//                  a barrier
//   Lock / Unlock  spin_lock()/spin_unlock() and aliases; after a call of
//                  a helper that returns with a lock held on some path
//                  (get_utrace_lock()), a Lock of it. Held sets are
//                  must-hold; a static helper is entered with the shared
//                  locks every caller holds (settleEntryLocks)
//   Release        a call that releases the object of a declared ordering
//   Return         a return statement (the function's end is the exit block)
//
// Only accesses another thread can see become events: an object reached
// from a global, from a parameter's pointee or from a pointer loaded from
// shared memory. Fields of the function's own stack objects (a report
// struct filled and read by one thread), of a fresh allocation that has not
// been published yet (handed to a call, stored or returned), of a pointer
// parameter through which every caller in the file passes such an object,
// and list linkage (list_head, hlist_node: the list API orders them under
// its own lock or RCU) are left out.
//
// Calls to functions defined in the translation unit are replaced by the
// callee's events (an inline summary, three levels deep), so a flag read in
// engine_wants_stop() or a barrier in a helper counts at the call site.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_BARRIERSEQUENCE_H
#define UTRACE_CHECK_BARRIERSEQUENCE_H

#include "data/ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <set>
#include <string>
#include <vector>

namespace clang {
class AnalysisDeclContextManager;
class ASTContext;
class CallExpr;
} // namespace clang

namespace utrace::barrier {

enum class EventKind { Read, Write, Barrier, Lock, Unlock, Release, Return };

/// What a barrier orders.
enum Orders : unsigned { OrdersWrites = 1, OrdersReads = 2 };

struct Event {
  explicit Event(EventKind K) : Kind(K) {}
  EventKind Kind;
  std::string Key;  ///< record.field (accesses), lock identity, callee
  std::string Text; ///< 'engine->flags' / 'smp_wmb' as the user wrote it
  unsigned Orders = 0;   ///< barriers: OrdersWrites | OrdersReads
  bool Explicit = false; ///< a plain write or read barrier (smp_wmb/smp_rmb)
  /// The barrier half of a release (ImpliedRelease) or an acquire
  /// (ImpliedAcquire), else 0. A release orders what precedes it (a writer's
  /// barrier in a pair), an acquire what follows it (a reader's).
  unsigned Implied = 0;
  enum : unsigned { ImpliedRelease = 1, ImpliedAcquire = 2 };
  /// Where the event is in the analysed function: the access itself, or the
  /// call of the helper that contains it (expansion location).
  clang::SourceLocation Loc;
  /// The access or barrier itself (inside the helper when inlined): the
  /// identity of a barrier across its inlined copies.
  clang::SourceLocation Origin;
  const clang::FunctionDecl *Via = nullptr; ///< helper it was inlined from
  const clang::CallExpr *ViaCall = nullptr; ///< that helper's call
  /// An access through a pointer parameter of the function it was built in
  /// (index), else -1: where a helper is spliced into a caller that passes
  /// the address of its own stack object, the access is not shared.
  int RootParam = -1;
  std::set<std::string> Held;               ///< locks held here

  bool isAccess() const {
    return Kind == EventKind::Read || Kind == EventKind::Write;
  }
  /// True for a barrier that orders accesses of \p Kind.
  bool orders(EventKind Access) const {
    return Kind == EventKind::Barrier &&
           (Orders & (Access == EventKind::Write ? OrdersWrites : OrdersReads));
  }
};

/// A position in a function's event lists.
struct Pos {
  unsigned Block;
  size_t Index;
};

/// One function's CFG as event lists, indexed by CFG block id.
struct Sequence {
  const clang::FunctionDecl *FD = nullptr;
  const clang::CFG *Cfg = nullptr;
  std::vector<std::vector<Event>> Blocks;
  std::vector<const clang::CFGBlock *> ById;

  const Event &at(Pos P) const { return Blocks[P.Block][P.Index]; }
  /// Every event with its position.
  void forEach(llvm::function_ref<void(const Event &, Pos)> Fn) const;
};

enum class Walk { Continue, StopPath };

/// Visits the events reachable from just after \p From (each CFG block at
/// most once); a visitor answering StopPath ends that path. \p AtExit runs
/// when a path reaches the function's exit block (falling off the end).
void walkForward(const Sequence &S, Pos From,
                 llvm::function_ref<Walk(const Event &, Pos)> Visit,
                 llvm::function_ref<void()> AtExit = nullptr);
/// The same backwards, from just before \p From towards the entry.
void walkBackward(const Sequence &S, Pos From,
                  llvm::function_ref<Walk(const Event &, Pos)> Visit);

/// Builds and caches the sequences of one translation unit.
class SequenceBuilder {
public:
  SequenceBuilder(clang::ASTContext &Ctx,
                  clang::AnalysisDeclContextManager &ADCMgr,
                  const ApiModel &Api);
  ~SequenceBuilder();
  /// The sequence of a function definition, or null without a CFG.
  const Sequence *get(const clang::FunctionDecl *FD);
  /// Gives a static helper whose address is not taken the locks that every
  /// call of it in the file holds (a field's lock such as utrace->lock, or
  /// a global one), held from its first event, and recomputes the lock
  /// sets of the sequences built so far. Call once, after the sequences
  /// the pass looks at are built.
  void settleEntryLocks();

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// True when the declarations contain anything the barrier pass looks at: a
/// barrier, or an access of a field named in a declared ordering. A cheap
/// AST scan, so that a file is not skipped only because it calls no utrace
/// function.
bool mayNeedBarrierPass(llvm::ArrayRef<clang::Decl *> Decls,
                        clang::ASTContext &Ctx, const ApiModel &Api);

} // namespace utrace::barrier

#endif
