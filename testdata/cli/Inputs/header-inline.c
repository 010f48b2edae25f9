#include <linux/sched.h>
#include <linux/utrace.h>
#include "taskcode.h"

struct tracee {
	struct task_struct *task;
	struct utrace_engine *engine;
};

long via_header(struct tracee *t)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	if (ret)
		return ret;
	return my_task_exit_code(t->task);
}
