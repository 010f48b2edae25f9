// utrace.debug.DumpState: the state the checkers hold, asserted at points of
// a path with the test intrinsic utrace_check_dump_state(). Each call is one
// warning listing every family's state; a test matches the part it is about.
//
// RUN: %verify --debug-checker=utrace.debug.DumpState %s -- %kflags

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>
#include <utrace-check/debug.h>

static const struct utrace_engine_ops dump_ops;
static DEFINE_SPINLOCK(dump_lock);

int attach_owes_a_put_until_the_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &dump_ops, NULL);
	utrace_check_dump_state(); // expected-warning {{engine refs: [utrace_attach_task()@21 owes 1, IS_ERR unchecked]}}
	if (IS_ERR(engine)) {
		utrace_check_dump_state(); // expected-warning {{engine refs: [utrace_attach_task()@21 owes 0, error pointer]}}
		return PTR_ERR(engine);
	}
	utrace_check_dump_state(); // expected-warning {{engine refs: [utrace_attach_task()@21 owes 1, held]}}
	utrace_engine_put(engine);
	/* Released, and never used again: the symbol is dead, the entry gone. */
	utrace_check_dump_state(); // expected-warning {{engine refs: none;}}
	return 0;
}

int window_open_between_prepare_and_finish(struct task_struct *task,
					   struct utrace_engine *engine)
{
	struct utrace_examiner exam;
	long state;

	utrace_check_dump_state(); // expected-warning {{examine windows: none}}
	if (utrace_prepare_examine(task, engine, &exam))
		return -ESRCH;
	utrace_check_dump_state(); // expected-warning {{examine windows: [open on 'task']}}
	state = task->state;
	if (utrace_finish_examine(task, engine, &exam))
		return -EAGAIN;
	utrace_check_dump_state(); // expected-warning {{examine windows: none}}
	return state;
}

int rcu_depth_inside_the_read_section(void)
{
	utrace_check_dump_state(); // expected-warning {{rcu read sections: depth 0}}
	rcu_read_lock();
	utrace_check_dump_state(); // expected-warning {{rcu read sections: depth 1}}
	rcu_read_lock();
	utrace_check_dump_state(); // expected-warning {{rcu read sections: depth 2}}
	rcu_read_unlock();
	rcu_read_unlock();
	utrace_check_dump_state(); // expected-warning {{rcu read sections: depth 0}}
	return utrace_control(current, NULL, UTRACE_RESUME);
}

int spinlock_is_an_atomic_context_and_a_held_lock(void)
{
	spin_lock(&dump_lock);
	utrace_check_dump_state(); // expected-warning {{non-preemptible depth 1; atomic contexts: [spin_lock()@66]; locks: ['dump_lock' held by spin_lock()@66]}}
	spin_unlock(&dump_lock);
	utrace_check_dump_state(); // expected-warning {{atomic contexts: none; locks: ['dump_lock' released by spin_unlock()@68]}}
	utrace_check_dump_state(); // expected-warning {{utrace state: engine refs: none; examine windows: none; rcu read sections: depth 0; rcu flavours: sched/bh depth 0, non-preemptible depth 0; atomic contexts: none; locks: ['dump_lock' released by spin_unlock()@68] [utrace.debug.DumpState]}}
	return utrace_control(current, NULL, UTRACE_RESUME);
}
