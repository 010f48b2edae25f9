//===- ApiModel.cpp - the utrace API as data --------------------*- C++ -*-===//
#include "data/ApiModel.h"
#include "data/Roles.h"
#include "data/EmbeddedData.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/YAMLTraits.h"
#include <algorithm>
#include <map>

using namespace llvm;

namespace {
struct FunctionDoc {
  std::string Name;
  std::vector<std::string> Aliases, Roles, Errors, NotOnFreshEngine;
  int EngineArg = -1, TaskArg = -1, GfpArg = -1, FlagsArg = -1, ProbeArg = -1,
      DataArg = -1;
  int LockArg = -1, RequiresLockArg = -1;
  std::vector<std::string> LockFields;
  std::string Returns, SleepsWith, NeverSleepsWith, CreatesWith, Context,
      Reference, LockRecord, PidVariantOf, Lookup;
  int PidArg = -1;
  bool NotOnCurrent = false;
  bool MustCheck = false, Relevant = false, RelevantInScope = false;
};
struct ReleaseDoc {
  std::string What;
  std::vector<std::string> Calls, Returns;
};
struct OrderingDoc {
  std::string Name, Side, Fix, PairsWith;
  std::vector<std::string> First, Then;
  std::vector<std::string> Within;
  ReleaseDoc Release;
};
struct ApiDoc {
  std::string GenerationMarker;
  std::map<std::string, int64_t> Errno;
  std::map<std::string, std::string> Settings;
  std::vector<FunctionDoc> Functions;
  std::vector<OrderingDoc> Orderings;
  std::map<std::string, std::vector<std::string>> Lists;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(FunctionDoc)
LLVM_YAML_IS_SEQUENCE_VECTOR(OrderingDoc)

namespace llvm::yaml {
template <> struct MappingTraits<FunctionDoc> {
  static void mapping(IO &Io, FunctionDoc &F) {
    Io.mapRequired("name", F.Name);
    Io.mapOptional("aliases", F.Aliases);
    Io.mapOptional("roles", F.Roles);
    Io.mapOptional("pid_variant_of", F.PidVariantOf);
    Io.mapOptional("pid_arg", F.PidArg, -1);
    Io.mapOptional("lookup", F.Lookup);
    Io.mapOptional("errors", F.Errors);
    Io.mapOptional("engine_arg", F.EngineArg, -1);
    Io.mapOptional("task_arg", F.TaskArg, -1);
    Io.mapOptional("data_arg", F.DataArg, -1);
    Io.mapOptional("gfp_arg", F.GfpArg, -1);
    Io.mapOptional("returns", F.Returns);
    Io.mapOptional("flags_arg", F.FlagsArg, -1);
    Io.mapOptional("sleeps_with", F.SleepsWith);
    Io.mapOptional("never_sleeps_with", F.NeverSleepsWith);
    Io.mapOptional("not_on_current", F.NotOnCurrent, false);
    Io.mapOptional("creates_with", F.CreatesWith);
    Io.mapOptional("not_on_fresh_engine", F.NotOnFreshEngine);
    Io.mapOptional("context", F.Context);
    Io.mapOptional("reference", F.Reference);
    Io.mapOptional("probe_arg", F.ProbeArg, -1);
    Io.mapOptional("lock_arg", F.LockArg, -1);
    Io.mapOptional("lock_fields", F.LockFields);
    Io.mapOptional("requires_lock_arg", F.RequiresLockArg, -1);
    Io.mapOptional("lock_record", F.LockRecord);
    Io.mapOptional("must_check", F.MustCheck, false);
    Io.mapOptional("relevant", F.Relevant, false);
    Io.mapOptional("relevant_in_scope", F.RelevantInScope, false);
  }
};
template <> struct CustomMappingTraits<std::map<std::string, int64_t>> {
  static void inputOne(IO &Io, StringRef Key,
                       std::map<std::string, int64_t> &M) {
    Io.mapRequired(Key.str().c_str(), M[Key.str()]);
  }
  static void output(IO &Io, std::map<std::string, int64_t> &M) {
    for (auto &KV : M)
      Io.mapRequired(KV.first.c_str(), KV.second);
  }
};
template <> struct CustomMappingTraits<std::map<std::string, std::string>> {
  static void inputOne(IO &Io, StringRef Key,
                       std::map<std::string, std::string> &M) {
    Io.mapRequired(Key.str().c_str(), M[Key.str()]);
  }
  static void output(IO &Io, std::map<std::string, std::string> &M) {
    for (auto &KV : M)
      Io.mapRequired(KV.first.c_str(), KV.second);
  }
};
template <>
struct CustomMappingTraits<std::map<std::string, std::vector<std::string>>> {
  static void inputOne(IO &Io, StringRef Key,
                       std::map<std::string, std::vector<std::string>> &M) {
    Io.mapRequired(Key.str().c_str(), M[Key.str()]);
  }
  static void output(IO &Io,
                     std::map<std::string, std::vector<std::string>> &M) {
    for (auto &KV : M)
      Io.mapRequired(KV.first.c_str(), KV.second);
  }
};
template <> struct MappingTraits<ReleaseDoc> {
  static void mapping(IO &Io, ReleaseDoc &R) {
    Io.mapRequired("what", R.What);
    Io.mapOptional("calls", R.Calls);
    Io.mapOptional("returns", R.Returns);
  }
};
template <> struct MappingTraits<OrderingDoc> {
  static void mapping(IO &Io, OrderingDoc &O) {
    Io.mapRequired("name", O.Name);
    Io.mapRequired("side", O.Side);
    Io.mapRequired("first", O.First);
    Io.mapOptional("then", O.Then);
    Io.mapOptional("release", O.Release);
    Io.mapRequired("fix", O.Fix);
    Io.mapOptional("pairs_with", O.PairsWith);
    Io.mapOptional("within", O.Within);
  }
};
template <> struct MappingTraits<ApiDoc> {
  static void mapping(IO &Io, ApiDoc &A) {
    Io.mapOptional("generation_marker", A.GenerationMarker);
    Io.mapOptional("errno", A.Errno);
    Io.mapOptional("settings", A.Settings);
    Io.mapRequired("functions", A.Functions);
    Io.mapOptional("orderings", A.Orderings);
    Io.mapOptional("lists", A.Lists);
  }
};
} // namespace llvm::yaml

namespace utrace {

ArrayRef<RoleName> roleNames() {
  static const RoleName Names[] = {
      {"engine-acquire", Role::EngineAcquire},
      {"engine-get", Role::EngineGet},
      {"engine-put", Role::EnginePut},
      {"engine-use", Role::EngineUse},
      {"err-test", Role::ErrTest},
      {"err-or-null-test", Role::ErrOrNullTest},
      {"err-value", Role::ErrValue},
      {"err-make", Role::ErrMake},
      {"window-open", Role::WindowOpen},
      {"window-close", Role::WindowClose},
      {"rcu-lock", Role::RcuLock},
      {"rcu-unlock", Role::RcuUnlock},
      {"may-sleep", Role::MaySleep},
      {"task-lookup", Role::TaskLookup},
      {"task-get", Role::TaskGet},
      {"task-put", Role::TaskPut},
      {"task-access", Role::TaskAccess},
      {"barrier-write", Role::BarrierWrite},
      {"barrier-read", Role::BarrierRead},
      {"barrier-full", Role::BarrierFull},
      {"store-release", Role::StoreRelease},
      {"load-acquire", Role::LoadAcquire},
      {"engine-wait", Role::EngineWait},
      {"spin-lock", Role::SpinLock},
      {"spin-unlock", Role::SpinUnlock},
      {"atomic-enter", Role::AtomicEnter},
      {"atomic-exit", Role::AtomicExit},
      {"object-get", Role::ObjectGet},
      {"rcu-lookup", Role::RcuLookup},
      {"probe-register", Role::ProbeRegister},
      {"lock-acquire", Role::LockAcquire},
      {"lock-release", Role::LockRelease},
      {"register-access", Role::RegisterAccess},
  };
  return Names;
}

bool parseRole(StringRef Name, Role &Out) {
  for (const RoleName &R : roleNames())
    if (Name == R.Name) {
      Out = R.Bit;
      return true;
    }
  return false;
}

int64_t ApiFunction::minErrno() const {
  int64_t Max = 0;
  for (int64_t E : Errors)
    Max = std::max(Max, E);
  return -Max;
}

static Error dataError(const std::string &Path, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "%s: %s", Path.c_str(),
                           Msg.str().c_str());
}

/// The bits of role names ("engine-acquire"); Who names the entry in errors.
static Expected<uint64_t> parseRoles(ArrayRef<std::string> Names,
                                     const std::string &Path,
                                     const std::string &Who) {
  uint64_t Bits = 0;
  for (const std::string &R : Names) {
    Role Parsed;
    if (!parseRole(R, Parsed))
      return dataError(Path, Who + ": unknown role '" + R + "'");
    Bits |= static_cast<uint64_t>(Parsed);
  }
  return Bits;
}

static Expected<Ordering> makeOrdering(const OrderingDoc &OD,
                                       const std::string &Path) {
  if (OD.Side != "write" && OD.Side != "read")
    return dataError(Path, OD.Name + ": side must be write or read");
  if (OD.Then.empty() == OD.Release.What.empty())
    return dataError(Path, OD.Name + ": give either then or release");
  Ordering O;
  O.Name = OD.Name;
  O.WriteSide = OD.Side == "write";
  O.First = OD.First;
  O.Then = OD.Then;
  O.ReleaseWhat = OD.Release.What;
  O.ReleaseCalls = OD.Release.Calls;
  O.ReleaseReturns = OD.Release.Returns;
  O.Fix = OD.Fix;
  O.PairsWith = OD.PairsWith;
  Expected<uint64_t> Within = parseRoles(OD.Within, Path, OD.Name);
  if (!Within)
    return Within.takeError();
  O.WithinRoles = *Within;
  return O;
}

/// What the table says that only some roles may or must say.
static Error checkRoleFields(const ApiFunction &Fn, const std::string &Path) {
  if (!Fn.CreatesWith.empty() &&
      (!Fn.has(Role::EngineAcquire) || Fn.FlagsArg < 0))
    return dataError(Path, Fn.Name + ": creates_with needs engine-acquire "
                                     "and flags_arg");
  if (Fn.has(Role::RcuLookup) && Fn.Reference.empty())
    return dataError(Path, Fn.Name + ": rcu-lookup needs a reference call");
  if (Fn.RequiresLockArg >= 0 && Fn.LockFields.empty())
    return dataError(Path, Fn.Name + ": requires_lock_arg needs lock_fields");
  if ((Fn.has(Role::AtomicEnter) || Fn.has(Role::AtomicExit)) &&
      Fn.Context.empty())
    return dataError(Path, Fn.Name + ": atomic-enter/exit needs a context");
  return Error::success();
}

/// A `_pid` variant: the task variant's facts under the variant's name, with
/// the struct pid argument in place of the task. Its own lookup finds no
/// thread for a reaped pid: -ESRCH (or ERR_PTR(-ESRCH) for attach).
static Expected<ApiFunction> makePidVariant(const FunctionDoc &FD,
                                            const ApiFunction &Task,
                                            int64_t Esrch,
                                            const std::string &Path) {
  if (FD.PidArg < 0 || FD.Lookup.empty())
    return dataError(Path, FD.Name + ": pid_variant_of needs pid_arg and lookup");
  if (!FD.Roles.empty() || !FD.Errors.empty() || FD.EngineArg >= 0 ||
      FD.TaskArg >= 0)
    return dataError(Path, FD.Name + ": a pid variant has its task variant's "
                                     "roles, errors and arguments; do not "
                                     "repeat them");
  if (!Task.VariantOf.empty() || Task.TaskArg < 0)
    return dataError(Path, FD.Name + ": pid_variant_of must name a function "
                                     "with task_arg");
  ApiFunction Fn = Task;
  Fn.Name = FD.Name;
  Fn.VariantOf = Task.Name;
  Fn.Lookup = FD.Lookup;
  Fn.PidArg = FD.PidArg;
  Fn.TaskArg = -1;
  Fn.NotOnCurrent = false; // the thread is not known at the call
  if (Esrch && !llvm::is_contained(Fn.Errors, Esrch))
    Fn.Errors.push_back(Esrch);
  return Fn;
}

/// A function entry; its errno names are resolved against Errno, the table
/// of every file.
static Expected<ApiFunction> makeFunction(const FunctionDoc &FD,
                                          const StringMap<int64_t> &Errno,
                                          const std::string &Path) {
  ApiFunction Fn;
  Fn.Name = FD.Name;
  Expected<uint64_t> Roles = parseRoles(FD.Roles, Path, FD.Name);
  if (!Roles)
    return Roles.takeError();
  Fn.Roles = *Roles;
  for (const std::string &E : FD.Errors) {
    auto It = Errno.find(E);
    if (It == Errno.end())
      return dataError(Path, FD.Name + ": unknown errno '" + E + "'");
    Fn.Errors.push_back(It->second);
  }
  for (const std::string &E : FD.NotOnFreshEngine) {
    auto It = Errno.find(E);
    if (It == Errno.end() || !llvm::is_contained(Fn.Errors, It->second))
      return dataError(Path, FD.Name + ": not_on_fresh_engine names '" + E +
                                 "', which is not one of its errors");
    Fn.NotOnFreshEngine.push_back(It->second);
  }
  if (!Fn.NotOnFreshEngine.empty() && FD.EngineArg < 0)
    return dataError(Path, FD.Name + ": not_on_fresh_engine needs engine_arg");
  if (!FD.Returns.empty() && FD.Returns != "errno")
    return dataError(Path,
                     FD.Name + ": unknown return kind '" + FD.Returns + "'");
  Fn.ReturnsErrno = FD.Returns == "errno";
  Fn.EngineArg = FD.EngineArg;
  Fn.TaskArg = FD.TaskArg;
  Fn.DataArg = FD.DataArg;
  Fn.GfpArg = FD.GfpArg;
  Fn.FlagsArg = FD.FlagsArg;
  Fn.SleepsWith = FD.SleepsWith;
  Fn.NeverSleepsWith = FD.NeverSleepsWith;
  Fn.NotOnCurrent = FD.NotOnCurrent;
  Fn.CreatesWith = FD.CreatesWith;
  Fn.Context = FD.Context;
  Fn.Reference = FD.Reference;
  Fn.ProbeArg = FD.ProbeArg;
  Fn.LockArg = FD.LockArg;
  if (Fn.LockArg < 0 && (Fn.has(Role::LockAcquire) || Fn.has(Role::LockRelease)))
    Fn.LockArg = 0;
  Fn.LockFields = FD.LockFields;
  Fn.RequiresLockArg = FD.RequiresLockArg;
  Fn.LockRecord = FD.LockRecord;
  Fn.MustCheck = FD.MustCheck;
  Fn.Relevant = FD.Relevant;
  Fn.RelevantInScope = FD.RelevantInScope;
  if (Error E = checkRoleFields(Fn, Path))
    return std::move(E);
  return Fn;
}

Expected<ApiModel> ApiModel::parse(ArrayRef<SourceText> Files) {
  ApiModel M;
  std::vector<std::pair<FunctionDoc, std::string>> Pending;
  for (const SourceText &F : Files) {
    ApiDoc Doc;
    if (Error E = readYamlDocument(F, Doc))
      return std::move(E);
    if (!Doc.GenerationMarker.empty())
      M.GenerationMarker = Doc.GenerationMarker;
    for (auto &[Name, Value] : Doc.Errno)
      M.Errno[Name] = Value;
    for (auto &[Key, Value] : Doc.Settings)
      M.Settings[Key] = Value;
    for (auto &[Key, Names] : Doc.Lists) {
      std::vector<std::string> &L = M.Lists[Key];
      L.insert(L.end(), Names.begin(), Names.end());
    }
    for (const OrderingDoc &OD : Doc.Orderings) {
      Expected<Ordering> O = makeOrdering(OD, F.Path);
      if (!O)
        return O.takeError();
      M.Orderings.push_back(std::move(*O));
    }
    for (FunctionDoc &FD : Doc.Functions)
      Pending.push_back({FD, F.Path});
  }
  // Errors are resolved after every file's errno table is read, and pid
  // variants after the task variant they name.
  std::stable_partition(Pending.begin(), Pending.end(), [](const auto &P) {
    return P.first.PidVariantOf.empty();
  });
  for (auto &[FD, Path] : Pending) {
    const ApiFunction *Task =
        FD.PidVariantOf.empty() ? nullptr : M.lookup(FD.PidVariantOf);
    if (!FD.PidVariantOf.empty() && !Task)
      return dataError(Path, FD.Name + ": pid_variant_of names unknown '" +
                                 FD.PidVariantOf + "'");
    Expected<ApiFunction> Fn =
        Task ? makePidVariant(FD, *Task, M.errnoValue("ESRCH"), Path)
             : makeFunction(FD, M.Errno, Path);
    if (!Fn)
      return Fn.takeError();
    size_t Idx = M.Functions.size();
    M.Functions.push_back(std::move(*Fn));
    std::vector<std::string> Names = FD.Aliases;
    Names.insert(Names.begin(), FD.Name);
    for (const std::string &N : Names)
      if (!M.Index.try_emplace(N, Idx).second)
        return dataError(Path, "function '" + N + "' listed twice");
  }
  return M;
}

const ApiModel &ApiModel::builtin() {
  static const ApiModel Builtin = [] {
    std::vector<SourceText> Files;
    for (const embedded::EmbeddedFile *F = embedded::ApiFiles; F->Path; ++F)
      Files.push_back({F->Path, F->Text});
    auto M = parse(Files);
    if (!M)
      report_fatal_error(M.takeError()); // a build-time data bug, not input
    return std::move(*M);
  }();
  return Builtin;
}

const ApiFunction *ApiModel::lookup(StringRef Name) const {
  auto It = Index.find(Name);
  return It == Index.end() ? nullptr : &Functions[It->second];
}

int64_t ApiModel::errnoValue(StringRef Name) const {
  auto It = Errno.find(Name);
  return It == Errno.end() ? 0 : It->second;
}

std::string ApiModel::errnoName(int64_t Value) const {
  for (const auto &E : Errno)
    if (E.getValue() == Value)
      return E.getKey().str();
  return "";
}

StringRef ApiModel::setting(StringRef Key) const {
  auto It = Settings.find(Key);
  return It == Settings.end() ? StringRef() : StringRef(It->second);
}

const std::vector<std::string> &ApiModel::list(StringRef Key) const {
  static const std::vector<std::string> Empty;
  auto It = Lists.find(Key);
  return It == Lists.end() ? Empty : It->second;
}

SmallVector<StringRef, 8> ApiModel::settingItems(StringRef Key) const {
  SmallVector<StringRef, 8> Items;
  setting(Key).split(Items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef &I : Items)
    I = I.trim();
  llvm::erase_if(Items, [](StringRef I) { return I.empty(); });
  return Items;
}

bool ApiModel::inSetting(StringRef Key, StringRef Name) const {
  return !Name.empty() && llvm::is_contained(settingItems(Key), Name);
}

bool ApiModel::inList(StringRef Key, StringRef Name) const {
  for (const std::string &N : list(Key))
    if (N == Name)
      return true;
  return false;
}

} // namespace utrace
