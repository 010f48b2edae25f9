// Code written against the 2006-2008 utrace API generation: no engine
// reference counts (engines are freed through RCU), so attach without put
// is correct and some lookups return NULL. No UT-REF finding applies.
//
// RUN: %verify %s -- %kflags
// expected-no-diagnostics

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>

struct utrace_attached_engine {
	const struct utrace_engine_ops *ops;
	unsigned long flags;
	void *data;
};
struct utrace_engine_ops;

#define UTRACE_ATTACH_CREATE	0x0010
#define UTRACE_ATTACH_MATCH_OPS	0x0001

struct utrace_attached_engine *utrace_attach(struct task_struct *target, int flags,
					     const struct utrace_engine_ops *ops,
					     void *data);
int utrace_detach(struct task_struct *target, struct utrace_attached_engine *engine);
int utrace_set_flags(struct task_struct *target, struct utrace_attached_engine *engine,
		     unsigned long flags);

/* Compatibility header style: the new names mapped onto the old calls. */
#define utrace_engine utrace_attached_engine
#define utrace_attach_task utrace_attach
#define utrace_set_events utrace_set_flags

static const struct utrace_engine_ops *old_ops;

int ok_old_attach_without_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, old_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	return utrace_set_events(task, engine, 1UL << 3);
}

int ok_old_lookup_may_return_null(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, old_ops, NULL);
	if (IS_ERR(engine) || engine == NULL)
		return -ENOENT;
	return utrace_detach(task, engine);
}
