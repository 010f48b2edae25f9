// UT-REF-008 in code of the 2006-2008 API generation: utrace_set_flags()
// fails in the cases its successor utrace_set_events() does (the engine was
// detached, the thread is already exiting). Its headers did not mark it
// __must_check, the table does (rules/api/utrace.yaml): a caller that drops
// the result counts an engine with no events as attached.
// utrace_detach() of that generation is not marked: "already detached" is
// what the caller wanted.
//
// RUN: %verify %s -- -nostdinc -I %simulator/gen1 -I %simulator

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops finder_ops;
static int attached_count;

int bad_attach_counts_engine_without_events(struct task_struct *tsk,
					    unsigned long events)
{
	struct utrace_engine *engine;

	engine = utrace_attach(tsk, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_set_flags(tsk, engine, events); // expected-warning {{result of utrace_set_flags() is ignored; it fails with -ESRCH, -EALREADY: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}}
	attached_count++;
	return 0;
}

int ok_attach_checks_set_flags(struct task_struct *tsk, unsigned long events)
{
	struct utrace_engine *engine;
	int rc;

	engine = utrace_attach(tsk, UTRACE_ATTACH_CREATE, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	rc = utrace_set_flags(tsk, engine, events);
	if (rc == 0)
		attached_count++;
	return rc;
}

void ok_detach_result_not_needed(struct task_struct *tsk)
{
	struct utrace_engine *engine;

	engine = utrace_attach(tsk, UTRACE_ATTACH_MATCH_OPS, &finder_ops, NULL);
	if (!IS_ERR(engine) && engine != NULL)
		utrace_detach(tsk, engine);
}
