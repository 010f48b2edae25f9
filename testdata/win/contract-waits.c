// UT-WIN-003 under the historical examine contract (--contract=waits):
// prepare only waits until the thread is off the CPU and pins nothing, so a
// ptrace-like engine that calls it as a wait owes no finish. A finish with
// no prepare is still reported. The same file under the default contract
// ("pins") reports the missing finish; see the second RUN line.
//
// RUN: %verify --contract=waits %s -- %kflags
// RUN: not %utrace-check --contract=pins %s -- %kflags 2>&1 | FileCheck %s --check-prefix=PINS
// PINS: contract-waits.c:[[@LINE+14]]:{{.*}}not closed by utrace_finish_examine() on this path (prepare pins the task) [UT-WIN-003]

#include <linux/kernel.h>
#include <linux/utrace.h>

struct ptl_child {
	struct task_struct *task;
	struct utrace_engine *engine;
};

int ok_prepare_used_as_a_wait(struct ptl_child *c)
{
	struct utrace_examiner exam;

	return utrace_prepare_examine(c->task, c->engine, &exam);
}

int bad_finish_without_prepare_in_waits(struct ptl_child *c)
{
	struct utrace_examiner exam = { 0 };

	return utrace_finish_examine(c->task, c->engine, &exam); // expected-warning {{utrace_finish_examine() on 'c->task' without a successful utrace_prepare_examine() on this path [UT-WIN-003]}}
}
