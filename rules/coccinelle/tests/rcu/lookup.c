// SPDX-License-Identifier: GPL-2.0
/*
 * RCU rules (UT-RCU-*): finding a thread by pid and attaching to it, the
 * way a tracing module's control file does.  Expected findings:
 * "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

static const struct utrace_engine_ops tracer_ops;
static struct mutex tracer_lock;

struct regs_buf {
	unsigned long ip;
};

/* UT-RCU-001 ---------------------------------------------------------- */

/* The seed's own example: prepare waits, so it may not run under RCU. */
int bad_prepare_under_rcu(struct task_struct *task,
			  struct utrace_engine *engine, unsigned long *out)
{
	struct utrace_examiner exam;
	int ret;

	rcu_read_lock();
	ret = utrace_prepare_examine(task, engine, &exam); /* cocci: UT-RCU-001 */
	if (ret) {
		rcu_read_unlock();
		return ret;
	}
	*out = task_pt_regs(task)->ip;
	rcu_read_unlock();
	return utrace_finish_examine(task, engine, &exam);
}

int bad_sleeping_calls_under_rcu(pid_t nr, void __user *ubuf)
{
	struct task_struct *task;
	struct regs_buf *buf;
	int ret = -ESRCH;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	if (task) {
		buf = kzalloc(sizeof(*buf), GFP_KERNEL); /* cocci: UT-RCU-001 */
		mutex_lock(&tracer_lock); /* cocci: UT-RCU-001 */
		if (buf && !copy_to_user(ubuf, buf, sizeof(*buf))) /* cocci: UT-RCU-001 */
			ret = 0;
		mutex_unlock(&tracer_lock);
		kfree(buf);
	}
	rcu_read_unlock();
	return ret;
}

int ok_atomic_alloc_under_rcu(pid_t nr, void __user *ubuf)
{
	struct task_struct *task;
	struct regs_buf *buf = NULL;
	int ret = -ESRCH;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	if (task) {
		buf = kzalloc(sizeof(*buf), GFP_ATOMIC);
		ret = buf ? 0 : -ENOMEM;
	}
	rcu_read_unlock();
	if (buf && copy_to_user(ubuf, buf, sizeof(*buf)))
		ret = -EINVAL;
	kfree(buf);
	return ret;
}

/* UT-RCU-002 ---------------------------------------------------------- */

int bad_return_in_section(pid_t nr)
{
	struct task_struct *task;
	struct utrace_engine *engine;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	if (!task)
		return -ESRCH; /* cocci: UT-RCU-002 */
	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

void bad_unlock_without_lock(struct task_struct *task)
{
	if (task->exit_state)
		rcu_read_unlock(); /* cocci: UT-RCU-002 */
}

int ok_unlock_on_every_path(pid_t nr)
{
	struct task_struct *task;
	struct utrace_engine *engine;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	if (!task) {
		rcu_read_unlock();
		return -ESRCH;
	}
	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tracer_ops, NULL);
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_goto_unlock(pid_t nr, pid_t *parent)
{
	struct task_struct *task;
	int ret = 0;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	if (!task) {
		ret = -ESRCH;
		goto out;
	}
	*parent = task->parent->pid;
out:
	rcu_read_unlock();
	return ret;
}

/* UT-RCU-004 ---------------------------------------------------------- */

int bad_lookup_without_rcu(pid_t nr)
{
	struct task_struct *task;

	task = find_task_by_vpid(nr); /* cocci: UT-RCU-004 */
	return task ? 0 : -ESRCH;
}

int bad_lookup_after_unlock(pid_t nr, struct pid *pid)
{
	struct task_struct *task;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	rcu_read_unlock();
	if (!task)
		task = find_task_by_vpid(nr); /* cocci: UT-RCU-004 */
	return task ? 0 : -ESRCH;
}

int ok_lookup_under_rcu(pid_t nr)
{
	struct task_struct *task;
	int ret;

	rcu_read_lock();
	task = find_task_by_vpid(nr);
	ret = task ? 0 : -ESRCH;
	rcu_read_unlock();
	return ret;
}
