// SPDX-License-Identifier: GPL-2.0
// Scenario tests of the reference implementation: attach/lookup semantics,
// engine lifetime, callbacks and their order, stop/resume, death and reap,
// the _pid variants, and attach/detach races with real threads.
#include <gtest/gtest.h>
#include <vector>
#include <mutex>
#include <thread>
#include "test_common.h"
#include "sample_engine.h"

namespace {

std::atomic<int> g_released;

void count_release(void *data)
{
	g_released.fetch_add(1);
}

const struct utrace_engine_ops release_ops = { .release = count_release };
const struct utrace_engine_ops other_ops = { .release = count_release };

class Scenario : public ::testing::Test {
protected:
	void SetUp() override { g_released = 0; }
};

TEST_F(Scenario, AttachCreateGivesCallerAReferenceNeverNull)
{
	struct task_struct *t = ut::spawn_busy(nullptr, false);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE,
						     &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR_OR_NULL(e));
	EXPECT_EQ(kref_read(&e->kref), 2u);	// caller + attachment
	EXPECT_EQ(e->ops, &release_ops);
	utrace_engine_put(e);
	EXPECT_EQ(g_released.load(), 0);	// still attached
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(g_released.load(), 1);	// reap dropped the last one
}

TEST_F(Scenario, LookupWithoutCreateNoMatchIsENOENT)
{
	struct task_struct *t = ut::spawn_busy(nullptr, false);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS,
						     &release_ops, nullptr);

	ASSERT_TRUE(IS_ERR(e));
	EXPECT_EQ(PTR_ERR(e), -ENOENT);
	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &other_ops, nullptr);
	ASSERT_FALSE(IS_ERR(e));
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS,
						     &release_ops, nullptr);
	EXPECT_EQ(PTR_ERR(l), -ENOENT);
	utrace_engine_put(e);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

TEST_F(Scenario, LookupByOpsAndDataTakesACountedReference)
{
	struct task_struct *t = ut::spawn_busy(nullptr, false);
	int a, b;
	struct utrace_engine *ea = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, &a);
	struct utrace_engine *eb = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, &b);

	ASSERT_FALSE(IS_ERR(ea));
	ASSERT_FALSE(IS_ERR(eb));
	struct utrace_engine *l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS |
						     UTRACE_ATTACH_MATCH_DATA,
						     &release_ops, &b);
	ASSERT_EQ(l, eb);
	EXPECT_EQ(kref_read(&eb->kref), 3u);
	utrace_engine_put(l);
	l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS, &release_ops, nullptr);
	EXPECT_EQ(l, ea);	// first in attach order
	utrace_engine_put(l);
	l = utrace_attach_task(t, UTRACE_ATTACH_MATCH_DATA, nullptr, &a);
	EXPECT_EQ(l, ea);
	utrace_engine_put(l);
	utrace_engine_put(ea);
	utrace_engine_put(eb);
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(g_released.load(), 2);
}

TEST_F(Scenario, ExclusiveWithAMatchIsEEXIST)
{
	struct task_struct *t = ut::spawn_busy(nullptr, false);
	int flags = UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE | UTRACE_ATTACH_MATCH_OPS;
	struct utrace_engine *e = utrace_attach_task(t, flags, &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR(e));
	struct utrace_engine *again = utrace_attach_task(t, flags, &release_ops, nullptr);
	EXPECT_EQ(PTR_ERR(again), -EEXIST);
	struct utrace_engine *other = utrace_attach_task(t, flags, &other_ops, nullptr);
	EXPECT_FALSE(IS_ERR(other));
	utrace_engine_put(e);
	utrace_engine_put(other);
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(g_released.load(), 2);	// the refused one was never attached
}

TEST_F(Scenario, DetachKeepsCallersReferenceReleaseAfterLastPut)
{
	struct task_struct *t = ut::spawn_busy();
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR(e));
	utrace_engine_get(e);
	EXPECT_EQ(utrace_control(t, e, UTRACE_DETACH), 0);
	EXPECT_EQ(g_released.load(), 0);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), -ESRCH);	// detached
	EXPECT_EQ(utrace_set_events(t, e, UTRACE_EVENT(EXEC)), -ESRCH);
	utrace_engine_put(e);
	EXPECT_EQ(g_released.load(), 0);
	utrace_engine_put(e);
	EXPECT_EQ(g_released.load(), 1);
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(g_released.load(), 1);
}

