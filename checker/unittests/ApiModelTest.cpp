#include "data/ApiModel.h"
#include "llvm/ADT/STLExtras.h"
#include "gtest/gtest.h"

using namespace utrace;

TEST(ApiModel, BuiltinKnowsTheAttachCalls) {
  const ApiModel &M = ApiModel::builtin();
  for (const char *Name : {"utrace_attach_task", "utrace_attach_pid"}) {
    const ApiFunction *Fn = M.lookup(Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_TRUE(Fn->has(Role::EngineAcquire));
    EXPECT_TRUE(Fn->Relevant);
  }
  // The 2006-2008 generation's attach: same role, no reference counts (the
  // engine-reference rules stay quiet in such files).
  const ApiFunction *Old = M.lookup("utrace_attach");
  ASSERT_NE(Old, nullptr);
  EXPECT_TRUE(Old->has(Role::EngineAcquire));
  EXPECT_TRUE(Old->Relevant);
}

TEST(ApiModel, EngineArgumentsAndErrnoRanges) {
  const ApiModel &M = ApiModel::builtin();
  const ApiFunction *Control = M.lookup("utrace_control");
  ASSERT_NE(Control, nullptr);
  EXPECT_EQ(Control->EngineArg, 1);
  EXPECT_EQ(Control->TaskArg, 0);
  EXPECT_TRUE(Control->ReturnsErrno);
  EXPECT_TRUE(Control->MustCheck);
  EXPECT_EQ(Control->minErrno(), -M.errnoValue("EINPROGRESS"));
  EXPECT_EQ(M.errnoValue("ESRCH"), 3);
  EXPECT_EQ(M.errnoName(3), "ESRCH");
  EXPECT_EQ(M.errnoName(4), "");
  // The first generation's set_events fails the same way (UT-REF-008).
  const ApiFunction *SetFlags = M.lookup("utrace_set_flags");
  ASSERT_NE(SetFlags, nullptr);
  EXPECT_TRUE(SetFlags->MustCheck);
  EXPECT_TRUE(SetFlags->ReturnsErrno);
  EXPECT_EQ(SetFlags->minErrno(), -M.errnoValue("EALREADY"));
  const ApiFunction *Put = M.lookup("utrace_engine_put");
  ASSERT_NE(Put, nullptr);
  EXPECT_TRUE(Put->has(Role::EnginePut));
  EXPECT_EQ(Put->EngineArg, 0);
  EXPECT_EQ(M.generationMarker(), "utrace_engine_put");
}

TEST(ApiModel, ErrorPointerHelpersAreNotRelevanceTriggers) {
  const ApiModel &M = ApiModel::builtin();
  for (const char *Name : {"IS_ERR", "IS_ERR_OR_NULL", "PTR_ERR", "ERR_PTR"}) {
    const ApiFunction *Fn = M.lookup(Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_FALSE(Fn->Relevant) << Name;
  }
}

TEST(ApiModel, AliasIsOneLine) {
  auto M = ApiModel::parse({{"a.yaml", R"(
errno: {ESRCH: 3}
functions:
  - name: utrace_attach_task
    aliases: [my_attach]
    roles: [engine-acquire]
    errors: [ESRCH]
)"}});
  ASSERT_TRUE(static_cast<bool>(M)) << llvm::toString(M.takeError());
  ASSERT_NE(M->lookup("my_attach"), nullptr);
  EXPECT_EQ(M->lookup("my_attach"), M->lookup("utrace_attach_task"));
}

TEST(ApiModel, BadDataIsRejectedWithTheFileName) {
  auto Role = ApiModel::parse(
      {{"x.yaml", "functions:\n  - name: f\n    roles: [grab]\n"}});
  ASSERT_FALSE(static_cast<bool>(Role));
  EXPECT_EQ(llvm::toString(Role.takeError()), "x.yaml: f: unknown role 'grab'");

  auto Errno = ApiModel::parse(
      {{"y.yaml", "functions:\n  - name: f\n    roles: [engine-use]\n"
                  "    errors: [EWHAT]\n"}});
  ASSERT_FALSE(static_cast<bool>(Errno));
  EXPECT_EQ(llvm::toString(Errno.takeError()), "y.yaml: f: unknown errno 'EWHAT'");

  auto Twice = ApiModel::parse(
      {{"z.yaml", "functions:\n  - name: f\n    roles: []\n"
                  "  - name: f\n    roles: []\n"}});
  ASSERT_FALSE(static_cast<bool>(Twice));
  EXPECT_EQ(llvm::toString(Twice.takeError()), "z.yaml: function 'f' listed twice");
}

TEST(ApiModel, PidVariantsAreTheTaskVariantAfterALookup) {
  const ApiModel &M = ApiModel::builtin();
  for (auto [Pid, Task] : {std::pair{"utrace_control_pid", "utrace_control"},
                           {"utrace_set_events_pid", "utrace_set_events"},
                           {"utrace_barrier_pid", "utrace_barrier"},
                           {"utrace_attach_pid", "utrace_attach_task"}}) {
    const ApiFunction *P = M.lookup(Pid), *T = M.lookup(Task);
    ASSERT_NE(P, nullptr) << Pid;
    ASSERT_NE(T, nullptr) << Task;
    EXPECT_EQ(P->VariantOf, Task);
    EXPECT_EQ(P->PidArg, 0) << Pid;
    EXPECT_EQ(P->TaskArg, -1) << Pid;
    EXPECT_EQ(P->Roles, T->Roles) << Pid;
    EXPECT_EQ(P->EngineArg, T->EngineArg) << Pid;
    EXPECT_EQ(P->MustCheck, T->MustCheck) << Pid;
    EXPECT_EQ(P->NotOnFreshEngine, T->NotOnFreshEngine) << Pid;
    EXPECT_TRUE(llvm::is_contained(P->Errors, M.errnoValue("ESRCH"))) << Pid;
    EXPECT_FALSE(P->NotOnCurrent) << Pid;
  }
  EXPECT_EQ(M.lookup("utrace_control_pid")->Lookup, "pid_task");
  EXPECT_EQ(M.lookup("utrace_attach_pid")->Lookup, "get_pid_task");
  // Sleeping comes with the task variant: the flags decide for attach.
  EXPECT_EQ(M.lookup("utrace_attach_pid")->SleepsWith, "UTRACE_ATTACH_CREATE");
  EXPECT_TRUE(M.lookup("utrace_barrier_pid")->has(Role::MaySleep));
}

TEST(ApiModel, PidVariantsSayOnlyWhatDiffers) {
  const char *Base = R"(
errno: {ESRCH: 3, EINVAL: 22}
functions:
  - name: ctl
    roles: [engine-use]
    task_arg: 0
    engine_arg: 1
    returns: errno
    errors: [EINVAL]
)";
  auto Ok = ApiModel::parse({{"a.yaml", std::string(Base) +
                                            "  - name: ctl_pid\n"
                                            "    pid_variant_of: ctl\n"
                                            "    pid_arg: 0\n"
                                            "    lookup: pid_task\n"}});
  ASSERT_TRUE(static_cast<bool>(Ok)) << llvm::toString(Ok.takeError());
  EXPECT_EQ(Ok->lookup("ctl_pid")->minErrno(), -22);
  EXPECT_EQ(Ok->lookup("ctl_pid")->Errors.size(), 2u);

  auto Repeated = ApiModel::parse({{"b.yaml", std::string(Base) +
                                                  "  - name: ctl_pid\n"
                                                  "    pid_variant_of: ctl\n"
                                                  "    pid_arg: 0\n"
                                                  "    lookup: pid_task\n"
                                                  "    engine_arg: 1\n"}});
  ASSERT_FALSE(static_cast<bool>(Repeated));
  EXPECT_NE(llvm::toString(Repeated.takeError()).find("do not repeat them"),
            std::string::npos);

  auto Unknown = ApiModel::parse({{"c.yaml", std::string(Base) +
                                                 "  - name: ctl_pid\n"
                                                 "    pid_variant_of: nope\n"
                                                 "    pid_arg: 0\n"
                                                 "    lookup: pid_task\n"}});
  ASSERT_FALSE(static_cast<bool>(Unknown));
  EXPECT_EQ(llvm::toString(Unknown.takeError()),
            "c.yaml: ctl_pid: pid_variant_of names unknown 'nope'");
}

TEST(ApiModel, RegisterAccessesOfBothGenerations) {
  const ApiModel &M = ApiModel::builtin();
  // UT-WIN-004's accesses: the registers, in both generations' shapes.
  for (const char *Name :
       {"utrace_regset", "utrace_regset.get", "utrace_regset.set",
        "user_regset.get", "user_regset.set", "task_pt_regs",
        "copy_regset_to_user", "copy_regset_from_user",
        "task_current_syscall"}) {
    const ApiFunction *Fn = M.lookup(Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_TRUE(Fn->has(Role::RegisterAccess)) << Name;
    EXPECT_EQ(Fn->TaskArg, 0) << Name;
  }
  // Memory through the mm, and the architecture's regset table: task
  // accesses for the examine window, not register reads.
  for (const char *Name : {"access_process_vm", "task_user_regset_view"}) {
    const ApiFunction *Fn = M.lookup(Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_TRUE(Fn->has(Role::TaskAccess)) << Name;
    EXPECT_FALSE(Fn->has(Role::RegisterAccess)) << Name;
  }
  EXPECT_EQ(M.setting("stopped_state_mask"), "0xc");
}

// What atomics and fence instructions order is data (issue 14 item 3),
// read by the barrier rules (BarrierSequence.cpp).
TEST(ApiModel, MemoryOrdersAndFenceInstructionsAreData) {
  const ApiModel &M = ApiModel::builtin();
  EXPECT_TRUE(M.inList("memory_orders_acquire", "2"));  // __ATOMIC_ACQUIRE
  EXPECT_TRUE(M.inList("memory_orders_release", "3"));  // __ATOMIC_RELEASE
  EXPECT_TRUE(M.inList("memory_orders_acquire", "5") &&
              M.inList("memory_orders_release", "5")); // __ATOMIC_SEQ_CST
  EXPECT_FALSE(M.inList("memory_orders_acquire", "0") ||
               M.inList("memory_orders_release", "0")); // relaxed
  EXPECT_TRUE(M.inList("fences_as_smp_mb", "mfence"));
  EXPECT_TRUE(M.inList("fences_as_smp_wmb", "sfence"));
  EXPECT_TRUE(M.inList("fences_as_smp_rmb", "lfence"));
}

TEST(ApiModel, CommaSettingsAreItems) {
  auto M = ApiModel::parse({{"s.yaml", R"(
settings:
  macros: " rcu_dereference,  __task_cred ,, "
functions: []
)"}});
  ASSERT_TRUE(static_cast<bool>(M)) << llvm::toString(M.takeError());
  auto Items = M->settingItems("macros");
  ASSERT_EQ(Items.size(), 2u);
  EXPECT_EQ(Items[0], "rcu_dereference");
  EXPECT_EQ(Items[1], "__task_cred");
  EXPECT_TRUE(M->inSetting("macros", "__task_cred"));
  EXPECT_FALSE(M->inSetting("macros", "rcu"));
  EXPECT_FALSE(M->inSetting("macros", ""));
  EXPECT_TRUE(M->settingItems("absent").empty());
  // The builtin tables: plain RCU accessors are a subset of the checked ones.
  const ApiModel &B = ApiModel::builtin();
  for (llvm::StringRef Plain : B.settingItems("rcu_plain_dereference_macros"))
    EXPECT_TRUE(B.inSetting("rcu_dereference_macros", Plain)) << Plain.str();
}
