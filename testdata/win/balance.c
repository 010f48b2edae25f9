// UT-WIN-003: every successful utrace_prepare_examine() reaches a
// utrace_finish_examine() (the reference implementation's contract: prepare
// pins the task, finish unpins it), and no finish comes without a prepare.
// A task finder that samples the threads it follows.
//
// The header simulator's utrace.h is not the reference implementation's,
// so the contract is named (it would be detected from the reference header).
//
// RUN: %verify --contract=pins %s -- %kflags

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct tf_thread {
	struct task_struct *task;
	struct utrace_engine *engine;
	long *samples;
	int nr;
};

int bad_window_left_open_on_error_path(struct tf_thread *th)
{
	struct utrace_examiner exam;
	long *buf;
	int ret;

	ret = utrace_prepare_examine(th->task, th->engine, &exam); // expected-note {{examine window on 'th->task' opened here by utrace_prepare_examine()}}
	if (ret)
		return ret;
	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) // expected-note {{assuming 'buf' is null}}
		return -ENOMEM; // expected-warning {{examine window opened by utrace_prepare_examine() is not closed by utrace_finish_examine() on this path (prepare pins the task) [UT-WIN-003]}}
	buf[0] = th->task->state;
	ret = utrace_finish_examine(th->task, th->engine, &exam);
	if (ret) {
		kfree(buf);
		return ret;
	}
	th->samples = buf;
	return 0;
}

int ok_window_closed_on_error_path(struct tf_thread *th)
{
	struct utrace_examiner exam;
	long *buf;
	int ret;

	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = utrace_prepare_examine(th->task, th->engine, &exam);
	if (ret)
		goto out_free;
	buf[0] = th->task->state;
	ret = utrace_finish_examine(th->task, th->engine, &exam);
	if (ret)
		goto out_free;
	th->samples = buf;
	return 0;
out_free:
	kfree(buf);
	return ret;
}

int bad_finish_without_prepare_on_failure_path(struct tf_thread *th)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(th->task, th->engine, &exam);
	if (ret)
		goto out;
	th->nr = th->task->exit_code;
out:
	return utrace_finish_examine(th->task, th->engine, &exam); // expected-warning {{utrace_finish_examine() on 'th->task' without a successful utrace_prepare_examine() on this path [UT-WIN-003]}}
}

int bad_finish_without_any_prepare(struct tf_thread *th)
{
	struct utrace_examiner exam = { 0 };

	return utrace_finish_examine(th->task, th->engine, &exam); // expected-warning {{utrace_finish_examine() on 'th->task' without a successful utrace_prepare_examine() on this path [UT-WIN-003]}}
}

/* Retrying prepare while the thread is still running. */
int ok_prepare_retried_on_eagain(struct tf_thread *th)
{
	struct utrace_examiner exam;
	long state;
	int ret, tries = 0;

	do {
		ret = utrace_prepare_examine(th->task, th->engine, &exam);
	} while (ret == -EAGAIN && ++tries < 3);
	if (ret)
		return ret;
	state = th->task->state;
	ret = utrace_finish_examine(th->task, th->engine, &exam);
	if (ret)
		return ret;
	th->nr = state;
	return 0;
}

/* Closed in a helper of the same file. */
static int tf_close(struct tf_thread *th, struct utrace_examiner *exam)
{
	return utrace_finish_examine(th->task, th->engine, exam);
}

int ok_window_closed_by_helper(struct tf_thread *th)
{
	struct utrace_examiner exam;
	long state;

	if (utrace_prepare_examine(th->task, th->engine, &exam))
		return -EAGAIN;
	state = th->task->state;
	if (tf_close(th, &exam))
		return -EAGAIN;
	th->nr = state;
	return 0;
}

int bad_early_return_inside_window(struct tf_thread *th)
{
	struct utrace_examiner exam;

	if (utrace_prepare_examine(th->task, th->engine, &exam)) // expected-note {{examine window on 'th->task' opened here by utrace_prepare_examine()}}
		return -EAGAIN;
	if (th->task->exit_state) // expected-note {{assuming field 'exit_state' is not equal to 0}}
		return -ESRCH; // expected-warning {{examine window opened by utrace_prepare_examine() is not closed by utrace_finish_examine() on this path (prepare pins the task) [UT-WIN-003]}}
	return utrace_finish_examine(th->task, th->engine, &exam);
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: *: stopped
// runtime: bad_window_left_open_on_error_path: inject kmalloc=NULL
// runtime: bad_finish_without_prepare_on_failure_path: inject utrace_prepare_examine=-EAGAIN
// runtime: bad_early_return_inside_window: not-runnable: the path needs the thread to become a zombie between a successful prepare (which needs it alive) and the next line