std::mutex order_lock;
std::vector<int> order;

u32 record_entry(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	if (!engine->data)	// the race test's engines carry no id
		return UTRACE_RESUME;
	std::lock_guard<std::mutex> g(order_lock);
	if (order.size() < 30)
		order.push_back(*static_cast<int *>(engine->data));
	return UTRACE_RESUME;
}

const struct utrace_engine_ops order_ops = { .report_syscall_entry = record_entry };

TEST_F(Scenario, ManyEnginesCalledInAttachOrder)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n, false);
	int ids[5] = { 0, 1, 2, 3, 4 };
	struct utrace_engine *e[5];

	order.clear();
	for (int i = 0; i < 5; i++) {
		e[i] = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &order_ops, &ids[i]);
		ASSERT_FALSE(IS_ERR(e[i]));
		ASSERT_EQ(utrace_set_events(t, e[i], UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	}
	sim_start(t);
	ASSERT_TRUE(ut::wait_progress(n, 3));
	for (int i = 0; i < 5; i++) {
		EXPECT_EQ(utrace_control(t, e[i], UTRACE_DETACH), 0);
		EXPECT_EQ(utrace_barrier(t, e[i]), -ESRCH);	// gone: nothing to wait for
		utrace_engine_put(e[i]);
	}
	EXPECT_EQ(ut::finish_thread(t), 0);
	std::lock_guard<std::mutex> g(order_lock);
	ASSERT_GE(order.size(), 15u);
	for (size_t i = 0; i < 15; i++)
		EXPECT_EQ(order[i], (int)(i % 5)) << "at " << i;
}

u32 stop_entry(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	return UTRACE_STOP;
}

u32 resume_entry(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	return UTRACE_RESUME;
}

const struct utrace_engine_ops stop_ops = { .report_syscall_entry = stop_entry };
const struct utrace_engine_ops resume_ops = { .report_syscall_entry = resume_entry };

TEST_F(Scenario, StopTakesPrecedenceOverResume)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n, false);
	struct utrace_engine *r = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &resume_ops, nullptr);
	struct utrace_engine *s = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &stop_ops, nullptr);

	ASSERT_FALSE(IS_ERR(r));
	ASSERT_FALSE(IS_ERR(s));
	ASSERT_EQ(utrace_set_events(t, r, UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	ASSERT_EQ(utrace_set_events(t, s, UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	sim_start(t);
	ASSERT_EQ(sim_wait_stopped(t, 5000), 0);
	EXPECT_EQ(utrace_control(t, s, UTRACE_STOP), 0);	// already in effect
	long before = n.load();
	usleep(20000);
	EXPECT_EQ(n.load(), before);		// it really stays stopped
	EXPECT_EQ(utrace_control(t, s, UTRACE_DETACH), 0);	// let it go
	EXPECT_TRUE(ut::wait_progress(n, before));
	utrace_engine_put(r);
	utrace_engine_put(s);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

TEST_F(Scenario, ControlStopIsInProgressUntilStopped)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n, false);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR(e));
	EXPECT_EQ(utrace_control(t, e, UTRACE_STOP), -EINPROGRESS);	// not yet running
	sim_start(t);
	EXPECT_EQ(ut::stop_thread(t, e), 0);
	long before = n.load();
	usleep(10000);
	EXPECT_EQ(n.load(), before);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), 0);
	EXPECT_TRUE(ut::wait_progress(n, before));
	EXPECT_EQ(utrace_control(t, e, (enum utrace_resume_action)42), -EINVAL);
	utrace_engine_put(e);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

std::atomic<int> signals_seen;

u32 ignore_signal(u32 action, struct utrace_engine *engine, struct pt_regs *regs, int *signr)
{
	signals_seen.fetch_add(1);
	if (*signr == 10)
		*signr = 0;
	return UTRACE_RESUME;
}

const struct utrace_engine_ops signal_ops = { .report_signal = ignore_signal };

TEST_F(Scenario, SignalReportedAndIgnoredByEngine)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n, false);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &signal_ops, nullptr);

	signals_seen = 0;
	ASSERT_FALSE(IS_ERR(e));
	ASSERT_EQ(utrace_set_events(t, e, UTRACE_EVENT(SIGNAL)), 0);
	sim_start(t);
	sim_send_signal(t, 10);
	long end = sim_now_ms() + 5000;
	while (signals_seen.load() < 1 && sim_now_ms() < end)
		usleep(200);
	sim_send_signal(t, 12);
	while ((signals_seen.load() < 2 || sim_signals_delivered(t) < 1) && sim_now_ms() < end)
		usleep(200);
	EXPECT_EQ(signals_seen.load(), 2);
	EXPECT_EQ(sim_signals_delivered(t), 1ul);	// 10 ignored, 12 delivered
	utrace_engine_put(e);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

