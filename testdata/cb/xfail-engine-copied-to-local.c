// Known gap (UT-CB-002, docs/rules/UT-CB-002.md): the callback's own engine
// copied into a local before the barrier is not recognised.
//
// XFAIL: *
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static u32 bad_barrier_on_local_copy_of_own_engine(u32 action,
						   struct utrace_engine *engine,
						   unsigned long event)
{
	struct utrace_engine *self = engine;

	if (utrace_barrier(current, self)) // expected-warning {{callback 'bad_barrier_on_local_copy_of_own_engine' calls utrace_barrier() on its own engine 'engine': it waits for itself [UT-CB-002]}}
		return UTRACE_STOP;
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops gap_ops = {
	.report_quiesce = bad_barrier_on_local_copy_of_own_engine,
};

int gap_attach(struct task_struct *task)
{
	struct utrace_engine *e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &gap_ops, NULL);

	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}
