// UT-REF-005 through structure fields: an attach result stored in a field
// is still an error pointer where the field is used, in the same function
// and in every other function of the file. A NULL test of the field does
// not rule it out. In the style of a breakpoint engine keeping one engine
// per probed process.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops bp_ops;

struct bp_process {
	struct task_struct *task;
	struct utrace_engine *engine; /* assigned the raw attach result */
	struct utrace_engine *checked; /* assigned after IS_ERR() */
	int nbreak;
};

void bp_process_teardown(struct bp_process *p)
{
	utrace_engine_put(p->engine); // expected-warning {{'p->engine' passed to utrace_engine_put() without ruling out an error pointer with IS_ERR(): 'bp_process::engine' is assigned the result of utrace_attach_task() unchecked at line 30 [UT-REF-005]}}
	utrace_engine_put(p->checked);
}

/* Stores the unchecked result: every use of p->engine may see ERR_PTR(). */
void bp_process_init(struct bp_process *p)
{
	p->engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &bp_ops, p);
	p->nbreak = 0;
}

int bad_field_used_in_another_function(struct bp_process *p)
{
	if (!p->engine) // expected-note {{assuming field 'engine' is non-null}}
		return -ESRCH;
	return utrace_control(p->task, p->engine, UTRACE_STOP); // expected-warning {{'p->engine' passed to utrace_control() without ruling out an error pointer with IS_ERR(): 'bp_process::engine' is assigned the result of utrace_attach_task() unchecked at line 30 [UT-REF-005]}}
}

int bad_field_dereferenced_in_another_function(struct bp_process *p)
{
	if (p->engine->data != NULL) // expected-warning {{'p->engine' member read without ruling out an error pointer with IS_ERR(): 'bp_process::engine' is assigned the result of utrace_attach_task() unchecked at line 30 [UT-REF-005]}}
		return utrace_control(p->task, p->engine, UTRACE_RESUME);
	return 0;
}

int ok_field_tested_with_is_err_before_use(struct bp_process *p)
{
	if (IS_ERR_OR_NULL(p->engine))
		return -ESRCH;
	return utrace_control(p->task, p->engine, UTRACE_STOP);
}

/* Stored only after IS_ERR(): the field never holds an error pointer. */
int ok_checked_before_store(struct bp_process *p)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &bp_ops, p);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	p->checked = engine;
	return 0;
}

int ok_use_of_checked_field(struct bp_process *p)
{
	if (!p->checked)
		return -ESRCH;
	return utrace_control(p->task, p->checked, UTRACE_RESUME);
}

/* Store and use in one function. */
int bad_field_used_after_store(struct bp_process *p)
{
	p->engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &bp_ops, p); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (p->engine == NULL) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ENOMEM;
	return utrace_set_events(p->task, p->engine, UTRACE_EVENT(EXEC));
}

int bad_field_used_after_store_no_test(struct bp_process *p)
{
	p->engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &bp_ops, p); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	return utrace_set_events(p->task, p->engine, UTRACE_EVENT(EXEC)); // expected-warning {{result of utrace_attach_task() passed to utrace_set_events() without ruling out an error pointer with IS_ERR() [UT-REF-005]}}
}

int ok_field_tested_after_store(struct bp_process *p)
{
	p->engine = utrace_attach_task(p->task, UTRACE_ATTACH_CREATE, &bp_ops, p);
	if (IS_ERR(p->engine)) {
		int err = PTR_ERR(p->engine);

		p->engine = NULL;
		return err;
	}
	return utrace_set_events(p->task, p->engine, UTRACE_EVENT(EXEC));
}
