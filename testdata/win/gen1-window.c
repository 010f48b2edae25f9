// UT-WIN-004: code of the 2006-2008 API generation (utrace_attach,
// utrace_set_flags, utrace_regset) has no utrace_prepare_examine(); an
// engine may read a thread's registers only when the thread is current or
// known to be stopped. Written in the style of a first-generation debugger
// back end: threads registered by pid, a command that snapshots their
// registers, callbacks that sample their own thread.
//
// RUN: %verify %s -- -nostdinc -I %simulator/gen1 -I %simulator

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct snap_thread {
	pid_t pid;
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long regs[32];
};

struct task_struct *snap_find_task(pid_t pid);
struct snap_thread *snap_lookup(pid_t pid);
void snap_record(struct snap_thread *st, unsigned long *regs, unsigned int n);

static const struct utrace_engine_ops snap_ops;

/* The registers of a thread found by pid: it may be running on another
 * CPU while they are copied. */
int bad_snapshot_running_thread(struct snap_thread *st, pid_t pid)
{
	const struct utrace_regset *rs;
	struct task_struct *task = snap_find_task(pid);

	if (!task) // expected-note {{assuming 'task' is non-null}}
		return -ESRCH;
	rs = utrace_regset(task, st->engine, utrace_native_view(task), 0); // expected-warning {{registers of 'task' accessed by utrace_regset() although the thread is neither current nor known to be stopped [UT-WIN-004]}}
	if (!rs)
		return -EIO;
	/* One report per thread and path. */
	return rs->get(task, rs, 0, rs->n * rs->size, st->regs, NULL);
}

/* The command path of a debugger: read only a thread that is current or
 * sits stopped or quiesced (TASK_TRACED); otherwise refuse. */
int ok_snapshot_current_or_stopped(struct snap_thread *st, pid_t pid)
{
	const struct utrace_regset *rs;
	struct task_struct *task = snap_find_task(pid);

	if (!task)
		return -ESRCH;
	if (task != current && !(task->state & (TASK_STOPPED | TASK_TRACED)))
		return -EBUSY;
	rs = utrace_regset(task, st->engine, utrace_native_view(task), 0);
	if (!rs)
		return -EIO;
	return rs->get(task, rs, 0, rs->n * rs->size, st->regs, NULL);
}

/* The same test written the other way round, around the whole read. */
int ok_snapshot_inside_the_test(struct snap_thread *st, pid_t pid)
{
	struct task_struct *task = snap_find_task(pid);
	int ret = -EBUSY;

	if (!task)
		return -ESRCH;
	if ((current == task) || (task->state & (TASK_TRACED | TASK_STOPPED))) {
		const struct utrace_regset *rs =
			utrace_regset(task, st->engine, utrace_native_view(task), 0);
		if (!rs)
			return -EIO;
		ret = rs->get(task, rs, 0, rs->size, st->regs, NULL);
	}
	return ret;
}

/* A stored task, tested through the same field: the fact is kept by the
 * location the pointer is loaded from. */
int ok_stored_thread_traced(struct snap_thread *st)
{
	const struct utrace_regset *rs;

	if (st->task->state != TASK_TRACED)
		return -EAGAIN;
	rs = utrace_regset(st->task, st->engine, utrace_native_view(st->task), 0);
	if (!rs)
		return -EIO;
	return rs->get(st->task, rs, 0, rs->size, st->regs, NULL);
}

/* Asking for a quiesce does not stop the thread: it stops later, when it
 * next reaches a safe point, and reports report_quiesce then. */
int bad_read_right_after_quiesce_request(struct snap_thread *st)
{
	const struct utrace_regset *rs;
	int ret;

	ret = utrace_set_flags(st->task, st->engine,
			       st->engine->flags | UTRACE_ACTION_QUIESCE);
	if (ret) // expected-note {{assuming 'ret' is 0}}
		return ret;
	rs = utrace_regset(st->task, st->engine, utrace_native_view(st->task), 0); // expected-warning {{registers of 'st->task' accessed by utrace_regset() although the thread is neither current nor known to be stopped [UT-WIN-004]}}
	if (!rs)
		return -EIO;
	return rs->get(st->task, rs, 0, rs->size, st->regs, NULL);
}

/* The test only warns: the read goes on whatever the state. */
int bad_state_test_that_does_not_return(struct snap_thread *st)
{
	const struct utrace_regset *rs =
		utrace_regset(current, st->engine, utrace_native_view(current), 0);

	if (!(st->task->state & TASK_STOPPED)) // expected-note {{assuming the condition is false}}
		printk(KERN_WARNING "snap: %d is not stopped\n", st->pid);
	if (!rs) // expected-note {{assuming 'rs' is non-null}}
		return -EIO;
	return rs->get(st->task, rs, 0, rs->size, st->regs, NULL); // expected-warning {{registers of 'st->task' accessed by utrace_regset->get() although the thread is neither current nor known to be stopped [UT-WIN-004]}}
}

/* A thread that is not running may still be asleep and wake at any time:
 * only TASK_STOPPED and TASK_TRACED hold it. */
