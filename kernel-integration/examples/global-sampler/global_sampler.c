// SPDX-License-Identifier: GPL-2.0
/*
 * global_sampler: follows one thread whose task and engine live in a
 * structure the module allocates at load time (a global pointer, as most
 * engines keep their state), and samples its instruction pointer inside an
 * examine window. An example module for utrace-check's window rules with
 * real kernel headers: x86's task_pt_regs() is a macro over an inline, and
 * rcu_read_unlock(), preempt_enable() and pr_debug() end in out-of-line
 * primitives; none of them may make gs->task a different task. Each
 * planted bug is marked "PLANTED <rule id>" on the line the checker
 * reports: the line of this file, not the header the read happens in.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct gs_state {
	struct task_struct *task;	/* stored at attach time */
	struct utrace_engine *engine;
	unsigned long last_ip;
	unsigned long samples;
	pid_t tgid;
};

static struct gs_state *gs;

static const struct utrace_engine_ops gs_ops;

/* Correct: the window covers the register read; a stale value is dropped. */
int gs_sample(void)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	rcu_read_lock();
	gs->samples++;
	rcu_read_unlock();
	ret = utrace_prepare_examine(gs->task, gs->engine, &exam);
	if (ret)
		return ret;
	ip = instruction_pointer(task_pt_regs(gs->task));
	pr_debug("global_sampler: %d at %lx\n", gs->tgid, ip);
	ret = utrace_finish_examine(gs->task, gs->engine, &exam);
	if (ret)
		return ret;	/* -EAGAIN: the thread ran, ip is stale */
	gs->last_ip = ip;
	return 0;
}

int gs_sample_unless_dead(void)
{
	struct utrace_examiner exam;
	unsigned long ip;
	int ret;

	ret = utrace_prepare_examine(gs->task, gs->engine, &exam);
	if (ret)
		return ret;
	ip = instruction_pointer(task_pt_regs(gs->task));
	ret = utrace_finish_examine(gs->task, gs->engine, &exam);
	if (ret == -ESRCH)
		return ret;
	gs->last_ip = ip;	/* PLANTED UT-WIN-002: stale when finish said -EAGAIN */
	return 0;
}

/* The thread group id never changes: no window needed. */
pid_t gs_group(void)
{
	int ret = utrace_control(gs->task, gs->engine, UTRACE_REPORT);

	if (ret && ret != -EINPROGRESS)
		return ret;
	return gs->task->tgid;
}

unsigned long gs_peek_ip(void)
{
	unsigned long ip;

	rcu_read_lock();
	gs->samples++;
	rcu_read_unlock();
	ip = instruction_pointer(task_pt_regs(gs->task));	/* PLANTED UT-WIN-001: no examine window */
	return utrace_control(gs->task, gs->engine, UTRACE_RESUME) ? 0 : ip;
}

static int __init gs_init(void)
{
	struct utrace_engine *engine;

	gs = kzalloc(sizeof(*gs), GFP_KERNEL);
	if (!gs)
		return -ENOMEM;
	engine = utrace_attach_task(current, UTRACE_ATTACH_CREATE, &gs_ops, gs);
	if (IS_ERR(engine)) {
		kfree(gs);
		return PTR_ERR(engine);
	}
	gs->task = current;
	gs->tgid = current->tgid;
	gs->engine = engine;
	return 0;
}

static void __exit gs_exit(void)
{
	int ret = utrace_control(gs->task, gs->engine, UTRACE_DETACH);

	/* A callback may still run: wait for it, also through signals. */
	if (ret == -EINPROGRESS) {
		do
			ret = utrace_barrier(gs->task, gs->engine);
		while (ret == -ERESTARTSYS);
	}
	utrace_engine_put(gs->engine);
	if (!ret)
		kfree(gs);
}

module_init(gs_init);
module_exit(gs_exit);
MODULE_LICENSE("GPL");
