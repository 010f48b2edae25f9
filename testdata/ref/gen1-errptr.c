// Code of the 2006-2008 API generation (utrace_attach, utrace_set_flags):
// engines have no reference counts there, so the reference rules are off
// (first_generation: off in the catalog), but utrace_attach() already
// returned ERR_PTR(-errno) on failure: an error pointer used as an engine is
// UT-REF-005 in both generations.
//
// RUN: %verify %s -- -nostdinc -I %simulator/gen1 -I %simulator

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops g1_ops;

struct g1_client {
	struct task_struct *task;
	struct utrace_engine *engine;
};

/* The test is the wrong way round: the error pointer goes on, the engine is
 * dropped. */
int bad_inverted_is_err(struct g1_client *c, struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach(task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE | // expected-note {{engine reference acquired here by utrace_attach()}}
				     UTRACE_ATTACH_MATCH_OPS, &g1_ops, c);
	if (IS_ERR(engine)) { // expected-note {{assuming 'engine' is an error pointer}}
		utrace_set_flags(task, engine, UTRACE_EVENT(EXEC)); // expected-warning {{result of utrace_set_flags() is ignored; it fails with -ESRCH, -EALREADY: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]}} expected-warning {{result of utrace_attach() passed to utrace_set_flags() although IS_ERR() said it is an error pointer [UT-REF-005]}}
		c->engine = engine;
		return 0;
	}
	return -EBUSY;
}

int ok_tested_engine(struct g1_client *c, struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach(task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE |
				     UTRACE_ATTACH_MATCH_OPS, &g1_ops, c);
	if (!IS_ERR(engine)) {
		(void)utrace_set_flags(task, engine, UTRACE_EVENT(EXEC));
		c->engine = engine; /* no put owed: no reference counts */
		c->task = task;
		return 0;
	}
	return PTR_ERR(engine);
}

/* A lookup of that era may return NULL on no match: both tests are right. */
int ok_lookup_null_or_error(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach(task, UTRACE_ATTACH_MATCH_OPS, &g1_ops, NULL);
	if (IS_ERR(engine) || engine == NULL)
		return -ENOENT;
	return utrace_detach(task, engine);
}
