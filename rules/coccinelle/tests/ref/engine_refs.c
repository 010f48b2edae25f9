// SPDX-License-Identifier: GPL-2.0
/*
 * Engine reference rules (UT-REF-*): a small tracing module, one good and
 * one bad function per case.  Expected findings are marked on the line the
 * rule reports, as a comment "cocci: <id>".
 */
#include <linux/utrace.h>

struct tracer {
	struct utrace_engine *engine;
	struct task_struct *task;
};

static struct utrace_engine *global_engine;
static const struct utrace_engine_ops tracer_ops;

/* UT-REF-001 ---------------------------------------------------------- */

int bad_leak_on_error_path(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	if (ret)
		return ret; /* cocci: UT-REF-001 */
	utrace_engine_put(engine);
	return 0;
}

int bad_never_put(struct pid *pid)
{
	struct utrace_engine *engine;

	engine = utrace_attach_pid(pid, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	pr_info("found engine\n");
	return 0; /* cocci: UT-REF-001 */
}

int ok_put_on_every_path(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXEC));
	if (ret)
		goto out;
	ret = utrace_control(task, engine, UTRACE_STOP);
out:
	utrace_engine_put(engine);
	return ret;
}

int ok_handed_to_struct(struct tracer *tr)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(tr->task, UTRACE_ATTACH_CREATE, &tracer_ops, tr);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	tr->engine = engine;
	return 0;
}

int ok_handed_to_global(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	global_engine = engine;
	return 0;
}

struct utrace_engine *ok_returned_to_caller(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return engine;
	utrace_set_events(task, engine, UTRACE_EVENT(EXIT)); /* cocci: UT-REF-008 */
	return engine;
}

int ok_not_is_err_block(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret = -ESRCH;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (!IS_ERR(engine)) {
		ret = utrace_control(task, engine, UTRACE_DETACH);
		utrace_engine_put(engine);
	}
	return ret;
}

int bad_get_without_put(struct tracer *tr)
{
	struct utrace_engine *engine = tr->engine;

	utrace_engine_get(engine);
	if (utrace_control(tr->task, engine, UTRACE_STOP))
		return -EAGAIN; /* cocci: UT-REF-001 */
	utrace_engine_put(engine);
	return 0;
}

/* UT-REF-003 ---------------------------------------------------------- */

void bad_put_twice(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return;
	if (utrace_control(task, engine, UTRACE_DETACH))
		utrace_engine_put(engine);
	utrace_engine_put(engine); /* cocci: UT-REF-003 */
}

void ok_put_after_get(struct tracer *tr)
{
	struct utrace_engine *engine = tr->engine;

	utrace_engine_get(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine);
	tr->engine = NULL;
}

void ok_put_then_lookup_again(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return;
	utrace_engine_put(engine);
	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return;
	utrace_control(task, engine, UTRACE_DETACH); /* cocci: UT-REF-008 */
	utrace_engine_put(engine);
}

/* UT-REF-004 ---------------------------------------------------------- */

int bad_null_test(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (!engine) /* cocci: UT-REF-004 */
		return -ENOMEM;
	utrace_engine_put(engine);
	return 0;
}

int bad_null_compare(struct pid *pid)
{
	struct utrace_engine *engine;

	engine = utrace_attach_pid(pid, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (engine == NULL) /* cocci: UT-REF-004 */
		return -ENOENT;
	utrace_engine_put(engine);
	return 0;
}

int bad_is_err_compared_with_errno(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_EXCLUSIVE, &tracer_ops, NULL);
	if (IS_ERR(engine) == -EEXIST) /* cocci: UT-REF-004 */
		return -EEXIST;
	utrace_engine_put(engine);
	return 0;
}

int ok_is_err_test(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_ptr_err_compared_with_errno(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_EXCLUSIVE, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine) == -EEXIST ? 0 : PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_old_api_null_or_err(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine) || engine == NULL)
		return -ENOENT;
	utrace_engine_put(engine);
	return 0;
}

int ok_tested_after_is_err(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	if (engine != NULL)
		utrace_engine_put(engine);
	return 0;
}
