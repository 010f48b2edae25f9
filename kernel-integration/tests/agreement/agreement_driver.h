/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scenario support for the generated agreement drivers (see
 * docs/runtime-checks.md, "Agreement with the static checker").  A driver
 * is one C file per test file: this header, the test file itself
 * (#include), then one agr_run_<function>() per ok_/bad_ function and a
 * table.  `driver FUNCTION` runs one scenario in a fresh process and prints
 * what the runtime checks reported:
 *	report<TAB>file<TAB>line<TAB>rule<TAB>message
 *	done<TAB>leaked-reference-count
 */
#ifndef AGREEMENT_DRIVER_H
#define AGREEMENT_DRIVER_H

#include <linux/utrace.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <shim/sim.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "agreement_fault.h"

struct agr_fault_slot agr_faults[AGR_MAX_FAULTS];

/* The scenario's live traced thread, its pid, an unrelated ops. */
static struct task_struct *agr_task;
static struct task_struct *agr_tasks[4];
static struct pid *agr_pid;
static const struct utrace_engine_ops agr_other_ops;
static const struct utrace_engine_ops *agr_file_ops;

/* Scratch memory for pointer arguments that are not tasks or engines. */
static unsigned long agr_scratch[512];

/* An event the traced thread's body makes once when asked (callback cases). */
static volatile int agr_trigger;	/* UTRACE_EVENT(EXEC) or (CLONE), atomic */

static void agr_body(void *arg)
{
	unsigned long ev;
	long i;

	for (i = 0; i < 50000 && !sim_fatal(); i++) {
		ev = __atomic_exchange_n(&agr_trigger, 0, __ATOMIC_ACQ_REL);
		if (ev == UTRACE_EVENT(EXEC))
			sim_exec("agreement-exec");
		else if (ev == UTRACE_EVENT(CLONE)) {
			utrace_report_clone(0, current);
			sim_safe_point();
		}
		sim_syscall(i % 300);
		usleep(200);
	}
}

static void agr_inject(const char *name, int nth, long value)
{
	int i;

	for (i = 0; i < AGR_MAX_FAULTS; i++)
		if (!agr_faults[i].name) {
			agr_faults[i].name = name;
			agr_faults[i].countdown = nth;
			agr_faults[i].value = value;
			return;
		}
	fprintf(stderr, "agreement: too many injections\n");
	_exit(3);
}

static void agr_clear_faults(void)
{
	memset(agr_faults, 0, sizeof(agr_faults));
}

/*
 * Set up: a started traced thread and, unless @no_engine, one engine of the
 * file's ops attached to it (the module's engine: attach, configure, put),
 * so that lookups find it.  @stopped: that engine also stopped the thread.
 */
static struct utrace_engine *agr_engine0;

static void agr_setup(const struct utrace_engine_ops *ops, int no_engine, int stopped)
{
	int i;

	agr_file_ops = ops;
	agr_task = sim_spawn("agreement", agr_body, NULL);
	sim_start(agr_task);
	for (i = 0; i < 4; i++)
		agr_tasks[i] = agr_task;
	agr_pid = get_pid(task_pid(agr_task));
	if (no_engine)
		return;
	agr_engine0 = utrace_attach_task(agr_task, UTRACE_ATTACH_CREATE, ops, NULL);
	if (IS_ERR(agr_engine0)) {
		fprintf(stderr, "agreement: setup attach failed\n");
		_exit(3);
	}
	if (stopped) {
		long end = sim_now_ms() + 5000;
		int ret;

		while ((ret = utrace_control(agr_task, agr_engine0, UTRACE_STOP)) == -EINPROGRESS &&
		       sim_now_ms() < end)
			usleep(200);
		if (ret || sim_wait_stopped(agr_task, 5000)) {
			fprintf(stderr, "agreement: cannot stop the thread\n");
			_exit(3);
		}
	}
	utrace_engine_put(agr_engine0);
}

/*
 * `callback EVENT`: the case is the EVENT callback of an engine attached to
 * the traced thread (its data the case's structure), and the thread is made
 * to report EVENT: reap (killed and reaped: report_reap runs here, in the
 * reaper), quiesce (utrace_control(UTRACE_REPORT)), exec, clone (the body
 * makes the event), syscall_entry/syscall_exit (the body's next system
 * call).  Waits (bounded) until the callback returned.
 */
static void *agr_cb_fn;
static volatile int agr_cb_done;

#define AGR_CB_DONE()	__atomic_store_n(&agr_cb_done, 1, __ATOMIC_RELEASE)
static u32 agr_cb_quiesce(u32 a, struct utrace_engine *e, unsigned long ev)
{
	u32 r = ((u32 (*)(u32, struct utrace_engine *, unsigned long))agr_cb_fn)(a, e, ev);

	AGR_CB_DONE();
	return r;
}
static u32 agr_cb_exec(u32 a, struct utrace_engine *e, const char *f, struct pt_regs *regs)
{
	u32 r = ((u32 (*)(u32, struct utrace_engine *, const char *, struct pt_regs *))
		 agr_cb_fn)(a, e, f, regs);

	AGR_CB_DONE();
	return r;
}
static u32 agr_cb_clone(u32 a, struct utrace_engine *e, unsigned long fl, struct task_struct *c)
{
	u32 r = ((u32 (*)(u32, struct utrace_engine *, unsigned long, struct task_struct *))
		 agr_cb_fn)(a, e, fl, c);

	AGR_CB_DONE();
	return r;
}
static u32 agr_cb_syscall(u32 a, struct utrace_engine *e, struct pt_regs *regs)
{
	u32 r = ((u32 (*)(u32, struct utrace_engine *, struct pt_regs *))agr_cb_fn)(a, e, regs);

	AGR_CB_DONE();
	return r;
}
static void agr_cb_reap(struct utrace_engine *e, struct task_struct *t)
{
	((void (*)(struct utrace_engine *, struct task_struct *))agr_cb_fn)(e, t);
	AGR_CB_DONE();
}

static struct utrace_engine_ops agr_cb_ops;

static void agr_callback(unsigned long event, void *fn, void *data)
{
	struct utrace_engine *e;
	long end;
	int ret;

	agr_cb_fn = fn;
	if (event == UTRACE_EVENT(QUIESCE))
		agr_cb_ops.report_quiesce = agr_cb_quiesce;
	else if (event == UTRACE_EVENT(EXEC))
		agr_cb_ops.report_exec = agr_cb_exec;
	else if (event == UTRACE_EVENT(CLONE))
		agr_cb_ops.report_clone = agr_cb_clone;
	else if (event == UTRACE_EVENT(SYSCALL_ENTRY))
		agr_cb_ops.report_syscall_entry = agr_cb_syscall;
	else if (event == UTRACE_EVENT(SYSCALL_EXIT))
		agr_cb_ops.report_syscall_exit = agr_cb_syscall;
	else if (event == UTRACE_EVENT(REAP))
		agr_cb_ops.report_reap = agr_cb_reap;
	e = utrace_attach_task(agr_task, UTRACE_ATTACH_CREATE, &agr_cb_ops, data);
	if (IS_ERR(e) || utrace_set_events(agr_task, e, event)) {
		fprintf(stderr, "agreement: callback engine setup failed\n");
		_exit(3);
	}
	if (event == UTRACE_EVENT(REAP)) {
		sim_kill(agr_task);
		if (sim_reap(agr_task, 5000)) {
			fprintf(stderr, "agreement: cannot reap the thread\n");
			_exit(3);
		}
	} else if (event == UTRACE_EVENT(QUIESCE)) {
		ret = utrace_control(agr_task, e, UTRACE_REPORT);
		if (ret && ret != -EINPROGRESS) {
			fprintf(stderr, "agreement: cannot ask for a report (%d)\n", ret);
			_exit(3);
		}
	} else if (event == UTRACE_EVENT(EXEC) || event == UTRACE_EVENT(CLONE))
		__atomic_store_n(&agr_trigger, (int)event, __ATOMIC_RELEASE);
	for (end = sim_now_ms() + 5000; !__atomic_load_n(&agr_cb_done, __ATOMIC_ACQUIRE) &&
		     sim_now_ms() < end; )
		usleep(200);
	if (!__atomic_load_n(&agr_cb_done, __ATOMIC_ACQUIRE)) {
		fprintf(stderr, "agreement: the callback did not run\n");
		_exit(3);
	}
	utrace_engine_put(e);
}

/*
 * `resume`: after the case, the module lets the thread run again through
 * its engine (UTRACE_RESUME with a reference of its own), as a tracer does
 * after a peek; a -EAGAIN finish the case ignored is reported then
 * (UT-WIN-002, at the finish).
 */
static struct utrace_engine *agr_handed_engine(void);
static void agr_resume(void)
{
	struct utrace_engine *e = agr_handed_engine();

	if (!e)
		return;
	(void)utrace_control(agr_task, e, UTRACE_RESUME);
	utrace_engine_put(e);
}

/*
 * The case returned: a read section it left open is reported at the
 * rcu_read_lock() that opened it (UT-RCU-002), as for a thread body or a
 * callback returning with its depth changed.
 */
static void agr_case_returned(void)
{
	utrace_rt_rcu_unwind(0, "function");
}

/* A reference to the module's engine handed to the case (in a structure). */
static struct utrace_engine *agr_handed_engine(void)
{
	struct utrace_engine *e;

	if (!agr_engine0)
		return NULL;
	e = utrace_attach_task(agr_task, UTRACE_ATTACH_MATCH_OPS, agr_file_ops, NULL);
	return IS_ERR(e) ? NULL : e;
}

/*
 * After the call, the module's exit releases references that its state
 * (structures, globals, the returned engine) holds and that the case
 * itself acquired: anything other than what was handed in and still
 * counted.
 */
static void agr_release_stored(struct utrace_engine *e, struct utrace_engine *handed)
{
	if (IS_ERR_OR_NULL(e) || e == handed)
		return;
	if (utrace_runtime_engine_refs(e) > 0)
		utrace_engine_put(e);
}

static int agr_finish(void)
{
	struct utrace_rt_record rec;
	int leaked, i;

	agr_clear_faults();
	leaked = utrace_runtime_module_exit(NULL);
	for (i = 0; utrace_runtime_report_at(i, &rec); i++)
		printf("report\t%s\t%d\t%s\t%s\n", rec.file, rec.line, rec.rule,
		       rec.message);
	printf("done\t%d\n", leaked);
	fflush(stdout);
	fflush(stderr);
	/* The process ends here: no teardown whose reports could mix in. */
	_exit(0);
}

struct agr_case {
	const char *name;
	void (*run)(void);
};

static int agr_main(int argc, char **argv, const struct agr_case *cases)
{
	int i;

	if (argc != 2) {
		for (i = 0; cases[i].name; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	for (i = 0; cases[i].name; i++)
		if (!strcmp(cases[i].name, argv[1])) {
			utrace_runtime_reset();
			cases[i].run();
			return agr_finish();
		}
	fprintf(stderr, "agreement: no case %s\n", argv[1]);
	return 2;
}

#endif
