// SPDX-License-Identifier: GPL-2.0
/*
 * utrace: reference implementation of the engine API.
 *
 * Written from the project's API contract (docs/utrace-api.md) and the
 * examine/reap discussion in seed/.  The same file builds in user space on
 * the shim in shim/ and as an out-of-tree Kbuild object against real kernel
 * headers; that is why the per-thread state lives in a table of our own,
 * keyed by task pointer, and not in task_struct.
 *
 * Locking: utrace_table_lock nests outside utrace->lock.  A struct utrace
 * is found only under the table lock and freed only after the reaper has
 * removed it from the table and taken its lock, so holding utrace->lock
 * (obtained under the table lock) keeps it alive.  Engine callbacks run
 * with no lock held.  While a report walk is in progress (utrace->walking)
 * detached engines stay on the list and are unlinked by the walker.
 *
 * References: an attached engine holds one reference of its own (dropped
 * when it leaves the list) besides the caller's.
 */
#include <linux/utrace.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "utrace_internal.h"

static struct hlist_head utrace_table[1 << UTRACE_HASH_BITS];
static DEFINE_SPINLOCK(utrace_table_lock);

static struct utrace *utrace_lookup(struct task_struct *task)
{
	struct utrace *utrace;

	hlist_for_each_entry(utrace, &utrace_table[hash_ptr(task, UTRACE_HASH_BITS)],
			     node)
		if (utrace->task == task)
			return utrace;
	return NULL;
}

static bool engine_on_list(struct utrace *utrace, struct utrace_engine *engine)
{
	struct utrace_engine *e;

	if (!READ_ONCE(engine->ops))
		return false;
	list_for_each_entry(e, &utrace->attached, entry)
		if (e == engine)
			return true;
	return false;
}

/*
 * Find @target's utrace and lock it, checking that @engine is attached to
 * it.  This is what makes a stored task pointer safe to pass along with a
 * valid engine: a reaped task is no longer in the table, and nothing here
 * dereferences @target.
 */
static struct utrace *get_utrace_lock(struct task_struct *target,
				      struct utrace_engine *engine)
{
	struct utrace *utrace;

	spin_lock(&utrace_table_lock);
	utrace = utrace_lookup(target);
	if (!utrace) {
		spin_unlock(&utrace_table_lock);
		return ERR_PTR(-ESRCH);
	}
	spin_lock(&utrace->lock);
	spin_unlock(&utrace_table_lock);
	if (unlikely(!engine_on_list(utrace, engine))) {
		spin_unlock(&utrace->lock);
		return ERR_PTR(-ESRCH);
	}
	return utrace;
}

/* The traced thread's own utrace, or NULL when no engine ever attached. */
struct utrace *task_utrace(struct task_struct *task)
{
	struct utrace *utrace;

	spin_lock(&utrace_table_lock);
	utrace = utrace_lookup(task);
	spin_unlock(&utrace_table_lock);
	return utrace;
}

void __utrace_engine_release(struct kref *kref)
{
	struct utrace_engine *engine = container_of(kref, struct utrace_engine,
						    kref);

	if (engine->release)
		engine->release(engine->data);
	if (utrace_rt_engine_quarantine(engine))
		return;
	kfree(engine);
}
EXPORT_SYMBOL_GPL(__utrace_engine_release);

/* Drop the attachment references of engines unlinked under the lock. */
void put_detached_list(struct list_head *list)
{
	struct utrace_engine *engine, *next;

	list_for_each_entry_safe(engine, next, list, entry) {
		list_del_init(&engine->entry);
		kref_put(&engine->kref, __utrace_engine_release);
	}
}

/* Called with utrace->lock held. */
bool utrace_wants_stop(struct utrace *utrace)
{
	struct utrace_engine *engine;

	list_for_each_entry(engine, &utrace->attached, entry)
		if (engine_wants_stop(engine))
			return true;
	return false;
}

/*
 * Mark @engine detached.  Called with utrace->lock held; the engine is
 * unlinked now, or by the walker when a report walk is in progress.
 */
void mark_engine_detached(struct utrace *utrace,
				 struct utrace_engine *engine,
				 struct list_head *detached)
{
	WRITE_ONCE(engine->ops, NULL);
	WRITE_ONCE(engine->flags, 0UL);
	if (!utrace->walking)
		list_move_tail(&engine->entry, detached);
}

/* Unlink engines detached during a walk.  Called with utrace->lock held. */
void unlink_detached(struct utrace *utrace, struct list_head *detached)
{
	struct utrace_engine *engine, *next;

	list_for_each_entry_safe(engine, next, &utrace->attached, entry)
		if (!READ_ONCE(engine->ops))
			list_move_tail(&engine->entry, detached);
}

