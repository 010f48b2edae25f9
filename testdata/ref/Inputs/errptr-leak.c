/* Attach, use without IS_ERR(), never put: an error-pointer use (UT-REF-005)
 * and, on the path where attach succeeded, a leak (UT-REF-001). */
#include <linux/utrace.h>

static const struct utrace_engine_ops stepper_ops;

int stepper_start(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &stepper_ops, NULL);
	return utrace_control(task, engine, UTRACE_SINGLESTEP);
}
