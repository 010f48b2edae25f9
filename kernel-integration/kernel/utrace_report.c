// SPDX-License-Identifier: GPL-2.0
/*
 * utrace: event reporting in the traced thread.
 *
 * Each hook walks the engines in attach order and calls the callback of
 * every engine that asked for the event.  The resume actions the callbacks
 * return are combined by precedence (UTRACE_STOP beats everything, then
 * UTRACE_INTERRUPT, ...), and when any engine wants the thread stopped it
 * parks in utrace_stop() until every engine has let it go or it is killed.
 */
#include <linux/utrace.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include "utrace_internal.h"

struct utrace_report {
	unsigned long event;
	u32 action;			/* combined resume action so far */
	struct pt_regs *regs;
	int *signr;
	long orig_code;
	long *code;
	const char *filename;
	unsigned long clone_flags;
	struct task_struct *child;
	int type;
	int notify;
	bool group_dead;
	int signal;
};

static u32 call_engine(struct utrace_engine *engine,
		       const struct utrace_engine_ops *ops,
		       struct utrace_report *r)
{
	switch (r->event) {
	case UTRACE_EVENT(QUIESCE):
		if (ops->report_quiesce)
			return ops->report_quiesce(r->action, engine, 0);
		break;
	case UTRACE_EVENT(SIGNAL):
		if (ops->report_signal)
			return ops->report_signal(r->action, engine, r->regs,
						  r->signr);
		break;
	case UTRACE_EVENT(CLONE):
		if (ops->report_clone)
			return ops->report_clone(r->action, engine,
						 r->clone_flags, r->child);
		break;
	case UTRACE_EVENT(JCTL):
		if (ops->report_jctl)
			return ops->report_jctl(r->action, engine, r->type,
						r->notify);
		break;
	case UTRACE_EVENT(EXEC):
		if (ops->report_exec)
			return ops->report_exec(r->action, engine, r->filename,
						r->regs);
		break;
	case UTRACE_EVENT(SYSCALL_ENTRY):
		if (ops->report_syscall_entry)
			return ops->report_syscall_entry(r->action, engine,
							 r->regs);
		break;
	case UTRACE_EVENT(SYSCALL_EXIT):
		if (ops->report_syscall_exit)
			return ops->report_syscall_exit(r->action, engine,
							r->regs);
		break;
	case UTRACE_EVENT(EXIT):
		if (ops->report_exit)
			return ops->report_exit(r->action, engine,
						r->orig_code, r->code);
		break;
	case UTRACE_EVENT(DEATH):
		if (ops->report_death)
			return ops->report_death(engine, r->group_dead,
						 r->signal);
		break;
	}
	return UTRACE_RESUME;
}

/* Apply one engine's answer.  Called with utrace->lock held. */
static void apply_action(struct utrace *utrace, struct utrace_engine *engine,
			 u32 ret, struct utrace_report *r,
			 struct list_head *detached)
{
	u32 action = ret & UTRACE_RESUME_MASK;

	if (action >= UTRACE_RESUME_MAX)
		action = UTRACE_RESUME;
	if (action == UTRACE_DETACH) {
		mark_engine_detached(utrace, engine, detached);
		return;
	}
	if (action == UTRACE_STOP && !utrace->death)
		WRITE_ONCE(engine->flags, READ_ONCE(engine->flags) | ENGINE_STOP);
	if (action < r->action)
		r->action = action;
}

/* Park the thread while any engine wants it stopped. */
static void utrace_stop(struct task_struct *task, struct utrace *utrace)
{
	spin_lock(&utrace->lock);
	while (utrace_wants_stop(utrace) && !fatal_signal_pending(task) &&
	       !utrace->death) {
		utrace->stopped = true;
		set_current_state(TASK_TRACED);
		spin_unlock(&utrace->lock);
		schedule();
		spin_lock(&utrace->lock);
	}
	utrace->stopped = false;
	__set_current_state(TASK_RUNNING);
	spin_unlock(&utrace->lock);
}

/*
 * Report @r->event to every engine that wants it, then stop if asked.
 * Returns the combined resume action.
 */
