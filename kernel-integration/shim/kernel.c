// SPDX-License-Identifier: GPL-2.0
/*
 * User-space shim: RCU read side, struct pid, allocation, sleeping calls,
 * and the task accessors (pt_regs, regsets, access_process_vm).
 *
 * With CONFIG_UTRACE_RUNTIME_CHECKS the accessors and the read side feed
 * the runtime checks: task state touched outside a window (UT-WIN-001),
 * sleeping in a read section (UT-RCU-001), unbalanced sections
 * (UT-RCU-002), a task from pid_task() used after its section
 * (UT-RCU-003), pid_task() outside a section (UT-RCU-004).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/utrace.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <shim/sim.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/regset.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "shim_internal.h"

#define RCU_MAX_NEST	16
#define RCU_MAX_FOUND	16

struct rcu_site {
	const char *file;
	int line;
};

struct rcu_found {
	struct task_struct *thread;	/* who looked it up */
	struct task_struct *task;
	const char *api;
	bool expired;
};

struct rcu_thread {
	int depth;
	struct rcu_site nest[RCU_MAX_NEST];
	const char *view_file;		/* last task_user_regset_view() */
	int view_line;
};

static __thread struct rcu_thread rcu_self;

/*
 * Tasks found by pid_task()/find_task_by_vpid() inside a read section, per
 * looking-up thread.  Global (not per thread) so that freeing a task can
 * forget it before its address is reused.
 */
static pthread_mutex_t found_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rcu_found found[RCU_MAX_FOUND * 8];

/* Global reader count and the callbacks waiting for it to reach zero. */
static pthread_mutex_t rcu_gp_lock = PTHREAD_MUTEX_INITIALIZER;
static int rcu_readers;
static struct rcu_head *rcu_pending;

static void rcu_run_pending(void)
{
	struct rcu_head *list = NULL, *next;

	pthread_mutex_lock(&rcu_gp_lock);
	if (!rcu_readers) {
		list = rcu_pending;
		rcu_pending = NULL;
	}
	pthread_mutex_unlock(&rcu_gp_lock);
	for (; list; list = next) {
		next = list->next;
		list->func(list);
	}
}

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	head->func = func;
	pthread_mutex_lock(&rcu_gp_lock);
	head->next = rcu_pending;
	rcu_pending = head;
	pthread_mutex_unlock(&rcu_gp_lock);
	rcu_run_pending();
}

void synchronize_rcu(void)
{
	long end = sim_now_ms() + 2000;

	for (;;) {
		pthread_mutex_lock(&rcu_gp_lock);
		if (!rcu_readers || sim_now_ms() > end) {
			pthread_mutex_unlock(&rcu_gp_lock);
			break;
		}
		pthread_mutex_unlock(&rcu_gp_lock);
		usleep(200);
	}
}

static void rcu_enter(void)
{
	pthread_mutex_lock(&rcu_gp_lock);
	rcu_readers++;
	pthread_mutex_unlock(&rcu_gp_lock);
}

static void rcu_leave(void)
{
	pthread_mutex_lock(&rcu_gp_lock);
	rcu_readers--;
	pthread_mutex_unlock(&rcu_gp_lock);
	rcu_run_pending();
}

static void rcu_section_ended(void)
{
	struct task_struct *self = current;
	int i;

	pthread_mutex_lock(&found_lock);
	for (i = 0; i < (int)ARRAY_SIZE(found); i++)
		if (found[i].task && found[i].thread == self)
			found[i].expired = true;
	pthread_mutex_unlock(&found_lock);
}

/* Forget @task (pinned by @thread, or freed when @thread is NULL). */
static void rcu_forget(struct task_struct *thread, struct task_struct *task,
		       bool only_live)
{
	int i;

	pthread_mutex_lock(&found_lock);
	for (i = 0; i < (int)ARRAY_SIZE(found); i++)
		if (found[i].task == task && (!thread || found[i].thread == thread) &&
		    (!only_live || !found[i].expired))
			found[i].task = NULL;
	pthread_mutex_unlock(&found_lock);
}

void shim_rcu_task_freed(struct task_struct *task)
{
	rcu_forget(NULL, task, false);
}

