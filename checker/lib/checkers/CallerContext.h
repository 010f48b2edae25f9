//===- CallerContext.h - read sections a function is entered in -*- C++ -*-===//
//
// Which read sections (and atomic contexts) a function of the translation
// unit runs in from its first statement, because of who calls it:
//
//  - callers: a static function whose address is not taken and all of whose
//    call sites in the file are inside a section of a kind is entered in
//    that kind (transitively: the callers' own entry counts; a bounded
//    fixpoint over the file's call graph);
//  - release: a function that ends a section it did not open on any path
//    (preempt_enable() with no preempt_disable() before it, a spin_unlock()
//    of a lock taken by the caller: sparse's __releases idiom) is entered
//    inside it. Plain rcu_read_unlock() counts only with __releases(RCU) in
//    the declaration: otherwise it is UT-RCU-002's unbalanced unlock;
//  - tracepoint probes (register_trace_<event>(fn, ...),
//    tracepoint_probe_register()) run with preemption disabled;
//  - documentation: `__must_hold(RCU)`, or a comment before the function
//    saying its caller holds rcu_read_lock().
//
// The kinds mirror utrace.Rcu's counters: a plain rcu_read_lock() section,
// an rcu_read_lock_sched()/_bh() section, and any context that keeps the
// CPU (preemption, interrupts or bottom halves off, a spinlock held). The
// path-sensitive checkers open them at the top frame of the analysis.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECKERS_CALLERCONTEXT_H
#define UTRACE_CHECKERS_CALLERCONTEXT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <string>

namespace utrace {

enum EntryKind : unsigned {
  EntryRcu = 1,        ///< rcu_read_lock()
  EntryRcuFlavour = 2, ///< rcu_read_lock_sched()/rcu_read_lock_bh()
  EntryNonPreempt = 4, ///< preemption/interrupts/bh off, a spinlock held
};

/// Why a function is entered in a kind.
enum class EntrySource { None, Callers, Release, Probe, Documented };

/// Tracepoint probes registered in the translation unit: probe -> the
/// registering call (api table role probe-register, or a call whose name
/// starts with the `tracepoint_register_prefix` setting).
std::map<const clang::FunctionDecl *, const clang::CallExpr *>
tracepointProbes(const clang::TranslationUnitDecl *TU);

/// True when FD says it runs under RCU: `__must_hold(RCU)` in its
/// declaration, or a comment right before it that says its caller holds
/// rcu_read_lock().
bool documentedUnderRcu(const clang::FunctionDecl *FD,
                        const clang::SourceManager &SM);

/// The phrase of kernel.yaml's `sleep_documentation_phrases` ("may sleep",
/// "only be called from user context") that the comment right before FD
/// contains, or empty: FD says it may sleep whatever its body shows.
std::string documentedSleep(const clang::FunctionDecl *FD,
                            const clang::SourceManager &SM);

class CallerContext {
public:
  explicit CallerContext(clang::ASTContext &Ctx);

  /// The EntryKind bits FD is entered with.
  unsigned entry(const clang::FunctionDecl *FD) const;
  /// Where the plain-RCU entry of FD comes from.
  EntrySource rcuSource(const clang::FunctionDecl *FD) const;

private:
  struct Info {
    unsigned Floor = 0;   ///< from release, probes, documentation
    unsigned Entry = 0;   ///< Floor plus what every caller holds
    unsigned Releases = 0; ///< kinds it ends without opening (callers see it)
    unsigned MayAcquire = 0; ///< kinds it may return holding (a get)
    EntrySource RcuFrom = EntrySource::None;
  };
  llvm::DenseMap<const clang::FunctionDecl *, Info> Infos;
  class Builder; // the passes that fill Infos (CallerContext.cpp)
};

} // namespace utrace

#endif
