#include "tracer.h"

void tracer_stop(struct tracer *tr)
{
	int ret = utrace_control(tr->task, tr->engine, UTRACE_DETACH);

	if (ret == -EINPROGRESS)
		do
			ret = utrace_barrier(tr->task, tr->engine);
		while (ret == -ERESTARTSYS);
	utrace_engine_put(tr->engine);
	tr->engine = NULL;
}
