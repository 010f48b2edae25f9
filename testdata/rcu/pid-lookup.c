// UT-RCU-003 for pid lookups: a struct pid found by find_pid_ns() or
// find_vpid() is freed through RCU, so it is valid only inside the read
// section that found it, unless get_pid() took a reference there. A
// tracer that follows a process given by its number.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched/task.h>

/* The lock is dropped before the pid is turned into a task. */
struct task_struct *bad_pid_used_after_section(int nr)
{
	struct pid *pid;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	pid = find_pid_ns(nr, &init_pid_ns); // expected-note {{'struct pid' found here by find_pid_ns() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!pid) // expected-note {{assuming 'pid' is non-null}}
		return NULL;
	return get_pid_task(pid, PIDTYPE_PID); // expected-warning {{'struct pid' from find_pid_ns() passed to get_pid_task() after the RCU read section that found it ended; take a reference with get_pid() inside the section [UT-RCU-003]}}
}

struct pid *bad_vpid_returned_after_section(pid_t nr)
{
	struct pid *pid;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	pid = find_vpid(nr); // expected-note {{'struct pid' found here by find_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	return pid; // expected-warning {{'struct pid' from find_vpid() returned after the RCU read section that found it ended; take a reference with get_pid() inside the section [UT-RCU-003]}}
}

/* The task is taken while the pid is still protected. */
struct task_struct *ok_task_taken_inside_section(int nr)
{
	struct task_struct *task = NULL;
	struct pid *pid;

	rcu_read_lock();
	pid = find_pid_ns(nr, &init_pid_ns);
	if (pid)
		task = get_pid_task(pid, PIDTYPE_PID);
	rcu_read_unlock();
	return task;
}

/* A counted reference outlives the section; the caller puts it. */
struct pid *ok_counted_pid_outlives_section(pid_t nr)
{
	struct pid *pid;

	rcu_read_lock();
	pid = get_pid(find_vpid(nr));
	rcu_read_unlock();
	return pid;
}

/* Only the pointer's value is kept: a NULL test is no use of the pid. */
int ok_existence_test_after_section(pid_t nr)
{
	struct pid *pid;

	rcu_read_lock();
	pid = find_vpid(nr);
	rcu_read_unlock();
	return pid != NULL;
}
