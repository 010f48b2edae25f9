#ifndef _SIM_LINUX_SCHED_H
#define _SIM_LINUX_SCHED_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define __TASK_STOPPED		4
#define __TASK_TRACED		8
#define TASK_TRACED		(__TASK_TRACED)
#define EXIT_DEAD		16
#define EXIT_ZOMBIE		32

#define PF_EXITING	0x00000004
#define PF_KTHREAD	0x00200000

struct mm_struct;
struct pid;
struct pt_regs;
struct pid_namespace;

struct thread_struct {
	unsigned long sp;
	unsigned long ip;
	unsigned long debugreg6;
	unsigned long fsbase;
};

struct task_struct {
	volatile long state;
	void *stack;
	atomic_t usage;
	unsigned int flags;
	int exit_state;
	int exit_code;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *parent;
	struct list_head children;
	struct mm_struct *mm;
	char comm[16];
	unsigned long nvcsw, nivcsw;
	spinlock_t alloc_lock;
	struct thread_struct thread;
};

struct task_struct *get_current(void);
#define current get_current()

struct task_struct *find_task_by_vpid(pid_t nr);
struct task_struct *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns);

void schedule(void);
long schedule_timeout(long timeout);
int wake_up_process(struct task_struct *tsk);
unsigned long wait_task_inactive(struct task_struct *p, long match_state);
void set_current_state_fn(long state);
#define set_current_state(s) set_current_state_fn(s)
int signal_pending(struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

#endif
