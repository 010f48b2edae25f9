/*
 * A task finder in the style of a 2.6.3x tracing runtime: walks processes
 * under RCU, attaches to those whose executable matches, uses get_task_mm
 * and the old do_each_thread iteration. Checked with --standalone.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops stf_ops;

struct stf_target {
	struct task_struct *task;
	struct utrace_engine *engine;
	char comm[16];
};

int stf_attach(struct stf_target *t, struct task_struct *tsk)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE |
				    UTRACE_ATTACH_MATCH_OPS, &stf_ops, t);
	if (IS_ERR(engine))
		return PTR_ERR(engine) == -EEXIST ? 0 : PTR_ERR(engine);
	if (utrace_set_events(tsk, engine, UTRACE_EVENT(EXEC) | UTRACE_EVENT(DEATH)))
		pr_debug("stf: events not set\n");
	utrace_engine_put(engine);
	return 0;
}

int stf_attach_pid(struct stf_target *t, pid_t nr)
{
	struct task_struct *tsk;
	int ret;

	rcu_read_lock();
	tsk = find_task_by_vpid(nr);
	if (tsk)
		get_task_struct(tsk);
	rcu_read_unlock();
	if (!tsk)
		return -ESRCH;
	ret = stf_attach(t, tsk);
	put_task_struct(tsk);
	return ret;
}

int stf_scan_all(struct stf_target *t)
{
	struct task_struct *grp, *tsk;
	int n = 0;

	/* do_each_thread()/while_each_thread() from the old <linux/sched.h>;
	 * the lookup result is compared with NULL and never put. */
	rcu_read_lock();
	do_each_thread(grp, tsk) {
		if (!utrace_attach_task(tsk, UTRACE_ATTACH_MATCH_OPS, &stf_ops, NULL))
			n++;
	} while_each_thread(grp, tsk);
	rcu_read_unlock();
	return n;
}

int stf_detach(struct stf_target *t)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_DETACH);

	if (ret == -ESRCH || ret == -EALREADY)
		ret = 0;
	utrace_engine_put(t->engine);
	t->engine = NULL;
	return ret;
}

int stf_refresh(struct stf_target *t)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &stf_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	if (utrace_set_events(t->task, engine, UTRACE_EVENT(EXIT)))
		return -ESRCH;
	utrace_engine_put(engine);
	return 0;
}

int stf_quiesce(struct stf_target *t)
{
	return utrace_control(t->task, t->engine, UTRACE_INTERRUPT);
}

int stf_wait(struct stf_target *t)
{
	int ret;

	do {
		ret = utrace_barrier(t->task, t->engine);
	} while (ret == -ERESTARTSYS);
	return ret;
}

struct stf_target *stf_new(struct task_struct *tsk)
{
	struct stf_target *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->task = tsk;
	if (stf_attach(t, tsk)) {
		kfree(t);
		return NULL;
	}
	return t;
}

MODULE_LICENSE("GPL");