std::atomic<int> exits, deaths, reaps, execs;

u32 on_exec(u32 a, struct utrace_engine *e, const char *f, struct pt_regs *r) { execs++; return UTRACE_RESUME; }
u32 on_exit(u32 a, struct utrace_engine *e, long orig, long *code) { *code = 7; exits++; return UTRACE_RESUME; }
u32 on_death(struct utrace_engine *e, bool group_dead, int sig) { deaths++; return UTRACE_RESUME; }
void on_reap(struct utrace_engine *e, struct task_struct *t) { reaps++; }

const struct utrace_engine_ops life_ops = {
	.report_exec = on_exec, .report_exit = on_exit, .report_death = on_death,
	.report_reap = on_reap, .release = count_release,
};

void exec_body(void *arg)
{
	sim_exec("/bin/true");
	sim_syscall(60);
}

TEST_F(Scenario, ExecExitDeathReapReportedThenEngineGone)
{
	struct task_struct *t = sim_spawn("execer", exec_body, nullptr);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &life_ops, nullptr);

	execs = exits = deaths = reaps = 0;
	ASSERT_FALSE(IS_ERR(e));
	ASSERT_EQ(utrace_set_events(t, e, UTRACE_EVENT(EXEC) | UTRACE_EVENT(EXIT) |
				    UTRACE_EVENT(DEATH) | UTRACE_EVENT(REAP)), 0);
	sim_start(t);
	ASSERT_EQ(sim_wait_zombie(t, 5000), 0);
	EXPECT_EQ(execs.load(), 1);
	EXPECT_EQ(exits.load(), 1);
	EXPECT_EQ(deaths.load(), 1);
	EXPECT_EQ(t->exit_code, 7);
	EXPECT_EQ(utrace_control(t, e, UTRACE_STOP), -EALREADY);	// too late
	EXPECT_EQ(reaps.load(), 0);
	ASSERT_EQ(sim_reap(t, 5000), 0);
	EXPECT_EQ(reaps.load(), 1);
	EXPECT_EQ(e->ops, nullptr);		// seed fix: reap clears ops and flags
	EXPECT_EQ(e->flags, 0ul);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), -ESRCH);
	EXPECT_EQ(g_released.load(), 0);	// caller still holds its reference
	utrace_engine_put(e);
	EXPECT_EQ(g_released.load(), 1);
	put_task_struct(t);
}

TEST_F(Scenario, AttachToZombieIsEPERM)
{
	struct task_struct *t = sim_spawn("short", exec_body, nullptr);

	sim_start(t);
	ASSERT_EQ(sim_wait_zombie(t, 5000), 0);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, nullptr);
	EXPECT_EQ(PTR_ERR(e), -EPERM);
	ASSERT_EQ(sim_reap(t, 5000), 0);
	put_task_struct(t);
}

TEST_F(Scenario, PidVariantsWorkThenReturnESRCHAfterReap)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n);
	struct pid *pid = get_pid(task_pid(t));
	struct utrace_engine *e = utrace_attach_pid(pid, UTRACE_ATTACH_CREATE, &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR(e));
	EXPECT_EQ(utrace_set_events_pid(pid, e, UTRACE_EVENT(SYSCALL_EXIT)), 0);
	EXPECT_EQ(utrace_barrier_pid(pid, e), 0);
	int ret = utrace_control_pid(pid, e, UTRACE_STOP);
	EXPECT_TRUE(ret == 0 || ret == -EINPROGRESS) << ret;
	EXPECT_EQ(utrace_control_pid(pid, e, UTRACE_RESUME), 0);
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(utrace_control_pid(pid, e, UTRACE_RESUME), -ESRCH);
	EXPECT_EQ(utrace_set_events_pid(pid, e, 0), -ESRCH);
	EXPECT_EQ(utrace_barrier_pid(pid, e), -ESRCH);
	EXPECT_EQ(PTR_ERR(utrace_attach_pid(pid, UTRACE_ATTACH_CREATE, &release_ops, nullptr)), -ESRCH);
	utrace_engine_put(e);
	put_pid(pid);
	EXPECT_EQ(g_released.load(), 1);
}