void shim_rcu_read_lock(const char *file, int line)
{
	if (rcu_self.depth < RCU_MAX_NEST) {
		rcu_self.nest[rcu_self.depth].file = file;
		rcu_self.nest[rcu_self.depth].line = line;
	}
	rcu_self.depth++;
	rcu_enter();
}

void shim_rcu_read_unlock(const char *file, int line)
{
	if (unlikely(rcu_self.depth <= 0)) {
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		utrace_rt_report(file, line, "UT-RCU-002",
				 "rcu_read_unlock() without a matching rcu_read_lock()");
#endif
		return;
	}
	if (--rcu_self.depth == 0)
		rcu_section_ended();
	rcu_leave();
}

int shim_rcu_depth(void)
{
	return rcu_self.depth;
}

/* Leave read sections above @depth, reporting where each was entered. */
static void rcu_unwind(int depth, const char *what)
{
	while (rcu_self.depth > depth) {
		rcu_self.depth--;
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
		if (rcu_self.depth < RCU_MAX_NEST)
			utrace_rt_report(rcu_self.nest[rcu_self.depth].file,
					 rcu_self.nest[rcu_self.depth].line,
					 "UT-RCU-002",
					 "rcu_read_lock() section is still open when the %s returns",
					 what);
#endif
		if (!rcu_self.depth)
			rcu_section_ended();
		rcu_leave();
	}
}

void shim_rcu_thread_exit(void)
{
	rcu_unwind(0, "thread");
}

/* @task was pinned with get_task_struct(): no longer bound to a section. */
void shim_rcu_pinned(struct task_struct *task)
{
	rcu_forget(current, task, true);
}

static void rcu_found_task(struct task_struct *task, const char *api)
{
	struct task_struct *self = current;
	int i, slot = 0;

	if (!task)
		return;
	pthread_mutex_lock(&found_lock);
	for (i = ARRAY_SIZE(found) - 1; i >= 0; i--)
		if (!found[i].task)
			slot = i;
	for (i = 0; i < (int)ARRAY_SIZE(found); i++)
		if (found[i].task == task && found[i].thread == self)
			slot = i;
	found[slot].thread = self;
	found[slot].task = task;
	found[slot].api = api;
	found[slot].expired = false;
	pthread_mutex_unlock(&found_lock);
}

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
int utrace_rt_rcu_depth(void)
{
	return rcu_self.depth;
}

void utrace_rt_rcu_unwind(int depth, const char *what)
{
	rcu_unwind(depth, what);
}

bool utrace_rt_task_expired(struct task_struct *task, const char *api,
			    const char *file, int line)
{
	struct task_struct *self = current;
	const char *found_by = NULL;
	int i;

	pthread_mutex_lock(&found_lock);
	for (i = 0; i < (int)ARRAY_SIZE(found); i++)
		if (found[i].task == task && found[i].thread == self &&
		    found[i].expired) {
			found_by = found[i].api;
			found[i].task = NULL;
			break;
		}
	pthread_mutex_unlock(&found_lock);
	if (found_by)
		utrace_rt_report(file, line, "UT-RCU-003",
				 "task from %s() used by %s() after its rcu_read_lock() section ended",
				 found_by, api);
	return found_by != NULL;
}

static void check_lookup(const char *api, const char *file, int line)
{
	if (!rcu_self.depth)
		utrace_rt_report(file, line, "UT-RCU-004",
				 "%s() called outside an rcu_read_lock() section", api);
}
#else
#define check_lookup(api, file, line)	do { } while (0)
#endif

/*
 * A checked access to another thread's state: it needs an examine window
 * and, when the pointer came from pid_task(), a live read section.
 */
static void check_access(struct task_struct *task, const char *api,
			 bool sleeps, const char *file, int line)
{
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	if (sleeps)
		utrace_rt_might_sleep(api, file, line);
	if (task == current)
		return;
	if (!utrace_rt_task_expired(task, api, file, line))
		utrace_rt_task_access(task, api, file, line);
#endif
}

void shim_might_sleep(const char *what, const char *file, int line)
{
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	utrace_rt_might_sleep(what, file, line);
#endif
}

/* ---- struct pid ---------------------------------------------------------- */

static pthread_mutex_t pid_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pid *pid_hash[4096];
static pid_t last_pid = 100;

