// UT-RCU-002: RCU read sections balance on every path. A task finder's
// lookups by pid.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

struct tf_target {
	struct task_struct *task;
	struct utrace_engine *engine;
	pid_t pid;
};

int bad_read_section_early_return(struct tf_target *t, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	if (!p) // expected-note {{assuming 'p' is null}}
		return -ESRCH; // expected-warning {{RCU read section opened by rcu_read_lock() is still held when the function returns on this path [UT-RCU-002]}}
	t->pid = p->tgid;
	rcu_read_unlock();
	return utrace_control(t->task, t->engine, UTRACE_REPORT);
}

int ok_read_section_early_exit_unlocks(struct tf_target *t, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (!p) {
		rcu_read_unlock();
		return -ESRCH;
	}
	t->pid = p->tgid;
	rcu_read_unlock();
	return utrace_control(t->task, t->engine, UTRACE_REPORT);
}

int bad_unlock_without_lock(struct tf_target *t)
{
	int ret = utrace_control(t->task, t->engine, UTRACE_STOP);

	rcu_read_unlock(); // expected-warning {{rcu_read_unlock() without a matching rcu_read_lock() on this path [UT-RCU-002]}}
	return ret;
}

int bad_unlock_twice_on_error_path(struct tf_target *t, pid_t nr)
{
	struct task_struct *p;
	int ret = 0;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (!p) { // expected-note {{assuming 'p' is null}}
		rcu_read_unlock();
		ret = -ESRCH;
	}
	if (p)
		t->pid = p->pid;
	rcu_read_unlock(); // expected-warning {{rcu_read_unlock() without a matching rcu_read_lock() on this path [UT-RCU-002]}}
	return ret ? ret : utrace_control(t->task, t->engine, UTRACE_STOP);
}

/* A nested read section: the inner unlock does not end the outer one. */
int ok_nested_read_section(struct tf_target *t, pid_t nr)
{
	struct task_struct *p;
	pid_t tgid = 0;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	rcu_read_lock();
	if (p)
		tgid = p->tgid;
	rcu_read_unlock();
	if (p)
		t->pid = p->pid + tgid;
	rcu_read_unlock();
	return utrace_control(t->task, t->engine, UTRACE_REPORT);
}

int bad_nested_read_section_one_unlock(struct tf_target *t, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p) // expected-note {{assuming 'p' is null}}
		t->pid = p->pid;
	rcu_read_unlock();
	return utrace_control(t->task, t->engine, UTRACE_REPORT); // expected-warning {{RCU read section opened by rcu_read_lock() is still held when the function returns on this path [UT-RCU-002]}}
}

/* Locked in one helper and unlocked by the caller: fine when inlined. */
static struct task_struct *tf_lookup_locked(pid_t nr)
{
	rcu_read_lock();
	return find_task_by_vpid(nr);
}

int ok_section_opened_by_helper(struct tf_target *t, pid_t nr)
{
	struct task_struct *p = tf_lookup_locked(nr);

	if (p)
		t->pid = p->pid;
	rcu_read_unlock();
	return utrace_control(t->task, t->engine, UTRACE_REPORT);
}

/* Defensive RCU around engine->data (an idiom of shipped engines). */
int ok_defensive_rcu_around_engine_data(struct tf_target *t)
{
	struct tf_target *d;

	rcu_read_lock();
	d = rcu_dereference(t->engine->data);
	rcu_read_unlock();
	return utrace_control(d->task, d->engine, UTRACE_RESUME);
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_read_section_early_return: set nr=0
// runtime: bad_unlock_twice_on_error_path: set nr=0
// runtime: bad_nested_read_section_one_unlock: set nr=0
// runtime: ok_defensive_rcu_around_engine_data: set t->engine->data=t