static u32 utrace_report_event(struct utrace_report *r)
{
	struct task_struct *task = current;
	const struct utrace_engine_ops *ops;
	struct utrace_engine *engine;
	struct utrace *utrace = task_utrace(task);
	LIST_HEAD(detached);
	bool stop;
	u32 ret;

	r->action = UTRACE_RESUME;
	if (!utrace)
		return r->action;

	spin_lock(&utrace->lock);
	if (r->event == UTRACE_EVENT(DEATH))
		utrace->death = true;
	if (r->event == UTRACE_EVENT(QUIESCE))
		utrace->quiesce = false;
	utrace->walking++;
	list_for_each_entry(engine, &utrace->attached, entry) {
		ops = READ_ONCE(engine->ops);
		if (!ops || !(READ_ONCE(engine->flags) & r->event))
			continue;
		utrace->reporting = engine;
		spin_unlock(&utrace->lock);
		utrace_rt_cb_enter(engine, r->event);
		ret = call_engine(engine, ops, r);
		utrace_rt_cb_exit(engine, r->event);
		spin_lock(&utrace->lock);
		utrace->reporting = NULL;
		apply_action(utrace, engine, ret, r, &detached);
	}
	if (--utrace->walking == 0)
		unlink_detached(utrace, &detached);
	stop = !utrace->death && utrace_wants_stop(utrace);
	spin_unlock(&utrace->lock);
	put_detached_list(&detached);

	if (stop)
		utrace_stop(task, utrace);
	return r->action;
}

void utrace_report_syscall_entry(struct pt_regs *regs)
{
	struct utrace_report r = { .event = UTRACE_EVENT(SYSCALL_ENTRY), .regs = regs };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_syscall_entry);

void utrace_report_syscall_exit(struct pt_regs *regs)
{
	struct utrace_report r = { .event = UTRACE_EVENT(SYSCALL_EXIT), .regs = regs };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_syscall_exit);

/* Returns the signal to deliver, or 0 when an engine made it ignored. */
int utrace_report_signal(struct pt_regs *regs, int signr)
{
	struct utrace_report r = { .event = UTRACE_EVENT(SIGNAL), .regs = regs,
				   .signr = &signr };

	utrace_report_event(&r);
	return signr;
}
EXPORT_SYMBOL_GPL(utrace_report_signal);

void utrace_report_exec(const char *filename, struct pt_regs *regs)
{
	struct utrace_report r = { .event = UTRACE_EVENT(EXEC), .regs = regs,
				   .filename = filename };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_exec);

void utrace_report_clone(unsigned long clone_flags, struct task_struct *child)
{
	struct utrace_report r = { .event = UTRACE_EVENT(CLONE),
				   .clone_flags = clone_flags, .child = child };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_clone);

void utrace_report_jctl(int type, int notify)
{
	struct utrace_report r = { .event = UTRACE_EVENT(JCTL), .type = type,
				   .notify = notify };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_jctl);

void utrace_report_exit(long *exit_code)
{
	struct utrace_report r = { .event = UTRACE_EVENT(EXIT),
				   .orig_code = *exit_code, .code = exit_code };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_exit);

void utrace_report_death(bool group_dead, int signal)
{
	struct utrace_report r = { .event = UTRACE_EVENT(DEATH),
				   .group_dead = group_dead, .signal = signal };

	utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_report_death);

/*
 * A safe point on the way back to user mode: report_quiesce when an
 * engine asked for UTRACE_REPORT/INTERRUPT, and stop when one asked.
 */
void utrace_resume(void)
{
	struct task_struct *task = current;
	struct utrace *utrace = task_utrace(task);
	struct utrace_report r = { .event = UTRACE_EVENT(QUIESCE) };
	bool quiesce, stop;

	if (!utrace)
		return;
	spin_lock(&utrace->lock);
	quiesce = utrace->quiesce;
	stop = utrace_wants_stop(utrace);
	spin_unlock(&utrace->lock);
	if (quiesce || stop)
		utrace_report_event(&r);
}
EXPORT_SYMBOL_GPL(utrace_resume);