/* Let a thread parked in utrace_stop() go if nobody wants it stopped. */
static void utrace_wake_if_free(struct utrace *utrace)
{
	if (utrace->stopped && !utrace_wants_stop(utrace))
		wake_up_state(utrace->task, TASK_TRACED);
}

static bool matching_engine(struct utrace_engine *engine, int flags,
			    const struct utrace_engine_ops *ops, void *data)
{
	if ((flags & UTRACE_ATTACH_MATCH_OPS) && engine->ops != ops)
		return false;
	if ((flags & UTRACE_ATTACH_MATCH_DATA) && engine->data != data)
		return false;
	return engine->ops != NULL;
}

static struct utrace_engine *find_matching_engine(struct utrace *utrace,
						  int flags,
						  const struct utrace_engine_ops *ops,
						  void *data)
{
	struct utrace_engine *engine;

	list_for_each_entry(engine, &utrace->attached, entry)
		if (matching_engine(engine, flags, ops, data))
			return engine;
	return NULL;
}

/* Look up an engine without creating one: -ENOENT when there is none. */
static struct utrace_engine *utrace_lookup_engine(struct task_struct *target,
						  int flags,
						  const struct utrace_engine_ops *ops,
						  void *data)
{
	struct utrace_engine *engine = ERR_PTR(-ENOENT);
	struct utrace *utrace;

	spin_lock(&utrace_table_lock);
	utrace = utrace_lookup(target);
	if (utrace) {
		spin_lock(&utrace->lock);
		engine = find_matching_engine(utrace, flags, ops, data);
		if (engine)
			kref_get(&engine->kref);
		else
			engine = ERR_PTR(-ENOENT);
		spin_unlock(&utrace->lock);
	}
	spin_unlock(&utrace_table_lock);
	return engine;
}

static struct utrace *utrace_alloc(struct task_struct *target)
{
	struct utrace *utrace = kzalloc(sizeof(*utrace), GFP_ATOMIC);

	if (!utrace)
		return NULL;
	INIT_HLIST_NODE(&utrace->node);
	utrace->task = target;
	spin_lock_init(&utrace->lock);
	INIT_LIST_HEAD(&utrace->attached);
	return utrace;
}

/*
 * Attach @engine to @target, creating the table entry from @spare if
 * needed.  Returns 0, -EEXIST or -EPERM; *spare is set to NULL if used.
 */
static int utrace_add_engine(struct task_struct *target, struct utrace **spare,
			     struct utrace_engine *engine, int flags,
			     const struct utrace_engine_ops *ops, void *data)
{
	struct utrace *utrace;
	int ret = 0;

	spin_lock(&utrace_table_lock);
	utrace = utrace_lookup(target);
	if (!utrace) {
		/* A zombie never gets a new table entry: reap may be near. */
		if (READ_ONCE(target->exit_state)) {
			spin_unlock(&utrace_table_lock);
			return -EPERM;
		}
		utrace = *spare;
		*spare = NULL;
		hlist_add_head(&utrace->node,
			       &utrace_table[hash_ptr(target, UTRACE_HASH_BITS)]);
	}
	spin_lock(&utrace->lock);
	spin_unlock(&utrace_table_lock);

	if (utrace->death || utrace->reap)
		ret = -EPERM;
	else if ((flags & UTRACE_ATTACH_EXCLUSIVE) &&
		 find_matching_engine(utrace, flags, ops, data))
		ret = -EEXIST;
	else
		list_add_tail(&engine->entry, &utrace->attached);
	spin_unlock(&utrace->lock);
	return ret;
}

/**
 * utrace_attach_task - attach a new engine to a thread, or look one up
 *
 * Returns the engine with one reference for the caller, or ERR_PTR():
 * never NULL.  Does not sleep (the contract does not list it among the
 * calls that may), so engines may attach inside rcu_read_lock().
 */
