/* Needs a define given after "--" (or with --extra-arg) in --kdir mode. */
#include <linux/types.h>

#ifndef KD_TRACER_CONF
#error "KD_TRACER_CONF must be defined"
#endif

struct utrace_engine;
struct task_struct;
struct utrace_engine_ops;
extern struct utrace_engine *utrace_attach_task(struct task_struct *, int,
		const struct utrace_engine_ops *, void *);
extern void utrace_engine_put(struct utrace_engine *);

static const struct utrace_engine_ops *kd_ops;

int kd_attach(struct task_struct *task)
{
	struct utrace_engine *e = utrace_attach_task(task, 1, kd_ops, NULL);

	if ((unsigned long)e >= (unsigned long)-4095)
		return 0;
	return KD_TRACER_CONF;
}
