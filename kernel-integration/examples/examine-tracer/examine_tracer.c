// SPDX-License-Identifier: GPL-2.0
/*
 * examine_tracer: stops a traced thread, reads its registers inside an
 * examine window and keeps a small per-thread log. An example module for
 * utrace-check's window, RCU and callback rules: each planted bug is marked
 * "PLANTED <rule id>" on the line the checker reports. The entry points
 * are global so that each is analysed on its own, as the module's users
 * (a control file, not shown) would call them.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/regset.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct et_target {
	struct task_struct *task;	/* stored at attach time */
	struct utrace_engine *engine;
	unsigned long last_ip;
	int exit_code;
};

static void et_report_reap(struct utrace_engine *engine, struct task_struct *task)
{
	struct et_target *t = engine->data;

	t->task = NULL;
	msleep(1);	/* PLANTED UT-CB-001: report_reap must not block */
}

static u32 et_report_quiesce(u32 action, struct utrace_engine *engine,
			     unsigned long event)
{
	struct et_target *t = engine->data;

	/* The barrier on the callback's own thread returns 0 at once
	 * (UT-CB-002 is retired): not a bug. */
	if (utrace_barrier(current, engine) == -ERESTARTSYS)
		return UTRACE_RESUME;
	t->exit_code = 0;
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops et_ops = {
	.report_quiesce = et_report_quiesce,
	.report_reap = et_report_reap,
};

/* Correct: stop, open the window, read, close it and check the result. */
int et_read_ip(struct et_target *t)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	ret = utrace_control(t->task, t->engine, UTRACE_STOP);
	if (ret && ret != -EINPROGRESS)
		return ret;
	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	ip = instruction_pointer(task_pt_regs(t->task));
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;	/* -EAGAIN: the value is stale */
	t->last_ip = ip;
	return 0;
}

int et_exit_code_unlocked(struct et_target *t)
{
	return t->task->exit_code;	/* PLANTED UT-WIN-001: no examine window */
}

int et_read_ip_ignoring_finish(struct et_target *t)
{
	struct utrace_examiner exam;
	int code;
	int ret;

	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	code = t->task->exit_code;
	ret = utrace_finish_examine(t->task, t->engine, &exam);
	if (ret == -ESRCH)
		return ret;
	t->exit_code = code;	/* PLANTED UT-WIN-002: stale when finish said -EAGAIN */
	return 0;
}

int et_peek(struct et_target *t, unsigned long addr, unsigned long *word)
{
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(t->task, t->engine, &exam);
	if (ret)
		return ret;
	if (access_process_vm(t->task, addr, word, sizeof(*word), 0) != sizeof(*word))
		return -EFAULT;	/* PLANTED UT-WIN-003: the window stays open */
	return utrace_finish_examine(t->task, t->engine, &exam);
}

/* The seed's own example: prepare may sleep, not inside rcu_read_lock(). */
int et_seed_example(struct et_target *t)
{
	struct utrace_examiner exam;
	int ret;

	rcu_read_lock();
	ret = utrace_prepare_examine(t->task, t->engine, &exam);	/* PLANTED UT-RCU-001 */
	if (ret) {
		rcu_read_unlock();
		return ret;
	}
	t->exit_code = t->task->exit_code;
	rcu_read_unlock();
	return utrace_finish_examine(t->task, t->engine, &exam);
}

pid_t et_lookup_tgid(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (!p)
		return -ESRCH;	/* PLANTED UT-RCU-002: the section stays held */
	nr = p->tgid;
	rcu_read_unlock();
	return nr;
}

int et_attach_by_pid(struct et_target *t, pid_t nr)
{
	struct task_struct *p;
	struct utrace_engine *engine;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	rcu_read_unlock();
	if (!p)
		return -ESRCH;
	engine = utrace_attach_task(p, UTRACE_ATTACH_CREATE, &et_ops, t);	/* PLANTED UT-RCU-003: p outlived its section */
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	t->task = p;
	t->engine = engine;
	return 0;
}

struct task_struct *et_task_of(struct pid *pid)
{
	return pid_task(pid, PIDTYPE_PID);	/* PLANTED UT-RCU-004: outside any read section */
}

static struct et_target et_self;

static int __init et_init(void)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(current, UTRACE_ATTACH_CREATE, &et_ops, &et_self);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	et_self.task = current;
	et_self.engine = engine;
	return 0;
}

static void __exit et_exit(void)
{
	int ret = utrace_control(et_self.task, et_self.engine, UTRACE_DETACH);

	/* A callback may still run: wait for it before the module goes. */
	if (ret == -EINPROGRESS) {
		do
			ret = utrace_barrier(et_self.task, et_self.engine);
		while (ret == -ERESTARTSYS);
	}
	if (ret)
		pr_debug("examine_tracer: already detached\n");
	utrace_engine_put(et_self.engine);
}

module_init(et_init);
module_exit(et_exit);
MODULE_LICENSE("GPL");
