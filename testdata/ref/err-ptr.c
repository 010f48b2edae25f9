// UT-REF-004 (attach result compared with NULL, IS_ERR() compared with an
// errno) and UT-REF-005 (error pointer used as an engine).
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops probe_ops;

int bad_null_test_instead_of_is_err(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (!engine) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ENOMEM;
	utrace_engine_put(engine);
	return 0;
}

int bad_equals_null_test(struct pid *pid)
{
	struct utrace_engine *engine;

	engine = utrace_attach_pid(pid, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_pid()}}
	if (engine == NULL) // expected-warning {{result of utrace_attach_pid() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int bad_unlikely_null_test(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (unlikely(engine == NULL)) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ENOMEM;
	ret = utrace_set_events(task, engine, UTRACE_EVENT(EXIT));
	utrace_engine_put(engine);
	return ret;
}

int ok_is_err_test(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_unlikely_is_err_test(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL);
	if (unlikely(IS_ERR(engine)))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int bad_is_err_compared_with_errno(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL);
	if (IS_ERR(engine) == -ENOENT) // expected-warning {{comparison of constant -2 with expression of type 'bool' (aka '_Bool') is always false}} expected-warning {{IS_ERR() compared with an errno value; it returns only true or false: use PTR_ERR() for the errno [UT-REF-004]}}
		return 0;
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_ptr_err_compared_with_errno(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine) == -ENOENT ? 0 : PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int bad_error_pointer_passed_to_control(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	ret = utrace_control(task, engine, UTRACE_DETACH); // expected-warning {{result of utrace_attach_task() passed to utrace_control() without ruling out an error pointer with IS_ERR() [UT-REF-005]}}
	utrace_engine_put(engine);
	return ret;
}

int bad_error_pointer_dereferenced(struct task_struct *task)
{
	struct utrace_engine *engine;
	void *data;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	data = engine->data; // expected-warning {{result of utrace_attach_task() member read without ruling out an error pointer with IS_ERR() [UT-REF-005]}}
	utrace_engine_put(engine);
	return data != NULL;
}

int bad_error_pointer_put(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is an error pointer}}
		pr_debug("attach failed\n");
	utrace_engine_put(engine); // expected-warning {{result of utrace_attach_task() passed to utrace_engine_put() although IS_ERR() said it is an error pointer [UT-REF-005]}}
	return 0;
}

int bad_error_pointer_used_on_error_branch(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) { // expected-note {{assuming 'engine' is an error pointer}}
		pr_err("attach failed: %ld\n", PTR_ERR(engine));
		return utrace_control(task, engine, UTRACE_DETACH); // expected-warning {{result of utrace_attach_task() passed to utrace_control() although IS_ERR() said it is an error pointer [UT-REF-005]}}
	}
	utrace_engine_put(engine);
	return 0;
}

int ok_error_pointer_only_decoded(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL);
	if (IS_ERR(engine)) {
		long err = PTR_ERR(engine);

		pr_err("attach failed: %ld\n", err);
		return err == -EPERM ? 0 : (int)err;
	}
	utrace_engine_put(engine);
	return 0;
}

int ok_is_err_result_stored_then_tested(struct task_struct *task)
{
	struct utrace_engine *engine;
	bool failed;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &probe_ops, NULL);
	failed = IS_ERR(engine);
	if (failed)
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

/* A NULL test on a pointer that did not come from attach is fine. */
int ok_null_test_on_stored_engine(struct utrace_engine **slot)
{
	if (!*slot)
		return 0;
	utrace_engine_put(*slot);
	*slot = NULL;
	return 1;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_null_test_instead_of_is_err: static-only: a NULL comparison is not observable at run time (attach never returns NULL)
// runtime: bad_equals_null_test: static-only: a NULL comparison is not observable at run time (attach never returns NULL)
// runtime: bad_unlikely_null_test: static-only: a NULL comparison is not observable at run time (attach never returns NULL)
// runtime: bad_is_err_compared_with_errno: static-only: comparing IS_ERR() with an errno is not observable at run time
// runtime: bad_error_pointer_passed_to_control: inject utrace_attach_task=-ENOENT
// runtime: bad_error_pointer_dereferenced: not-runnable: reads engine->data through ERR_PTR(-ENOENT) (would crash; plain member reads are not checked)
// runtime: bad_error_pointer_put: inject utrace_attach_task=-ENOENT
// runtime: bad_error_pointer_used_on_error_branch: inject utrace_attach_task=-EPERM
// runtime: ok_error_pointer_only_decoded: inject utrace_attach_task=-EPERM