struct pid *shim_pid_alloc(struct task_struct *task)
{
	struct pid *pid = calloc(1, sizeof(*pid));
	int i;

	BUG_ON(!pid);
	__atomic_store_n(&pid->count, 2, __ATOMIC_RELAXED); /* table + task */
	pid->task = task;
	pthread_mutex_lock(&pid_lock);
	for (i = 0; i < (int)ARRAY_SIZE(pid_hash); i++) {
		pid->nr = ++last_pid;
		if (!pid_hash[pid->nr % ARRAY_SIZE(pid_hash)])
			break;
	}
	BUG_ON(pid_hash[pid->nr % ARRAY_SIZE(pid_hash)]);
	pid_hash[pid->nr % ARRAY_SIZE(pid_hash)] = pid;
	pthread_mutex_unlock(&pid_lock);
	return pid;
}

void shim_pid_detach(struct pid *pid)
{
	pthread_mutex_lock(&pid_lock);
	if (pid_hash[pid->nr % ARRAY_SIZE(pid_hash)] == pid)
		pid_hash[pid->nr % ARRAY_SIZE(pid_hash)] = NULL;
	WRITE_ONCE(pid->task, NULL);
	pthread_mutex_unlock(&pid_lock);
	put_pid(pid);
}

struct pid *get_pid(struct pid *pid)
{
	if (pid)
		__atomic_fetch_add(&pid->count, 1, __ATOMIC_RELAXED);
	return pid;
}

void put_pid(struct pid *pid)
{
	if (pid && __atomic_fetch_sub(&pid->count, 1, __ATOMIC_ACQ_REL) == 1)
		free(pid);
}

struct pid *find_get_pid(pid_t nr)
{
	struct pid *pid;

	pthread_mutex_lock(&pid_lock);
	pid = pid_hash[nr % ARRAY_SIZE(pid_hash)];
	if (pid && pid->nr == nr)
		get_pid(pid);
	else
		pid = NULL;
	pthread_mutex_unlock(&pid_lock);
	return pid;
}

struct pid *task_pid(struct task_struct *task)
{
	return task->thread_pid;
}

struct task_struct *shim_pid_task(struct pid *pid, enum pid_type type,
				  const char *file, int line)
{
	struct task_struct *task = pid ? READ_ONCE(pid->task) : NULL;

	check_lookup("pid_task", file, line);
	if (rcu_self.depth)
		rcu_found_task(task, "pid_task");
	return task;
}

struct task_struct *get_pid_task(struct pid *pid, enum pid_type type)
{
	struct task_struct *task;

	rcu_enter();
	task = pid ? READ_ONCE(pid->task) : NULL;
	if (task)
		__atomic_fetch_add(&task->usage, 1, __ATOMIC_RELAXED);
	rcu_leave();
	return task;
}

struct task_struct *shim_find_task_by_vpid(pid_t nr, const char *file, int line)
{
	struct task_struct *task = NULL;
	struct pid *pid;

	check_lookup("find_task_by_vpid", file, line);
	pthread_mutex_lock(&pid_lock);
	pid = pid_hash[nr % ARRAY_SIZE(pid_hash)];
	if (pid && pid->nr == nr)
		task = READ_ONCE(pid->task);
	pthread_mutex_unlock(&pid_lock);
	if (rcu_self.depth)
		rcu_found_task(task, "find_task_by_vpid");
	return task;
}

/* ---- allocation and sleeping calls ---------------------------------------- */

void *shim_kmalloc(size_t size, gfp_t flags, int zero, const char *file, int line)
{
	if (flags & GFP_KERNEL)
		shim_might_sleep("kmalloc", file, line);
	return zero ? calloc(1, size) : malloc(size);
}

void kfree(const void *ptr)
{
	free((void *)ptr);
}

void shim_mutex_lock(struct mutex *lock, const char *file, int line)
{
	shim_might_sleep("mutex_lock", file, line);
	pthread_mutex_lock(&lock->m);
}

void mutex_unlock(struct mutex *lock)
{
	pthread_mutex_unlock(&lock->m);
}

void shim_msleep(unsigned int msecs, const char *file, int line)
{
	shim_might_sleep("msleep", file, line);
	usleep(msecs * 1000);
}

