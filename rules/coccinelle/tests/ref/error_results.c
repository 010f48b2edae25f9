// SPDX-License-Identifier: GPL-2.0
/*
 * Error values made wrong or dropped (UT-REF-007, UT-REF-008): a small
 * tracing module's helpers, one good and one bad function per case.
 * Expected findings are marked "cocci: <id>".
 */
#include <linux/utrace.h>

struct watch {
	struct utrace_engine *engine;
	struct task_struct *task;
	const char *path;
};

/* UT-REF-007 ---------------------------------------------------------- */

const char *bad_path_positive_errno(struct watch *w)
{
	if (!w->path)
		return ERR_PTR(ENOENT); /* cocci: UT-REF-007 */
	return w->path;
}

const char *ok_path_negative_errno(struct watch *w)
{
	if (!w->path)
		return ERR_PTR(-ENOENT);
	return w->path;
}

struct watch *ok_errno_variable(struct watch *w, long err)
{
	return err ? ERR_PTR(err) : w;
}

/* UT-REF-008 ---------------------------------------------------------- */

void bad_events_ignored(struct watch *w)
{
	utrace_set_events(w->task, w->engine, UTRACE_EVENT(EXEC)); /* cocci: UT-REF-008 */
}

int ok_events_checked(struct watch *w)
{
	return utrace_set_events(w->task, w->engine, UTRACE_EVENT(EXEC));
}

void ok_resume_deliberate(struct watch *w)
{
	(void)utrace_control(w->task, w->engine, UTRACE_RESUME);
}

void bad_flags_ignored(struct watch *w, unsigned long flags)
{
	utrace_set_flags(w->task, w->engine, flags); /* cocci: UT-REF-008 */
}

int ok_barrier_retried(struct watch *w)
{
	int ret;

	do
		ret = utrace_barrier(w->task, w->engine);
	while (ret == -ERESTARTSYS);
	return ret;
}
