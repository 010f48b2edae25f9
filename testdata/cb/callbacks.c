// UT-CB-001: callbacks respect their context. report_reap may run in the
// parent's context and must not block at all. A callback calling
// utrace_barrier() on its own engine and thread is fine: the barrier returns
// 0 at once for current (UT-CB-002 is retired). A task finder's callbacks.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static DEFINE_MUTEX(tf_log_lock);

struct tf_state {
	struct task_struct *task;
	struct utrace_engine *engine;
	struct utrace_engine *other;
	void *log;
};

/* Teardown releases the stored engine: storing it is a hand-over
 * (UT-REF-001). */
void tf_release(struct tf_state *st)
{
	utrace_engine_put(st->engine);
}

/* A sleeping helper of the same file, two calls deep. */
static void tf_log_write(struct tf_state *st)
{
	mutex_lock(&tf_log_lock);
	st->log = NULL;
	mutex_unlock(&tf_log_lock);
}

static void tf_forget(struct tf_state *st)
{
	tf_log_write(st);
}

static void bad_reap_calls_sleeping_helper(struct utrace_engine *engine,
					   struct task_struct *task)
{
	struct tf_state *st = engine->data;

	tf_forget(st); // expected-warning {{report_reap callback 'bad_reap_calls_sleeping_helper' may sleep in tf_forget() (through mutex_lock()); it must not block [UT-CB-001]}}
}

static void bad_reap_sleeps_directly(struct utrace_engine *engine,
				     struct task_struct *task)
{
	msleep(1); // expected-warning {{report_reap callback 'bad_reap_sleeps_directly' may sleep in msleep(); it must not block [UT-CB-001]}}
}

static void bad_reap_allocates_with_gfp_kernel(struct utrace_engine *engine,
					       struct task_struct *task)
{
	struct tf_state *st = engine->data;

	st->log = kmalloc(64, GFP_KERNEL); // expected-warning {{report_reap callback 'bad_reap_allocates_with_gfp_kernel' may sleep in kmalloc(); it must not block [UT-CB-001]}}
}

static void ok_reap_frees_without_blocking(struct utrace_engine *engine,
					   struct task_struct *task)
{
	struct tf_state *st = engine->data;

	kfree(st->log);
	kfree(st);
}

static void ok_reap_allocates_atomically(struct utrace_engine *engine,
					 struct task_struct *task)
{
	struct tf_state *st = engine->data;

	st->log = kmalloc(64, GFP_ATOMIC);
}

/* Other callbacks run in the traced thread and may block. */
static u32 ok_quiesce_may_sleep(u32 action, struct utrace_engine *engine,
				unsigned long event)
{
	tf_forget(engine->data);
	return UTRACE_RESUME;
}

/* The barrier on the callback's own thread returns 0 at once. */
static u32 ok_quiesce_barrier_on_own_engine(u32 action,
					     struct utrace_engine *engine,
					     unsigned long event)
{
	if (utrace_barrier(current, engine) == -ERESTARTSYS)
		return UTRACE_STOP;
	return UTRACE_RESUME;
}

static void tf_sync(struct task_struct *task, struct utrace_engine *e)
{
	while (utrace_barrier(task, e) == -ERESTARTSYS)
		;
}

static u32 ok_exec_barrier_through_helper(u32 action,
					   struct utrace_engine *engine,
					   const struct linux_binprm *bprm,
					   struct pt_regs *regs)
{
	tf_sync(current, engine);
	return UTRACE_RESUME;
}

/* Waiting for another engine's callbacks is allowed. */
static u32 ok_clone_barrier_on_other_engine(u32 action,
					    struct utrace_engine *engine,
					    unsigned long clone_flags,
					    struct task_struct *child)
{
	struct tf_state *st = engine->data;

	tf_sync(st->task, st->other);
	return UTRACE_RESUME;
}

static const struct utrace_engine_ops tf_ops = {
	.report_quiesce = ok_quiesce_may_sleep,
	.report_exec = ok_exec_barrier_through_helper,
	.report_clone = ok_clone_barrier_on_other_engine,
	.report_reap = bad_reap_calls_sleeping_helper,
};

static const struct utrace_engine_ops tf_direct_ops = {
	.report_quiesce = ok_quiesce_barrier_on_own_engine,
	.report_reap = bad_reap_sleeps_directly,
};

static const struct utrace_engine_ops tf_alloc_ops = {
	.report_reap = bad_reap_allocates_with_gfp_kernel,
};

static const struct utrace_engine_ops tf_quiet_ops = {
	.report_reap = ok_reap_frees_without_blocking,
};

static struct utrace_engine_ops tf_runtime_ops;

/* Outside a callback the barrier is the normal way to synchronise. */
int ok_barrier_outside_callback(struct tf_state *st)
{
	int ret;

	do {
		ret = utrace_barrier(st->task, st->engine);
	} while (ret == -ERESTARTSYS);
	return ret == -ESRCH ? 0 : ret;
}

int tf_attach(struct tf_state *st, int quiet)
{
	struct utrace_engine *e;
	const struct utrace_engine_ops *ops = quiet ? &tf_quiet_ops : &tf_ops;

	tf_runtime_ops.report_reap = ok_reap_allocates_atomically;
	if (!st)
		ops = &tf_direct_ops;
	if (!ops)
		ops = &tf_alloc_ops;
	e = utrace_attach_task(st->task, UTRACE_ATTACH_CREATE, ops, st);
	if (IS_ERR(e))
		return PTR_ERR(e);
	st->engine = e;
	return 0;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_reap_calls_sleeping_helper: callback reap data=struct tf_state
// runtime: bad_reap_sleeps_directly: callback reap data=struct tf_state
// runtime: bad_reap_allocates_with_gfp_kernel: callback reap data=struct tf_state
// runtime: ok_reap_frees_without_blocking: callback reap data=struct tf_state
// runtime: ok_reap_allocates_atomically: callback reap data=struct tf_state
// runtime: ok_quiesce_may_sleep: callback quiesce data=struct tf_state
// runtime: ok_quiesce_barrier_on_own_engine: callback quiesce data=struct tf_state
// runtime: ok_exec_barrier_through_helper: callback exec data=struct tf_state
// runtime: ok_clone_barrier_on_other_engine: callback clone data=struct tf_state

// runtime: ok_quiesce_barrier_on_own_engine: not-runnable: the runtime shim (kernel-integration/kernel/utrace_runtime.c) still reports the retired UT-CB-002 on a barrier on the current thread
// runtime: ok_exec_barrier_through_helper: not-runnable: the runtime shim still reports the retired UT-CB-002 on a barrier on the current thread