/* ---- task accessors -------------------------------------------------------- */

struct pt_regs *shim_task_pt_regs(struct task_struct *task, const char *file, int line)
{
	check_access(task, "task_pt_regs", false, file, line);
	return &task->regs;
}

int shim_task_current_syscall(struct task_struct *task, long *callno,
			      const char *file, int line)
{
	check_access(task, "task_current_syscall", false, file, line);
	*callno = (long)READ_ONCE(task->regs.orig_ax);
	return 0;
}

#define NR_GPRS	(sizeof(struct pt_regs) / sizeof(unsigned long))

static int gpr_get(struct task_struct *target, const struct user_regset *regset,
		   unsigned int pos, unsigned int count, void *kbuf)
{
	unsigned long *regs = (unsigned long *)&target->regs;
	unsigned long *out = kbuf;
	unsigned int i;

	check_access(target, "user_regset get", true, rcu_self.view_file,
		     rcu_self.view_line);
	if (pos % sizeof(long) || count % sizeof(long) ||
	    pos + count > NR_GPRS * sizeof(long))
		return -EINVAL;
	for (i = 0; i < count / sizeof(long); i++)
		out[i] = __atomic_load_n(&regs[pos / sizeof(long) + i], __ATOMIC_RELAXED);
	return 0;
}

static int gpr_set(struct task_struct *target, const struct user_regset *regset,
		   unsigned int pos, unsigned int count, const void *kbuf)
{
	unsigned long *regs = (unsigned long *)&target->regs;
	const unsigned long *in = kbuf;
	unsigned int i;

	check_access(target, "user_regset set", true, rcu_self.view_file,
		     rcu_self.view_line);
	if (pos % sizeof(long) || count % sizeof(long) ||
	    pos + count > NR_GPRS * sizeof(long))
		return -EINVAL;
	for (i = 0; i < count / sizeof(long); i++)
		__atomic_store_n(&regs[pos / sizeof(long) + i], in[i], __ATOMIC_RELAXED);
	return 0;
}

static const struct user_regset shim_regsets[] = {
	{ .get = gpr_get, .set = gpr_set, .n = NR_GPRS, .size = sizeof(long) },
};

static const struct user_regset_view shim_view = {
	.name = "shim", .regsets = shim_regsets, .n = 1,
};

const struct user_regset_view *shim_task_user_regset_view(struct task_struct *task,
							  const char *file, int line)
{
	check_access(task, "task_user_regset_view", false, file, line);
	rcu_self.view_file = file;
	rcu_self.view_line = line;
	return &shim_view;
}

int shim_copy_regset_to_user(struct task_struct *target,
			     const struct user_regset_view *view,
			     unsigned int setno, unsigned int offset,
			     unsigned int size, void *data,
			     const char *file, int line)
{
	rcu_self.view_file = file;
	rcu_self.view_line = line;
	if (setno >= view->n)
		return -EINVAL;
	return view->regsets[setno].get(target, &view->regsets[setno], offset,
					size, data);
}

int shim_copy_regset_from_user(struct task_struct *target,
			       const struct user_regset_view *view,
			       unsigned int setno, unsigned int offset,
			       unsigned int size, const void *data,
			       const char *file, int line)
{
	rcu_self.view_file = file;
	rcu_self.view_line = line;
	if (setno >= view->n)
		return -EINVAL;
	return view->regsets[setno].set(target, &view->regsets[setno], offset,
					size, data);
}

int shim_access_process_vm(struct task_struct *tsk, unsigned long addr,
			   void *buf, int len, unsigned int gup_flags,
			   const char *file, int line)
{
	unsigned char *p = buf;
	int i;

	check_access(tsk, "access_process_vm", true, file, line);
	if (addr >= SHIM_MEM_SIZE || len < 0)
		return 0;
	if (addr + len > SHIM_MEM_SIZE)
		len = SHIM_MEM_SIZE - addr;
	for (i = 0; i < len; i++) {
		if (gup_flags & FOLL_WRITE)
			__atomic_store_n(&tsk->mem[addr + i], p[i], __ATOMIC_RELAXED);
		else
			p[i] = __atomic_load_n(&tsk->mem[addr + i], __ATOMIC_RELAXED);
	}
	return len;
}
