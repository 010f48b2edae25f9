// SPDX-License-Identifier: GPL-2.0
/*
 * Dying-thread rule (UT-CB-003): a group-exit monitor whose report_death
 * callbacks look at the dying thread's signal and sighand, which the
 * parent's reap may clear while the callback runs.  Expected findings:
 * "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

struct exit_watch {
	int pending;
	void (*done)(struct exit_watch *w, int whole_group);
};

/* UT-CB-003 ---------------------------------------------------------- */

static unsigned int bad_death_counts_live(struct utrace_engine *engine,
					  _Bool group_dead, int signal)
{
	struct exit_watch *w = engine->data;

	if (w->pending)
		w->done(w, atomic_read(&current->signal->live) == 0); /* cocci: UT-CB-003 */
	return UTRACE_DETACH;
}

static unsigned int bad_death_locks_siglock(struct utrace_engine *engine,
					    _Bool group_dead, int signal)
{
	struct task_struct *tsk = current;
	unsigned long flags;
	int code;

	spin_lock_irqsave(&tsk->sighand->siglock, flags); /* cocci: UT-CB-003 */
	code = tsk->signal->group_exit_code; /* cocci: UT-CB-003 */
	/* Already dereferenced above: reported once. */
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	return code ? UTRACE_DETACH : UTRACE_RESUME;
}

static unsigned int bad_death_reads_after_other_test(struct utrace_engine *engine,
						     _Bool group_dead, int signal)
{
	struct task_struct *me;
	int live = 0;

	me = current;
	/* Testing sighand says nothing of signal. */
	if (me->sighand == NULL)
		return UTRACE_DETACH;
	if (group_dead)
		live = atomic_read(&me->signal->live); /* cocci: UT-CB-003 */
	return live ? UTRACE_RESUME : UTRACE_DETACH;
}

static unsigned int ok_death_tests_in_expression(struct utrace_engine *engine,
						 _Bool group_dead, int signal)
{
	struct exit_watch *w = engine->data;

	w->done(w, current->signal == NULL ||
		   atomic_read(&current->signal->live) == 0);
	return UTRACE_DETACH;
}

static unsigned int ok_death_tests_with_ternary(struct utrace_engine *engine,
						_Bool group_dead, int signal)
{
	struct task_struct *tsk = current;

	return tsk->signal ? tsk->signal->group_exit_code : 0;
}

static unsigned int ok_death_returns_early(struct utrace_engine *engine,
					   _Bool group_dead, int signal)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	if (!tsk->sighand || !tsk->signal)
		return UTRACE_DETACH;
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (atomic_read(&tsk->signal->live) == 0)
		group_dead = 1;
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	return group_dead ? UTRACE_DETACH : UTRACE_RESUME;
}

/* report_exit runs before the thread is a zombie: nothing is cleared. */
static unsigned int ok_exit_counts_live(unsigned int action,
					struct utrace_engine *engine,
					long orig_code, long *code)
{
	struct exit_watch *w = engine->data;
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	w->pending = atomic_read(&current->signal->live);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return UTRACE_RESUME;
}

/* Not installed as a callback. */
int ok_plain_function_counts_live(void)
{
	return atomic_read(&current->signal->live);
}

/*
 * A copy of the field counts as a mention, so the later read is not
 * reported here; the Clang checker follows the value and does report it.
 */
static unsigned int gap_death_copies_then_reads(struct utrace_engine *engine,
						_Bool group_dead, int signal)
{
	struct signal_struct *sig = current->signal;

	engine->data = sig;
	return atomic_read(&current->signal->live) ? UTRACE_RESUME : UTRACE_DETACH;
}

static const struct utrace_engine_ops watch_ops = {
	.report_exit = ok_exit_counts_live,
	.report_death = bad_death_counts_live,
};

static const struct utrace_engine_ops careful_ops = {
	.report_death = &ok_death_tests_in_expression,
};

void watch_pick_ops(struct utrace_engine_ops *ops, int how)
{
	if (how == 0)
		ops->report_death = bad_death_locks_siglock;
	else if (how == 1)
		ops->report_death = &bad_death_reads_after_other_test;
	else if (how == 2)
		ops->report_death = ok_death_tests_with_ternary;
	else if (how == 3)
		ops->report_death = ok_death_returns_early;
	else
		ops->report_death = gap_death_copies_then_reads;
}

int watch_attach(struct task_struct *task, struct exit_watch *w, int careful)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE,
				    careful ? &careful_ops : &watch_ops, w);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(DEATH));
	utrace_engine_put(engine);
	return ret;
}
