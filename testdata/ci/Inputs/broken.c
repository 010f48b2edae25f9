// Does not compile: reported as failed, the run goes on.
#include <linux/utrace.h>
int broken(struct task_struct *task)
{
	return utrace_attach_task(task, 0, NULL;
}
