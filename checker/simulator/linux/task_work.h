/* Simulator: task_work: callbacks run by a task on its way back to user space. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_TASK_WORK_H
#define _SIM_TASK_WORK_H
#pragma clang system_header
#include <linux/types.h>
struct task_struct;
typedef void (*task_work_func_t)(struct callback_head *);
enum task_work_notify_mode { TWA_NONE, TWA_RESUME, TWA_SIGNAL };
static inline void init_task_work(struct callback_head *twork, task_work_func_t func)
{
	twork->func = func;
}
int task_work_add(struct task_struct *task, struct callback_head *twork, int notify);
struct callback_head *task_work_cancel(struct task_struct *task, task_work_func_t func);
void task_work_run(void);

#endif
