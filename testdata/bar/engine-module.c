// An ordinary tracing engine (a module, not an implementation) reads its
// own engine->flags and writes engine->data without barriers. Nothing in the
// file pairs with those accesses and no declared ordering covers them: the
// barrier rules stay quiet (utrace-api.md, "Lockless flag reads in
// engines").
//
// RUN: %verify %s -- %kflags
// expected-no-diagnostics
#include <linux/utrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>

struct tracer {
	unsigned long hits;
	int stopping;
};

static u32 tracer_report_quiesce(u32 action, struct utrace_engine *engine,
				 unsigned long event)
{
	struct tracer *t = engine->data;

	if (engine->flags & UTRACE_EVENT(SYSCALL_ENTRY))
		t->hits++;
	if (t->stopping && (engine->flags & UTRACE_EVENT(QUIESCE)))
		return UTRACE_STOP;
	return UTRACE_RESUME;
}

static u32 tracer_report_syscall_entry(u32 action, struct utrace_engine *engine,
				       struct pt_regs *regs)
{
	struct tracer *t = engine->data;

	if (!(engine->flags & UTRACE_EVENT(SYSCALL_EXIT)))
		t->hits++;
	return UTRACE_RESUME;
}

static void tracer_reset(struct utrace_engine *engine, struct tracer *t)
{
	engine->data = t;
	t->hits = 0;
	t->stopping = 0;
}

static int tracer_wants(struct utrace_engine *engine, unsigned long mask)
{
	return (engine->flags & mask) == mask;
}

static const struct utrace_engine_ops tracer_ops = {
	.report_quiesce = tracer_report_quiesce,
	.report_syscall_entry = tracer_report_syscall_entry,
};

int tracer_start(struct task_struct *task, struct tracer *t)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, t);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	tracer_reset(engine, t);
	if (!tracer_wants(engine, UTRACE_EVENT(QUIESCE)))
		ret = utrace_set_events(task, engine, UTRACE_EVENT(QUIESCE));
	else
		ret = 0;
	utrace_engine_put(engine);
	return ret;
}
