// The seed's own example (utrace-examine-thread.txt): a direct poke at
// task->thread between prepare and finish, with rcu_read_lock() held across
// utrace_prepare_examine(). Prepare waits for the thread to get off the CPU
// (wait_task_inactive): it may sleep, so it must not run inside an RCU read
// section (UT-RCU-001). As written, the failing-prepare path also leaves the
// section held (UT-RCU-002). The corrected form relies on prepare pinning
// the task and needs no RCU at all.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

struct seed_tracer {
	struct task_struct *task;
	struct utrace_engine *engine;
};

unsigned long bad_seed_example(struct seed_tracer *t)
{
	struct task_struct *task = t->task;
	struct utrace_engine *engine = t->engine;
	struct utrace_examiner exam;
	unsigned long fiddle;
	int ret;

	rcu_read_lock(); // expected-note 2 {{RCU read section opened here by rcu_read_lock()}}
	ret = utrace_prepare_examine(task, engine, &exam); // expected-warning {{utrace_prepare_examine() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	if (ret)
		goto hell;
	fiddle = task->thread.debugreg6;
	rcu_read_unlock();
	ret = utrace_finish_examine(task, engine, &exam);
	if (ret)
		goto hell;
	return fiddle;
hell:
	return ret; // expected-warning {{RCU read section opened by rcu_read_lock() is still held when the function returns on this path [UT-RCU-002]}}
}

unsigned long ok_seed_example_corrected(struct seed_tracer *t)
{
	struct task_struct *task = t->task;
	struct utrace_engine *engine = t->engine;
	struct utrace_examiner exam;
	unsigned long fiddle;
	int ret;

	ret = utrace_prepare_examine(task, engine, &exam);
	if (ret)
		goto hell;
	fiddle = task->thread.debugreg6;
	ret = utrace_finish_examine(task, engine, &exam);
	if (ret)
		goto hell;
	return fiddle;
hell:
	return ret;
}

/* The same mistake with the read section closed on every path. */
unsigned long bad_seed_example_balanced(struct seed_tracer *t)
{
	struct utrace_examiner exam;
	unsigned long fiddle = 0;
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	ret = utrace_prepare_examine(t->task, t->engine, &exam); // expected-warning {{utrace_prepare_examine() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	if (!ret)
		fiddle = t->task->thread.debugreg6;
	rcu_read_unlock();
	if (ret)
		return ret;
	if (utrace_finish_examine(t->task, t->engine, &exam))
		return -EAGAIN;
	return fiddle;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: *: stopped
// runtime: bad_seed_example: inject utrace_prepare_examine=-EAGAIN
