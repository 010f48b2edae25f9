// Idioms of shipped tracing engines that must stay quiet when they are
// correct (utrace-api.md, "Idioms real engines use"), next to the ways they
// go wrong. In the style of a ptrace-like engine.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops ptrace_like_ops;

struct tracee {
	struct task_struct *task;
	pid_t pid;
};

/* Attach, configure, put: the attachment itself keeps the engine alive. */
static int ptl_attach(struct tracee *t)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE |
				    UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, t);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(t->task, engine,
				UTRACE_EVENT(QUIESCE) | UTRACE_EVENT(REAP) |
				UTRACE_EVENT_SIGNAL_ALL);
	utrace_engine_put(engine);
	return ret;
}

int ok_attach_configure_put(struct tracee *t)
{
	return ptl_attach(t);
}

/* Look the engine up again later (a counted reference), act, put. */
int ok_lookup_detach_put(struct tracee *t)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(t->task, engine, UTRACE_DETACH);
	utrace_engine_put(engine);
	if (ret == -ESRCH || ret == -EALREADY)
		ret = 0; /* already gone: fine */
	return ret;
}

int bad_detach_does_not_drop_reference(struct tracee *t)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	return utrace_control(t->task, engine, UTRACE_DETACH); // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

/* Stop the thread; -EINPROGRESS just means "not yet". */
int ok_stop_ignoring_einprogress(struct tracee *t)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(t->task, engine, UTRACE_STOP);
	if (ret == -EINPROGRESS)
		ret = 0;
	utrace_engine_put(engine);
	return ret;
}

/* Retry utrace_barrier() while it is interrupted. */
int ok_barrier_retry_loop(struct tracee *t)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	do {
		ret = utrace_barrier(t->task, engine);
	} while (ret == -ERESTARTSYS);
	utrace_engine_put(engine);
	return ret;
}

/* The _pid variants: a struct pid reference instead of a task reference. */
int ok_pid_variants(struct tracee *t)
{
	struct pid *pid = find_get_pid(t->pid);
	struct utrace_engine *engine;
	int ret;

	if (!pid)
		return -ESRCH;
	engine = utrace_attach_pid(pid, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR(engine)) {
		put_pid(pid);
		return PTR_ERR(engine);
	}
	ret = utrace_control_pid(pid, engine, UTRACE_RESUME);
	utrace_engine_put(engine);
	put_pid(pid);
	return ret;
}

/* An engine pointer that lives in the tracer's own state: take an extra
 * reference around a call that may sleep. */
struct ptl_session {
	struct tracee t;
	struct utrace_engine *engine;
};

int ok_extra_reference_around_barrier(struct ptl_session *s)
{
	struct utrace_engine *engine = s->engine;
	int ret;

	utrace_engine_get(engine);
	ret = utrace_barrier(s->t.task, engine);
	utrace_engine_put(engine);
	return ret;
}

int bad_extra_reference_leaks_on_error(struct ptl_session *s)
{
	struct utrace_engine *engine = s->engine;
	int ret;

	utrace_engine_get(engine); // expected-note {{engine reference taken here by utrace_engine_get()}}
	ret = utrace_barrier(s->t.task, engine);
	if (ret == -ERESTARTSYS) // expected-note {{assuming the condition is true}}
		return ret; // expected-warning {{engine reference from utrace_engine_get() is not released on this path [UT-REF-001]}}
	utrace_engine_put(engine);
	return ret;
}

/* IS_ERR_OR_NULL is redundant for attach results but not wrong. */
int ok_is_err_or_null(struct tracee *t)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR_OR_NULL(engine))
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

/* Redundant NULL test after IS_ERR has ruled out an error pointer. */
int ok_null_test_after_is_err(struct tracee *t)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &ptrace_like_ops, NULL);
	if (IS_ERR(engine) || !engine)
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

/* Two engines on one thread, each balanced. */
int ok_two_engines(struct tracee *t, const struct utrace_engine_ops *other)
{
	struct utrace_engine *a, *b;
	int ret = 0;

	a = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE, &ptrace_like_ops, NULL);
	if (IS_ERR(a))
		return PTR_ERR(a);
	b = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE, other, NULL);
	if (IS_ERR(b)) {
		ret = PTR_ERR(b);
		goto put_a;
	}
	ret = utrace_set_events(t->task, b, UTRACE_EVENT(EXEC));
	utrace_engine_put(b);
put_a:
	utrace_engine_put(a);
	return ret;
}

int bad_second_engine_error_path_leaks_first(struct tracee *t,
					     const struct utrace_engine_ops *other)
{
	struct utrace_engine *a, *b;

	a = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE, &ptrace_like_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(a)) // expected-note {{assuming 'a' is not an error pointer}}
		return PTR_ERR(a);
	b = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE, other, NULL);
	if (IS_ERR(b))
		return PTR_ERR(b); // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	utrace_engine_put(b);
	utrace_engine_put(a);
	return 0;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_extra_reference_leaks_on_error: inject utrace_barrier=-ERESTARTSYS
// runtime: ok_attach_configure_put: no-engine
// runtime: ok_two_engines: no-engine
// runtime: bad_second_engine_error_path_leaks_first: no-engine
// runtime: bad_second_engine_error_path_leaks_first: inject utrace_attach_task#2=-ENOMEM
