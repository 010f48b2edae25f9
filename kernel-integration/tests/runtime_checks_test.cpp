// SPDX-License-Identifier: GPL-2.0
// Runtime-check tests: one bad and one good scenario per rule id.  Built
// twice: with CONFIG_UTRACE_RUNTIME_CHECKS (each bad scenario must report
// its rule at the line of the offending call in this file, each good one
// nothing) and without it (nothing may be reported at all; scenarios that
// would corrupt memory without the checks are only built with them).
#include <gtest/gtest.h>
#include <regex>
#include <string>
#include "test_common.h"

namespace {

const struct utrace_engine_ops rt_ops = {};
int rt_dummy;

class Runtime : public ::testing::Test {
protected:
	struct task_struct *t = nullptr;
	struct utrace_engine *e = nullptr;
	bool reaped = false;		// the test reaped t itself

	void SetUp() override
	{
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		utrace_runtime_reset();
#endif
		::testing::internal::CaptureStderr();
		t = ut::spawn_busy();
		e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &rt_ops, nullptr);
		ASSERT_FALSE(IS_ERR(e));
	}
	void TearDown() override
	{
		if (e)
			utrace_engine_put(e);
		if (reaped)
			put_task_struct(t);
		else
			EXPECT_EQ(ut::finish_thread(t), 0);
		std::string err = ::testing::internal::GetCapturedStderr();
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		utrace_runtime_reset();
		check_stderr_format(err);
#else
		EXPECT_EQ(err.find("runtime:"), std::string::npos) << err;
#endif
	}
	static void check_stderr_format(const std::string &err)
	{
		size_t pos = 0, nl;
		while ((nl = err.find('\n', pos)) != std::string::npos) {
			std::string l = err.substr(pos, nl - pos);
			pos = nl + 1;
			if (l.rfind("runtime: ", 0) != 0)
				continue;
			static const std::regex fmt(
				"runtime: [^ ]+:[0-9]+: [-a-z_][^\n]*[^.] \\[UT-[A-Z]+-[0-9]{3}\\]");
			EXPECT_TRUE(std::regex_match(l, fmt)) << l;
		}
	}
	// The report of @rule at @line of this file, and nothing else.
	void expect_report(const char *rule, int line)
	{
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		struct utrace_rt_record rec;
		bool found = false;
		for (int i = 0; utrace_runtime_report_at(i, &rec); i++) {
			bool match = !strcmp(rec.rule, rule) && rec.line == line &&
				     !strcmp(rec.file, __FILE__);
			EXPECT_TRUE(match) << "unexpected " << rec.file << ":" << rec.line
					   << ": " << rec.message << " [" << rec.rule << "]";
			found |= match;
		}
		EXPECT_TRUE(found) << "no " << rule << " at line " << line;
#endif
	}
	void expect_none()
	{
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		struct utrace_rt_record rec;
		for (int i = 0; utrace_runtime_report_at(i, &rec); i++)
			ADD_FAILURE() << rec.file << ":" << rec.line << ": " << rec.message
				      << " [" << rec.rule << "]";
#endif
	}
	void stop() { ASSERT_EQ(ut::stop_thread(t, e), 0); }
};

// Scenarios that free or corrupt memory unless the checks intercept them
// are built only with the checks (not disabled: absent).

// ---- UT-REF-001 ----------------------------------------------------------
const struct utrace_engine_ops leak_ops = {};

TEST_F(Runtime, Ref001_bad_reference_leaked_at_module_exit)
{
	int line = __LINE__; struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &leak_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	EXPECT_EQ(utrace_runtime_module_exit(&leak_ops), 1);
#endif
	expect_report("UT-REF-001", line);
	utrace_engine_put(l);
}

TEST_F(Runtime, Ref001_ok_put_before_module_exit)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &leak_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	struct utrace_engine *again = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS, &leak_ops, nullptr);
	ASSERT_EQ(again, l);
	utrace_engine_put(again);
	utrace_engine_put(l);
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	EXPECT_EQ(utrace_runtime_module_exit(&leak_ops), 0);
#endif
	expect_none();
}

