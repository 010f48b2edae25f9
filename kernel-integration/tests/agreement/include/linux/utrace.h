/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: the reference <linux/utrace.h> with fault
 * injection in front of the entry points that return an error.  An injected
 * call still runs the runtime engine check (UT-REF-002/005) at the caller's
 * line, then returns the injected value without doing anything else (no
 * window, control or might-sleep bookkeeping), except:
 *  - utrace_prepare_examine, utrace_finish_examine, utrace_barrier(_pid)
 *    may sleep whatever they return: the might-sleep check (UT-RCU-001,
 *    UT-CB-001) runs as in the real call;
 *  - utrace_finish_examine=V closes the window as the real finish does
 *    (UT-WIN-003 when there is none, the task reference dropped) and
 *    answers V as if it had seen the thread run (-EAGAIN) or die (-ESRCH):
 *    the window's result is V for the UT-WIN-002 bookkeeping.
 * Needs CONFIG_UTRACE_RUNTIME_CHECKS.
 */
#ifndef _AGR_LINUX_UTRACE_H
#define _AGR_LINUX_UTRACE_H
#include_next <linux/utrace.h>
#include <linux/err.h>
#include <linux/sched/task.h>
#include "agreement_fault.h"

#ifndef CONFIG_UTRACE_RUNTIME_CHECKS
#error "the agreement test needs CONFIG_UTRACE_RUNTIME_CHECKS"
#endif

#define AGR_ENGINE_CALL(name, engine, call)				\
	({								\
		long __v;						\
		int __r;						\
		if (agr_fault(name, &__v))				\
			__r = utrace_rt_engine_ok(engine, name, __f, __l) ? \
				(int)__v : -EINVAL;			\
		else							\
			__r = call;					\
		__r;							\
	})

static inline struct utrace_engine *
agr_attach_task(struct task_struct *t, int fl, const struct utrace_engine_ops *o,
		void *d, const char *__f, int __l)
{
	long v;

	if (agr_fault("utrace_attach_task", &v))
		return ERR_PTR(v);
	return (utrace_attach_task)(t, fl, o, d, __f, __l);
}

static inline struct utrace_engine *
agr_attach_pid(struct pid *p, int fl, const struct utrace_engine_ops *o,
	       void *d, const char *__f, int __l)
{
	long v;

	if (agr_fault("utrace_attach_pid", &v))
		return ERR_PTR(v);
	return (utrace_attach_pid)(p, fl, o, d, __f, __l);
}

#define AGR_SLEEPING_CALL(name, engine, call)			\
	({								\
		long __v;						\
		int __r;						\
		if (agr_fault(name, &__v)) {				\
			if (utrace_rt_engine_ok(engine, name, __f, __l)) { \
				utrace_rt_might_sleep(name, __f, __l);	\
				__r = (int)__v;				\
			} else						\
				__r = -EINVAL;				\
		} else							\
			__r = call;					\
		__r;							\
	})

static inline int agr_utrace_finish_examine(struct task_struct *t, struct utrace_engine *e,
					    struct utrace_examiner *x,
					    const char *__f, int __l)
{
	long v;

	if (!agr_fault("utrace_finish_examine", &v))
		return (utrace_finish_examine)(t, e, x, __f, __l);
	if (!utrace_rt_engine_ok(e, "utrace_finish_examine", __f, __l))
		return -EINVAL;
	if (!utrace_rt_window_held(t, e, x, __f, __l))
		return -EINVAL;
	utrace_rt_might_sleep("utrace_finish_examine", __f, __l);
	put_task_struct(t);		/* prepare's pin */
	utrace_rt_window_close(t, e, x, (int)v, __f, __l);
	return (int)v;
}

#define AGR_WRAP3(fn, T1, T3)						\
static inline int agr_##fn(T1 a, struct utrace_engine *e, T3 c,	\
			   const char *__f, int __l)			\
{									\
	return AGR_ENGINE_CALL(#fn, e, (fn)(a, e, c, __f, __l));	\
}
#define AGR_WRAP2(fn, T1)						\
static inline int agr_##fn(T1 a, struct utrace_engine *e,		\
			   const char *__f, int __l)			\
{									\
	return AGR_ENGINE_CALL(#fn, e, (fn)(a, e, __f, __l));		\
}

AGR_WRAP3(utrace_control, struct task_struct *, enum utrace_resume_action)
AGR_WRAP3(utrace_control_pid, struct pid *, enum utrace_resume_action)
AGR_WRAP3(utrace_set_events, struct task_struct *, unsigned long)
AGR_WRAP3(utrace_set_events_pid, struct pid *, unsigned long)
#define AGR_WRAP3S(fn, T1, T3)						\
static inline int agr_##fn(T1 a, struct utrace_engine *e, T3 c,	\
			   const char *__f, int __l)			\
{									\
	return AGR_SLEEPING_CALL(#fn, e, (fn)(a, e, c, __f, __l));	\
}
#define AGR_WRAP2S(fn, T1)						\
static inline int agr_##fn(T1 a, struct utrace_engine *e,		\
			   const char *__f, int __l)			\
{									\
	return AGR_SLEEPING_CALL(#fn, e, (fn)(a, e, __f, __l));		\
}
AGR_WRAP3S(utrace_prepare_examine, struct task_struct *, struct utrace_examiner *)
AGR_WRAP2S(utrace_barrier, struct task_struct *)
AGR_WRAP2S(utrace_barrier_pid, struct pid *)

#undef utrace_attach_task
#undef utrace_attach_pid
#undef utrace_control
#undef utrace_control_pid
#undef utrace_set_events
#undef utrace_set_events_pid
#undef utrace_barrier
#undef utrace_barrier_pid
#undef utrace_prepare_examine
#undef utrace_finish_examine
#define utrace_attach_task(t, f, o, d)	agr_attach_task(t, f, o, d, __FILE__, __LINE__)
#define utrace_attach_pid(p, f, o, d)	agr_attach_pid(p, f, o, d, __FILE__, __LINE__)
#define utrace_control(t, e, a)		agr_utrace_control(t, e, a, __FILE__, __LINE__)
#define utrace_control_pid(p, e, a)	agr_utrace_control_pid(p, e, a, __FILE__, __LINE__)
#define utrace_set_events(t, e, m)	agr_utrace_set_events(t, e, m, __FILE__, __LINE__)
#define utrace_set_events_pid(p, e, m)	agr_utrace_set_events_pid(p, e, m, __FILE__, __LINE__)
#define utrace_barrier(t, e)		agr_utrace_barrier(t, e, __FILE__, __LINE__)
#define utrace_barrier_pid(p, e)	agr_utrace_barrier_pid(p, e, __FILE__, __LINE__)
#define utrace_prepare_examine(t, e, x)	agr_utrace_prepare_examine(t, e, x, __FILE__, __LINE__)
#define utrace_finish_examine(t, e, x)	agr_utrace_finish_examine(t, e, x, __FILE__, __LINE__)
#endif
