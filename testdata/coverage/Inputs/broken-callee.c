/*
 * Callers of functions whose bodies do not parse (struct tr_stats is never
 * defined). What parsed of such a body is not what the author wrote, so a
 * caller treats the function as unknown instead of inlining the remains.
 */
#include <linux/utrace.h>
#include <linux/sched.h>
#include <linux/kernel.h>

static const struct utrace_engine_ops tr_ops;

static void tr_drop(struct utrace_engine *e)
{
	struct tr_stats stats;

	tr_stats_read(&stats);
	utrace_engine_put(e);
}

/*
 * Inlining tr_drop's remains would report a second put here; tr_drop is
 * unknown, so e escapes into it and nothing is reported.
 */
static int tr_once(struct task_struct *task)
{
	struct utrace_engine *e;

	e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tr_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	tr_drop(e);
	utrace_engine_put(e);
	return 0;
}

static void tr_check_limits(struct task_struct *task)
{
	struct tr_stats stats;

	tr_stats_read(&stats);
	BUG();
}

/*
 * Inlining tr_check_limits's remains would end the path at BUG() and miss
 * the leak; as an unknown function it returns, and the leak is reported.
 */
static int tr_watch(struct task_struct *task)
{
	struct utrace_engine *e;

	e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tr_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	tr_check_limits(task);
	return 0;
}
