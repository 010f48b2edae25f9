/* 2008+ API: a stored task's registers read with no examine window. */
#include <linux/kernel.h>
#include <linux/regset.h>
#include <linux/utrace.h>

struct g2_thread {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long regs[32];
};

int g2_read_regs(struct g2_thread *t)
{
	const struct user_regset_view *view;
	const struct user_regset *rs;
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	if (ret)
		return ret;
	view = task_user_regset_view(t->task);
	rs = &view->regsets[0];
	return rs->get(t->task, rs, 0, sizeof(t->regs), t->regs, NULL);
}
