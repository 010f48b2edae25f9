/*
 * --standalone: an iteration macro from a header that is not at hand,
 * used as a loop head (`name(args) { ... }`). It is synthesized as a loop
 * that runs an unknown number of times, and the function is analysed.
 * (run by ../heal-loop-macro.test)
 *
 * CHECK: heal-loop-macro.c: standalone: synthesized {{.*}}1 loop macros in {{[0-9]}} parses
 * CHECK: heal-loop-macro.c: standalone: analysed 1 of 1 functions that use the utrace API
 */
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops lm_ops;

int lm_detach_all(struct lm_table *tbl)
{
	struct lm_entry *ent;
	int n = 0;

	lm_for_each_entry(ent, tbl) {
		struct utrace_engine *e;

		e = utrace_attach_task(ent->task, UTRACE_ATTACH_MATCH_OPS,
				       &lm_ops, NULL);
		if (IS_ERR(e))
			continue;
		if (utrace_control(ent->task, e, UTRACE_DETACH) == 0)
			n++;
		utrace_engine_put(e);
	}
	return n;
}
