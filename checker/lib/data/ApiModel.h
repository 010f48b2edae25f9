//===- ApiModel.h - the utrace API as data -----------------------*- C++ -*-===//
//
// What each modelled function does, read from rules/api/*.yaml: its roles
// (acquire, put, use, err-test, ...), which argument is the engine or the
// task, the errno values it may return. Checkers ask this table instead of
// matching names in code.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_APIMODEL_H
#define UTRACE_CHECK_APIMODEL_H

#include "data/Catalog.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace utrace {

enum class Role : uint64_t {
  EngineAcquire = 1u << 0,
  EngineGet = 1u << 1,
  EnginePut = 1u << 2,
  EngineUse = 1u << 3,
  ErrTest = 1u << 4,
  ErrOrNullTest = 1u << 5,
  ErrValue = 1u << 6,
  ErrMake = 1u << 7,
  // Examine windows, task lifetime and RCU (utrace-api.md rules 3 and 4).
  WindowOpen = 1u << 8,   ///< utrace_prepare_examine(): opens on success
  WindowClose = 1u << 9,  ///< utrace_finish_examine(): closes; result matters
  RcuLock = 1u << 10,     ///< rcu_read_lock()
  RcuUnlock = 1u << 11,   ///< rcu_read_unlock()
  MaySleep = 1u << 12,    ///< may block (see gfp_arg for allocators)
  TaskLookup = 1u << 13,  ///< returns a task valid only in the RCU section
  TaskGet = 1u << 14,     ///< returns or pins a counted task reference
  TaskPut = 1u << 15,     ///< drops a task reference
  TaskAccess = 1u << 16,  ///< touches task_arg's state (regsets, pt_regs)
  // Memory ordering (utrace-api.md rule 5).
  BarrierWrite = 1u << 17, ///< smp_wmb()
  BarrierRead = 1u << 18,  ///< smp_rmb()
  BarrierFull = 1u << 19,  ///< smp_mb()
  StoreRelease = 1u << 20, ///< smp_store_release(), rcu_assign_pointer()
  LoadAcquire = 1u << 21,  ///< smp_load_acquire(), rcu_dereference()
  // Callback context (utrace-api.md rule 6).
  EngineWait = 1u << 22,   ///< utrace_barrier(): waits for engine_arg's callbacks
  // Atomic context (utrace-api.md rule 4): nothing may sleep in between.
  AtomicEnter = 1u << 23,    ///< spin/read/write_lock*, preempt/irq off, rcu-sched/bh
  AtomicExit = 1u << 24,     ///< the matching unlock or enable (same `context`)
  ObjectGet = 1u << 25,      ///< takes a reference on the object in argument 0
  ProbeRegister = 1u << 28,  ///< registers probe_arg as a tracepoint probe
  /// Returns an object (not a task) found under RCU: valid only inside the
  /// read section that found it unless `reference` is taken (find_pid_ns()).
  RcuLookup = 1ull << 31,
  /// Reads or writes task_arg's register state (regsets, pt_regs): in the
  /// first API generation only when the task is current or known stopped.
  RegisterAccess = 1ull << 32,
  // Lock sections, for the barrier rules (accesses both sides make under
  // the same lock need no barrier).
  SpinLock = 1u << 26,   ///< spin_lock(): takes the lock in argument 0
  SpinUnlock = 1u << 27, ///< spin_unlock(): drops the lock in argument 0
  // Lock state (UT-CTX-002/003): any lock the path takes or releases,
  // sleeping ones (mutexes, rw-semaphores) included, named by lock_arg.
  LockAcquire = 1u << 29, ///< mutex_lock(), down_read(), spin_lock*(), trylocks
  LockRelease = 1u << 30, ///< mutex_unlock(), up_read(), spin_unlock*()
};

/// Parses a role name as written in the YAML ("engine-acquire").
bool parseRole(llvm::StringRef Name, Role &Out);

