// SPDX-License-Identifier: GPL-2.0
// Scenario tests of utrace_prepare_examine()/utrace_finish_examine(): the
// window on a stopped thread, -EAGAIN when the thread ran in between, and
// death and reap during the window (-ESRCH, the pinned task stays valid).
#include <gtest/gtest.h>
#include <thread>
#include "test_common.h"

namespace {

const struct utrace_engine_ops plain_ops = {};

struct Traced {
	std::atomic<long> n{0};
	struct task_struct *t;
	struct utrace_engine *e;

	Traced()
	{
		t = ut::spawn_busy(&n);
		e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &plain_ops, nullptr);
	}
	~Traced()
	{
		if (!IS_ERR(e))
			utrace_engine_put(e);
		if (t)
			EXPECT_EQ(ut::finish_thread(t), 0);
	}
};

TEST(Examine, PrepareWithoutStopRequestIsEINVAL)
{
	Traced x;
	struct utrace_examiner exam;

	ASSERT_FALSE(IS_ERR(x.e));
	EXPECT_EQ(utrace_prepare_examine(x.t, x.e, &exam), -EINVAL);
}

TEST(Examine, StoppedThreadExaminedConsistently)
{
	Traced x;
	struct utrace_examiner exam;
	unsigned long regs[5];

	ASSERT_FALSE(IS_ERR(x.e));
	ASSERT_EQ(ut::stop_thread(x.t, x.e), 0);
	ASSERT_EQ(utrace_prepare_examine(x.t, x.e, &exam), 0);
	const struct user_regset_view *view = task_user_regset_view(x.t);
	ASSERT_EQ(view->regsets[0].get(x.t, &view->regsets[0], 0, sizeof(regs), regs), 0);
	EXPECT_EQ(regs[0], READ_ONCE(task_pt_regs(x.t)->ip));
	long nr;
	EXPECT_EQ(task_current_syscall(x.t, &nr), 0);
	EXPECT_EQ((unsigned long)nr, regs[3]);
	EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), 0);
	EXPECT_EQ(utrace_control(x.t, x.e, UTRACE_RESUME), 0);
}

TEST(Examine, FinishIsEAGAINWhenThreadRanInBetween)
{
	Traced x;
	struct utrace_examiner exam;

	ASSERT_FALSE(IS_ERR(x.e));
	ASSERT_EQ(ut::stop_thread(x.t, x.e), 0);
	ASSERT_EQ(utrace_prepare_examine(x.t, x.e, &exam), 0);
	unsigned long ip = READ_ONCE(task_pt_regs(x.t)->ip);
	long before = x.n.load();
	ASSERT_EQ(utrace_control(x.t, x.e, UTRACE_RESUME), 0);
	ASSERT_TRUE(ut::wait_progress(x.n, before));
	ASSERT_EQ(ut::stop_thread(x.t, x.e), 0);	// stopped again, but it ran
	EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), -EAGAIN);
	// Read again: a fresh window agrees with itself.
	ASSERT_EQ(utrace_prepare_examine(x.t, x.e, &exam), 0);
	EXPECT_NE(READ_ONCE(task_pt_regs(x.t)->ip), ip);
	EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), 0);
	EXPECT_EQ(utrace_control(x.t, x.e, UTRACE_RESUME), 0);
}

TEST(Examine, PrepareOnRunningThreadIsEAGAINOrStopped)
{
	Traced x;
	struct utrace_examiner exam;

	ASSERT_FALSE(IS_ERR(x.e));
	int ret = utrace_control(x.t, x.e, UTRACE_STOP);
	ASSERT_TRUE(ret == 0 || ret == -EINPROGRESS);
	ret = utrace_prepare_examine(x.t, x.e, &exam);
	if (ret == 0)	// it stopped fast enough
		EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), 0);
	else
		EXPECT_EQ(ret, -EAGAIN);
	EXPECT_EQ(utrace_control(x.t, x.e, UTRACE_RESUME), 0);
}

TEST(Examine, DeathDuringWindowIsESRCH)
{
	Traced x;
	struct utrace_examiner exam;

	ASSERT_FALSE(IS_ERR(x.e));
	ASSERT_EQ(ut::stop_thread(x.t, x.e), 0);
	ASSERT_EQ(utrace_prepare_examine(x.t, x.e, &exam), 0);
	sim_kill(x.t);
	ASSERT_EQ(sim_wait_zombie(x.t, 5000), 0);
	EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), -ESRCH);
	EXPECT_EQ(utrace_prepare_examine(x.t, x.e, &exam), -ESRCH);
}