struct utrace_engine *(utrace_attach_task)(struct task_struct *target, int flags,
					   const struct utrace_engine_ops *ops,
					   void *data UTRACE_SITE_PARAMS)
{
	struct utrace_engine *engine;
	struct utrace *spare;
	int ret;

	utrace_rt_task_use(target, "utrace_attach_task" UTRACE_SITE_FWD);
	if (unlikely(flags & ~(UTRACE_ATTACH_MATCH_MASK | UTRACE_ATTACH_CREATE |
			       UTRACE_ATTACH_EXCLUSIVE)))
		return ERR_PTR(-EINVAL);

	if (!(flags & UTRACE_ATTACH_CREATE)) {
		engine = utrace_lookup_engine(target, flags, ops, data);
		if (!IS_ERR(engine))
			utrace_rt_ref_acquired(engine, "utrace_attach_task"
					       UTRACE_SITE_FWD);
		return engine;
	}
	if (unlikely(!ops))
		return ERR_PTR(-EINVAL);
	if (READ_ONCE(target->exit_state) || (READ_ONCE(target->flags) & PF_EXITING))
		return ERR_PTR(-EPERM);

	engine = kzalloc(sizeof(*engine), GFP_ATOMIC);
	if (unlikely(!engine))
		return ERR_PTR(-ENOMEM);
	spare = utrace_alloc(target);
	if (unlikely(!spare)) {
		kfree(engine);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&engine->kref);	/* the caller's reference */
	kref_get(&engine->kref);	/* the attachment's reference */
	engine->ops = ops;
	engine->data = data;
	engine->release = ops->release;
	INIT_LIST_HEAD(&engine->entry);
	utrace_rt_engine_new(engine, ops);

	ret = utrace_add_engine(target, &spare, engine, flags, ops, data);
	kfree(spare);
	if (ret) {
		engine->release = NULL;	/* never attached: no release call */
		kref_put(&engine->kref, __utrace_engine_release);
		kref_put(&engine->kref, __utrace_engine_release);
		return ERR_PTR(ret);
	}
	utrace_rt_ref_acquired(engine, "utrace_attach_task" UTRACE_SITE_FWD);
	return engine;
}
EXPORT_SYMBOL_GPL(utrace_attach_task);

/* The task behind @pid with a reference, or NULL once it is reaped. */
static struct task_struct *utrace_pid_task(struct pid *pid)
{
	struct task_struct *task;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	if (task)
		get_task_struct(task);
	rcu_read_unlock();	/* mutant:pid-rcu-unlock */
	return task;
}

struct utrace_engine *(utrace_attach_pid)(struct pid *pid, int flags,
					  const struct utrace_engine_ops *ops,
					  void *data UTRACE_SITE_PARAMS)
{
	struct utrace_engine *engine;
	struct task_struct *task = utrace_pid_task(pid);

	if (!task)
		return ERR_PTR(-ESRCH);
	engine = (utrace_attach_task)(task, flags, ops, data UTRACE_SITE_FWD);
	put_task_struct(task);
	return engine;
}
EXPORT_SYMBOL_GPL(utrace_attach_pid);

/**
 * utrace_set_events - choose which events @engine gets callbacks for
 *
 * Returns -EINPROGRESS when a callback of @engine for an event being
 * turned off may still be running (use utrace_barrier() to wait for it).
 */
