// SPDX-License-Identifier: GPL-2.0
/*
 * User-space shim: tasks and the simulated scheduler.
 *
 * A simulated thread is a pthread running a body function.  "Off the CPU"
 * means blocked in schedule(); every sleep can be cut short by SIGKILL (as
 * if every sleep were TASK_KILLABLE), which keeps tests from hanging.
 * Every wait a tester can start is bounded in time.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/utrace.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <shim/sim.h>
#include "shim_internal.h"

static __thread struct task_struct *shim_current;

static pthread_mutex_t tracer_lock = PTHREAD_MUTEX_INITIALIZER;
static struct task_struct *tracers[256];	/* keeps tracer tasks reachable */
static int nr_tracers;

long sim_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_nsec += (long)ms * 1000000L;
	ts->tv_sec += ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

static struct task_struct *task_alloc(const char *comm, int simulated)
{
	struct task_struct *t = calloc(1, sizeof(*t));

	BUG_ON(!t);
	strncpy(t->comm, comm, TASK_COMM_LEN - 1);
	__atomic_store_n(&t->usage, 1, __ATOMIC_RELAXED);
	pthread_mutex_init(&t->sched.lock, NULL);
	pthread_cond_init(&t->sched.cond, NULL);
	t->sched.on_cpu = 1;
	t->sched.simulated = simulated;
	t->thread_pid = shim_pid_alloc(t);
	t->pid = t->thread_pid->nr;
	t->tgid = t->pid;
	return t;
}

static void task_free_rcu(struct rcu_head *head)
{
	struct task_struct *t = container_of(head, struct task_struct, rcu);

	shim_rcu_task_freed(t);
	put_pid(t->thread_pid);
	pthread_mutex_destroy(&t->sched.lock);
	pthread_cond_destroy(&t->sched.cond);
	free(t);
}

struct task_struct *shim_get_current(void)
{
	struct task_struct *t = shim_current;

	if (likely(t))
		return t;
	t = task_alloc("tracer", 0);
	pthread_mutex_lock(&tracer_lock);
	if (nr_tracers < (int)ARRAY_SIZE(tracers))
		tracers[nr_tracers++] = t;
	pthread_mutex_unlock(&tracer_lock);
	shim_current = t;
	return t;
}

void shim_get_task_struct(struct task_struct *t, const char *file, int line)
{
	int old = __atomic_fetch_add(&t->usage, 1, __ATOMIC_RELAXED);

	BUG_ON(old <= 0);
	shim_rcu_pinned(t);
}

void put_task_struct(struct task_struct *t)
{
	int old = __atomic_fetch_sub(&t->usage, 1, __ATOMIC_ACQ_REL);

	BUG_ON(old <= 0);
	if (old == 1)
		call_rcu(&t->rcu, task_free_rcu);
}

/* ---- sleeping and waking ---------------------------------------------- */

static void do_schedule(struct task_struct *t)
{
	pthread_mutex_lock(&t->sched.lock);
	if (READ_ONCE(t->__state) != TASK_RUNNING && !READ_ONCE(t->sched.fatal)) {
		t->nvcsw++;
		t->sched.on_cpu = 0;
		pthread_cond_broadcast(&t->sched.cond);
		while (READ_ONCE(t->__state) != TASK_RUNNING &&
		       !READ_ONCE(t->sched.fatal))
			pthread_cond_wait(&t->sched.cond, &t->sched.lock);
		t->sched.on_cpu = 1;
	}
	WRITE_ONCE(t->__state, TASK_RUNNING);
	pthread_mutex_unlock(&t->sched.lock);
}

void shim_schedule(const char *file, int line)
{
	shim_might_sleep("schedule", file, line);
	do_schedule(current);
}

long shim_schedule_timeout_interruptible(long timeout, const char *file, int line)
{
	usleep(200 * (timeout > 0 ? timeout : 1));
	return 0;
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	int woken = 0;

	pthread_mutex_lock(&p->sched.lock);
	if (READ_ONCE(p->__state) & state) {
		WRITE_ONCE(p->__state, TASK_RUNNING);
		pthread_cond_broadcast(&p->sched.cond);
		woken = 1;
	}
	pthread_mutex_unlock(&p->sched.lock);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* Wait (at most ~2s) until @p is off the CPU in @match_state. */
unsigned long wait_task_inactive(struct task_struct *p, unsigned int match_state)
{
	long end = sim_now_ms() + 2000;
	unsigned long ncsw = 0;
	struct timespec ts;

	pthread_mutex_lock(&p->sched.lock);
	for (;;) {
		if (match_state && READ_ONCE(p->__state) != match_state)
			break;
		if (!p->sched.on_cpu) {
			ncsw = p->nvcsw | LONG_MIN;
			break;
		}
		if (sim_now_ms() > end)
			break;
		deadline_in(&ts, 2);
		pthread_cond_timedwait(&p->sched.cond, &p->sched.lock, &ts);
	}
	pthread_mutex_unlock(&p->sched.lock);
	return ncsw;
}

int signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->sched.fatal) != 0;
}

int fatal_signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->sched.fatal) != 0;
}

/* ---- simulated threads ------------------------------------------------- */

