// UT-WIN-002: utrace_finish_examine()'s answer decides whether what was read
// in the window is valid. A ptrace-like engine's register and state peeks.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/utrace.h>

struct peek_req {
	struct task_struct *task;
	struct utrace_engine *engine;
	long value;
};

long bad_finish_result_ignored(struct peek_req *r)
{
	struct utrace_examiner exam;
	long state;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	state = r->task->state;
	utrace_finish_examine(r->task, r->engine, &exam); // expected-warning {{ignoring return value of function declared with 'warn_unused_result' attribute}} expected-warning {{result of utrace_finish_examine() on 'r->task' ignored; when it is non-zero the values read in the window are stale [UT-WIN-002]}}
	return state;
}

long bad_finish_result_cast_to_void(struct peek_req *r)
{
	struct utrace_examiner exam;
	long state;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	state = r->task->state;
	(void)utrace_finish_examine(r->task, r->engine, &exam); // expected-warning {{result of utrace_finish_examine() on 'r->task' ignored; when it is non-zero the values read in the window are stale [UT-WIN-002]}}
	return state;
}

long bad_stale_value_returned(struct peek_req *r)
{
	struct utrace_examiner exam;
	long state;
	int ret;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	state = r->task->state;
	ret = utrace_finish_examine(r->task, r->engine, &exam); // expected-note {{utrace_finish_examine() returned non-zero: the thread ran, what was read in the window is stale}}
	if (ret == -ESRCH) // expected-note {{assuming the condition is false}}
		return ret;
	return state; // expected-warning {{value read in the examine window returned although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
}

void bad_stale_value_stored(struct peek_req *r)
{
	struct utrace_examiner exam;
	long code;
	int ret;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return;
	code = r->task->exit_code;
	ret = utrace_finish_examine(r->task, r->engine, &exam); // expected-note {{utrace_finish_examine() returned non-zero: the thread ran, what was read in the window is stale}}
	r->value = code; // expected-warning {{value read in the examine window stored outside the function although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
	if (ret)
		pr_debug("peek raced with the tracee\n");
}

int bad_stale_pt_regs_value_printed(struct peek_req *r)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	ip = task_pt_regs(r->task)->ip;
	ret = utrace_finish_examine(r->task, r->engine, &exam); // expected-note {{utrace_finish_examine() returned non-zero: the thread ran, what was read in the window is stale}}
	pr_info("tracee at %lx\n", ip); // expected-warning {{value read in the examine window passed to printk() although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
	return ret;
}

long ok_value_used_only_when_finish_succeeds(struct peek_req *r)
{
	struct utrace_examiner exam;
	long state;
	int ret;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	state = r->task->state;
	ret = utrace_finish_examine(r->task, r->engine, &exam);
	if (ret)
		return ret;
	r->value = state;
	return 0;
}

/* A retry loop on -EAGAIN: read again until the thread stayed put. */
long ok_retry_loop_on_eagain(struct peek_req *r)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	do {
		ret = utrace_prepare_examine(r->task, r->engine, &exam);
		if (ret)
			return ret;
		ip = task_pt_regs(r->task)->ip;
		ret = utrace_finish_examine(r->task, r->engine, &exam);
	} while (ret == -EAGAIN);
	if (ret)
		return ret;
	return ip;
}

long bad_retry_loop_uses_stale_value_on_esrch(struct peek_req *r)
{
	struct utrace_examiner exam;
	long state;
	int ret;

	do {
		ret = utrace_prepare_examine(r->task, r->engine, &exam);
		if (ret)
			return ret;
		state = r->task->state;
		ret = utrace_finish_examine(r->task, r->engine, &exam); // expected-note {{utrace_finish_examine() returned non-zero: the thread ran, what was read in the window is stale}}
	} while (ret == -EAGAIN); // expected-note {{assuming the condition is false}}
	pr_debug("state %ld\n", state); // expected-warning {{value read in the examine window passed to printk() although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
	return ret;
}

/* Values not read in the window are not stale. */
long ok_unrelated_value_after_failed_finish(struct peek_req *r, long cookie)
{
	struct utrace_examiner exam;
	int ret;

	if (utrace_prepare_examine(r->task, r->engine, &exam))
		return -EAGAIN;
	r->value = r->task->state;
	ret = utrace_finish_examine(r->task, r->engine, &exam);
	pr_debug("cookie %ld\n", cookie);
	return ret;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: *: stopped
// runtime: bad_finish_result_ignored: inject utrace_finish_examine=-EAGAIN
// runtime: bad_finish_result_ignored: resume
// runtime: bad_finish_result_cast_to_void: inject utrace_finish_examine=-EAGAIN
// runtime: bad_finish_result_cast_to_void: resume
// runtime: bad_stale_value_returned: inject utrace_finish_examine=-EAGAIN
// runtime: bad_stale_value_returned: resume
// runtime: bad_stale_value_stored: inject utrace_finish_examine=-EAGAIN
// runtime: bad_stale_value_stored: resume
// runtime: bad_stale_pt_regs_value_printed: inject utrace_finish_examine=-EAGAIN
// runtime: bad_stale_pt_regs_value_printed: resume
// runtime: bad_retry_loop_uses_stale_value_on_esrch: inject utrace_finish_examine=-ESRCH
// runtime: bad_retry_loop_uses_stale_value_on_esrch: static-only: the stale value follows -ESRCH (thread gone or engine detached); the runtime's UT-WIN-002 follows an -EAGAIN that is ignored until a resume
// runtime: ok_retry_loop_on_eagain: inject utrace_finish_examine=-EAGAIN
// runtime: ok_retry_loop_on_eagain: resume
