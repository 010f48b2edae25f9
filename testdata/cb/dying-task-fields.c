// UT-CB-003: a report_death callback runs in a thread that its parent may
// be reaping at the same moment on another CPU, which clears the thread's
// `signal` and `sighand` pointers. Dereferencing them there needs a NULL
// test first. Written in the style of a process watcher that reports when
// the last thread of a group dies.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct pw_target {
	pid_t tgid;
	int (*notify)(struct pw_target *tgt, struct task_struct *tsk,
		      bool process_gone);
};

/* A helper of the same file: the analyzer follows the load into it. */
static bool pw_group_gone(struct task_struct *tsk)
{
	return atomic_read(&tsk->signal->live) == 0; // expected-warning {{'current->signal' may be NULL in report_death callback 'bad_death_helper_reads_signal' (the thread may already be reaped); test it before dereferencing [UT-CB-003]}}
}

static u32 bad_death_reads_live_count(struct utrace_engine *engine,
				      bool group_dead, int signal)
{
	struct task_struct *tsk = current;
	struct pw_target *tgt = engine->data;

	if (tgt) // expected-note {{assuming 'tgt' is non-null}}
		tgt->notify(tgt, tsk, atomic_read(&tsk->signal->live) == 0); // expected-warning {{'current->signal' may be NULL in report_death callback 'bad_death_reads_live_count' (the thread may already be reaped); test it before dereferencing [UT-CB-003]}}
	return UTRACE_DETACH;
}

static u32 bad_death_helper_reads_signal(struct utrace_engine *engine,
					 bool group_dead, int signal)
{
	struct pw_target *tgt = engine->data;

	tgt->notify(tgt, current, pw_group_gone(current)); // expected-note {{calling 'pw_group_gone'}}
	return UTRACE_DETACH;
}

static u32 bad_death_takes_siglock(struct utrace_engine *engine,
				   bool group_dead, int signal)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags); // expected-warning {{'current->sighand' may be NULL in report_death callback 'bad_death_takes_siglock' (the thread may already be reaped); test it before dereferencing [UT-CB-003]}}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return UTRACE_DETACH;
}

/* A first load that is not tested proves nothing about the second. */
static u32 bad_death_keeps_then_reads(struct utrace_engine *engine,
				      bool group_dead, int signal)
{
	struct signal_struct *sig = current->signal;

	engine->data = sig;
	return atomic_read(&current->signal->live) ? UTRACE_RESUME : UTRACE_DETACH; // expected-warning {{'current->signal' may be NULL in report_death callback 'bad_death_keeps_then_reads' (the thread may already be reaped); test it before dereferencing [UT-CB-003]}}
}

/* The test a maintainer would write: a NULL signal means the process is
 * gone. */
static u32 ok_death_tests_signal_first(struct utrace_engine *engine,
				       bool group_dead, int signal)
{
	struct task_struct *tsk = current;
	struct pw_target *tgt = engine->data;

	if (tgt)
		tgt->notify(tgt, tsk,
			    tsk->signal == NULL ||
				    atomic_read(&tsk->signal->live) == 0); // no-warning
	return UTRACE_DETACH;
}

static u32 ok_death_returns_early_without_signal(struct utrace_engine *engine,
						 bool group_dead, int signal)
{
	struct task_struct *tsk = current;

	if (!tsk->signal)
		return UTRACE_DETACH;
	if (atomic_read(&tsk->signal->live) == 0) // no-warning
		return UTRACE_DETACH;
	return UTRACE_RESUME;
}

/* `current` written twice is one thread: the test covers the second read. */
static u32 ok_death_tests_current_then_reads(struct utrace_engine *engine,
					     bool group_dead, int signal)
{
	unsigned long flags;

	if (current->signal == NULL || current->sighand == NULL)
		return UTRACE_DETACH;
	spin_lock_irqsave(&current->sighand->siglock, flags); // no-warning
	if (atomic_read(&current->signal->live) == 0) // no-warning
		group_dead = true;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return group_dead ? UTRACE_DETACH : UTRACE_RESUME;
}

/* report_exit runs before the thread is a zombie: nothing is cleared yet. */
static u32 ok_exit_reads_signal(u32 action, struct utrace_engine *engine,
				long orig_code, long *code)
{
	struct pw_target *tgt = engine->data;

	if (atomic_read(&current->signal->live) == 1) // no-warning
		tgt->notify(tgt, current, false);
	return UTRACE_RESUME;
}

/* Not a callback: a thread that is alive and the caller's own. */
int ok_plain_function_reads_signal(void)
{
	return atomic_read(&current->signal->live); // no-warning
}

static const struct utrace_engine_ops pw_ops = {
	.report_death = bad_death_reads_live_count,
	.report_exit = ok_exit_reads_signal,
};

static const struct utrace_engine_ops pw_more_ops = {
	.report_death = bad_death_helper_reads_signal,
};

void pw_install(struct utrace_engine_ops *ops, int which)
{
	if (which == 1)
		ops->report_death = bad_death_takes_siglock;
	else if (which == 4)
		ops->report_death = bad_death_keeps_then_reads;
	else if (which == 2)
		ops->report_death = ok_death_tests_signal_first;
	else if (which == 3)
		ops->report_death = ok_death_tests_current_then_reads;
	else
		ops->report_death = ok_death_returns_early_without_signal;
}

int pw_attach(struct task_struct *task, struct pw_target *tgt)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &pw_ops, tgt);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(DEATH) | UTRACE_EVENT(EXIT));
	utrace_engine_put(engine);
	return ret;
}