static void *sim_thread(void *arg)
{
	struct task_struct *t = arg;
	long code = 0;

	shim_current = t;
	pthread_mutex_lock(&t->sched.lock);
	while (!t->sched.started && !READ_ONCE(t->sched.fatal))
		pthread_cond_wait(&t->sched.cond, &t->sched.lock);
	pthread_mutex_unlock(&t->sched.lock);

	if (!READ_ONCE(t->sched.fatal))
		t->sched.body(t->sched.arg);
	shim_rcu_thread_exit();

	WRITE_ONCE(t->flags, READ_ONCE(t->flags) | PF_EXITING);
	utrace_report_exit(&code);
	t->exit_code = code;
	WRITE_ONCE(t->exit_state, EXIT_ZOMBIE);
	utrace_report_death(true, 0);

	pthread_mutex_lock(&t->sched.lock);
	WRITE_ONCE(t->__state, TASK_DEAD);
	t->sched.on_cpu = 0;
	t->sched.exited = 1;
	pthread_cond_broadcast(&t->sched.cond);
	pthread_mutex_unlock(&t->sched.lock);
	return NULL;
}

struct task_struct *sim_spawn(const char *comm, void (*body)(void *arg), void *arg)
{
	struct task_struct *t = task_alloc(comm, 1);

	t->sched.body = body;
	t->sched.arg = arg;
	__atomic_store_n(&t->usage, 2, __ATOMIC_RELAXED); /* the thread's + caller's */
	BUG_ON(pthread_create(&t->sched.thread, NULL, sim_thread, t));
	return t;
}

void sim_start(struct task_struct *t)
{
	pthread_mutex_lock(&t->sched.lock);
	t->sched.started = 1;
	pthread_cond_broadcast(&t->sched.cond);
	pthread_mutex_unlock(&t->sched.lock);
}

void sim_kill(struct task_struct *t)
{
	__atomic_fetch_or(&t->sched.sigpending, 1UL << 9, __ATOMIC_RELAXED);
	WRITE_ONCE(t->sched.fatal, 1);
	pthread_mutex_lock(&t->sched.lock);
	pthread_cond_broadcast(&t->sched.cond);
	pthread_mutex_unlock(&t->sched.lock);
}

void sim_send_signal(struct task_struct *t, int sig)
{
	if (sig == 9) {
		sim_kill(t);
		return;
	}
	__atomic_fetch_or(&t->sched.sigpending, 1UL << sig, __ATOMIC_RELAXED);
}

unsigned long sim_signals_delivered(struct task_struct *t)
{
	return __atomic_load_n(&t->sched.delivered, __ATOMIC_RELAXED);
}

int sim_wait_zombie(struct task_struct *t, int timeout_ms)
{
	struct timespec ts;
	int ret = 0;

	deadline_in(&ts, timeout_ms);
	pthread_mutex_lock(&t->sched.lock);
	while (!t->sched.exited && ret != ETIMEDOUT)
		ret = pthread_cond_timedwait(&t->sched.cond, &t->sched.lock, &ts);
	ret = t->sched.exited ? 0 : -ETIMEDOUT;
	pthread_mutex_unlock(&t->sched.lock);
	return ret;
}

int sim_wait_stopped(struct task_struct *t, int timeout_ms)
{
	struct timespec ts;
	int ret = 0;

	deadline_in(&ts, timeout_ms);
	pthread_mutex_lock(&t->sched.lock);
	while (!(READ_ONCE(t->__state) == TASK_TRACED && !t->sched.on_cpu) &&
	       ret != ETIMEDOUT)
		ret = pthread_cond_timedwait(&t->sched.cond, &t->sched.lock, &ts);
	ret = (READ_ONCE(t->__state) == TASK_TRACED && !t->sched.on_cpu) ? 0 : -ETIMEDOUT;
	pthread_mutex_unlock(&t->sched.lock);
	return ret;
}

int sim_reap(struct task_struct *t, int timeout_ms)
{
	if (sim_wait_zombie(t, timeout_ms))
		return -ETIMEDOUT;
	if (!t->sched.joined) {
		pthread_join(t->sched.thread, NULL);
		t->sched.joined = 1;
	}
	utrace_release_task(t);
	WRITE_ONCE(t->exit_state, EXIT_DEAD);
	shim_pid_detach(t->thread_pid);
	put_task_struct(t);		/* the thread's own reference */
	return 0;
}

/* ---- what a simulated thread's body calls ----------------------------- */

bool sim_fatal(void)
{
	return fatal_signal_pending(current);
}

void sim_safe_point(void)
{
	struct task_struct *t = current;
	unsigned long pending;
	int sig;

	pending = __atomic_exchange_n(&t->sched.sigpending, 0UL, __ATOMIC_RELAXED);
	for (sig = 1; sig < BITS_PER_LONG; sig++) {
		if (!(pending & (1UL << sig)) || sig == 9)
			continue;
		if (utrace_report_signal(&t->regs, sig))
			__atomic_fetch_add(&t->sched.delivered, 1UL, __ATOMIC_RELAXED);
	}
	if (!sim_fatal())
		utrace_resume();
}

long sim_syscall(long nr)
{
	struct pt_regs *regs = &current->regs;

	WRITE_ONCE(regs->orig_ax, (unsigned long)nr);
	WRITE_ONCE(regs->ip, READ_ONCE(regs->ip) + 2);
	utrace_report_syscall_entry(regs);
	WRITE_ONCE(regs->ax, (unsigned long)nr * 2);
	utrace_report_syscall_exit(regs);
	sim_safe_point();
	return (long)READ_ONCE(regs->ax);
}

void sim_exec(const char *filename)
{
	struct pt_regs *regs = &current->regs;

	WRITE_ONCE(regs->ip, 0x400000UL);
	utrace_report_exec(filename, regs);
	sim_safe_point();
}

void sim_jctl(int type)
{
	utrace_report_jctl(type, 0);
	sim_safe_point();
}