// ---- UT-REF-002 / UT-REF-003 ---------------------------------------------
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
TEST_F(Runtime, Ref002_bad_use_after_last_put)
{
	ASSERT_EQ(utrace_control(t, e, UTRACE_DETACH), 0);
	utrace_engine_put(e);	// last reference: engine released
	int line = __LINE__; int ret = utrace_control(t, e, UTRACE_RESUME);
	EXPECT_EQ(ret, -EINVAL);
	e = nullptr;
	expect_report("UT-REF-002", line);
}
#endif

TEST_F(Runtime, Ref002_ok_use_while_reference_held)
{
	utrace_engine_get(e);
	ASSERT_EQ(utrace_control(t, e, UTRACE_DETACH), 0);
	utrace_engine_put(e);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), -ESRCH);
	expect_none();
}

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
TEST_F(Runtime, Ref003_bad_double_put)
{
	utrace_engine_put(e);
	int line = __LINE__; utrace_engine_put(e);
	e = nullptr;
	expect_report("UT-REF-003", line);
}
#endif

TEST_F(Runtime, Ref003_ok_get_then_two_puts)
{
	utrace_engine_get(e);
	utrace_engine_put(e);
	utrace_engine_put(e);
	e = nullptr;
	expect_none();
}

// ---- UT-REF-005 ------------------------------------------------------------
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
TEST_F(Runtime, Ref005_bad_error_pointer_used_as_engine)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS | UTRACE_ATTACH_MATCH_DATA, &rt_ops, &rt_dummy);
	ASSERT_TRUE(IS_ERR(l));
	int line = __LINE__; int ret = utrace_control(t, l, UTRACE_STOP);
	EXPECT_EQ(ret, -EINVAL);
	expect_report("UT-REF-005", line);
}
#endif

TEST_F(Runtime, Ref005_ok_error_pointer_tested)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS | UTRACE_ATTACH_MATCH_DATA, &rt_ops, &rt_dummy);
	if (!IS_ERR(l)) {
		EXPECT_EQ(utrace_control(t, l, UTRACE_RESUME), 0);
		utrace_engine_put(l);
	}
	expect_none();
}

// ---- UT-WIN-001 ------------------------------------------------------------
TEST_F(Runtime, Win001_bad_regs_read_outside_window)
{
	stop();
	int line = __LINE__; struct pt_regs *regs = task_pt_regs(t);
	EXPECT_NE(regs, nullptr);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	expect_report("UT-WIN-001", line);
}

TEST_F(Runtime, Win001_ok_regs_read_inside_window)
{
	struct utrace_examiner exam;
	unsigned long buf[5];

	stop();
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	EXPECT_NE(task_pt_regs(t), nullptr);
	EXPECT_EQ(copy_regset_to_user(t, task_user_regset_view(t), 0, 0, sizeof(buf), buf), 0);
	EXPECT_EQ(utrace_finish_examine(t, e, &exam), 0);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	expect_none();
}

// ---- UT-WIN-002 ------------------------------------------------------------
// Make finish return -EAGAIN: let the thread run once inside the window.
static void run_inside_window(struct task_struct *t, struct utrace_engine *e,
			      std::atomic<long> *unused = nullptr)
{
	ASSERT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	usleep(5000);
	ASSERT_EQ(ut::stop_thread(t, e), 0);
}

TEST_F(Runtime, Win002_bad_eagain_ignored_and_thread_resumed)
{
	struct utrace_examiner exam;

	stop();
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	run_inside_window(t, e);
	int line = __LINE__; int ret = utrace_finish_examine(t, e, &exam);
	(void)ret;	// stale values are used as if good
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	expect_report("UT-WIN-002", line);
}

TEST_F(Runtime, Win002_ok_eagain_retried)
{
	struct utrace_examiner exam;

	stop();
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	run_inside_window(t, e);
	ASSERT_EQ(utrace_finish_examine(t, e, &exam), -EAGAIN);
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);	// read again
	EXPECT_EQ(utrace_finish_examine(t, e, &exam), 0);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	expect_none();
}

