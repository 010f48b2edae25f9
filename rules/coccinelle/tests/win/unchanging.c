// SPDX-License-Identifier: GPL-2.0
/*
 * UT-WIN-001 and the task state that needs no window: fields that never
 * change after fork (pid, tgid, start_time) and tests of task->flags
 * against bits never cleared once set (PF_EXITING, PF_SIGNALED,
 * PF_DUMPCORE, PF_KTHREAD).  A thread-stopping engine that skips dying
 * threads and logs whom it stops, beside the reads that still need a
 * window.  Expected findings: "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

struct tracee {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long long started;
};

struct sample {
	unsigned long ip;
	unsigned int flags;
	pid_t pid;
	char comm[16];
};

/* Stop every thread of a group that is not already on its way out. */
int ok_stop_threads_skipping_exiting(struct tracee *threads, int nr)
{
	struct task_struct *t;
	int i, stopped = 0;

	for (i = 0; i < nr; i++) {
		t = threads[i].task;
		if (t->flags & PF_EXITING)
			continue;
		if (unlikely(t->flags & (PF_SIGNALED | PF_DUMPCORE)))
			continue;
		if (utrace_control(t, threads[i].engine, UTRACE_STOP) == 0)
			stopped++;
	}
	return stopped;
}

/* A stored task's ids and start time are logged before it is stopped. */
int ok_log_stored_task(struct tracee *tr)
{
	struct task_struct *task = tr->task;
	int ret;

	pr_info("stopping %d/%d\n", task->tgid, task->pid);
	tr->started = task->start_time;
	ret = utrace_control(task, tr->engine, UTRACE_STOP);
	if (ret)
		pr_info("%d: not stopped (%d)\n", task->pid, ret);
	return ret;
}

/* Kernel threads are refused before any event is asked for. */
int ok_refuse_kernel_thread(struct task_struct *task,
			    struct utrace_engine *engine)
{
	if (!(task->flags & PF_EXITING) && (PF_KTHREAD & task->flags))
		return -EPERM;
	return utrace_set_events(task, engine, UTRACE_EVENT(QUIESCE));
}

/* A freezer bit comes and goes: a mask holding one is window state. */
int bad_skip_frozen_and_exiting(struct tracee *tr)
{
	struct task_struct *task = tr->task;

	if (task->flags & (PF_EXITING | PF_FROZEN)) /* cocci: UT-WIN-001 */
		return -EAGAIN;
	return utrace_control(task, tr->engine, UTRACE_STOP);
}

/* The name changes on exec and PR_SET_NAME: still a finding. */
int bad_log_comm_unstopped(struct tracee *tr)
{
	struct task_struct *task = tr->task;
	int ret;

	ret = utrace_control(task, tr->engine, UTRACE_STOP);
	pr_info("stopping %s (%d)\n", task->comm, task->pid); /* cocci: UT-WIN-001 */
	return ret;
}

/* The whole word is copied and tested later: still a finding. */
int bad_copy_flags_word(struct tracee *tr, struct sample *s)
{
	struct task_struct *task = tr->task;

	s->flags = task->flags; /* cocci: UT-WIN-001 */
	if (s->flags & PF_EXITING)
		return -ESRCH;
	return utrace_control(task, tr->engine, UTRACE_STOP);
}

/* Only reads are exempt: a write, even of the tgid, is still a finding. */
int bad_rewrite_tgid(struct tracee *tr, pid_t tgid)
{
	struct task_struct *task = tr->task;
	int ret;

	ret = utrace_control(task, tr->engine, UTRACE_STOP);
	task->tgid = tgid; /* cocci: UT-WIN-001 */
	return ret;
}

/* After the window: the pid and a dying thread's flag need none. */
int ok_sample_then_check_exiting(struct tracee *tr, struct sample *s)
{
	struct task_struct *task = tr->task;
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(task, tr->engine, &exam);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip;
	ret = utrace_finish_examine(task, tr->engine, &exam);
	if (ret)
		return ret;
	s->pid = task->pid;
	if (task->flags & PF_EXITING)
		return -ESRCH;
	return 0;
}

/* After the window: the name and a mixed mask are window state again. */
int bad_name_after_window(struct tracee *tr, struct sample *s)
{
	struct task_struct *task = tr->task;
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(task, tr->engine, &exam);
	if (ret)
		return ret;
	s->ip = task_pt_regs(task)->ip;
	ret = utrace_finish_examine(task, tr->engine, &exam);
	if (ret)
		return ret;
	if (task->flags & (PF_KTHREAD | PF_MEMALLOC)) /* cocci: UT-WIN-001 */
		return -EPERM;
	s->comm[0] = task->comm[0]; /* cocci: UT-WIN-001 */
	return 0;
}
