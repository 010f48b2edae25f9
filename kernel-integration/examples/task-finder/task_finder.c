// SPDX-License-Identifier: GPL-2.0
/*
 * task_finder: a small utrace engine that counts the system calls of the
 * threads it is given, in the style of shipped tracing modules. It is the
 * demo input of utrace-check: the planted bugs are marked PLANTED.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct tf_watch {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long syscalls;
};

static u32 tf_report_syscall_entry(u32 action, struct utrace_engine *engine,
				   struct pt_regs *regs)
{
	struct tf_watch *w = engine->data;

	w->syscalls++;
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops tf_ops = {
	.report_syscall_entry = tf_report_syscall_entry,
};

/* Attach, configure, and keep the reference in the watch. */
static int tf_watch_task(struct tf_watch *w, struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE |
				    UTRACE_ATTACH_MATCH_OPS, &tf_ops, w);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(SYSCALL_ENTRY) | UTRACE_EVENT(EXIT));
	if (ret)
		return ret;	/* PLANTED UT-REF-001: the reference leaks here */
	w->task = task;
	w->engine = engine;
	return 0;
}

/* Look the engine up again to stop watching. */
static int tf_unwatch_task(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tf_ops, NULL);
	if (!engine)		/* PLANTED UT-REF-004: attach never returns NULL */
		return -ENOENT;
	utrace_engine_put(engine);
	return utrace_control(task, engine, UTRACE_DETACH); /* PLANTED UT-REF-002: used after the last put */
}

static void tf_release_watch(struct tf_watch *w)
{
	if (!w->engine)
		return;
	if (utrace_control(w->task, w->engine, UTRACE_DETACH) == -ESRCH)
		pr_debug("task_finder: already detached\n");
	utrace_engine_put(w->engine);
	utrace_engine_put(w->engine);	/* PLANTED UT-REF-003: put twice */
	w->engine = NULL;
}

static struct tf_watch tf_self;

static int __init tf_init(void)
{
	return tf_watch_task(&tf_self, current);
}

static void __exit tf_exit(void)
{
	tf_release_watch(&tf_self);
	if (tf_unwatch_task(current))
		pr_debug("task_finder: nothing to unwatch\n");
}	/* PLANTED UT-REF-006: returns with the detach possibly in progress */

module_init(tf_init);
module_exit(tf_exit);
MODULE_LICENSE("GPL");
