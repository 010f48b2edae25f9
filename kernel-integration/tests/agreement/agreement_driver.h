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

static void agr_body(void *arg)
{
	long i;

	for (i = 0; i < 50000 && !sim_fatal(); i++) {
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
