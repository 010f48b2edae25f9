/*
 * --standalone: a file that refuses to build without the configuration a
 * real build has (#error unless CONFIG_UTRACE, or a tool's own configure
 * macro). CONFIG_UTRACE is preset; the tool's guard macro is defined from
 * the #error it reaches (one more parse), and the utrace code is analysed.
 * (run by ../heal-config-guard.test)
 *
 * CHECK: heal-config-guard.c: standalone: synthesized 1 configuration macros (from #error guards){{.*}} in 2 parses
 * CHECK: heal-config-guard.c: standalone: analysed 2 of 2 functions that use the utrace API
 * CHECK-NOT: error
 */
#ifndef CONFIG_UTRACE
#error "this tracer needs a kernel with CONFIG_UTRACE"
#endif

#if !defined(CG_HAVE_ENGINE_API)
#error "run the configure step first: CG_HAVE_ENGINE_API is not set"
#else
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops cg_ops;

int cg_attach(struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &cg_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	ret = utrace_set_events(t, e, UTRACE_EVENT(EXIT));
	utrace_engine_put(e);
	return ret;
}

int cg_detach(struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS, &cg_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	ret = utrace_control(t, e, UTRACE_DETACH);
	utrace_engine_put(e);
	return ret;
}
#endif
