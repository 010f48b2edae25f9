// UT-WIN-001 is about a stopped thread's changing state. Task fields that
// never change after fork (kernel.yaml's immutable_task_fields: pid, tgid,
// the start times, ...) read the same in or out of a window, so reading
// them through a stored task pointer is not a finding; comm (renamed by
// exec), real_parent (reparenting) and the other fields still are.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct watched {
	struct task_struct *task;
	struct utrace_engine *engine;
	pid_t pid, tgid;
	char comm[16];
};

int ok_remember_ids(struct watched *w)
{
	int ret = utrace_set_events(w->task, w->engine, UTRACE_EVENT(EXEC));

	if (ret)
		return ret;
	w->pid = w->task->pid;
	w->tgid = w->task->tgid;
	pr_info("watching %d/%d\n", w->task->tgid, w->task->pid);
	return 0;
}

int ok_detach_group(struct watched *a, struct watched *b)
{
	if (a->task->tgid != b->task->tgid)
		return 0;
	return utrace_control(b->task, b->engine, UTRACE_DETACH);
}

int bad_copy_comm(struct watched *w)
{
	int i, ret;

	ret = utrace_control(w->task, w->engine, UTRACE_STOP);
	if (ret) // expected-note {{assuming 'ret' is 0}}
		return ret;
	for (i = 0; i < 16; i++)
		w->comm[i] = w->task->comm[i]; // expected-warning {{task state read through the pointer outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
	return 0;
}

int bad_exit_code_after_pid(struct watched *w)
{
	if (w->task->pid != w->pid) // expected-note {{assuming 'w->task->pid' is equal to 'w->pid'}}
		return -ESRCH;
	if (utrace_control(w->task, w->engine, UTRACE_STOP)) // expected-note {{assuming the condition is false}}
		return -EAGAIN;
	return w->task->exit_code; // expected-warning {{task state read through 'w->task->exit_code' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}
