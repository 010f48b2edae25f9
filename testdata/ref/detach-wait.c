// UT-REF-006: utrace_control(UTRACE_DETACH) may return -EINPROGRESS while a
// callback of the engine is still running on another CPU. What the
// callbacks use (the data given at attach, the structure holding the
// engine) may be freed, and the module exit may return, only after a
// utrace_barrier() that returned 0 (or -ESRCH: the engine is gone). In the
// style of a per-thread profiler module.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops prof_ops;

struct prof_thread {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long samples;
};

static struct prof_thread *prof_main;

static void prof_put(struct prof_thread *pt)
{
	utrace_engine_put(pt->engine);
}

void bad_free_holder_after_detach(struct prof_thread *pt)
{
	utrace_control(pt->task, pt->engine, UTRACE_DETACH); // expected-warning {{ignoring return value of function declared with 'warn_unused_result' attribute}} expected-warning {{result of utrace_control() is ignored; it fails with -ESRCH, -EALREADY, -EINPROGRESS, -EINVAL: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}} expected-note {{engine detached here; utrace_control() may return -EINPROGRESS while a callback still runs}}
	prof_put(pt);
	kfree(pt); // expected-warning {{'pt' freed while a callback of the engine detached with utrace_control() may still be running; wait for utrace_barrier() to return 0 first [UT-REF-006]}}
}

/* The usual shape: wait when the detach is still in progress. */
void ok_wait_when_in_progress(struct prof_thread *pt)
{
	int ret = utrace_control(pt->task, pt->engine, UTRACE_DETACH);

	if (ret == -EINPROGRESS) {
		do {
			ret = utrace_barrier(pt->task, pt->engine);
		} while (ret == -ERESTARTSYS);
	}
	prof_put(pt);
	kfree(pt);
}

/* A barrier whose interruption is ignored may not have waited. */
void bad_barrier_result_ignored(struct prof_thread *pt)
{
	int ret = utrace_control(pt->task, pt->engine, UTRACE_DETACH); // expected-note {{engine detached here; utrace_control() may return -EINPROGRESS while a callback still runs}}

	if (ret == -EINPROGRESS) // expected-note {{assuming the condition is true}}
		utrace_barrier(pt->task, pt->engine); // expected-warning {{ignoring return value of function declared with 'warn_unused_result' attribute}} expected-warning {{result of utrace_barrier() is ignored; it fails with -ESRCH, -ERESTARTSYS: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}}
	prof_put(pt);
	kfree(pt); // expected-warning {{'pt' freed while a callback of the engine detached with utrace_control() may still be running; wait for utrace_barrier() to return 0 first [UT-REF-006]}}
}

/* Detach failed for good, or finished: nothing runs any more. */
void ok_detach_result_rules_out_in_progress(struct prof_thread *pt)
{
	int ret = utrace_control(pt->task, pt->engine, UTRACE_DETACH);

	if (ret == -EINPROGRESS)
		return;
	prof_put(pt);
	kfree(pt);
}

/* The data given at attach, freed after the detach. */
int bad_free_attach_data_after_detach(struct task_struct *task)
{
	struct utrace_engine *engine;
	unsigned long *counters = kzalloc(64 * sizeof(*counters), GFP_KERNEL);
	int ret;

	if (!counters) // expected-note {{assuming 'counters' is non-null}}
		return -ENOMEM;
	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &prof_ops, counters);
	if (IS_ERR(engine)) { // expected-note {{assuming 'engine' is not an error pointer}}
		kfree(counters);
		return PTR_ERR(engine);
	}
	ret = utrace_control(task, engine, UTRACE_DETACH); // expected-note {{engine detached here; utrace_control() may return -EINPROGRESS while a callback still runs}}
	utrace_engine_put(engine);
	kfree(counters); // expected-warning {{'counters' freed while a callback of the engine detached with utrace_control() may still be running; wait for utrace_barrier() to return 0 first [UT-REF-006]}}
	return ret;
}

/* engine->data read before the put, freed after the detach. */
void bad_free_engine_data(struct prof_thread *pt)
{
	void *data;

	if (utrace_control(pt->task, pt->engine, UTRACE_DETACH)) // expected-note {{engine detached here; utrace_control() may return -EINPROGRESS while a callback still runs}} expected-note {{assuming the condition is true}}
		pr_debug("detach in progress\n");
	data = pt->engine->data;
	kfree(data); // expected-warning {{'data' freed while a callback of the engine detached with utrace_control() may still be running; wait for utrace_barrier() to return 0 first [UT-REF-006]}}
}

/* Other resume actions do not detach. */
void ok_stop_then_free(struct prof_thread *pt)
{
	if (utrace_control(pt->task, pt->engine, UTRACE_STOP))
		pr_debug("stop pending\n");
	prof_put(pt);
	kfree(pt);
}

/* Unrelated memory may be freed at once. */
void ok_free_unrelated(struct prof_thread *pt, void *scratch)
{
	if (utrace_control(pt->task, pt->engine, UTRACE_DETACH))
		pr_debug("detach in progress\n");
	kfree(scratch);
}

/* Module exit: the callbacks' code goes away with the module. */
static void __exit prof_exit(void)
{
	struct prof_thread *pt = prof_main;

	if (utrace_control(pt->task, pt->engine, UTRACE_DETACH)) // expected-note {{engine detached here; utrace_control() may return -EINPROGRESS while a callback still runs}} expected-note {{assuming the condition is true}}
		pr_debug("detach in progress\n");
	prof_put(pt);
} // expected-warning {{module exit returns while a callback of the engine detached with utrace_control() may still be running; wait for utrace_barrier() to return 0 first [UT-REF-006]}}
module_exit(prof_exit);