struct ApiFunction {
  std::string Name;
  uint64_t Roles = 0;
  int EngineArg = -1;
  int TaskArg = -1;
  /// engine-acquire: the engine's data pointer (callbacks read it back as
  /// engine->data), with task_arg the thread it is attached to.
  int DataArg = -1;
  int GfpArg = -1; ///< with may-sleep: sleeps only if these gfp flags block
  /// With may-sleep: sleeps only when argument FlagsArg has the bits of the
  /// macro SleepsWith and none of the macro NeverSleepsWith (attach flags).
  int FlagsArg = -1;
  std::string SleepsWith, NeverSleepsWith;
  /// With may-sleep: does not sleep when task_arg is `current`.
  bool NotOnCurrent = false;
  /// engine-acquire: the macro whose bits in FlagsArg make the call create
  /// a new engine (UTRACE_ATTACH_CREATE); its success result is then a
  /// fresh engine, with no events set yet.
  std::string CreatesWith;
  /// engine-use: errno values (positive) the call never returns for a
  /// fresh engine that nothing was called on yet (utrace_set_events() on a
  /// fresh engine sets bits only: never -EINPROGRESS).
  std::vector<int64_t> NotOnFreshEngine;
  /// atomic-enter/exit: the kind of context ("spinlock", "preemption
  /// disabled", ...); an exit closes the latest enter of the same kind.
  std::string Context;
  /// rcu-lookup: the call that takes a reference on the result (get_pid).
  std::string Reference;
  /// probe-register: the argument that is the probe function.
  int ProbeArg = -1;
  /// lock-acquire/lock-release: the argument that names the lock (0 when
  /// not given). With LockFields, the lock is the first of those fields
  /// that the argument's record has (mmap_read_lock(mm): mm->mmap_lock).
  int LockArg = -1;
  std::vector<std::string> LockFields;
  /// The call needs a lock held (get_user_pages() needs mm's mmap lock):
  /// one of LockFields of the object argument RequiresLockArg points to.
  /// With LockRecord, the argument must point to that record; when it does
  /// not (another generation's signature), the first argument that does
  /// is taken.
  int RequiresLockArg = -1;
  std::string LockRecord;
  /// A `_pid` variant (utrace_control_pid()): the call looks the thread up
  /// from the struct pid in argument PidArg with the kernel function Lookup
  /// (pid_task()), returns -ESRCH when it finds none, and is otherwise the
  /// task variant VariantOf, whose facts it has (task_arg excepted).
  std::string VariantOf, Lookup;
  int PidArg = -1;
  bool ReturnsErrno = false;
  std::vector<int64_t> Errors; ///< positive errno values
  bool MustCheck = false;
  bool Relevant = false; ///< calling it makes a function worth analysing
  /// Calling it makes a function worth analysing in a file that uses the
  /// utrace API, and in every file with --scope=all (RCU, task lookups).
  bool RelevantInScope = false;

  bool has(Role R) const { return Roles & static_cast<uint64_t>(R); }
  /// The most negative value an errno-returning call can produce.
  int64_t minErrno() const;
};

/// A declared memory ordering (rules/api/barriers.yaml, "orderings:"):
/// lockless accesses of the `First` fields must be ordered before the `Then`
/// fields (or before the release event) by a barrier of the `Side`'s kind.
/// Fields are "record.field" keys (utrace_engine.flags).
struct Ordering {
  std::string Name;
  bool WriteSide = true; ///< side: write (smp_wmb) or read (smp_rmb)
  std::vector<std::string> First, Then;
  /// The release event that ends the writer side's window (when Then is
  /// empty): a call to one of ReleaseCalls, or the return of a function
  /// named in ReleaseReturns. ReleaseWhat says what is released.
  std::string ReleaseWhat;
  std::vector<std::string> ReleaseCalls, ReleaseReturns;
  std::string Fix;       ///< the barrier line a fix inserts: "smp_wmb();"
  std::string PairsWith; ///< name of the other side's ordering
  /// When set: the side applies only in the implementations of the API
  /// functions with one of these roles (the examiner: window-open and
  /// window-close), not wherever the fields are read.
  uint64_t WithinRoles = 0;
};

class ApiModel {
public:
  static const ApiModel &builtin();
  static llvm::Expected<ApiModel> parse(llvm::ArrayRef<SourceText> Files);

  /// The entry for a function name or one of its aliases, or null.
  const ApiFunction *lookup(llvm::StringRef Name) const;
  const std::vector<ApiFunction> &functions() const { return Functions; }
  /// A declaration whose presence marks the 2008+ API generation.
  llvm::StringRef generationMarker() const { return GenerationMarker; }
  /// errno value by name (ESRCH → 3), or 0 when unknown.
  int64_t errnoValue(llvm::StringRef Name) const;
  /// errno name by value (3 → "ESRCH"), or "" when unknown.
  std::string errnoName(int64_t Value) const;
  /// A named setting from a table's `settings:` map ("" when absent), e.g.
  /// the examine contract or the record that is a task.
  llvm::StringRef setting(llvm::StringRef Key) const;
  /// Declared memory orderings, in file order.
  const std::vector<Ordering> &orderings() const { return Orderings; }
  /// A named list from a table's `lists:` map (empty when absent), e.g. the
  /// task fields that never change after fork.
  const std::vector<std::string> &list(llvm::StringRef Key) const;
  /// True when Name is an element of the named list.
  bool inList(llvm::StringRef Key, llvm::StringRef Name) const;
  /// The items of a comma-separated setting, trimmed, empty ones dropped
  /// ("rcu_dereference, __task_cred" -> {rcu_dereference, __task_cred}).
  llvm::SmallVector<llvm::StringRef, 8> settingItems(llvm::StringRef Key) const;
  /// True when Name is one of the setting's items.
  bool inSetting(llvm::StringRef Key, llvm::StringRef Name) const;

private:
  std::vector<ApiFunction> Functions;
  llvm::StringMap<size_t> Index;
  llvm::StringMap<int64_t> Errno;
  std::string GenerationMarker;
  llvm::StringMap<std::string> Settings;
  std::vector<Ordering> Orderings;
  llvm::StringMap<std::vector<std::string>> Lists;
};

} // namespace utrace

#endif
