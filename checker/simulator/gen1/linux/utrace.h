/*
 * The first utrace API generation (2006-2008: Fedora and RHEL 5 kernels),
 * as the simulator shapes it. Written for utrace-check from the API
 * contract (../shared/docs/utrace-api.md, "Two API generations"), not
 * copied. --standalone puts this folder before the simulator's own when a
 * file uses this generation's names.
 *
 * Engines have no reference counts here: utrace_attach() returns an
 * engine the attachment keeps alive until utrace_detach() (or a callback
 * returning UTRACE_ACTION_DETACH); lookups without UTRACE_ATTACH_CREATE may
 * return NULL or ERR_PTR(-ENOENT). Callbacks get the engine and the task
 * and return an action word.
 *
 * The handle is spelled struct utrace_attached_engine in code of this era;
 * the simulator names the record utrace_engine, as the later generation
 * does, so that the rules which recognise callbacks and engine pointers by
 * their record see one name.
 */
#ifndef _SIM_LINUX_UTRACE_H
#define _SIM_LINUX_UTRACE_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/rcupdate.h>

struct linux_binprm;
struct pt_regs;
struct utrace_regset;
struct utrace_regset_view;

#define utrace_attached_engine utrace_engine

/* Event bits: one per report_* callback. */
enum utrace_events {
	_UTRACE_EVENT_REAP,
	_UTRACE_EVENT_QUIESCE,
	_UTRACE_EVENT_CLONE,
	_UTRACE_EVENT_VFORK_DONE,
	_UTRACE_EVENT_EXEC,
	_UTRACE_EVENT_EXIT,
	_UTRACE_EVENT_DEATH,
	_UTRACE_EVENT_SYSCALL_ENTRY,
	_UTRACE_EVENT_SYSCALL_EXIT,
	_UTRACE_EVENT_SIGNAL,
	_UTRACE_EVENT_SIGNAL_IGN,
	_UTRACE_EVENT_SIGNAL_STOP,
	_UTRACE_EVENT_SIGNAL_TERM,
	_UTRACE_EVENT_SIGNAL_CORE,
	_UTRACE_EVENT_JCTL,
	_UTRACE_NEVENTS
};
#define UTRACE_EVENT_BITS	(1UL << _UTRACE_NEVENTS) - 1
#define UTRACE_EVENT(type)	(1UL << _UTRACE_EVENT_##type)
#define UTRACE_EVENT_SIGNAL_ALL	(UTRACE_EVENT(SIGNAL) | UTRACE_EVENT(SIGNAL_IGN) | \
				 UTRACE_EVENT(SIGNAL_STOP) | UTRACE_EVENT(SIGNAL_TERM) | \
				 UTRACE_EVENT(SIGNAL_CORE))
#define UTRACE_EVENT_SYSCALL	(UTRACE_EVENT(SYSCALL_ENTRY) | UTRACE_EVENT(SYSCALL_EXIT))

/* Action bits: in the flags word and in callback results. */
#define UTRACE_ACTION_QUIESCE	0x00010000UL
#define UTRACE_ACTION_SINGLESTEP 0x00020000UL
#define UTRACE_ACTION_BLOCKSTEP	0x00040000UL
#define UTRACE_ACTION_NOREAP	0x00080000UL
#define UTRACE_ACTION_STATE_MASK 0x000f0000UL
#define UTRACE_ACTION_RESUME	0x00000000UL
#define UTRACE_ACTION_NEWSTATE	0x00000001UL
#define UTRACE_ACTION_DETACH	0x00000002UL
#define UTRACE_ACTION_HIDE	0x00000004UL
#define UTRACE_ACTION_OP_MASK	0x0000000fUL
#define UTRACE_ACTION_RESULT_MASK (UTRACE_ACTION_STATE_MASK | UTRACE_ACTION_OP_MASK)

#define UTRACE_SIGNAL_DELIVER	0x00100000UL
#define UTRACE_SIGNAL_IGN	0x00200000UL
#define UTRACE_SIGNAL_TERM	0x00300000UL
#define UTRACE_SIGNAL_CORE	0x00400000UL
#define UTRACE_SIGNAL_STOP	0x00500000UL
#define UTRACE_SIGNAL_TSTP	0x00600000UL
#define UTRACE_SIGNAL_HOLD	0x01000000UL
#define UTRACE_SIGNAL_MASK	0x00f00000UL