std::atomic<bool> in_callback, slow_done;

u32 slow_entry(u32 action, struct utrace_engine *engine, struct pt_regs *regs)
{
	in_callback = true;
	usleep(20000);
	slow_done = true;
	in_callback = false;
	return UTRACE_RESUME;
}

const struct utrace_engine_ops slow_ops = { .report_syscall_entry = slow_entry };

TEST_F(Scenario, BarrierWaitsForRunningCallback)
{
	struct task_struct *t = ut::spawn_busy(nullptr, false);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &slow_ops, nullptr);

	in_callback = slow_done = false;
	ASSERT_FALSE(IS_ERR(e));
	ASSERT_EQ(utrace_set_events(t, e, UTRACE_EVENT(SYSCALL_ENTRY)), 0);
	sim_start(t);
	long end = sim_now_ms() + 5000;
	while (!in_callback.load() && sim_now_ms() < end)
		usleep(100);
	ASSERT_TRUE(in_callback.load());
	int ret = utrace_set_events(t, e, 0);
	EXPECT_EQ(ret, -EINPROGRESS);		// callback may still be running
	EXPECT_EQ(utrace_barrier(t, e), 0);
	EXPECT_TRUE(slow_done.load());
	EXPECT_FALSE(in_callback.load());
	utrace_engine_put(e);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

TEST_F(Scenario, KillReleasesAStoppedThread)
{
	struct task_struct *t = ut::spawn_busy();
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &release_ops, nullptr);

	ASSERT_FALSE(IS_ERR(e));
	ASSERT_EQ(ut::stop_thread(t, e), 0);
	utrace_engine_put(e);
	EXPECT_EQ(ut::finish_thread(t), 0);	// bounded: reap fails on timeout
	EXPECT_EQ(g_released.load(), 1);
}

// Several tracers attach, look up and detach engines on one running thread
// while it reports; every attached engine is released exactly once.
TEST_F(Scenario, AttachDetachRace)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n);
	std::atomic<int> attached{0};
	std::vector<std::thread> tracers;

	for (int k = 0; k < 3; k++)
		tracers.emplace_back([&, k] {
			long end = sim_now_ms() + 1500;
			for (int i = 0; i < 1000 && sim_now_ms() < end; i++) {
				struct utrace_engine *e = utrace_attach_task(t,
					UTRACE_ATTACH_CREATE, &order_ops, nullptr);
				if (IS_ERR(e))
					continue;
				attached++;
				if (utrace_set_events(t, e, UTRACE_EVENT(SYSCALL_ENTRY) |
						      UTRACE_EVENT(SYSCALL_EXIT)) == 0 && (i & 1))
					EXPECT_EQ(utrace_barrier(t, e), 0);
				struct utrace_engine *l = utrace_attach_task(t,
					UTRACE_ATTACH_MATCH_OPS, &order_ops, nullptr);
				if (!IS_ERR(l))
					utrace_engine_put(l);
				EXPECT_EQ(utrace_control(t, e, UTRACE_DETACH), 0);
				utrace_engine_put(e);
			}
		});
	for (auto &th : tracers)
		th.join();
	EXPECT_GT(attached.load(), 0);
	EXPECT_EQ(ut::finish_thread(t), 0);
}

TEST_F(Scenario, SampleEngineCountsReadsAndDetaches)
{
	std::atomic<long> n{0};
	struct sample_data data = { 0 };
	struct task_struct *t = ut::spawn_busy(&n, false);
	struct pid *pid = get_pid(task_pid(t));
	unsigned long ip = 0;

	ASSERT_EQ(sample_attach(t, &data), 0);
	EXPECT_EQ(sample_attach(t, &data), -EEXIST);
	sim_start(t);
	ASSERT_TRUE(ut::wait_progress(n, 5));
	EXPECT_GT(sample_syscall_count(pid), 0);
	EXPECT_EQ(sample_read_ip(t, &ip), 0);
	EXPECT_GT(ip, 0ul);
	EXPECT_EQ(sample_detach(t), 0);
	EXPECT_EQ(sample_syscall_count(pid), -ENOENT);
	EXPECT_EQ(ut::finish_thread(t), 0);
	EXPECT_EQ(sample_syscall_count(pid), -ESRCH);
	put_pid(pid);
}

} // namespace
