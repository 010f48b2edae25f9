/*
 * --standalone: utrace code that only a configuration option the prelude
 * does not know turns on. Without it the preprocessor removes every utrace
 * call: said in one line (also without -v), never a silent skip. With the
 * option given after --, the code is analysed.
 *
 * OFF: heal-ifdef-away.c: skipped: the preprocessor removed every utrace API call (#if/#ifdef); define the configuration after -- with -D (docs/standalone.md)
 *
 * ON: heal-ifdef-away.c: standalone: analysed 1 of 1 functions that use the utrace API
 */
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops ia_ops;

int ia_probe(struct task_struct *t)
{
#ifdef IA_WITH_UTRACE
	struct utrace_engine *e;

	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &ia_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
#else
	return -ENOSYS;
#endif
}
