// A small tracing module with two engine-reference bugs: a leak on an error
// path and a double put. Input for the CI-integration tests (not a lit test).
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops leaky_ops;

int leaky_attach(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &leaky_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	if (ret)
		return ret;
	utrace_engine_put(engine);
	return 0;
}

int leaky_double_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &leaky_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine);
	return 0;
}
