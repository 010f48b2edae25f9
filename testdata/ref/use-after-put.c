// UT-REF-002 (use after the last put) and UT-REF-003 (double put).
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops watch_ops;

struct watch {
	struct task_struct *task;
	struct utrace_engine *engine;
	int hits;
};

int bad_control_after_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	utrace_engine_put(engine); // expected-note {{last engine reference released here}}
	return utrace_control(task, engine, UTRACE_DETACH); // expected-warning {{engine passed to utrace_control() after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
}

int ok_control_then_put(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_DETACH);
	utrace_engine_put(engine);
	return ret;
}

int bad_data_read_after_put(struct task_struct *task)
{
	struct utrace_engine *engine;
	struct watch *w;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	utrace_engine_put(engine); // expected-note {{last engine reference released here}}
	w = engine->data; // expected-warning {{engine member read after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
	return w ? w->hits : 0;
}

int ok_data_read_before_put(struct task_struct *task)
{
	struct utrace_engine *engine;
	struct watch *w;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	w = engine->data;
	utrace_engine_put(engine);
	return w ? w->hits : 0;
}

int bad_set_events_after_caller_reference_dropped(struct watch *w)
{
	/* w->engine is the caller's reference; after the put it may be gone. */
	utrace_engine_put(w->engine); // expected-note {{engine reference released here}}
	return utrace_set_events(w->task, w->engine, 0); // expected-warning {{engine passed to utrace_set_events() after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
}

int ok_use_while_extra_reference_held(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_get(engine);
	utrace_engine_put(engine);
	/* One reference is still ours. */
	ret = utrace_control(task, engine, UTRACE_RESUME);
	utrace_engine_put(engine);
	return ret;
}

int bad_get_after_last_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	utrace_engine_put(engine); // expected-note {{last engine reference released here}}
	utrace_engine_get(engine); // expected-warning {{engine passed to utrace_engine_get() after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
	utrace_engine_put(engine);
	return 0;
}

int bad_use_after_put_on_one_branch(struct task_struct *task, int quick)
{
	struct utrace_engine *engine;
	int ret = 0;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	if (quick) // expected-note {{assuming 'quick' is not equal to 0}}
		utrace_engine_put(engine); // expected-note {{last engine reference released here}}
	else
		ret = utrace_set_events(task, engine, UTRACE_EVENT(EXIT));
	ret = utrace_barrier(task, engine); // expected-warning {{engine passed to utrace_barrier() after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
	if (!quick)
		utrace_engine_put(engine);
	return ret;
}

int bad_double_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	utrace_engine_put(engine); // expected-note {{last engine reference released here}}
	utrace_engine_put(engine); // expected-warning {{utrace_engine_put() called twice on the same engine reference [UT-REF-003]}}
	return 0;
}

int bad_double_put_on_error_path(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_STOP);
	if (ret && ret != -EINPROGRESS) { // expected-note {{assuming 'ret' is not equal to 0}} expected-note {{assuming the condition is true}}
		utrace_engine_put(engine); // expected-note {{last engine reference released here}}
		goto out;
	}
	ret = 0;
out:
	utrace_engine_put(engine); // expected-warning {{utrace_engine_put() called twice on the same engine reference [UT-REF-003]}}
	return ret;
}

int ok_put_once_per_reference(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &watch_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_get(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine);
	return 0;
}

void bad_double_put_of_stored_engine(struct watch *w)
{
	utrace_engine_put(w->engine); // expected-note {{engine reference released here}}
	if (w->hits > 10) // expected-note {{assuming field 'hits' is > 10}}
		utrace_engine_put(w->engine); // expected-warning {{utrace_engine_put() called twice on the same engine reference [UT-REF-003]}}
}

void ok_put_stored_engine_and_clear(struct watch *w)
{
	if (w->engine) {
		utrace_engine_put(w->engine);
		w->engine = NULL;
	}
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_data_read_after_put: static-only: a plain engine->data read is not a checked call (the runtime only sees entry points)
// runtime: bad_use_after_put_on_one_branch: set quick=1
// runtime: bad_double_put_on_error_path: inject utrace_control=-ESRCH
// runtime: bad_double_put_of_stored_engine: set w->hits=11
