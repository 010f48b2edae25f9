// A report structure on the reporting thread's stack: filled by helpers and
// read back by the same thread. Its fields are not shared memory, so an
// ordering inferred for the same record elsewhere (a shared instance that
// is published with smp_wmb/smp_rmb) says nothing about them: quiet.
//
// RUN: %verify %s -- %kflags
// RUN: %verify --barrier-inference=all %s -- %kflags
// expected-no-diagnostics
#include <linux/compiler.h>
#include <asm/barrier.h>

struct ut_report {
	int action;
	int result;
	int detaches;
};

struct ut_task_state {
	struct ut_report last;	/* the last report, shared with readers */
	int reporting;
};

/* Shared instance: the result is published before the action. */
void ut_publish_last(struct ut_task_state *u, int result, int action)
{
	u->last.result = result;
	smp_wmb();
	WRITE_ONCE(u->last.action, action);
}

int ut_read_last(struct ut_task_state *u)
{
	if (!READ_ONCE(u->last.action))
		return -1;
	smp_rmb();
	return u->last.result;
}

/* Called only with the caller's own report. */
static void ut_finish_callback(struct ut_report *report, int ret)
{
	report->action = ret & 0xf;
	report->result = ret >> 4;
	if (ret < 0)
		report->detaches = 1;
}

static int ut_finish_report(struct ut_report *report)
{
	return report->action ? report->result : 0;
}

int ut_report_exec(struct ut_task_state *u, int ret)
{
	struct ut_report report = { 0 };

	/* action written before result, read before result: own stack. */
	ut_finish_callback(&report, ret);
	report.action = ret;
	report.result = 0;
	WRITE_ONCE(u->reporting, 0);
	return ut_finish_report(&report);
}

int ut_report_syscall(struct ut_task_state *u, int ret)
{
	struct ut_report report = { 0 };
	struct ut_report *rp = &report;

	(&report)->action = ret;
	report.result = ret;
	ut_finish_callback(&report, ret);
	return rp == &report ? ut_finish_report(&report) : 0;
}
