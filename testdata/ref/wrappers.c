// UT-REF-001/002/003 through wrappers defined in the same file, and through
// macro aliases: the analyzer inlines the helpers, so the reference is
// followed into and out of them. In the style of an instruction tracer.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops itrace_ops;

/* Compatibility-header style aliases. */
#define itrace_attach(task, flags, data) \
	utrace_attach_task((task), (flags), &itrace_ops, (data))
#define itrace_put utrace_engine_put

struct itrace_state {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long steps;
};

static struct utrace_engine *itrace_get_engine(struct task_struct *task,
					       struct itrace_state *st)
{
	return utrace_attach_task(task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE, // expected-note {{engine reference acquired here by utrace_attach_task()}}
				  &itrace_ops, st);
}

static struct utrace_engine *itrace_find_engine(struct task_struct *task)
{
	return utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &itrace_ops, NULL); // expected-note 2 {{engine reference acquired here by utrace_attach_task()}}
}

static void itrace_drop(struct utrace_engine *engine)
{
	utrace_engine_put(engine); // expected-note {{last engine reference released here}} expected-note {{engine reference released here}}
}

int bad_leak_through_attach_wrapper(struct task_struct *task,
				    struct itrace_state *st)
{
	struct utrace_engine *engine;

	engine = itrace_get_engine(task, st); // expected-note {{calling 'itrace_get_engine'}} expected-note {{returning from 'itrace_get_engine'}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	if (utrace_control(task, engine, UTRACE_SINGLESTEP)) // expected-note {{assuming the condition is true}}
		return -EIO; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	itrace_drop(engine);
	return 0;
}

int ok_balanced_through_wrappers(struct task_struct *task,
				 struct itrace_state *st)
{
	struct utrace_engine *engine;
	int ret;

	engine = itrace_get_engine(task, st);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_SINGLESTEP);
	itrace_drop(engine);
	return ret;
}

int ok_lookup_wrapper_then_put(struct task_struct *task)
{
	struct utrace_engine *engine = itrace_find_engine(task);
	int ret;

	if (IS_ERR(engine))
		return PTR_ERR(engine) == -ENOENT ? 0 : PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_DETACH);
	itrace_drop(engine);
	return ret == -ESRCH || ret == -EALREADY ? 0 : ret;
}

int bad_leak_lookup_wrapper(struct task_struct *task)
{
	struct utrace_engine *engine = itrace_find_engine(task); // expected-note {{calling 'itrace_find_engine'}} expected-note {{returning from 'itrace_find_engine'}}

	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return 0;
	engine->data = NULL;
	return 1; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

int bad_use_after_put_in_wrapper(struct task_struct *task)
{
	struct utrace_engine *engine = itrace_find_engine(task); // expected-note {{calling 'itrace_find_engine'}} expected-note {{returning from 'itrace_find_engine'}}

	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	itrace_drop(engine); // expected-note {{calling 'itrace_drop'}} expected-note {{returning from 'itrace_drop'}}
	return utrace_control(task, engine, UTRACE_RESUME); // expected-warning {{engine passed to utrace_control() after its last reference was dropped by utrace_engine_put() [UT-REF-002]}}
}

int bad_double_put_through_wrapper(struct itrace_state *st)
{
	itrace_drop(st->engine); // expected-note {{calling 'itrace_drop'}} expected-note {{returning from 'itrace_drop'}}
	utrace_engine_put(st->engine); // expected-warning {{utrace_engine_put() called twice on the same engine reference [UT-REF-003]}}
	return 0;
}

int bad_leak_through_macro_alias(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = itrace_attach(task, UTRACE_ATTACH_CREATE, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	return utrace_set_events(task, engine, UTRACE_EVENT(SYSCALL_ENTRY)); // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

int ok_balanced_through_macro_alias(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = itrace_attach(task, UTRACE_ATTACH_CREATE, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(SYSCALL_ENTRY));
	itrace_put(engine);
	return ret;
}

/* A helper that consumes the reference it is given. */
static int itrace_detach_and_put(struct task_struct *task,
				 struct utrace_engine *engine)
{
	int ret = utrace_control(task, engine, UTRACE_DETACH);

	utrace_engine_put(engine);
	return ret;
}

int ok_reference_consumed_by_helper(struct task_struct *task)
{
	struct utrace_engine *engine = itrace_find_engine(task);

	if (IS_ERR(engine))
		return PTR_ERR(engine);
	return itrace_detach_and_put(task, engine);
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_leak_through_attach_wrapper: no-engine
// runtime: bad_leak_through_attach_wrapper: inject utrace_control=-EIO
// runtime: ok_balanced_through_wrappers: no-engine
