// SPDX-License-Identifier: GPL-2.0
/*
 * Dying-thread rule (UT-CB-003) in the 2006-2008 API generation, where
 * report_death is handed the dying thread: a process tracker telling its
 * users whether the whole process went away.  The old ops table is
 * declared here; the rule only looks at the ->report_death assignment.
 * Expected findings: "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

struct utrace_attached_engine {
	void *data;
};

struct old_engine_ops {
	unsigned int (*report_death)(struct utrace_attached_engine *engine,
				     struct task_struct *tsk);
};

struct proc_tracker {
	void (*gone)(struct proc_tracker *pt, struct task_struct *tsk,
		     int whole_process);
	struct old_engine_ops ops;
};

/* UT-CB-003 ---------------------------------------------------------- */

static unsigned int bad_death_reads_param_signal(struct utrace_attached_engine *engine,
						 struct task_struct *tsk)
{
	struct proc_tracker *pt = engine->data;

	pt->gone(pt, tsk, atomic_read(&tsk->signal->live) == 0); /* cocci: UT-CB-003 */
	return 0;
}

static unsigned int bad_death_locks_through_alias(struct utrace_attached_engine *engine,
						  struct task_struct *tsk)
{
	struct task_struct *leader_thread = tsk;
	unsigned long flags;

	spin_lock_irqsave(&leader_thread->sighand->siglock, flags); /* cocci: UT-CB-003 */
	spin_unlock_irqrestore(&leader_thread->sighand->siglock, flags);
	return 0;
}

static unsigned int ok_death_tests_param_signal(struct utrace_attached_engine *engine,
						struct task_struct *tsk)
{
	struct proc_tracker *pt = engine->data;

	if (tsk->signal == NULL) {
		pt->gone(pt, tsk, 1);
		return 0;
	}
	pt->gone(pt, tsk, atomic_read(&tsk->signal->live) == 0);
	return 0;
}

void tracker_init(struct proc_tracker *pt, int careful)
{
	if (careful)
		pt->ops.report_death = &ok_death_tests_param_signal;
	else if (careful < 0)
		pt->ops.report_death = bad_death_locks_through_alias;
	else
		pt->ops.report_death = &bad_death_reads_param_signal;
}
