// The seed's barrier patch (utrace-examine-thread.txt) as tests: a small
// utrace-implementation-like file with utrace_reap() and the examiner as the
// patch leaves them is quiet; removing each of the patch's three lines in
// turn is flagged.
//
// RUN: %verify %s -- %kflags -Xclang -verify=quiet
// RUN: %verify %s -- %kflags -DMUTANT_NO_FLAGS_CLEAR -Xclang -verify=noclear
// RUN: %verify %s -- %kflags -DMUTANT_NO_WMB -Xclang -verify=nowmb
// RUN: %verify %s -- %kflags -DMUTANT_NO_RMB -Xclang -verify=normb
#include <linux/utrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <asm/barrier.h>

// quiet-no-diagnostics

#define ENGINE_STOP (1UL << _UTRACE_NEVENTS)

struct utrace {
	spinlock_t lock;
	struct list_head attached;
	unsigned int reap : 1;
};

struct utrace *task_utrace_struct(struct task_struct *task);
void put_detached_list(struct list_head *list);

static inline int engine_wants_stop(struct utrace_engine *engine)
{
	return (engine->flags & ENGINE_STOP) != 0;
}

/* Called when the task is reaped: after it returns the task may die. */
void utrace_reap(struct task_struct *target, struct utrace *utrace)
{
	struct utrace_engine *engine;
	struct list_head detached;

	INIT_LIST_HEAD(&detached);
	spin_lock(&utrace->lock);
	utrace->reap = 1;
	list_for_each_entry(engine, &utrace->attached, entry) {
		engine->ops = NULL; // nowmb-warning {{write of 'engine->ops' is not ordered before the task is released: no write barrier after it [UT-BAR-001]}} nowmb-note {{'engine->ops' is written here}}
#ifndef MUTANT_NO_FLAGS_CLEAR
		engine->flags = 0; // nowmb-note {{'engine->flags' is written here, not ordered either}}
#endif
	}
	spin_unlock(&utrace->lock);

	put_detached_list(&detached);

	/*
	 * Make sure all engine->flags and engine->ops updates are done
	 * before the current task_struct might really die.
	 */
#ifndef MUTANT_NO_WMB
	smp_wmb(); // noclear-warning {{no write of 'engine->flags' before smp_wmb(), so none is ordered before the task is released [UT-BAR-001]}} noclear-note {{write 'engine->flags' before this barrier}}
#endif
} // nowmb-note {{the task is released once 'utrace_reap()' returns; insert 'smp_wmb();' before it}}

int utrace_prepare_examine(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam)
{
	int ret = 0;

	rcu_read_lock();
	if (unlikely(!engine_wants_stop(engine))) { // normb-warning {{read of 'engine->flags' is not ordered before read of 'target->exit_state': no read barrier between them [UT-BAR-002]}} normb-note {{'engine->flags' is read in 'engine_wants_stop()', called here}} noclear-note {{'engine->flags' is read in 'engine_wants_stop()', called here; smp_rmb() in 'utrace_prepare_examine' (line 77) orders it before 'target->exit_state'}}
		ret = -EINVAL;
	} else {
		/* The seed writes "unlikely(smp_rmb(), target->exit_state)";
		 * barriers are statements, so here it is one. */
#ifndef MUTANT_NO_RMB
		smp_rmb();
#endif
		if (unlikely(target->exit_state)) // normb-note {{'target->exit_state' is read here; insert 'smp_rmb();' before it}}
			ret = -ESRCH;
		else
			exam->state = target->state;
	}
	rcu_read_unlock();
	return ret;
}

int utrace_finish_examine(struct task_struct *target,
			  struct utrace_engine *engine,
			  struct utrace_examiner *exam)
{
	int ret = 0;

	rcu_read_lock();
	if (unlikely(!engine_wants_stop(engine))) { // normb-warning {{read of 'engine->flags' is not ordered before read of 'target->state': no read barrier between them [UT-BAR-002]}} normb-note {{'engine->flags' is read in 'engine_wants_stop()', called here}}
		ret = -EINVAL;
	} else {
#ifndef MUTANT_NO_RMB
		smp_rmb();
#endif
		if (unlikely(target->state != exam->state)) // normb-note {{'target->state' is read here; insert 'smp_rmb();' before it}}
			ret = -EAGAIN;
		else
			get_task_struct(target);
	}
	rcu_read_unlock();
	return ret;
}
