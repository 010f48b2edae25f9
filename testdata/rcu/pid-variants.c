// The _pid variants (utrace_control_pid() and friends) as the header
// defines them: the thread is looked up from a struct pid the caller holds,
// -ESRCH when it has none, then the task variant runs. What that means for
// RCU: the pid is used by the call (UT-RCU-003 when it was found under RCU
// and the section has ended without get_pid()); the header asks for no read
// section, so calls outside one are fine; and utrace_barrier_pid() still
// sleeps (UT-RCU-001 inside a section). A tracer that follows threads by
// their struct pid, so it never has to pin a task.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

struct pt_thread {
	struct pid *pid;
	struct utrace_engine *engine;
	int quiescing;
};

/* The pid is only protected by the read section that found it. */
int bad_pid_stops_after_section(struct utrace_engine *engine, pid_t nr)
{
	struct pid *pid;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	pid = find_vpid(nr); // expected-note {{'struct pid' found here by find_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!pid) // expected-note {{assuming 'pid' is non-null}}
		return -ESRCH;
	return utrace_control_pid(pid, engine, UTRACE_STOP); // expected-warning {{'struct pid' from find_vpid() passed to utrace_control_pid() after the RCU read section that found it ended; take a reference with get_pid() inside the section [UT-RCU-003]}}
}

/* A counted pid outlives the section; the thread may be gone by then, which
   the call reports as -ESRCH. */
int ok_counted_pid_stops_after_section(struct utrace_engine *engine, pid_t nr)
{
	struct pid *pid;
	int ret;

	rcu_read_lock();
	pid = get_pid(find_vpid(nr));
	rcu_read_unlock();
	if (!pid)
		return -ESRCH;
	ret = utrace_control_pid(pid, engine, UTRACE_STOP);
	put_pid(pid);
	return ret;
}

/* The pid the thread record holds a reference on: no read section owed. */
int ok_stop_thread_without_section(struct pt_thread *t)
{
	return utrace_control_pid(t->pid, t->engine, UTRACE_STOP);
}

/* The same inside a section taken for pid_task()'s lockdep check. */
void ok_resume_thread_in_section(struct pt_thread *t, unsigned long events)
{
	rcu_read_lock();
	if (utrace_set_events_pid(t->pid, t->engine, events) != 0)
		t->quiescing = 0;
	if (utrace_control_pid(t->pid, t->engine, UTRACE_RESUME) != 0)
		t->quiescing = 0;
	rcu_read_unlock();
}

/* utrace_barrier_pid() waits for the callbacks like utrace_barrier(). */
int bad_barrier_pid_in_section(struct pt_thread *t)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	ret = utrace_barrier_pid(t->pid, t->engine); // expected-warning {{utrace_barrier_pid() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return ret;
}

int ok_barrier_pid_outside_section(struct pt_thread *t)
{
	return utrace_barrier_pid(t->pid, t->engine);
}

/* Attaching by pid allocates the engine like utrace_attach_task(). */
int bad_attach_pid_in_section(struct pt_thread *t,
			      const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	engine = utrace_attach_pid(t->pid, UTRACE_ATTACH_CREATE, ops, t); // expected-warning {{utrace_attach_pid() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	t->engine = engine;
	return 0;
}

void pt_release(struct pt_thread *t)
{
	utrace_engine_put(t->engine);
	put_pid(t->pid);
}

/* A lookup of an existing engine allocates nothing. */
int ok_find_engine_by_pid_in_section(struct pt_thread *t,
				     const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;

	rcu_read_lock();
	engine = utrace_attach_pid(t->pid, UTRACE_ATTACH_MATCH_OPS, ops, t);
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}
