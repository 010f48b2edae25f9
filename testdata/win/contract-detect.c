// The examine contract is detected from the utrace.h in front of the code:
// the reference implementation's header defines UTRACE_EXAMINE_PINS_TASK
// (prepare pins the task, so a prepare owes a finish: UT-WIN-003); every
// other header (the simulator here, real kernels, SystemTap's runtime) gets
// the historical contract, where a ptrace-like engine that calls prepare
// only to wait for the thread to get off the CPU owes nothing.
// --contract overrides the detection both ways.
//
// RUN: %verify %s -- -I %srcroot/kernel-integration/include %kflags -Xclang -verify=pins
// RUN: %verify %s -- %kflags -Xclang -verify=waits
// RUN: %verify --contract=pins %s -- %kflags -Xclang -verify=pins
// RUN: %verify --contract=waits %s -- -I %srcroot/kernel-integration/include %kflags -Xclang -verify=waits

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct pt_child {
	struct task_struct *task;
	struct utrace_engine *engine;
	int stopped;
};

/* Wait until the stopped child is off the CPU, as a ptrace engine does. */
int pt_wait_inactive(struct pt_child *c)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(c->task, c->engine, &exam); // pins-note {{examine window on 'c->task' opened here by utrace_prepare_examine()}}
	if (ret)
		return ret;
	c->stopped = 1;
	return 0; // pins-warning {{examine window opened by utrace_prepare_examine() is not closed by utrace_finish_examine() on this path (prepare pins the task) [UT-WIN-003]}}
}

/* Both contracts: a finish with no prepare compares against nothing. */
int pt_finish_only(struct pt_child *c)
{
	struct utrace_examiner exam = { 0 };

	return utrace_finish_examine(c->task, c->engine, &exam); // pins-warning {{utrace_finish_examine() on 'c->task' without a successful utrace_prepare_examine() on this path [UT-WIN-003]}} waits-warning {{utrace_finish_examine() on 'c->task' without a successful utrace_prepare_examine() on this path [UT-WIN-003]}}
}
