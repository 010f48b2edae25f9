// UT-REF-001: engine references that are not released on some path.
// Written in the style of a task-finder module: it attaches to threads it
// is told about, configures events and keeps or drops its engine.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops finder_ops;

struct finder_target {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long events;
};

static struct utrace_engine *finder_global_engine;

int bad_leak_when_set_events_fails(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	if (ret) // expected-note {{assuming 'ret' is not equal to 0}}
		return ret; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	utrace_engine_put(engine);
	return 0;
}

int ok_put_on_every_path(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	utrace_engine_put(engine);
	return ret;
}

int ok_put_on_error_path_with_goto(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXIT));
	if (ret)
		goto out;
	ret = utrace_control(task, engine, UTRACE_REPORT);
out:
	utrace_engine_put(engine);
	return ret;
}

int bad_leak_never_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	return 0; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

int ok_error_branch_holds_no_reference(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &finder_ops, NULL);
	if (IS_ERR(engine)) {
		pr_debug("no engine: %ld\n", PTR_ERR(engine));
		return -ENOENT;
	}
	utrace_engine_put(engine);
	return 0;
}

int bad_leak_lookup_without_create(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	/* A lookup (no CREATE) still hands the caller a counted reference. */
	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return 0;
	/* Detaching does not drop the caller's reference; reported where
	 * the engine is last used. */
	ret = utrace_control(task, engine, UTRACE_DETACH); // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	return ret;
}

int bad_leak_from_attach_pid(struct pid *pid)
{
	struct utrace_engine *engine;

	engine = utrace_attach_pid(pid, UTRACE_ATTACH_CREATE, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_pid()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	if (utrace_set_events_pid(pid, engine, UTRACE_EVENT(DEATH))) // expected-note {{assuming the condition is true}}
		return -ESRCH; // expected-warning {{engine reference from utrace_attach_pid() is not released on this path [UT-REF-001]}}
	utrace_engine_put(engine);
	return 0;
}

int bad_leak_after_allocation_failure(struct task_struct *task)
{
	struct utrace_engine *engine;
	struct finder_target *t;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t) // expected-note {{assuming 't' is null}}
		return -ENOMEM; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	t->task = task;
	t->engine = engine;
	return 0;
}

int ok_reference_stored_in_structure(struct task_struct *task,
				     struct finder_target *t)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, t);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	/* Handed over: ok_release_stored_reference() puts it later. */
	t->engine = engine;
	t->task = task;
	return 0;
}

int ok_reference_stored_in_global(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	finder_global_engine = engine;
	return 0;
}

/* What makes the store above a hand-over: teardown puts the global,
 * through a local alias. */
void ok_release_global_reference(void)
{
	struct utrace_engine *engine = finder_global_engine;

	finder_global_engine = NULL;
	if (engine)
		utrace_engine_put(engine);
}

struct utrace_engine *ok_reference_returned_to_caller(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return engine;
	if (utrace_set_events(task, engine, UTRACE_EVENT(CLONE)))
		pr_warn("events not set\n");
	return engine;
}

void ok_release_stored_reference(struct finder_target *t)
{
	utrace_engine_put(t->engine);
	t->engine = NULL;
}

int ok_panic_path_is_quiet(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		panic("utrace finder: cannot attach: %ld\n", PTR_ERR(engine));
	if (utrace_set_events(task, engine, UTRACE_EVENT(EXEC)))
		panic("utrace finder: cannot set events\n");
	utrace_engine_put(engine);
	return 0;
}

int ok_bug_path_is_quiet(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	BUG_ON(utrace_set_events(task, engine, UTRACE_EVENT(EXEC)) == -EINVAL);
	utrace_engine_put(engine);
	return 0;
}

int bad_leak_of_extra_get(struct finder_target *t)
{
	int ret;

	utrace_engine_get(t->engine); // expected-note {{engine reference taken here by utrace_engine_get()}}
	ret = utrace_control(t->task, t->engine, UTRACE_STOP);
	if (ret == -EINPROGRESS) // expected-note {{assuming the condition is true}}
		return 0; // expected-warning {{engine reference from utrace_engine_get() is not released on this path [UT-REF-001]}}
	utrace_engine_put(t->engine);
	return ret;
}

int ok_get_and_put_balanced(struct finder_target *t)
{
	int ret;

	utrace_engine_get(t->engine);
	ret = utrace_barrier(t->task, t->engine);
	utrace_engine_put(t->engine);
	return ret;
}

int ok_attach_in_loop_each_put(struct task_struct **tasks, int n)
{
	int i, attached = 0;

	for (i = 0; i < n; i++) {
		struct utrace_engine *engine;

		engine = utrace_attach_task(tasks[i], UTRACE_ATTACH_CREATE, &finder_ops, NULL);
		if (IS_ERR(engine))
			continue;
		if (!utrace_set_events(tasks[i], engine, UTRACE_EVENT(EXEC)))
			attached++;
		utrace_engine_put(engine);
	}
	return attached;
}

int bad_leak_in_loop_on_break(struct task_struct **tasks, int n)
{
	int i;

	for (i = 0; i < n; i++) { // expected-note {{assuming 'i' is < 'n'}}
		struct utrace_engine *engine;

		engine = utrace_attach_task(tasks[i], UTRACE_ATTACH_CREATE, &finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
		if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
			return PTR_ERR(engine);
		if (utrace_set_events(tasks[i], engine, UTRACE_EVENT(EXEC))) // expected-note {{assuming the condition is true}}
			break;
		utrace_engine_put(engine);
	}
	return i; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_leak_when_set_events_fails: inject utrace_set_events=-ESRCH
// runtime: bad_leak_from_attach_pid: inject utrace_set_events_pid=-ESRCH
// runtime: bad_leak_after_allocation_failure: inject kzalloc=NULL
// runtime: bad_leak_of_extra_get: inject utrace_control=-EINPROGRESS
// runtime: bad_leak_in_loop_on_break: set n=2
// runtime: bad_leak_in_loop_on_break: inject utrace_set_events=-ESRCH
// runtime: ok_attach_in_loop_each_put: set n=2
