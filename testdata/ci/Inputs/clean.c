// A module that uses the utrace API correctly: no findings.
#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops clean_ops;

int clean_attach(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &clean_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	utrace_engine_put(engine);
	return ret;
}
