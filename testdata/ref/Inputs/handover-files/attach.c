#include "tracer.h"

/* The attach result goes into tr->engine; stop.c puts it on teardown. */
int tracer_start(struct tracer *tr, const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(tr->task, UTRACE_ATTACH_CREATE, ops, tr);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(tr->task, engine, tr->events);
	if (ret) {
		utrace_engine_put(engine);
		return ret;
	}
	tr->engine = engine;
	return 0;
}

struct watcher {
	struct task_struct *task;
	struct utrace_engine *engine;
};

/* w->engine is never put, in this file or any other: the reference is owed. */
int watcher_start(struct watcher *w, const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(w->task, UTRACE_ATTACH_CREATE, ops, w);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	w->engine = engine;
	return 0;
}
