// UT-WIN-001: a traced task's state touched outside an examine window.
// Written in the style of a ptrace-like engine: the tracee's task pointer is
// stored next to its engine at attach time, and later requests read the
// stopped thread's state.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <linux/sched/task.h>
#include <linux/utrace.h>

struct ptl_tracee {
	struct task_struct *task;
	struct utrace_engine *engine;
	long last_state;
	unsigned long last_ip;
};

static struct ptl_tracee *ptl_current_tracee;

long bad_state_read_without_window(struct ptl_tracee *t)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	if (ret) // expected-note {{assuming 'ret' is 0}}
		return ret;
	return t->task->state; // expected-warning {{task state read through 't->task->state' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

long ok_state_read_in_window(struct ptl_tracee *t)
{
	struct utrace_examiner exam;
	long state;
	int ret;

	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	state = t->task->state;
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	return state;
}

int bad_exit_code_written_without_window(struct ptl_tracee *t, int code)
{
	t->task->exit_code = code; // expected-warning {{task state written through 't->task->exit_code' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
	return utrace_control(t->task, t->engine, UTRACE_RESUME);
}

int ok_exit_code_written_in_window(struct ptl_tracee *t, int code)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	t->task->exit_code = code;
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	return utrace_control(t->task, t->engine, UTRACE_RESUME);
}

int bad_global_tracee_pt_regs(void)
{
	struct pt_regs *regs;

	if (utrace_control(ptl_current_tracee->task, ptl_current_tracee->engine, // expected-note {{assuming the condition is false}}
			   UTRACE_STOP))
		return -ESRCH;
	regs = task_pt_regs(ptl_current_tracee->task); // expected-warning {{task state of 'ptl_current_tracee->task' accessed by task_pt_regs() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
	return regs->ax != 0;
}

int bad_access_process_vm_without_window(struct ptl_tracee *t,
					  unsigned long addr, void *buf)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	if (ret) // expected-note {{assuming 'ret' is 0}}
		return ret;
	return access_process_vm(t->task, addr, buf, 8, 0); // expected-warning {{task state of 't->task' accessed by access_process_vm() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

int ok_access_process_vm_in_window(struct ptl_tracee *t, unsigned long addr,
				   void *buf)
{
	struct utrace_examiner exam;
	int ret, n;

	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	n = access_process_vm(t->task, addr, buf, 8, 0);
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	return ret ? ret : n;
}

int bad_current_syscall_after_window_closed(struct ptl_tracee *t)
{
	struct utrace_examiner exam;
	unsigned long args[6], sp, pc;
	long nr;
	int ret;

	ret = utrace_prepare_examine(t->task, t->engine, &exam); // expected-note {{examine window on 't->task' opened here by utrace_prepare_examine()}}
	if (ret)
		return ret;
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	return task_current_syscall(t->task, &nr, args, 6, &sp, &pc); // expected-warning {{task state of 't->task' accessed by task_current_syscall() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

/* Single utrace_* calls on a stored task are fine: the engine makes them safe. */
int ok_single_calls_on_stored_task(struct ptl_tracee *t)
{
	int ret = utrace_set_events(t->task, t->engine, UTRACE_EVENT(QUIESCE));

	if (ret == -ESRCH || ret == -EALREADY)
		return 0;
	if (ret)
		return ret;
	ret = utrace_control(t->task, t->engine, UTRACE_STOP);
	if (ret == -EINPROGRESS)
		ret = 0;
	return ret;
}

/* The analysed function's own parameter: its callers hold the task. */
int ok_parameter_task_is_trusted(struct task_struct *task,
				 struct utrace_engine *engine)
{
	if (task->exit_state)
		return -ESRCH;
	return utrace_control(task, engine, UTRACE_STOP);
}

/* current is always safe. */
int ok_current_is_trusted(struct utrace_engine *engine)
{
	if (current->flags & PF_EXITING)
		return -ESRCH;
	return utrace_control(current, engine, UTRACE_REPORT);
}

/* A reference the code took makes the stored task safe to dereference. */
int ok_held_reference(struct ptl_tracee *t)
{
	struct task_struct *task = t->task;
	int ret;

	get_task_struct(task);
	ret = task->exit_state ? -ESRCH : 0;
	put_task_struct(task);
	if (ret)
		return ret;
	return utrace_control(t->task, t->engine, UTRACE_STOP);
}

/* A helper of the same file is checked in its caller's context. */
static long ptl_read_state(struct task_struct *task)
{
	return task->state; // expected-warning {{task state read through 'task->state' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

long bad_helper_reads_stored_task(struct ptl_tracee *t)
{
	if (utrace_control(t->task, t->engine, UTRACE_STOP)) // expected-note {{assuming the condition is false}}
		return -ESRCH;
	return ptl_read_state(t->task); // expected-note {{calling 'ptl_read_state'}}
}

long ok_helper_in_window(struct ptl_tracee *t)
{
	struct utrace_examiner exam;
	long state;

	if (utrace_prepare_examine(t->task, t->engine, &exam))
		return -EAGAIN;
	state = ptl_read_state(t->task);
	if (utrace_finish_examine(t->task, t->engine, &exam))
		return -EAGAIN;
	return state;
}

/* A window on one task does not cover another. */
long bad_window_on_other_task(struct ptl_tracee *a, struct ptl_tracee *b)
{
	struct utrace_examiner exam;
	long state;

	if (utrace_prepare_examine(a->task, a->engine, &exam))
		return -EAGAIN;
	state = b->task->state; // expected-warning {{task state read through 'b->task->state' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
	if (utrace_finish_examine(a->task, a->engine, &exam))
		return -EAGAIN;
	return state;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: *: stopped
// runtime: bad_state_read_without_window: static-only: a plain task->state read is not observable at run time (only the accessors are checked)
// runtime: bad_exit_code_written_without_window: static-only: a plain task->exit_code write is not observable at run time (only the accessors are checked)
// runtime: bad_helper_reads_stored_task: static-only: a plain task->state read in the helper is not observable at run time
// runtime: bad_window_on_other_task: static-only: a plain task->state read is not observable at run time