int (utrace_set_events)(struct task_struct *target,
			struct utrace_engine *engine,
			unsigned long events UTRACE_SITE_PARAMS)
{
	struct utrace *utrace;
	unsigned long old;
	int ret = 0;

	if (!utrace_rt_engine_ok(engine, "utrace_set_events" UTRACE_SITE_FWD))
		return -EINVAL;
	utrace = get_utrace_lock(target, engine);
	if (IS_ERR(utrace))
		return PTR_ERR(utrace);
	old = READ_ONCE(engine->flags);
	if (utrace->death && (events & ~old & ~UTRACE_EVENT(REAP)))
		ret = -EALREADY;
	else {
		WRITE_ONCE(engine->flags,
			   (old & ENGINE_STOP) | (events & UTRACE_EVENT_MASK));
		if (utrace->reporting == engine && (old & ~events & UTRACE_EVENT_MASK))
			ret = -EINPROGRESS;
	}
	spin_unlock(&utrace->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_set_events);

/**
 * utrace_control - stop, resume or detach a traced thread
 *
 * UTRACE_STOP returns -EINPROGRESS until the thread is actually parked.
 * UTRACE_DETACH detaches @engine but leaves the caller's reference alone.
 */
int (utrace_control)(struct task_struct *target, struct utrace_engine *engine,
		     enum utrace_resume_action action UTRACE_SITE_PARAMS)
{
	struct utrace *utrace;
	LIST_HEAD(detached);
	int ret = 0;

	if (!utrace_rt_engine_ok(engine, "utrace_control" UTRACE_SITE_FWD))
		return -EINVAL;
	if (unlikely((unsigned int)action >= UTRACE_RESUME_MAX))
		return -EINVAL;
	utrace_rt_control_check(target, engine, action UTRACE_SITE_FWD);
	utrace = get_utrace_lock(target, engine);
	if (IS_ERR(utrace))
		return PTR_ERR(utrace);

	switch (action) {
	case UTRACE_STOP:
		if (utrace->death) {
			ret = -EALREADY;
			break;
		}
		WRITE_ONCE(engine->flags, READ_ONCE(engine->flags) | ENGINE_STOP);
		if (!utrace->stopped)
			ret = -EINPROGRESS;
		break;
	case UTRACE_DETACH:
		mark_engine_detached(utrace, engine, &detached);
		utrace_wake_if_free(utrace);
		break;
	case UTRACE_INTERRUPT:
	case UTRACE_REPORT:
		utrace->quiesce = true;
		fallthrough;
	default:
		if (utrace->death) {
			ret = -EALREADY;
			break;
		}
		WRITE_ONCE(engine->flags, READ_ONCE(engine->flags) & ~ENGINE_STOP);
		utrace_wake_if_free(utrace);
		break;
	}
	spin_unlock(&utrace->lock);
	put_detached_list(&detached);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_control);

/**
 * utrace_barrier - wait until no callback of @engine is running
 *
 * May sleep.  From inside @engine's own callback it returns at once
 * instead of waiting for itself.
 */
int (utrace_barrier)(struct task_struct *target, struct utrace_engine *engine
		     UTRACE_SITE_PARAMS)
{
	struct utrace *utrace;
	bool busy;

	if (!utrace_rt_engine_ok(engine, "utrace_barrier" UTRACE_SITE_FWD))
		return -EINVAL;
	utrace_rt_might_sleep("utrace_barrier" UTRACE_SITE_FWD);
	utrace_rt_barrier_check(target, engine UTRACE_SITE_FWD);
	for (;;) {
		utrace = get_utrace_lock(target, engine);
		if (IS_ERR(utrace))
			return PTR_ERR(utrace);
		busy = utrace->reporting == engine && target != current;
		spin_unlock(&utrace->lock);
		if (!busy)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		schedule_timeout_interruptible(1);
	}
}
EXPORT_SYMBOL_GPL(utrace_barrier);

int (utrace_control_pid)(struct pid *pid, struct utrace_engine *engine,
			 enum utrace_resume_action action UTRACE_SITE_PARAMS)
{
	struct task_struct *task = utrace_pid_task(pid);
	int ret;

	if (!task)
		return -ESRCH;
	ret = (utrace_control)(task, engine, action UTRACE_SITE_FWD);
	put_task_struct(task);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_control_pid);

int (utrace_set_events_pid)(struct pid *pid, struct utrace_engine *engine,
			    unsigned long events UTRACE_SITE_PARAMS)
{
	struct task_struct *task = utrace_pid_task(pid);
	int ret;

	if (!task)
		return -ESRCH;
	ret = (utrace_set_events)(task, engine, events UTRACE_SITE_FWD);
	put_task_struct(task);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_set_events_pid);

int (utrace_barrier_pid)(struct pid *pid, struct utrace_engine *engine
			 UTRACE_SITE_PARAMS)
{
	struct task_struct *task = utrace_pid_task(pid);
	int ret;

	if (!task)
		return -ESRCH;
	ret = (utrace_barrier)(task, engine UTRACE_SITE_FWD);
	put_task_struct(task);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_barrier_pid);

/**
 * utrace_prepare_examine - open a window for examining a stopped thread
 *
 * On success the thread is off the CPU and pinned (a task reference that
 * utrace_finish_examine() drops), so regset calls in the window need no
 * rcu_read_lock().  May sleep.
 */
int (utrace_prepare_examine)(struct task_struct *target,
			     struct utrace_engine *engine,
			     struct utrace_examiner *exam UTRACE_SITE_PARAMS)
{
	int ret = 0;

	if (!utrace_rt_engine_ok(engine, "utrace_prepare_examine" UTRACE_SITE_FWD))
		return -EINVAL;
	utrace_rt_might_sleep("utrace_prepare_examine" UTRACE_SITE_FWD);
	if (unlikely(target == current))
		return 0;

	rcu_read_lock();
	if (unlikely(!engine_wants_stop(engine)))
		ret = READ_ONCE(engine->ops) ? -EINVAL : -ESRCH;
	else {
		/* Seed fix: order the engine->flags read before exit_state. */
		smp_rmb();	/* mutant:examine-rmb */
		if (unlikely(READ_ONCE(target->exit_state)))
			ret = -ESRCH;
		else {
			exam->state = READ_ONCE(target->__state);
			get_task_struct(target);
		}
	}
	rcu_read_unlock();
	if (ret)
		return ret;

	if (exam->state == TASK_RUNNING)
		ret = -EAGAIN;
	else {
		exam->ncsw = wait_task_inactive(target, exam->state);
		if (unlikely(!exam->ncsw))
			ret = -EAGAIN;
	}
	if (ret) {
		put_task_struct(target);
		return ret;
	}
	utrace_rt_window_open(target, engine, exam UTRACE_SITE_FWD);
	return 0;
}
EXPORT_SYMBOL_GPL(utrace_prepare_examine);

/**
 * utrace_finish_examine - close the window opened by utrace_prepare_examine()
 *
 * Returns 0 when the thread stayed stopped the whole time, -EAGAIN when it
 * ran in between (what was read is stale), -ESRCH when the engine was
 * detached or the thread died.  Drops the task reference either way.
 */
int (utrace_finish_examine)(struct task_struct *target,
			    struct utrace_engine *engine,
			    struct utrace_examiner *exam UTRACE_SITE_PARAMS)
{
	int ret = 0;

	if (!utrace_rt_engine_ok(engine, "utrace_finish_examine" UTRACE_SITE_FWD))
		return -EINVAL;
	if (unlikely(target == current))
		return 0;
	if (!utrace_rt_window_held(target, engine, exam UTRACE_SITE_FWD))
		return -EINVAL;
	utrace_rt_might_sleep("utrace_finish_examine" UTRACE_SITE_FWD);

	if (unlikely(!engine_wants_stop(engine)))
		ret = READ_ONCE(engine->ops) ? -EINVAL : -ESRCH;
	else {
		/* Seed fix: same ordering as in utrace_prepare_examine(). */
		smp_rmb();
		if (unlikely(READ_ONCE(target->exit_state)))
			ret = -ESRCH;
		else if (unlikely(READ_ONCE(target->__state) != exam->state))
			ret = -EAGAIN;
		else if (wait_task_inactive(target, exam->state) != exam->ncsw)
			ret = -EAGAIN;
	}
	put_task_struct(target);
	utrace_rt_window_close(target, engine, exam, ret UTRACE_SITE_FWD);
	return ret;
}
EXPORT_SYMBOL_GPL(utrace_finish_examine);

/**
 * utrace_release_task - the thread is being reaped: detach every engine
 *
 * Runs in the reaper's context after the thread's last report.  Engines
 * that asked for UTRACE_EVENT(REAP) get report_reap(); after it returns
 * the engine pointer is invalid for anyone who holds no reference.
 */
void utrace_release_task(struct task_struct *task)
{
	const struct utrace_engine_ops *ops;
	struct utrace_engine *engine, *next;
	struct utrace *utrace;
	unsigned long flags;
	LIST_HEAD(detached);

	spin_lock(&utrace_table_lock);
	utrace = utrace_lookup(task);
	if (!utrace) {
		spin_unlock(&utrace_table_lock);
		return;
	}
	hlist_del_init(&utrace->node);
	spin_lock(&utrace->lock);
	spin_unlock(&utrace_table_lock);
	utrace->reap = true;

	list_for_each_entry_safe(engine, next, &utrace->attached, entry) {
		ops = engine->ops;
		flags = engine->flags;
		WRITE_ONCE(engine->ops, NULL);
		/* Seed fix: reap clears engine->flags as well as ops. */
		WRITE_ONCE(engine->flags, 0UL);	/* mutant:reap-clear-flags */
		list_move_tail(&engine->entry, &detached);
		if (!ops || !ops->report_reap || !(flags & UTRACE_EVENT(REAP)))
			continue;
		/* Out of the table: nobody else can take the lock now. */
		spin_unlock(&utrace->lock);
		utrace_rt_cb_enter(engine, UTRACE_EVENT(REAP));
		ops->report_reap(engine, task);
		utrace_rt_cb_exit(engine, UTRACE_EVENT(REAP));
		spin_lock(&utrace->lock);
	}
	spin_unlock(&utrace->lock);

	/*
	 * Seed fix: the engine->ops and engine->flags updates are visible
	 * before the task may really die; pairs with the smp_rmb() in
	 * utrace_prepare_examine().
	 */
	smp_wmb();	/* mutant:reap-wmb */
	put_detached_list(&detached);
	kfree(utrace);
}
EXPORT_SYMBOL_GPL(utrace_release_task);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("utrace reference implementation (utrace-check)");
