// UT-WIN-001: regsets and pt_regs in and out of the examine window, in the
// style of an instruction tracer that samples the stopped thread's
// registers. The seed's reason for the prepare/finish pair: several regset
// calls, with some logic in between, in one window.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/regset.h>
#include <linux/utrace.h>

struct itrace_ctx {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long gp[32];
	unsigned long fp[64];
};

/* Teardown releases the stored engine: storing it is a hand-over
 * (UT-REF-001). */
void itrace_release(struct itrace_ctx *ctx)
{
	utrace_engine_put(ctx->engine);
}

int ok_regsets_in_one_window(struct itrace_ctx *ctx)
{
	const struct user_regset_view *view;
	const struct user_regset *gp, *fp;
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(ctx->task, ctx->engine, &exam);
	if (ret)
		return ret;
	view = task_user_regset_view(ctx->task);
	gp = &view->regsets[0];
	fp = &view->regsets[1];
	ret = gp->get(ctx->task, gp, 0, sizeof(ctx->gp), ctx->gp, NULL);
	if (!ret && view->n > 1)
		ret = fp->get(ctx->task, fp, 0, sizeof(ctx->fp), ctx->fp, NULL);
	if (ret) {
		if (utrace_finish_examine(ctx->task, ctx->engine, &exam))
			return -EAGAIN;
		return ret;
	}
	return utrace_finish_examine(ctx->task, ctx->engine, &exam);
}

int bad_regset_get_without_window(struct itrace_ctx *ctx)
{
	const struct user_regset_view *view;

	view = task_user_regset_view(ctx->task); // expected-warning {{task state of 'ctx->task' accessed by task_user_regset_view() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
	return view->regsets[0].get(ctx->task, &view->regsets[0], 0,
				    sizeof(ctx->gp), ctx->gp, NULL);
}

int bad_regset_set_after_finish(struct itrace_ctx *ctx,
				const struct user_regset_view *view)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(ctx->task, ctx->engine, &exam); // expected-note {{examine window on 'ctx->task' opened here by utrace_prepare_examine()}}
	if (ret)
		return ret;
	ret = utrace_finish_examine(ctx->task, ctx->engine, &exam);
	if (ret)
		return ret;
	return view->regsets[0].set(ctx->task, &view->regsets[0], 0, // expected-warning {{task state of 'ctx->task' accessed by user_regset->set() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
				    sizeof(ctx->gp), ctx->gp, NULL);
}

int bad_copy_regset_to_user_without_window(struct itrace_ctx *ctx,
					   void __user *ubuf)
{
	const struct user_regset_view *view = task_user_regset_view(current);

	return copy_regset_to_user(ctx->task, view, 0, 0, 8, ubuf); // expected-warning {{task state of 'ctx->task' accessed by copy_regset_to_user() outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

int ok_copy_regset_to_user_in_window(struct itrace_ctx *ctx, void __user *ubuf)
{
	const struct user_regset_view *view;
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(ctx->task, ctx->engine, &exam);
	if (ret)
		return ret;
	view = task_user_regset_view(ctx->task);
	ret = copy_regset_to_user(ctx->task, view, 0, 0, 8, ubuf);
	if (utrace_finish_examine(ctx->task, ctx->engine, &exam))
		return -EAGAIN;
	return ret;
}

unsigned long ok_pt_regs_in_window(struct itrace_ctx *ctx)
{
	struct utrace_examiner exam;
	unsigned long ip;

	if (utrace_prepare_examine(ctx->task, ctx->engine, &exam))
		return 0;
	ip = task_pt_regs(ctx->task)->ip;
	if (utrace_finish_examine(ctx->task, ctx->engine, &exam))
		return 0;
	return ip;
}

/* In a callback the traced thread is current: no window is needed. */
static u32 itrace_report_syscall_entry(u32 action, struct utrace_engine *engine,
				       struct pt_regs *regs)
{
	struct itrace_ctx *ctx = engine->data;
	const struct user_regset_view *view = task_user_regset_view(current);

	view->regsets[0].get(current, &view->regsets[0], 0, sizeof(ctx->gp),
			     ctx->gp, NULL);
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops itrace_ops = {
	.report_syscall_entry = itrace_report_syscall_entry,
};

int ok_attach_itrace(struct itrace_ctx *ctx)
{
	struct utrace_engine *e;

	e = utrace_attach_task(ctx->task, UTRACE_ATTACH_CREATE, &itrace_ops, ctx);
	if (IS_ERR(e))
		return PTR_ERR(e);
	ctx->engine = e;
	return utrace_set_events(ctx->task, e, UTRACE_EVENT(SYSCALL_ENTRY));
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: *: stopped
// runtime: bad_regset_set_after_finish: not-runnable: the regset view is the caller's, and the runtime names the caller's task_user_regset_view() for a call through it (no site in this function)