int bad_not_running_is_not_stopped(struct snap_thread *st)
{
	const struct utrace_regset *rs;

	if (st->task->state == TASK_RUNNING) // expected-note {{assuming field 'state' is not equal to TASK_RUNNING}}
		return -EBUSY;
	rs = utrace_regset(st->task, st->engine, utrace_native_view(st->task), 0); // expected-warning {{registers of 'st->task' accessed by utrace_regset() although the thread is neither current nor known to be stopped [UT-WIN-004]}}
	if (!rs)
		return -EIO;
	return rs->get(st->task, rs, 0, rs->size, st->regs, NULL);
}

/* Reading one's own registers needs no test. */
int ok_own_registers(struct snap_thread *st)
{
	const struct utrace_regset *rs =
		utrace_regset(current, st->engine, utrace_native_view(current), 0);

	if (!rs)
		return -EIO;
	return rs->get(current, rs, 0, rs->size, st->regs, NULL);
}

/* A helper the callbacks call with their own thread: checked in each
 * caller's context. */
static void snap_sample(struct utrace_engine *engine, struct task_struct *tsk)
{
	struct snap_thread *st = engine->data;
	const struct utrace_regset *rs =
		utrace_regset(tsk, engine, utrace_native_view(tsk), 0);

	if (rs && !rs->get(tsk, rs, 0, rs->n * rs->size, st->regs, NULL))
		snap_record(st, st->regs, rs->n);
}

/* Callbacks run in the thread they report on: their task is current. */
static u32 ok_callback_samples_its_thread(struct utrace_engine *engine,
					   struct task_struct *tsk,
					   struct pt_regs *regs)
{
	snap_sample(engine, tsk);
	return UTRACE_ACTION_RESUME;
}

static u32 ok_quiesce_callback_reads_regs(struct utrace_engine *engine,
					   struct task_struct *tsk)
{
	struct snap_thread *st = engine->data;
	const struct utrace_regset *rs =
		utrace_regset(tsk, engine, utrace_native_view(tsk), 0);

	if (rs)
		rs->get(tsk, rs, 0, rs->size, st->regs, NULL);
	return UTRACE_ACTION_RESUME;
}

/* The new child is another thread, running or about to run. */
static u32 bad_clone_callback_reads_child(struct utrace_engine *engine,
					  struct task_struct *parent,
					  unsigned long clone_flags,
					  struct task_struct *child)
{
	struct snap_thread *st = engine->data;
	const struct utrace_regset *rs =
		utrace_regset(child, engine, utrace_native_view(child), 0); // expected-warning {{registers of 'child' accessed by utrace_regset() although the thread is neither current nor known to be stopped [UT-WIN-004]}}

	if (rs)
		rs->get(child, rs, 0, rs->size, st->regs, NULL);
	return UTRACE_ACTION_RESUME;
}

/* The engine's data is the record of the thread it was attached to
 * (ok_track_thread): in its callbacks that record's task is the reporting
 * thread. */
static u32 ok_exec_callback_reads_its_record(struct utrace_engine *engine,
					      struct task_struct *tsk,
					      const struct linux_binprm *bprm,
					      struct pt_regs *regs)
{
	struct snap_thread *st = engine->data;
	const struct utrace_regset *rs =
		utrace_regset(st->task, engine, utrace_native_view(st->task), 0);

	if (rs)
		rs->get(st->task, rs, 0, rs->size, st->regs, NULL);
	return UTRACE_ACTION_RESUME;
}

/* Another thread's record, found by pid: that thread may be running. */
static u32 bad_death_callback_reads_sibling(struct utrace_engine *engine,
					    struct task_struct *tsk)
{
	struct snap_thread *st = engine->data;
	struct snap_thread *sib = snap_lookup(st->pid + 1);
	const struct utrace_regset *rs;

	if (!sib) // expected-note {{assuming 'sib' is non-null}}
		return UTRACE_ACTION_RESUME;
	rs = utrace_regset(sib->task, sib->engine, utrace_native_view(sib->task), 0); // expected-warning {{registers of 'sib->task' accessed by utrace_regset() although the thread is neither current nor known to be stopped [UT-WIN-004]}}
	if (rs)
		rs->get(sib->task, rs, 0, rs->size, st->regs, NULL);
	return UTRACE_ACTION_RESUME;
}

static const struct utrace_engine_ops snap_ops = {
	.report_quiesce = ok_quiesce_callback_reads_regs,
	.report_clone = bad_clone_callback_reads_child,
	.report_exec = ok_exec_callback_reads_its_record,
	.report_death = bad_death_callback_reads_sibling,
	.report_syscall_entry = ok_callback_samples_its_thread,
	.report_syscall_exit = ok_callback_samples_its_thread,
};

struct snap_thread *snap_alloc(void);

/* The record keeps the thread, and is the engine's data. */
int ok_track_thread(struct task_struct *t)
{
	struct snap_thread *st = snap_alloc();
	struct utrace_engine *engine;

	if (!st)
		return -ENOMEM;
	st->task = t;
	engine = utrace_attach(t, UTRACE_ATTACH_CREATE, &snap_ops, st);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	st->engine = engine;
	return utrace_set_flags(t, engine, UTRACE_EVENT(EXEC) | UTRACE_EVENT(DEATH));
}

int ok_attach_thread(struct snap_thread *st)
{
	struct utrace_engine *engine;

	engine = utrace_attach(st->task, UTRACE_ATTACH_CREATE, &snap_ops, st);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	st->engine = engine;
	return utrace_set_flags(st->task, engine,
				UTRACE_EVENT(QUIESCE) | UTRACE_EVENT_SYSCALL |
					UTRACE_EVENT(CLONE));
}
