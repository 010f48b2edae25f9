// Examine windows on a task kept in a global structure, with headers
// shaped like a real kernel's (not system headers, so an unknown call may
// change any global): the modelled API and the out-of-line primitives of
// kernel.yaml's non_invalidating_calls keep `st->task` the same value, so
// a correct prepare / read / finish is quiet and a read outside the window
// is found. A finding whose path ends in the header's task_stack_page()
// (reached through the task_pt_regs() macro) is reported on the line of
// this file that calls it, with the header frame as a note; a value read
// through the pointer the macro computes belongs to the window (UT-WIN-002).
//
// RUN: %verify %s -- -I %srcroot/kernel-integration/include %kflags

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/utrace.h>
#include "Inputs/x86-shapes.h"

struct sampler {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long ip;
	int exit_code;
};

static struct sampler *st;

int ok_sample_ip(void)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	ret = utrace_prepare_examine(st->task, st->engine, &exam);
	if (ret)
		return ret;
	xs_preempt_enable();
	ip = task_pt_regs(st->task)->ip;
	xs_info("sampled %lx\n", ip);
	ret = utrace_finish_examine(st->task, st->engine, &exam);
	if (ret)
		return ret;
	st->ip = ip;
	return 0;
}

int ok_sample_exit_code(void)
{
	struct utrace_examiner exam;
	int code, ret;

	ret = utrace_control(st->task, st->engine, UTRACE_STOP);
	if (ret && ret != -EINPROGRESS)
		return ret;
	xs_info("stopping\n");
	ret = utrace_prepare_examine(st->task, st->engine, &exam);
	if (ret)
		return ret;
	code = st->task->exit_code;
	ret = utrace_finish_examine(st->task, st->engine, &exam);
	if (ret)
		return ret;
	st->exit_code = code;
	return 0;
}

unsigned long bad_ip_without_window(void)
{
	xs_info("peeking\n");
	return task_pt_regs(st->task)->ip; // expected-warning {{task state of 'st->task' accessed by task_pt_regs() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}} expected-note {{calling 'task_stack_page'}}
	// expected-note@Inputs/x86-shapes.h:20 {{here, in task_stack_page()}}
}

int bad_exit_code_after_finish(void)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(st->task, st->engine, &exam); // expected-note {{examine window on 'st->task' opened here by utrace_prepare_examine()}}
	if (ret)
		return ret;
	ret = utrace_finish_examine(st->task, st->engine, &exam);
	xs_preempt_enable();
	if (ret)
		return ret;
	return st->task->exit_code; // expected-warning {{task state read through 'st->task->exit_code' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

int bad_stale_ip(void)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	ret = utrace_prepare_examine(st->task, st->engine, &exam);
	if (ret)
		return ret;
	ip = task_pt_regs(st->task)->ip;
	ret = utrace_finish_examine(st->task, st->engine, &exam); // expected-note {{utrace_finish_examine() returned non-zero: the thread ran, what was read in the window is stale}}
	if (ret == -ESRCH) // expected-note {{assuming the condition is false}}
		return ret;
	st->ip = ip; // expected-warning {{value read in the examine window stored outside the function although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
	return 0;
}
