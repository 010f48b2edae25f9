// Known gap (UT-RCU-003, docs/rules/UT-RCU-003.md): a looked-up task stored
// into a structure inside the read section, with no reference taken,
// outlives the section, but the store itself is not reported; only a later
// use in the same function is.
//
// XFAIL: *
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

struct tf_slot {
	struct task_struct *task;
	struct utrace_engine *engine;
};

int bad_lookup_stored_without_reference(struct tf_slot *s, pid_t nr)
{
	rcu_read_lock();
	s->task = find_task_by_vpid(nr); // expected-warning {{task from find_task_by_vpid() stored in 's->task' outlives the RCU read section that found it [UT-RCU-003]}}
	rcu_read_unlock();
	return s->task ? utrace_control(s->task, s->engine, UTRACE_REPORT) : -ESRCH;
}
