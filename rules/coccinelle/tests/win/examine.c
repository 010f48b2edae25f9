// SPDX-License-Identifier: GPL-2.0
/*
 * Examine-window rules (UT-WIN-*): a tracer that stops a thread and reads
 * its registers.  Expected findings: "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

struct snapshot {
	unsigned long ip;
	long state;
	pid_t pid;
};

/* UT-WIN-001 ---------------------------------------------------------- */

int bad_read_without_window(struct task_struct *task,
			    struct utrace_engine *engine, struct snapshot *s)
{
	int ret;

	ret = utrace_control(task, engine, UTRACE_STOP);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip; /* cocci: UT-WIN-001 */
	s->state = task->state; /* cocci: UT-WIN-001 */
	s->pid = task->pid; /* never changes after fork: no finding */
	return 0;
}

int bad_read_after_finish(struct task_struct *task,
			  struct utrace_engine *engine, struct snapshot *s)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(task, engine, &exam);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip;
	ret = utrace_finish_examine(task, engine, &exam);
	if (ret)
		return ret;
	s->state = task->state; /* cocci: UT-WIN-001 */
	return 0;
}

int ok_read_in_window(struct task_struct *task,
		      struct utrace_engine *engine, struct snapshot *s)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_control(task, engine, UTRACE_STOP);
	if (ret)
		return ret;
	ret = utrace_prepare_examine(task, engine, &exam);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip;
	s->pid = task->pid;
	return utrace_finish_examine(task, engine, &exam);
}

/* A callback runs in the traced thread itself: task == current. */
unsigned int ok_callback_reads_own_task(unsigned int action,
					struct utrace_engine *engine,
					       struct task_struct *task)
{
	struct snapshot *s = engine->data;

	s->pid = task->pid;
	return UTRACE_STOP;
}

/* UT-WIN-002 ---------------------------------------------------------- */

int bad_finish_ignored(struct task_struct *task,
		       struct utrace_engine *engine, struct snapshot *s)
{
	struct utrace_examiner exam;

	if (utrace_prepare_examine(task, engine, &exam))
		return -EAGAIN;
	s->ip = task_pt_regs(task)->ip;
	utrace_finish_examine(task, engine, &exam); /* cocci: UT-WIN-002 */
	return 0;
}

int bad_stale_value_used(struct task_struct *task,
			 struct utrace_engine *engine, unsigned long *out)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	if (utrace_prepare_examine(task, engine, &exam))
		return -EAGAIN;
	ip = task_pt_regs(task)->ip;
	ret = utrace_finish_examine(task, engine, &exam);
	if (ret) {
		*out = ip; /* cocci: UT-WIN-002 */
		return ret;
	}
	*out = ip;
	return 0;
}

int bad_finish_result_overwritten(struct task_struct *task,
				  struct utrace_engine *engine,
				  struct snapshot *s)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(task, engine, &exam);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip;
	ret = utrace_finish_examine(task, engine, &exam); /* cocci: UT-WIN-002 */
	ret = utrace_control(task, engine, UTRACE_RESUME);
	return ret;
}

int ok_retry_until_stable(struct task_struct *task,
			  struct utrace_engine *engine, unsigned long *out)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	do {
		ret = utrace_prepare_examine(task, engine, &exam);
		if (ret)
			return ret;
		ip = task_pt_regs(task)->ip;
		ret = utrace_finish_examine(task, engine, &exam);
	} while (ret == -EAGAIN);
	if (ret)
		return ret;
	*out = ip;
	return 0;
}

/* Reached both with no prepare and after a finish: reported once. */
int bad_read_after_finish_without_prepare(struct task_struct *task,
					  struct utrace_engine *engine)
{
	struct utrace_examiner exam;

	if (utrace_finish_examine(task, engine, &exam))
		return -EAGAIN;
	return task->exit_state; /* cocci: UT-WIN-001 */
}
