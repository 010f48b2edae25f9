// --scope=all: the RCU rules also run on files that do not use utrace (the
// kernel-integration work measures this mode). This file calls no utrace_*
// function: by default it is skipped, with --scope=all it is analysed.
//
// RUN: %verify --scope=all %s -- %kflags
// RUN: %utrace-check %s -- %kflags 2>&1 | count 0

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

struct plain_stats {
	pid_t last;
};

static struct plain_stats stats;

void bad_scope_all_sleep_in_read_section(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	if (p) // expected-note {{assuming 'p' is null}}
		stats.last = p->pid;
	msleep(1); // expected-warning {{msleep() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
}

pid_t bad_scope_all_task_used_after_section(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr); // expected-note {{task found here by find_task_by_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	return p ? p->tgid : 0; // expected-warning {{task from find_task_by_vpid() dereferenced after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}} expected-note {{assuming 'p' is non-null}}
}

pid_t ok_scope_all_task_used_inside_section(pid_t nr)
{
	struct task_struct *p;
	pid_t tgid = 0;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p)
		tgid = p->tgid;
	rcu_read_unlock();
	return tgid;
}
