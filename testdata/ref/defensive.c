// UT-REF-004 and defensive checks: a NULL test next to IS_ERR() of the same
// pointer, in either order, or IS_ERR_OR_NULL(), is redundant for an attach
// result but not wrong. A bare NULL test stays a finding. In the style of a
// module that wraps attach in compatibility macros.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops mon_ops;

#define mon_attach(task, flags) utrace_attach_task((task), (flags), &mon_ops, NULL)
#define mon_engine_ok(e) ((e) && !IS_ERR(e))

struct mon_slot {
	struct task_struct *task;
	struct utrace_engine *engine;
};

int ok_nonnull_and_not_err(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);
	int ret = -ESRCH;

	if (engine && !IS_ERR(engine)) {
		ret = utrace_control(task, engine, UTRACE_RESUME);
		utrace_engine_put(engine);
	}
	return ret;
}

int ok_null_or_err(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);
	int ret;

	if (!engine || IS_ERR(engine))
		return -ESRCH;
	ret = utrace_control(task, engine, UTRACE_RESUME);
	utrace_engine_put(engine);
	return ret;
}

int ok_err_or_null_reversed(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);

	if (IS_ERR(engine) || engine == NULL)
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int ok_defensive_macro(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);

	if (!mon_engine_ok(engine))
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int ok_unlikely_defensive(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);

	if (unlikely(!engine || IS_ERR(engine)))
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int ok_defensive_through_field(struct mon_slot *s)
{
	s->engine = mon_attach(s->task, UTRACE_ATTACH_CREATE);
	if (s->engine == NULL || IS_ERR(s->engine)) {
		s->engine = NULL;
		return -ENOMEM;
	}
	utrace_engine_put(s->engine);
	return 0;
}

int ok_is_err_or_null(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS);

	if (IS_ERR_OR_NULL(engine))
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int bad_bare_null_test(struct task_struct *task)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS); // expected-note {{engine reference acquired here by utrace_attach_task()}}

	if (!engine) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

/* IS_ERR() of another engine does not make a NULL test defensive. */
int bad_null_test_next_to_other_is_err(struct task_struct *task,
				       struct utrace_engine *known)
{
	struct utrace_engine *engine = mon_attach(task, UTRACE_ATTACH_MATCH_OPS); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	int ret = 0;

	if (!engine || IS_ERR(known)) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		ret = -ESRCH;
	utrace_engine_put(engine);
	return ret;
}