// The window pins the task: after reap the caller's own reference is gone
// and only the window's keeps the memory alive (ASan checks it).
TEST(Examine, ReapDuringWindowIsESRCHAndTaskStaysPinned)
{
	std::atomic<long> n{0};
	struct task_struct *t = ut::spawn_busy(&n);
	struct utrace_engine *e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &plain_ops, nullptr);
	struct utrace_examiner exam;

	ASSERT_FALSE(IS_ERR(e));
	ASSERT_EQ(ut::stop_thread(t, e), 0);
	ASSERT_EQ(utrace_prepare_examine(t, e, &exam), 0);
	sim_kill(t);
	ASSERT_EQ(sim_reap(t, 5000), 0);
	put_task_struct(t);			// caller's reference
	EXPECT_EQ(utrace_finish_examine(t, e, &exam), -ESRCH);	// drops the last
	EXPECT_EQ(utrace_prepare_examine(t, e, &exam), -ESRCH);
	EXPECT_EQ(utrace_control(t, e, UTRACE_RESUME), -ESRCH);	// engine keeps t safe
	utrace_engine_put(e);
}

// One tracer examines in a loop while another keeps resuming and stopping
// the thread with the same engine: every finish is 0, -EAGAIN or -EINVAL
// (the stop request was withdrawn), never a stale success after a run.
// The busy thread bumps its counter each time it runs, so a finish of 0
// means the counter read first and last inside the window agree.  The
// last read must be inside the window: once finish returns, the window is
// closed and the meddler may resume the thread at once, so a read after
// finish may legitimately see the counter moved.  Every other window is
// held open for up to 1.4 ms, several meddler periods, so that a resume
// and re-stop fall inside some windows: finish must then say -EAGAIN (a
// finish that ignored the switch count fails here almost every run).
TEST(Examine, ExamineRacesWithResume)
{
	Traced x;
	std::atomic<bool> stop{false};
	int ok = 0, again = 0, inval = 0;

	ASSERT_FALSE(IS_ERR(x.e));
	utrace_engine_get(x.e);
	std::thread meddler([&] {
		for (int i = 0; i < 200 && !stop.load(); i++) {
			int r = utrace_control(x.t, x.e, i & 1 ? UTRACE_RESUME : UTRACE_STOP);
			EXPECT_TRUE(r == 0 || r == -EINPROGRESS) << r;
			usleep(300);
		}
	});
	long end = sim_now_ms() + 1500;
	for (int i = 0; i < 300 && sim_now_ms() < end; i++) {
		struct utrace_examiner exam;
		int r = utrace_prepare_examine(x.t, x.e, &exam);
		if (r) {
			EXPECT_TRUE(r == -EAGAIN || r == -EINVAL) << r;
			usleep(100);
			continue;
		}
		long before = x.n.load();
		unsigned long buf[5];
		const struct user_regset_view *v = task_user_regset_view(x.t);
		EXPECT_EQ(v->regsets[0].get(x.t, &v->regsets[0], 0, sizeof(buf), buf), 0);
		if (i & 1)	// hold the window open across a few meddler periods
			usleep(200 * (i & 7));
		long last = x.n.load();		// still inside the window
		r = utrace_finish_examine(x.t, x.e, &exam);
		if (r == 0) {
			ok++;
			EXPECT_EQ(last, before) << "finish returned 0 but the thread ran in the window";
		} else if (r == -EAGAIN)
			again++;
		else {
			EXPECT_EQ(r, -EINVAL);
			inval++;
		}
	}
	stop = true;
	meddler.join();
	utrace_engine_put(x.e);
	EXPECT_GT(ok + again + inval, 0);
}

TEST(Examine, ProcessMemoryReadInWindow)
{
	Traced x;
	struct utrace_examiner exam;
	unsigned char buf[4] = { 1, 2, 3, 4 }, back[4] = { 0 };

	ASSERT_FALSE(IS_ERR(x.e));
	ASSERT_EQ(ut::stop_thread(x.t, x.e), 0);
	ASSERT_EQ(utrace_prepare_examine(x.t, x.e, &exam), 0);
	EXPECT_EQ(access_process_vm(x.t, 16, buf, 4, FOLL_WRITE | FOLL_FORCE), 4);
	EXPECT_EQ(access_process_vm(x.t, 16, back, 4, FOLL_FORCE), 4);
	EXPECT_EQ(utrace_finish_examine(x.t, x.e, &exam), 0);
	EXPECT_EQ(memcmp(buf, back, 4), 0);
	EXPECT_EQ(utrace_control(x.t, x.e, UTRACE_RESUME), 0);
}

} // namespace
