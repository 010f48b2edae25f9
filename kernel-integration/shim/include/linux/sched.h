/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space shim: struct task_struct and a scheduler in which each
 * simulated thread is a pthread.  Field names follow the 6.1 kernel
 * (__state, exit_state, nvcsw) so kernel/utrace.c reads them the same way
 * in both worlds.  The scheduler's own state is in struct shim_sched.
 */
#ifndef _SHIM_LINUX_SCHED_H
#define _SHIM_LINUX_SCHED_H

#include <pthread.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/shim_site.h>
#include <linux/ptrace.h>

#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define __TASK_TRACED		0x0008
#define TASK_DEAD		0x0080
#define TASK_TRACED		__TASK_TRACED
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_ALL		(TASK_NORMAL | __TASK_STOPPED | __TASK_TRACED)

#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020

#define PF_EXITING		0x00000004

#define TASK_COMM_LEN		16
#define SHIM_MEM_SIZE		256

struct pid;

struct shim_sched {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int on_cpu;		/* under lock */
	int started;		/* under lock */
	int exited;		/* under lock */
	int joined;
	int simulated;		/* a traced thread, not a tracer */
	int fatal;		/* atomic: SIGKILL pending */
	unsigned long sigpending; /* atomic: bit per signal */
	unsigned long delivered;	/* atomic: signals delivered */
	void (*body)(void *arg);
	void *arg;
};

/* Architecture state the corpus pokes at (the seed's example). */
struct thread_struct {
	unsigned long debugreg6;
};

struct task_struct {
	pid_t pid;
	pid_t tgid;		/* == pid: every simulated thread leads its group */
	char comm[TASK_COMM_LEN];
	union {
		unsigned int __state;	/* READ_ONCE/WRITE_ONCE */
		unsigned int state;	/* its name before 5.14, as older engines spell it */
	};
	int exit_state;		/* READ_ONCE/WRITE_ONCE */
	unsigned int flags;	/* READ_ONCE/WRITE_ONCE */
	long exit_code;
	unsigned long nvcsw;	/* under sched.lock */
	int usage;		/* atomic reference count */
	struct pid *thread_pid;
	struct pt_regs regs;	/* fields READ_ONCE/WRITE_ONCE */
	unsigned char mem[SHIM_MEM_SIZE]; /* the thread's "user memory" */
	struct thread_struct thread;
	struct rcu_head rcu;
	struct shim_sched sched;
};

struct task_struct *shim_get_current(void);
#define current		shim_get_current()

#define set_current_state(s)	do { WRITE_ONCE(current->__state, (s)); smp_mb(); } while (0)
#define __set_current_state(s)	WRITE_ONCE(current->__state, (s))

void shim_schedule(const char *file, int line);
long shim_schedule_timeout_interruptible(long timeout, const char *file, int line);
#define schedule()	shim_schedule(SHIM_HERE)
#define schedule_timeout_interruptible(t) shim_schedule_timeout_interruptible(t, SHIM_HERE)

int wake_up_state(struct task_struct *p, unsigned int state);
int wake_up_process(struct task_struct *p);
unsigned long wait_task_inactive(struct task_struct *p, unsigned int match_state);

void shim_might_sleep(const char *what, const char *file, int line);
#define might_sleep()	shim_might_sleep("might_sleep", SHIM_HERE)

int signal_pending(struct task_struct *p);
int fatal_signal_pending(struct task_struct *p);

struct task_struct *shim_find_task_by_vpid(pid_t nr, const char *file, int line);
#define find_task_by_vpid(nr)	shim_find_task_by_vpid(nr, SHIM_HERE)

#endif /* _SHIM_LINUX_SCHED_H */