// ---- UT-WIN-003 ------------------------------------------------------------
TEST_F(Runtime, Win003_bad_prepare_without_finish)
{
	struct utrace_examiner exam;

	stop();
	int line = __LINE__; ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	utrace_engine_put(e);
	e = nullptr;
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	EXPECT_EQ(utrace_runtime_module_exit(&rt_ops), 1);
#endif
	expect_report("UT-WIN-003", line);
	put_task_struct(t);	// the task reference the unfinished window holds
}

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
TEST_F(Runtime, Win003_bad_finish_without_prepare)
{
	struct utrace_examiner exam = {};

	stop();
	int line = __LINE__; int ret = utrace_finish_examine(t, e, &exam);
	EXPECT_EQ(ret, -EINVAL);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	expect_report("UT-WIN-003", line);
}
#endif

TEST_F(Runtime, Win003_ok_prepare_and_finish)
{
	struct utrace_examiner exam;

	stop();
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	EXPECT_EQ(utrace_finish_examine(t, e, &exam), 0);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	utrace_engine_put(e);
	e = nullptr;
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	EXPECT_EQ(utrace_runtime_module_exit(&rt_ops), 0);
#endif
	expect_none();
}

// ---- UT-RCU-001 ------------------------------------------------------------
TEST_F(Runtime, Rcu001_bad_barrier_inside_read_section)
{
	rcu_read_lock();
	int line = __LINE__; int ret = utrace_barrier(t, e);
	rcu_read_unlock();
	EXPECT_EQ(ret, 0);
	expect_report("UT-RCU-001", line);
}

TEST_F(Runtime, Rcu001_ok_barrier_outside_read_section)
{
	rcu_read_lock();
	struct task_struct *p = pid_task(task_pid(t), PIDTYPE_PID);
	get_task_struct(p);
	rcu_read_unlock();
	EXPECT_EQ(utrace_barrier(p, e), 0);
	put_task_struct(p);
	expect_none();
}

// ---- UT-RCU-002 ------------------------------------------------------------
TEST_F(Runtime, Rcu002_bad_unlock_without_lock)
{
	int line = __LINE__; rcu_read_unlock();
	expect_report("UT-RCU-002", line);
}

static int rcu_leak_line;

static u32 leaky_entry(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	rcu_leak_line = __LINE__; rcu_read_lock();
	return UTRACE_DETACH;
}

static const struct utrace_engine_ops leaky_ops = { .report_syscall_entry = leaky_entry };

