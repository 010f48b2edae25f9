/*
 * A tracing module written for a 2009-era kernel (2.6.29-2.6.32 with the
 * utrace patches): era headers (<linux/tracehook.h>, <linux/smp_lock.h>,
 * <asm/uaccess.h>), the big kernel lock, a project compat header that is
 * not at hand, and a type from a vendor patch no header here defines.
 * --standalone analyses every function that parses and names the others.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/tracehook.h>
#include <linux/smp_lock.h>
#include <asm/uaccess.h>
#include <linux/utrace.h>
#include "ot_compat.h"

static const struct utrace_engine_ops ot_ops;

struct ot_probe {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long hits;
};

/* Clean: analysed, and its leak found. */
int ot_attach(struct ot_probe *p)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &ot_ops, p);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(p->task, engine, UTRACE_EVENT(EXEC));
	if (ret)
		return ret;
	utrace_engine_put(engine);
	return 0;
}

/* Clean: analysed, quiet. */
int ot_detach(struct ot_probe *p)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(p->task, UTRACE_ATTACH_MATCH_OPS, &ot_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(p->task, engine, UTRACE_DETACH);
	utrace_engine_put(engine);
	return ret;
}

/* Uses the big kernel lock from <linux/smp_lock.h>: implicit declarations
 * only, so it still parses and is analysed. */
int ot_stop(struct ot_probe *p)
{
	struct utrace_engine *engine;
	int ret;

	lock_kernel();
	engine = utrace_attach_task(p->task, UTRACE_ATTACH_MATCH_OPS, &ot_ops, NULL);
	if (!engine) {
		unlock_kernel();
		return -ESRCH;
	}
	ret = utrace_control(p->task, engine, UTRACE_STOP);
	unlock_kernel();
	utrace_engine_put(engine);
	return ret;
}

/* Uses a vendor patch's type (struct tracehook_report) that no header here
 * defines: --standalone synthesizes it from the members used. */
int ot_report(struct ot_probe *p, struct tracehook_report *r)
{
	struct utrace_engine *engine = p->engine;

	r->task = p->task;
	return utrace_set_events(p->task, engine, r->mask);
}

/* Clean again. */
int ot_barrier(struct ot_probe *p)
{
	int ret;

	do {
		ret = utrace_barrier(p->task, p->engine);
	} while (ret == -ERESTARTSYS);
	return ret;
}

MODULE_LICENSE("GPL");
