/* SPDX-License-Identifier: GPL-2.0 */
/*
 * utrace runtime checks (CONFIG_UTRACE_RUNTIME_CHECKS).
 *
 * Modelled on CONFIG_PROVE_RCU: every check warns once per call site and the
 * whole mode compiles to nothing when the option is off.  When it is on, the
 * utrace entry points gain two hidden arguments (the caller's __FILE__ and
 * __LINE__, passed by the macros at the end of <linux/utrace.h>) so that a
 * report names the line in the tracing engine, not in kernel/utrace.c.
 *
 * Report format, one line each:  runtime: path:line: message [UT-XXX-NNN]
 */
#ifndef _LINUX_UTRACE_RUNTIME_H
#define _LINUX_UTRACE_RUNTIME_H

#include <linux/types.h>

struct task_struct;
struct utrace_engine;
struct utrace_engine_ops;
struct utrace_examiner;

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS

#define UTRACE_SITE_PARAMS	, const char *site_file, int site_line
#define UTRACE_SITE_FWD		, site_file, site_line
#define UTRACE_SITE_HERE	, __FILE__, __LINE__

/* Bookkeeping embedded in each engine while the mode is on. */
struct utrace_rt_engine {
	unsigned long magic;
	const struct utrace_engine_ops *owner;
	struct list_head all;		/* every engine not yet freed */
	struct list_head refs;		/* caller references still held */
	int nr_refs;
};

#define UTRACE_RT_ENGINE_LIVE	0x7574726163654c56UL
#define UTRACE_RT_ENGINE_DEAD	0x6b6b6b6b6b6b6b6bUL

/* One saved report, for tests that collect reports instead of stderr. */
struct utrace_rt_record {
	const char *file;
	int line;
	char rule[16];
	char message[192];
};

typedef void (*utrace_rt_hook_t)(const struct utrace_rt_record *rec);

__printf(4, 5)
void utrace_rt_report(const char *file, int line, const char *rule,
		      const char *fmt, ...);

void utrace_rt_engine_new(struct utrace_engine *engine,
			  const struct utrace_engine_ops *ops);
bool utrace_rt_engine_quarantine(struct utrace_engine *engine);
bool utrace_rt_engine_ok(struct utrace_engine *engine, const char *api
			 UTRACE_SITE_PARAMS);
void utrace_rt_ref_acquired(struct utrace_engine *engine, const char *api
			    UTRACE_SITE_PARAMS);
bool utrace_rt_engine_get(struct utrace_engine *engine UTRACE_SITE_PARAMS);
bool utrace_rt_engine_put(struct utrace_engine *engine UTRACE_SITE_PARAMS);

void utrace_rt_might_sleep(const char *api UTRACE_SITE_PARAMS);
void utrace_rt_cb_enter(struct utrace_engine *engine, unsigned long event);
void utrace_rt_cb_exit(struct utrace_engine *engine, unsigned long event);
void utrace_rt_barrier_check(struct task_struct *target,
			     struct utrace_engine *engine UTRACE_SITE_PARAMS);

void utrace_rt_window_open(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam UTRACE_SITE_PARAMS);
bool utrace_rt_window_held(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam UTRACE_SITE_PARAMS);
void utrace_rt_window_close(struct task_struct *target,
			    struct utrace_engine *engine,
			    struct utrace_examiner *exam, int ret
			    UTRACE_SITE_PARAMS);
void utrace_rt_control_check(struct task_struct *target,
			     struct utrace_engine *engine, int action
			     UTRACE_SITE_PARAMS);
void utrace_rt_task_use(struct task_struct *task, const char *api
			UTRACE_SITE_PARAMS);
void utrace_rt_task_access(struct task_struct *task, const char *api
			   UTRACE_SITE_PARAMS);

/* Platform side: the shim (user space) or kernel/utrace_runtime.c. */
int utrace_rt_rcu_depth(void);
void utrace_rt_rcu_unwind(int depth, const char *what);
bool utrace_rt_task_expired(struct task_struct *task, const char *api
			    UTRACE_SITE_PARAMS);

/* The module-unload leak check and the test hooks. */
int utrace_runtime_module_exit(const struct utrace_engine_ops *ops);
void utrace_runtime_set_hook(utrace_rt_hook_t hook);
int utrace_runtime_nr_reports(void);
bool utrace_runtime_report_at(int i, struct utrace_rt_record *rec);
void utrace_runtime_reset(void);
int utrace_runtime_engine_refs(const struct utrace_engine *engine);

#else /* !CONFIG_UTRACE_RUNTIME_CHECKS: every hook is empty */

#define UTRACE_SITE_PARAMS
#define UTRACE_SITE_FWD
#define UTRACE_SITE_HERE

#define utrace_rt_engine_new(engine, ops)		do { } while (0)
#define utrace_rt_engine_quarantine(engine)		false
#define utrace_rt_engine_ok(engine, api, ...)		true
#define utrace_rt_ref_acquired(engine, api, ...)	do { } while (0)
#define utrace_rt_engine_get(engine, ...)		true
#define utrace_rt_engine_put(engine, ...)		true
#define utrace_rt_might_sleep(api, ...)			might_sleep()
#define utrace_rt_cb_enter(engine, event)		do { } while (0)
#define utrace_rt_cb_exit(engine, event)		do { } while (0)
#define utrace_rt_barrier_check(target, engine, ...)	do { } while (0)
#define utrace_rt_window_open(target, engine, exam, ...) do { } while (0)
#define utrace_rt_window_held(target, engine, exam, ...) true
#define utrace_rt_window_close(target, engine, exam, ret, ...) do { } while (0)
#define utrace_rt_control_check(target, engine, action, ...) do { } while (0)
#define utrace_rt_task_use(task, api, ...)		do { } while (0)
#define utrace_rt_task_access(task, api, ...)		do { } while (0)

#endif /* CONFIG_UTRACE_RUNTIME_CHECKS */

#endif /* _LINUX_UTRACE_RUNTIME_H */
