/* SPDX-License-Identifier: GPL-2.0 */
/*
 * utrace: the reference implementation's public interface.
 *
 * A tracing engine attaches to a user thread, asks for event callbacks,
 * stops the thread and examines it.  The contract is docs/utrace-api.md of
 * the utrace-check project; this header is written from it.
 *
 * Engine handles are reference counted: a successful utrace_attach_task()
 * or utrace_attach_pid() gives the caller one reference, also when it only
 * looked up an existing engine.  utrace_engine_put() drops it; the last put
 * calls ops->release(data) and the handle is invalid afterwards.
 */
#ifndef _LINUX_UTRACE_H
#define _LINUX_UTRACE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/kref.h>
#include <linux/utrace_runtime.h>

#define UTRACE_API_VERSION	20091216

/*
 * utrace_prepare_examine() takes a reference on the task that
 * utrace_finish_examine() drops, so every successful prepare owes a finish.
 * Historical utrace.h versions only waited in prepare.  Tools that check
 * engines (utrace-check) read this marker to know which contract applies.
 */
#define UTRACE_EXAMINE_PINS_TASK 1

struct task_struct;
struct pid;
struct pt_regs;

/* Event numbers; UTRACE_EVENT(NAME) is the bit in an engine's mask. */
enum utrace_events {
	_UTRACE_EVENT_QUIESCE,
	_UTRACE_EVENT_REAP,
	_UTRACE_EVENT_CLONE,
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
#define UTRACE_EVENT(type)	(1UL << _UTRACE_EVENT_##type)
#define UTRACE_EVENT_MASK	((1UL << _UTRACE_NEVENTS) - 1)
#define UTRACE_EVENT_SIGNAL_ALL	(UTRACE_EVENT(SIGNAL) | UTRACE_EVENT(SIGNAL_IGN) | \
				 UTRACE_EVENT(SIGNAL_STOP) | UTRACE_EVENT(SIGNAL_TERM) | \
				 UTRACE_EVENT(SIGNAL_CORE))

/* Resume actions, strongest first: a smaller value takes precedence. */
enum utrace_resume_action {
	UTRACE_STOP,
	UTRACE_INTERRUPT,
	UTRACE_REPORT,
	UTRACE_SINGLESTEP,
	UTRACE_BLOCKSTEP,
	UTRACE_RESUME,
	UTRACE_DETACH,
	UTRACE_RESUME_MAX
};
#define UTRACE_RESUME_MASK	0x0f

/* What report_signal's return asks for, beside the resume action. */
enum utrace_signal_action {
	UTRACE_SIGNAL_DELIVER	= 0x00,
	UTRACE_SIGNAL_IGN	= 0x10,
};
#define UTRACE_SIGNAL_MASK	0xf0

/* Flags for utrace_attach_task() and utrace_attach_pid(). */
#define UTRACE_ATTACH_MATCH_OPS		0x0001
#define UTRACE_ATTACH_MATCH_DATA	0x0002
#define UTRACE_ATTACH_MATCH_MASK	0x000f
#define UTRACE_ATTACH_CREATE		0x0010
#define UTRACE_ATTACH_EXCLUSIVE		0x0020

struct utrace_engine_ops;

/* The engine handle.  ops, data and flags are public; the rest is not. */
struct utrace_engine {
	/* private: */
	struct kref kref;
	void (*release)(void *data);	/* saved: ops is cleared at detach */
	struct list_head entry;		/* on the traced thread's list */
#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
	struct utrace_rt_engine rt;
#endif
	/* public: */
	const struct utrace_engine_ops *ops;
	void *data;
	unsigned long flags;		/* event mask plus private bits */
};

struct utrace_engine_ops {
	u32 (*report_quiesce)(u32 action, struct utrace_engine *engine,
			      unsigned long event);
	u32 (*report_signal)(u32 action, struct utrace_engine *engine,
			     struct pt_regs *regs, int *signr);
	u32 (*report_clone)(u32 action, struct utrace_engine *engine,
			    unsigned long clone_flags, struct task_struct *child);
	u32 (*report_jctl)(u32 action, struct utrace_engine *engine,
			   int type, int notify);
	u32 (*report_exec)(u32 action, struct utrace_engine *engine,
			   const char *filename, struct pt_regs *regs);
	u32 (*report_syscall_entry)(u32 action, struct utrace_engine *engine,
				    struct pt_regs *regs);
	u32 (*report_syscall_exit)(u32 action, struct utrace_engine *engine,
				   struct pt_regs *regs);
	u32 (*report_exit)(u32 action, struct utrace_engine *engine,
			   long orig_code, long *code);
	u32 (*report_death)(struct utrace_engine *engine, bool group_dead,
			    int signal);
	void (*report_reap)(struct utrace_engine *engine,
			    struct task_struct *task);
	void (*release)(void *data);
};

/* Carried from utrace_prepare_examine() to utrace_finish_examine(). */
struct utrace_examiner {
	/* private: */
	long state;
	unsigned long ncsw;
};

