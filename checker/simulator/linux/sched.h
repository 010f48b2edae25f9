#ifndef _SIM_LINUX_SCHED_H
#define _SIM_LINUX_SCHED_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/atomic.h>
#include <linux/signal.h>
#include <linux/rcupdate.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/rwsem.h>
#include <linux/pid.h>
#include <linux/jiffies.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define __TASK_STOPPED		4
#define __TASK_TRACED		8
#define TASK_TRACED		(__TASK_TRACED)
#define __TASK_STOPPED_ALIAS	__TASK_STOPPED
#define TASK_STOPPED		(__TASK_STOPPED)
#define TASK_DEAD		64
#define TASK_WAKEKILL		128
#define TASK_WAKING		256
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_COMM_LEN		16
#define EXIT_DEAD		16
#define EXIT_ZOMBIE		32

#define PF_EXITING	0x00000004
#define PF_KTHREAD	0x00200000
#define PF_VCPU		0x00000001
#define PF_IDLE		0x00000002
#define PF_FORKNOEXEC	0x00000040
#define PF_SIGNALED	0x00000400
#define PF_MEMALLOC	0x00000800
#define PF_FREEZE	0x00004000
#define PF_FROZEN	0x00010000
#define PF_NOFREEZE	0x00008000
#define PF_STARTING	0x00000002
#define PF_PTRACED	0x00000010
#define PF_TRACESYS	0x00000020
#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_PTRACE	0x00002000
#define CLONE_VFORK	0x00004000
#define CLONE_PARENT	0x00008000
#define CLONE_THREAD	0x00010000
#define CLONE_UNTRACED	0x00800000
#define PT_PTRACED	0x00000001
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

struct mm_struct;
struct pid;
struct pt_regs;
struct pid_namespace;
struct files_struct;
struct fs_struct;
struct nsproxy;
struct cred;
struct utrace;
struct audit_context;
struct sighand_struct {
	atomic_t count;
	struct k_sigaction action[64];
	spinlock_t siglock;
	wait_queue_head_t signalfd_wqh;
};
struct signal_struct {
	atomic_t count;
	atomic_t live;
	int nr_threads;
	wait_queue_head_t wait_chldexit;
	struct task_struct *curr_target;
	struct sigpending shared_pending;
	int group_exit_code;
	int notify_count;
	struct task_struct *group_exit_task;
	int group_stop_count;
	unsigned int flags;
	struct list_head thread_head;
	struct pid *leader_pid;
	struct tty_struct *tty;
	unsigned long utime, stime;
};
#define SIGNAL_STOP_STOPPED	0x00000001
#define SIGNAL_STOP_CONTINUED	0x00000002
#define SIGNAL_GROUP_EXIT	0x00000004

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
	/* Members real tracing code reads; order and layout are not the
	 * kernel's. */
	void *thread_info;
	int prio, static_prio, normal_prio;
	unsigned int policy;
	int on_cpu, on_rq, cpu;
	unsigned int ptrace;
	int exit_signal;
	int pdeath_signal;
	unsigned long atomic_flags;
	unsigned int personality;
	struct list_head tasks;
	struct list_head sibling;
	struct list_head thread_group;
	struct list_head thread_node;
	struct list_head ptraced;
	struct list_head ptrace_entry;
	struct task_struct *group_leader;
	struct mm_struct *active_mm;
	struct pid *thread_pid;
	struct completion *vfork_done;
	int *set_child_tid, *clear_child_tid;
	unsigned long utime, stime, gtime;
	unsigned long min_flt, maj_flt;
	u64 start_time, real_start_time;
	/* Replaced by commit_creds(), freed after a grace period:
	 * read with __task_cred() (<linux/cred.h>) under RCU. */
	const struct cred __rcu *real_cred;
	const struct cred __rcu *cred;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	struct fs_struct *fs;
	struct files_struct *files;
	struct nsproxy *nsproxy;
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	sigset_t blocked, real_blocked, saved_sigmask;
	struct sigpending pending;
	siginfo_t *last_siginfo;
	unsigned long sas_ss_sp;
	size_t sas_ss_size;
	struct audit_context *audit_context;
	spinlock_t pi_lock;
	void *journal_info;
	struct callback_head *task_works;
	/* utrace kernels: the per-task utrace state and its event mask. */
	struct utrace *utrace;
	unsigned long utrace_flags;
	struct list_head *scm_work_list;
	int pagefault_disabled;
	unsigned int sessionid;
};
extern rwlock_t tasklist_lock;
extern struct task_struct init_task;
struct task_struct *next_thread(const struct task_struct *p);
static inline struct task_struct *next_task(struct task_struct *p)
{
	return list_entry(p->tasks.next, struct task_struct, tasks);
}
#define for_each_process(p) \
	for (p = &init_task; (p = next_task(p)) != &init_task; )
#define do_each_thread(g, t) \
	for (g = t = &init_task; (g = t = next_task(g)) != &init_task; ) do
#define while_each_thread(g, t) \
	while ((t = next_thread(t)) != g)
#define for_each_thread(p, t) \
	for (t = p; t; t = next_thread(t) == p ? NULL : next_thread(t))
#define for_each_process_thread(p, t) for_each_process(p) for_each_thread(p, t)
static inline int thread_group_leader(struct task_struct *p)
{
	return p->exit_signal >= 0;
}
int thread_group_empty(struct task_struct *p);
void task_lock(struct task_struct *p);
void task_unlock(struct task_struct *p);
struct mm_struct *get_task_mm(struct task_struct *task);
void mmput(struct mm_struct *mm);
char *get_task_comm(char *to, struct task_struct *tsk);
void set_task_comm(struct task_struct *tsk, const char *from);
struct sighand_struct *lock_task_sighand(struct task_struct *tsk, unsigned long *flags);
void unlock_task_sighand(struct task_struct *tsk, unsigned long *flags);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void yield(void);
int cond_resched(void);
void set_tsk_thread_flag(struct task_struct *tsk, int flag);
void clear_tsk_thread_flag(struct task_struct *tsk, int flag);
int test_tsk_thread_flag(struct task_struct *tsk, int flag);
#define TIF_SIGPENDING	2
#define TIF_SINGLESTEP	4
#define TIF_SYSCALL_TRACE	8
#define TIF_IA32	17
#define TIF_NOTIFY_RESUME	1
void set_task_state_fn(struct task_struct *tsk, long state);
#define set_task_state(tsk, s) set_task_state_fn((tsk), (s))
#define __set_current_state(s) set_current_state_fn(s)
#define __set_task_state(tsk, s) set_task_state_fn((tsk), (s))
int task_is_stopped(struct task_struct *p);
int task_is_traced(struct task_struct *p);
#define task_is_stopped_or_traced(p) (task_is_stopped(p) || task_is_traced(p))
int capable(int cap);
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
void do_exit(long code) __noreturn;
void complete_and_exit(struct completion *c, long code) __noreturn;
int kill_proc(pid_t pid, int sig, int priv);

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
