// UT-REF-008: the result of a utrace call that reports failures
// (must_check in rules/api/utrace.yaml) is thrown away. In the style of a
// tracer that stops, inspects and resumes threads. The compiler's own
// unused-result warning on the __must_check declarations is turned off so
// that only the rule speaks: with real headers both appear.
//
// RUN: %verify %s -- %kflags -Wno-unused-result

#include <linux/kernel.h>
#include <linux/utrace.h>

struct tracee {
	struct task_struct *task;
	struct utrace_engine *engine;
	bool stopped;
};

void bad_set_events_ignored(struct tracee *t)
{
	utrace_set_events(t->task, t->engine, UTRACE_EVENT(EXEC)); // expected-warning {{result of utrace_set_events() is ignored; it fails with -ESRCH, -EALREADY, -EINPROGRESS: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}}
	t->stopped = false;
}

int ok_set_events_checked(struct tracee *t)
{
	int ret = utrace_set_events(t->task, t->engine, UTRACE_EVENT(EXEC));

	if (ret)
		return ret;
	t->stopped = false;
	return 0;
}

/* A deliberate ignore says so. */
void ok_resume_void_cast(struct tracee *t)
{
	(void)utrace_control(t->task, t->engine, UTRACE_RESUME);
	t->stopped = false;
}

/* The body of an if without braces is a statement too. */
void bad_control_in_if_body(struct tracee *t, bool stop)
{
	if (stop)
		utrace_control(t->task, t->engine, UTRACE_STOP); // expected-warning {{result of utrace_control() is ignored; it fails with -ESRCH, -EALREADY, -EINPROGRESS, -EINVAL: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}}
	t->stopped = stop;
}

/* The left side of a comma is discarded. */
int bad_barrier_left_of_comma(struct tracee *t)
{
	int done;

	done = (utrace_barrier(t->task, t->engine), 1); // expected-warning {{result of utrace_barrier() is ignored; it fails with -ESRCH, -ERESTARTSYS: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}}
	return done;
}

/* Retrying while the wait was interrupted: the result is read. */
int ok_barrier_retried(struct tracee *t)
{
	int ret;

	do {
		ret = utrace_barrier(t->task, t->engine);
	} while (ret == -ERESTARTSYS);
	return ret;
}

/* Ignoring -EINPROGRESS after asking for a stop is handling the result. */
int ok_stop_in_progress_accepted(struct tracee *t)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	if (ret && ret != -EINPROGRESS)
		return ret;
	t->stopped = true;
	return 0;
}

/* Used as a condition, passed on, returned: all read the result. */
int ok_result_in_condition(struct tracee *t)
{
	if (utrace_control(t->task, t->engine, UTRACE_INTERRUPT))
		return -ESRCH;
	return utrace_set_events(t->task, t->engine, 0);
}

/* Under a constant-false condition: dead code is not judged. */
#define TRACEE_ALWAYS_RESUME 0

void ok_dead_debug_resume(struct tracee *t)
{
	if (TRACEE_ALWAYS_RESUME)
		utrace_control(t->task, t->engine, UTRACE_RESUME);
	t->stopped = true;
}

/* A call that reports nothing (void) is no finding. */
void ok_put_returns_nothing(struct tracee *t)
{
	utrace_engine_put(t->engine);
}
