#include <linux/utrace.h>

static const struct utrace_engine_ops ops;

int leaky(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	return utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
}

int not_null(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, 0, &ops, NULL);
	if (!engine)
		return -1;
	utrace_engine_put(engine);
	return 0;
}
