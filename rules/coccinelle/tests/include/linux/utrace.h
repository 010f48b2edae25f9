/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the utrace API (and of the kernel around it) for the
 * Coccinelle rule tests to be valid C.  The rules never read this file:
 * the tests run spatch with --no-includes, so what matters is that the
 * inputs compile (gcc -fsyntax-only checks that) and read like a module.
 */
#ifndef COCCI_TEST_UTRACE_H
#define COCCI_TEST_UTRACE_H

#define NULL ((void *)0)
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EAGAIN 11
#define ENOMEM 12
#define EEXIST 17
#define EINVAL 22
#define ERESTARTSYS 512
#define GFP_KERNEL 0x0cc0u
#define GFP_ATOMIC 0x0a20u
#define MAX_ERRNO 4095
#define unlikely(x) (x)
#define likely(x) (x)
#define __user

typedef unsigned long size_t;
typedef int pid_t;
typedef unsigned int gfp_t;

struct pid;
struct pid_namespace;
struct mutex { int owner; };
struct pt_regs { unsigned long ip, sp, ax; };
struct thread_struct { unsigned long fsbase; };
/* task->flags bits, values of Linux 6.1 (PF_FROZEN: 5.15, gone in 6.1) */
#define PF_EXITING 0x00000004
#define PF_SIGNALED 0x00000400
#define PF_DUMPCORE 0x00000200
#define PF_MEMALLOC 0x00000800
#define PF_KTHREAD 0x00200000
#define PF_FROZEN 0x00010000

struct task_struct {
	long state;
	unsigned int flags;
	int exit_state;
	pid_t pid;
	pid_t tgid;
	unsigned long long start_time;
	unsigned long ptrace;
	struct signal_struct *signal;	/* cleared by a reap (UT-CB-003) */
	struct sighand_struct *sighand;	/* cleared by a reap (UT-CB-003) */
	struct task_struct *parent;
	struct thread_struct thread;
	char comm[16];
};
struct user_regset;
struct user_regset_view {
	const char *name;
	const struct user_regset *regsets;
	unsigned int n;
};

struct utrace_engine;
struct utrace_engine_ops {
	unsigned int (*report_exit)(unsigned int action,
				    struct utrace_engine *engine,
				    long orig_code, long *code);
	unsigned int (*report_death)(struct utrace_engine *engine,
				     _Bool group_dead, int signal);
	unsigned int (*report_quiesce)(unsigned int action,
				       struct utrace_engine *engine,
				       unsigned long event);
	void (*report_reap)(struct utrace_engine *engine,
			    struct task_struct *task);
	void (*release)(void *data);
};
struct utrace_engine {
	const struct utrace_engine_ops *ops;
	void *data;
	unsigned long flags;
};
struct utrace_examiner { long state; unsigned long ncsw; };

enum utrace_resume_action {
	UTRACE_STOP, UTRACE_INTERRUPT, UTRACE_REPORT, UTRACE_SINGLESTEP,
	UTRACE_BLOCKSTEP, UTRACE_RESUME, UTRACE_DETACH
};
#define UTRACE_ATTACH_MATCH_OPS 0x1
#define UTRACE_ATTACH_CREATE 0x10
#define UTRACE_ATTACH_EXCLUSIVE 0x20
#define UTRACE_EVENT(e) (1UL << 3)

/* What a report_death callback reads of its dying thread (UT-CB-003). */
typedef struct { int counter; } atomic_t;
typedef struct { int lock; } spinlock_t;
struct signal_struct { atomic_t live; int group_exit_code; };
struct sighand_struct { spinlock_t siglock; };
struct task_struct *get_current(void);
#define current get_current()
int atomic_read(const atomic_t *v);
unsigned long _spin_lock_irqsave(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(lock, flags) ((flags) = _spin_lock_irqsave(lock))

static inline int IS_ERR(const void *p)
{
	return (unsigned long)p >= (unsigned long)-MAX_ERRNO;
}
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline void *ERR_PTR(long error) { return (void *)error; }

struct utrace_engine *utrace_attach_task(struct task_struct *t, int flags,
					 const struct utrace_engine_ops *ops,
					 void *data);
struct utrace_engine *utrace_attach_pid(struct pid *pid, int flags,
					const struct utrace_engine_ops *ops,
					void *data);
void utrace_engine_get(struct utrace_engine *engine);
void utrace_engine_put(struct utrace_engine *engine);
int utrace_control(struct task_struct *t, struct utrace_engine *engine,
		   enum utrace_resume_action action);
int utrace_set_events(struct task_struct *t, struct utrace_engine *engine,
		      unsigned long events);
int utrace_barrier(struct task_struct *t, struct utrace_engine *engine);
int utrace_prepare_examine(struct task_struct *t, struct utrace_engine *engine,
			   struct utrace_examiner *exam);
int utrace_finish_examine(struct task_struct *t, struct utrace_engine *engine,
			  struct utrace_examiner *exam);
/* The 2006-2008 generation's utrace_set_events() (UT-REF-008). */
int utrace_set_flags(struct task_struct *t, struct utrace_engine *engine,
		     unsigned long flags);

void rcu_read_lock(void);
void rcu_read_unlock(void);
struct task_struct *pid_task(struct pid *pid, int type);
struct task_struct *find_task_by_vpid(pid_t nr);
struct task_struct *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns);
struct pid *find_vpid(pid_t nr);
void get_task_struct(struct task_struct *t);
#define PIDTYPE_PID 0

void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
void msleep(unsigned int ms);
void schedule(void);
void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *p);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
int access_process_vm(struct task_struct *t, unsigned long addr, void *buf,
		      int len, unsigned int gup_flags);
struct pt_regs *task_pt_regs(struct task_struct *t);
const struct user_regset_view *task_user_regset_view(struct task_struct *t);
int copy_regset_to_user(struct task_struct *t,
			const struct user_regset_view *view,
			unsigned int setno, unsigned int offset,
			unsigned int size, void __user *data);
int task_current_syscall(struct task_struct *t, long *callno,
			 unsigned long args[6], unsigned int maxargs,
			 unsigned long *sp, unsigned long *pc);
void smp_wmb(void);
void smp_rmb(void);
void smp_mb(void);
int pr_info(const char *fmt, ...);
#define engine_wants_stop(e) ((e)->flags & 1UL)

#endif
