// SPDX-License-Identifier: GPL-2.0
/*
 * A small tracing engine written against the utrace API, the way a module
 * would: it counts a thread's system calls and can stop the thread to read
 * its instruction pointer.  It is the in-tree user the mutants script
 * breaks (kernel/utrace.c itself never calls utrace_prepare_examine()).
 *
 * Idioms: attach, configure, put (the attachment keeps the engine); later
 * lookups with UTRACE_ATTACH_MATCH_OPS take a counted reference and put it.
 */
#include <linux/utrace.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include "sample_engine.h"

static u32 sample_syscall_entry(u32 action, struct utrace_engine *engine,
				struct pt_regs *regs)
{
	struct sample_data *data = engine->data;

	WRITE_ONCE(data->syscalls, READ_ONCE(data->syscalls) + 1);
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops sample_ops = {
	.report_syscall_entry = sample_syscall_entry,
};

/* Attach to @task and count its system calls into @data. */
int sample_attach(struct task_struct *task, struct sample_data *data)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE |
				    UTRACE_ATTACH_EXCLUSIVE |
				    UTRACE_ATTACH_MATCH_OPS, &sample_ops, data);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_set_events(task, engine, UTRACE_EVENT(SYSCALL_ENTRY));
	if (ret && utrace_control(task, engine, UTRACE_DETACH))
		ret = -ESRCH;
	utrace_engine_put(engine);
	return ret;
}

/* The count so far, looked up through a struct pid. */
int sample_syscall_count(struct pid *pid)
{
	struct utrace_engine *engine;
	struct sample_data *data;
	int count;

	engine = utrace_attach_pid(pid, UTRACE_ATTACH_MATCH_OPS, &sample_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	data = engine->data;
	count = READ_ONCE(data->syscalls);
	utrace_engine_put(engine);	/* mutant:sample-put */
	return count;
}

/* Stop @task, read its instruction pointer into @ip, let it run again. */
int sample_read_ip(struct task_struct *task, unsigned long *ip)
{
	struct utrace_examiner exam;
	struct utrace_engine *engine;
	struct pt_regs *regs;
	int ret, err, tries;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &sample_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);

	ret = utrace_control(task, engine, UTRACE_STOP);
	for (tries = 0; ret == -EINPROGRESS && tries < 1000; tries++) {
		msleep(1);
		ret = utrace_control(task, engine, UTRACE_STOP);
	}
	for (tries = 0; !ret && tries < 10; tries++) {
		ret = utrace_prepare_examine(task, engine, &exam);
		if (ret)
			break;
		regs = task_pt_regs(task);
		*ip = READ_ONCE(regs->ip);
		ret = utrace_finish_examine(task, engine, &exam);	/* mutant:sample-finish */
		if (ret != -EAGAIN)
			break;
	}
	err = utrace_control(task, engine, UTRACE_RESUME);
	if (!ret)
		ret = err;
	utrace_engine_put(engine);
	return ret;
}

/* Detach from @task; -ENOENT when not attached. */
int sample_detach(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &sample_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_DETACH);
	utrace_engine_put(engine);
	return ret;
}

/* For the module-exit leak check. */
const struct utrace_engine_ops *sample_engine_ops(void)
{
	return &sample_ops;
}
