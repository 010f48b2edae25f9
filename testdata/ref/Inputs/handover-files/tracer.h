/* One traced thread of a small tracing module split over two files. */
#include <linux/utrace.h>

struct tracer {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long events;
};

int tracer_start(struct tracer *tr, const struct utrace_engine_ops *ops);
void tracer_stop(struct tracer *tr);
