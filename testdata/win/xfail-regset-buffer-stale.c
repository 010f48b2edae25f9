// Known gap (UT-WIN-002, docs/rules/UT-WIN-002.md): values a regset get()
// writes into a buffer during the window are not followed, so using the
// buffer after a failed finish is not reported.
//
// XFAIL: *
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/regset.h>
#include <linux/utrace.h>

struct itrace_snap {
	struct task_struct *task;
	struct utrace_engine *engine;
};

int bad_regset_buffer_used_after_failed_finish(struct itrace_snap *s)
{
	const struct user_regset_view *view;
	struct utrace_examiner exam;
	unsigned long regs[32];
	int ret;

	if (utrace_prepare_examine(s->task, s->engine, &exam))
		return -EAGAIN;
	view = task_user_regset_view(s->task);
	view->regsets[0].get(s->task, &view->regsets[0], 0, sizeof(regs), regs, NULL);
	ret = utrace_finish_examine(s->task, s->engine, &exam);
	pr_info("ip %lx\n", regs[16]); // expected-warning {{value read in the examine window passed to printk() although utrace_finish_examine() returned non-zero: it is stale [UT-WIN-002]}}
	return ret;
}