/* Called by the last utrace_engine_put(); defined in kernel/utrace.c. */
void __utrace_engine_release(struct kref *kref);

/**
 * utrace_engine_get - take one more reference on @engine
 *
 * The caller must already hold a reference.
 */
static inline void utrace_engine_get(struct utrace_engine *engine
				     UTRACE_SITE_PARAMS)
{
	if (!utrace_rt_engine_get(engine UTRACE_SITE_FWD))
		return;
	kref_get(&engine->kref);
}

/**
 * utrace_engine_put - drop one reference on @engine
 *
 * The last put calls ops->release(data) and frees the engine.
 */
static inline void utrace_engine_put(struct utrace_engine *engine
				     UTRACE_SITE_PARAMS)
{
	if (!utrace_rt_engine_put(engine UTRACE_SITE_FWD))
		return;
	kref_put(&engine->kref, __utrace_engine_release);
}

struct utrace_engine *utrace_attach_task(struct task_struct *target, int flags,
					 const struct utrace_engine_ops *ops,
					 void *data UTRACE_SITE_PARAMS);
struct utrace_engine *utrace_attach_pid(struct pid *pid, int flags,
					const struct utrace_engine_ops *ops,
					void *data UTRACE_SITE_PARAMS);
int __must_check utrace_control(struct task_struct *target,
				struct utrace_engine *engine,
				enum utrace_resume_action action
				UTRACE_SITE_PARAMS);
int __must_check utrace_control_pid(struct pid *pid,
				    struct utrace_engine *engine,
				    enum utrace_resume_action action
				    UTRACE_SITE_PARAMS);
int __must_check utrace_set_events(struct task_struct *target,
				   struct utrace_engine *engine,
				   unsigned long events UTRACE_SITE_PARAMS);
int __must_check utrace_set_events_pid(struct pid *pid,
				       struct utrace_engine *engine,
				       unsigned long events UTRACE_SITE_PARAMS);
int __must_check utrace_barrier(struct task_struct *target,
				struct utrace_engine *engine
				UTRACE_SITE_PARAMS);
int __must_check utrace_barrier_pid(struct pid *pid,
				    struct utrace_engine *engine
				    UTRACE_SITE_PARAMS);
int __must_check utrace_prepare_examine(struct task_struct *target,
					struct utrace_engine *engine,
					struct utrace_examiner *exam
					UTRACE_SITE_PARAMS);
int __must_check utrace_finish_examine(struct task_struct *target,
				       struct utrace_engine *engine,
				       struct utrace_examiner *exam
				       UTRACE_SITE_PARAMS);

/*
 * Event hooks.  In a kernel that carries utrace these are called from the
 * tracehook points; here the user-space scheduler in shim/ calls them.
 * All but utrace_release_task() run in the traced thread itself.
 */
void utrace_report_syscall_entry(struct pt_regs *regs);
void utrace_report_syscall_exit(struct pt_regs *regs);
int utrace_report_signal(struct pt_regs *regs, int signr);
void utrace_report_exec(const char *filename, struct pt_regs *regs);
void utrace_report_clone(unsigned long clone_flags, struct task_struct *child);
void utrace_report_jctl(int type, int notify);
void utrace_report_exit(long *exit_code);
void utrace_report_death(bool group_dead, int signal);
void utrace_resume(void);
void utrace_release_task(struct task_struct *task);

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
/*
 * Pass the caller's file and line to the entry points.  A macro that names
 * itself is not expanded again, so each of these calls the real function.
 */
#define utrace_engine_get(e)		utrace_engine_get(e, __FILE__, __LINE__)
#define utrace_engine_put(e)		utrace_engine_put(e, __FILE__, __LINE__)
#define utrace_attach_task(t, f, o, d)	utrace_attach_task(t, f, o, d, __FILE__, __LINE__)
#define utrace_attach_pid(p, f, o, d)	utrace_attach_pid(p, f, o, d, __FILE__, __LINE__)
#define utrace_control(t, e, a)		utrace_control(t, e, a, __FILE__, __LINE__)
#define utrace_control_pid(p, e, a)	utrace_control_pid(p, e, a, __FILE__, __LINE__)
#define utrace_set_events(t, e, m)	utrace_set_events(t, e, m, __FILE__, __LINE__)
#define utrace_set_events_pid(p, e, m)	utrace_set_events_pid(p, e, m, __FILE__, __LINE__)
#define utrace_barrier(t, e)		utrace_barrier(t, e, __FILE__, __LINE__)
#define utrace_barrier_pid(p, e)	utrace_barrier_pid(p, e, __FILE__, __LINE__)
#define utrace_prepare_examine(t, e, x)	utrace_prepare_examine(t, e, x, __FILE__, __LINE__)
#define utrace_finish_examine(t, e, x)	utrace_finish_examine(t, e, x, __FILE__, __LINE__)
#endif

#endif /* _LINUX_UTRACE_H */
