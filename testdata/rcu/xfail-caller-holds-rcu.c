// Known gap (UT-RCU-004, UT-RCU-002; docs/rules/UT-RCU-004.md): a helper
// documented "caller holds rcu_read_lock()" that is analysed on its own
// (it has a caller outside this file, so it is not inlined everywhere)
// knows nothing of its callers' section: its lookup is reported.
//
// XFAIL: *
// RUN: %verify %s -- %kflags
// expected-no-diagnostics

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

/* Caller holds rcu_read_lock(). */
struct task_struct *ok_lookup_under_callers_section(pid_t nr, struct utrace_engine *e)
{
	struct task_struct *p = find_task_by_vpid(nr);

	if (p && utrace_control(p, e, UTRACE_REPORT))
		return NULL;
	return p;
}
