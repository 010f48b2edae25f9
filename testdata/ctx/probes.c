// UT-CTX-001: a tracepoint probe runs with preemption disabled, so neither
// it nor a function of the file it calls may sleep. A syscall-entry
// tracer registered with register_trace_<event>() and with
// tracepoint_probe_register().
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

struct pt_regs;
DECLARE_TRACE(sys_enter, PARAMS(struct pt_regs *regs, long id), PARAMS(regs, id));
DECLARE_TRACE(sched_process_fork, PARAMS(struct task_struct *p, struct task_struct *c), PARAMS(p, c));

static DEFINE_MUTEX(stats_mutex);
static struct tracepoint *exit_tp;
static long counts[512];
static void *scratch;

static void bump(long id)
{
	mutex_lock(&stats_mutex);
	counts[id & 511]++;
	mutex_unlock(&stats_mutex);
}

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	bump(id); // expected-warning {{bump() (through mutex_lock()) may sleep in atomic context (tracepoint probe 'probe_sys_enter', registered by register_trace_sys_enter(), runs with preemption disabled) [UT-CTX-001]}}
}

static void probe_fork(void *data, struct task_struct *parent,
		       struct task_struct *child)
{
	void *p = kzalloc(64, GFP_ATOMIC);

	kfree(p);
}

static void probe_exit(void *data, struct task_struct *p)
{
	scratch = kmalloc(128, GFP_KERNEL); // expected-warning {{kmalloc() may sleep in atomic context (tracepoint probe 'probe_exit', registered by tracepoint_probe_register(), runs with preemption disabled) [UT-CTX-001]}}
}

/* Not a probe: registering may sleep, and so may the set-up around it. */
int tracer_start(void)
{
	int ret;

	bump(0);
	ret = register_trace_sys_enter(probe_sys_enter, NULL);
	if (ret)
		return ret;
	ret = register_trace_sched_process_fork(probe_fork, NULL);
	if (ret)
		return ret;
	msleep(1);
	return tracepoint_probe_register(exit_tp, (void *)probe_exit, NULL);
}
