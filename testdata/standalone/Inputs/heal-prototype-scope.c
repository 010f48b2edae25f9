/*
 * --standalone: a struct first named in a prototype's parameter list (its
 * header is not here) has only that prototype's scope, so the later
 * definition conflicts with the prototype. The struct is declared at file
 * scope in the prelude, and the callback is analysed.
 * (run by ../heal-prototype-scope.test)
 *
 * CHECK: heal-prototype-scope.c: standalone: synthesized 4 file-scope struct declarations in 2 parses
 * CHECK: heal-prototype-scope.c: standalone: analysed 1 of 1 functions that use the utrace API
 */
#include <linux/sched.h>
#include <linux/utrace.h>

static u32 ps_report_exec(u32 action, struct utrace_engine *engine,
			  const struct ps_binfmt *fmt,
			  const struct linux_binprm *bprm,
			  struct pt_regs *regs);

static const struct utrace_engine_ops ps_ops = {
	.report_exec = (void *)ps_report_exec,
};

static u32 ps_report_exec(u32 action, struct utrace_engine *engine,
			  const struct ps_binfmt *fmt,
			  const struct linux_binprm *bprm,
			  struct pt_regs *regs)
{
	if (utrace_set_events(current, engine, 0) == 0)
		return UTRACE_DETACH;
	return UTRACE_RESUME;
}