#define UTRACE_ATTACH_MATCH_OPS		0x0001
#define UTRACE_ATTACH_MATCH_DATA	0x0002
#define UTRACE_ATTACH_MATCH_MASK	0x000f
#define UTRACE_ATTACH_CREATE		0x0010
#define UTRACE_ATTACH_EXCLUSIVE		0x0020

/* The per-task utrace state (private to the implementation). */
struct utrace {
	spinlock_t lock;
	struct list_head engines;
	struct list_head attached, attaching;
	struct task_struct *cloning;
	struct rcu_head dead;
};

struct utrace_engine {
	struct rcu_head rhead;
	struct list_head entry;
	const struct utrace_engine_ops *ops;
	void *data;
	unsigned long flags;
};

struct utrace_engine_ops {
	u32 (*report_quiesce)(struct utrace_engine *engine, struct task_struct *tsk);
	u32 (*report_clone)(struct utrace_engine *engine, struct task_struct *parent,
			    unsigned long clone_flags, struct task_struct *child);
	u32 (*report_vfork_done)(struct utrace_engine *engine,
				 struct task_struct *parent, pid_t child_pid);
	u32 (*report_exec)(struct utrace_engine *engine, struct task_struct *tsk,
			   const struct linux_binprm *bprm, struct pt_regs *regs);
	u32 (*report_syscall_entry)(struct utrace_engine *engine,
				    struct task_struct *tsk, struct pt_regs *regs);
	u32 (*report_syscall_exit)(struct utrace_engine *engine,
				   struct task_struct *tsk, struct pt_regs *regs);
	u32 (*report_exit)(struct utrace_engine *engine, struct task_struct *tsk,
			   long orig_code, long *code);
	u32 (*report_death)(struct utrace_engine *engine, struct task_struct *tsk);
	u32 (*report_jctl)(struct utrace_engine *engine, struct task_struct *tsk,
			   int type);
	u32 (*report_signal)(struct utrace_engine *engine, struct task_struct *tsk,
			     struct pt_regs *regs, u32 action, siginfo_t *info,
			     const struct k_sigaction *orig_ka,
			     struct k_sigaction *return_ka);
	void (*report_reap)(struct utrace_engine *engine, struct task_struct *tsk);
	int (*allow_access_process_vm)(struct utrace_engine *engine,
				       struct task_struct *target,
				       struct task_struct *caller);
	int (*unsafe_exec)(struct utrace_engine *engine, struct task_struct *tsk);
	struct task_struct *(*tracer_task)(struct utrace_engine *engine,
					   struct task_struct *target);
};

/* Machine state access of this generation (later: user_regset). */
struct utrace_regset {
	unsigned int n, size, align, bias;
	unsigned int core_note_type;
	int (*active)(struct task_struct *target, const struct utrace_regset *regset);
	int (*get)(struct task_struct *target, const struct utrace_regset *regset,
		   unsigned int pos, unsigned int count, void *kbuf,
		   void __user *ubuf);
	int (*set)(struct task_struct *target, const struct utrace_regset *regset,
		   unsigned int pos, unsigned int count, const void *kbuf,
		   const void __user *ubuf);
	int (*writeback)(struct task_struct *target,
			 const struct utrace_regset *regset, int immediate);
};
struct utrace_regset_view {
	const char *name;
	const struct utrace_regset *regsets;
	unsigned int n;
	unsigned long e_machine;
};

struct utrace_engine *utrace_attach(struct task_struct *target, int flags,
				    const struct utrace_engine_ops *ops,
				    void *data);
int utrace_detach(struct task_struct *target, struct utrace_engine *engine);
int utrace_set_flags(struct task_struct *target, struct utrace_engine *engine,
		     unsigned long flags);
int utrace_inject_signal(struct task_struct *target,
			 struct utrace_engine *engine, u32 action,
			 siginfo_t *info, const struct k_sigaction *ka);
const struct utrace_regset *utrace_regset(struct task_struct *target,
					  struct utrace_engine *engine,
					  const struct utrace_regset_view *view,
					  int which);
const struct utrace_regset_view *utrace_native_view(struct task_struct *tsk);
int utrace_regset_copyout(unsigned int *pos, unsigned int *count, void **kbuf,
			  void __user **ubuf, const void *data, int start_pos,
			  int end_pos);
int utrace_regset_copyin(unsigned int *pos, unsigned int *count,
			 const void **kbuf, const void __user **ubuf,
			 void *data, int start_pos, int end_pos);

#endif