TEST_F(Runtime, Rcu002_bad_callback_returns_inside_read_section)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &leaky_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	ASSERT_EQ(utrace_set_events(t, l, UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	long end = sim_now_ms() + 5000;
	while (utrace_control(t, l, UTRACE_RESUME) == 0 && sim_now_ms() < end)
		usleep(500);	// until the callback ran and detached
	utrace_engine_put(l);
	expect_report("UT-RCU-002", rcu_leak_line);
}

TEST_F(Runtime, Rcu002_ok_balanced_sections)
{
	rcu_read_lock();
	rcu_read_lock();
	rcu_read_unlock();
	rcu_read_unlock();
	expect_none();
}

// ---- UT-RCU-003 / UT-RCU-004 ---------------------------------------------
TEST_F(Runtime, Rcu003_bad_task_used_after_section)
{
	rcu_read_lock();
	struct task_struct *p = pid_task(task_pid(t), PIDTYPE_PID);
	rcu_read_unlock();
	int line = __LINE__; struct utrace_engine *l = utrace_attach_task(p, UTRACE_ATTACH_MATCH_OPS, &rt_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	utrace_engine_put(l);
	expect_report("UT-RCU-003", line);
}

TEST_F(Runtime, Rcu003_ok_task_pinned_inside_section)
{
	rcu_read_lock();
	struct task_struct *p = pid_task(task_pid(t), PIDTYPE_PID);
	get_task_struct(p);
	rcu_read_unlock();
	struct utrace_engine *l = utrace_attach_task(p, UTRACE_ATTACH_MATCH_OPS, &rt_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	utrace_engine_put(l);
	put_task_struct(p);
	expect_none();
}

TEST_F(Runtime, Rcu004_bad_pid_task_outside_section)
{
	int line = __LINE__; struct task_struct *p = find_task_by_vpid(t->pid);
	EXPECT_EQ(p, t);
	expect_report("UT-RCU-004", line);
}

TEST_F(Runtime, Rcu004_ok_pid_task_inside_section)
{
	rcu_read_lock();
	EXPECT_EQ(find_task_by_vpid(t->pid), t);
	rcu_read_unlock();
	expect_none();
}

// ---- UT-CB-001 -------------------------------------------------------------
static int reap_sleep_line;
static std::atomic<int> reaped;

static void sleepy_reap(struct utrace_engine *engine, struct task_struct *task)
{
	reap_sleep_line = __LINE__; msleep(1);
	reaped++;
}

static void quick_reap(struct utrace_engine *engine, struct task_struct *task)
{
	reaped++;
}

static const struct utrace_engine_ops sleepy_ops = { .report_reap = sleepy_reap };
static const struct utrace_engine_ops quick_ops = { .report_reap = quick_reap };

static void reap_with(struct task_struct *t, const struct utrace_engine_ops *ops)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	ASSERT_EQ(utrace_set_events(t, l, UTRACE_EVENT(REAP)), 0);
	reaped = 0;
	sim_kill(t);
	ASSERT_EQ(sim_reap(t, 5000), 0);
	EXPECT_EQ(reaped.load(), 1);
	utrace_engine_put(l);
}

TEST_F(Runtime, Cb001_bad_report_reap_sleeps)
{
	reap_with(t, &sleepy_ops);
	reaped = true;
	expect_report("UT-CB-001", reap_sleep_line);
}

TEST_F(Runtime, Cb001_ok_report_reap_does_not_sleep)
{
	reap_with(t, &quick_ops);
	reaped = true;
	expect_none();
}

// ---- UT-CB-002 -------------------------------------------------------------
static int barrier_line;
static std::atomic<int> barrier_ret{1};

static u32 self_barrier(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	barrier_line = __LINE__; barrier_ret = utrace_barrier(current, engine);
	return UTRACE_DETACH;
}

static const struct utrace_engine_ops self_barrier_ops = { .report_syscall_entry = self_barrier };

TEST_F(Runtime, Cb002_bad_barrier_on_own_engine_in_callback)
{
	barrier_ret = 1;
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &self_barrier_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	ASSERT_EQ(utrace_set_events(t, l, UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	long end = sim_now_ms() + 5000;
	while (barrier_ret.load() == 1 && sim_now_ms() < end)
		usleep(500);
	EXPECT_EQ(barrier_ret.load(), 0);	// returned at once, no deadlock
	utrace_engine_put(l);
	expect_report("UT-CB-002", barrier_line);
}

TEST_F(Runtime, Cb002_ok_barrier_from_outside)
{
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &self_barrier_ops, nullptr);
	ASSERT_FALSE(IS_ERR(l));
	EXPECT_EQ(utrace_barrier(t, l), 0);
	EXPECT_EQ(utrace_control(t, l, UTRACE_DETACH), 0);
	utrace_engine_put(l);
	expect_none();
}

// ---- report plumbing --------------------------------------------------------
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
static std::atomic<int> hook_calls;
static void hook(const struct utrace_rt_record *rec) { hook_calls++; }

TEST_F(Runtime, ReportsOncePerSiteThroughHook)
{
	hook_calls = 0;
	utrace_runtime_set_hook(hook);
	for (int i = 0; i < 3; i++) {
		int line = __LINE__; rcu_read_unlock();
		(void)line;
	}
	utrace_runtime_set_hook(nullptr);
	EXPECT_EQ(hook_calls.load(), 1);
	EXPECT_EQ(utrace_runtime_nr_reports(), 1);
}
#endif

} // namespace
