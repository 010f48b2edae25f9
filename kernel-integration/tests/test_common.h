// SPDX-License-Identifier: GPL-2.0
// Helpers shared by the scenario and runtime-check tests.  Every wait is
// bounded; a simulated thread's body runs a bounded number of syscalls.
#ifndef UTRACE_TEST_COMMON_H
#define UTRACE_TEST_COMMON_H

extern "C" {
#include <linux/utrace.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/regset.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <shim/sim.h>
}
#include <unistd.h>
#include <atomic>

namespace ut {

// A traced thread that makes syscalls until killed (at most ~10 s).
inline void busy_body(void *arg)
{
	std::atomic<long> *count = static_cast<std::atomic<long> *>(arg);

	for (long i = 0; i < 50000 && !sim_fatal(); i++) {
		sim_syscall(i % 300);
		if (count)
			count->fetch_add(1);
		usleep(200);
	}
}

// Spawn and start a busy thread; the caller owns one task reference.
inline struct task_struct *spawn_busy(std::atomic<long> *count = nullptr,
				      bool start = true)
{
	struct task_struct *t = sim_spawn("busy", busy_body, count);

	if (start)
		sim_start(t);
	return t;
}

// Kill, reap and drop the caller's reference.  Returns sim_reap()'s result.
inline int finish_thread(struct task_struct *t)
{
	sim_kill(t);
	int ret = sim_reap(t, 5000);
	put_task_struct(t);
	return ret;
}

// Ask for UTRACE_STOP until it took effect (at most 5 s): 0 or the error.
inline int stop_thread(struct task_struct *t, struct utrace_engine *e)
{
	long end = sim_now_ms() + 5000;
	int ret;

	while ((ret = utrace_control(t, e, UTRACE_STOP)) == -EINPROGRESS &&
	       sim_now_ms() < end)
		usleep(200);
	if (!ret)
		ret = sim_wait_stopped(t, 5000);
	return ret;
}

// Wait (at most 5 s) until the counter moved past @from.
inline bool wait_progress(std::atomic<long> &count, long from)
{
	long end = sim_now_ms() + 5000;

	while (count.load() <= from && sim_now_ms() < end)
		usleep(100);
	return count.load() > from;
}

} // namespace ut

#endif
