// UT-RCU-003 and UT-RCU-004: a task found by pid is valid only inside the
// RCU read section that found it, unless a reference was taken. A
// ptrace-like engine's attach-by-pid paths.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched/task.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops ptl_ops;

struct ptl_session {
	struct task_struct *task;
	struct utrace_engine *engine;
	pid_t pid;
};

/* Teardown releases the stored engine: storing it is a hand-over
 * (UT-REF-001). */
void ptl_release(struct ptl_session *s)
{
	utrace_engine_put(s->engine);
}

/* The lookup's task escapes the section: the caller gets a dangling task. */
struct task_struct *bad_lookup_task_escapes_section(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr); // expected-note {{task found here by find_task_by_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	return p; // expected-warning {{task from find_task_by_vpid() returned after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
}

struct task_struct *ok_lookup_returns_counted_reference(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	rcu_read_unlock();
	return p;
}

int bad_attach_after_section_ended(struct ptl_session *s, pid_t nr)
{
	struct utrace_engine *engine;
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr); // expected-note {{task found here by find_task_by_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!p) // expected-note {{assuming 'p' is non-null}}
		return -ESRCH;
	engine = utrace_attach_task(p, UTRACE_ATTACH_CREATE, &ptl_ops, s); // expected-warning {{task from find_task_by_vpid() passed to utrace_attach_task() after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	s->engine = engine;
	return 0;
}

/* Attaching under the section keeps the task valid (no UT-RCU-003), but with
 * CREATE the attach allocates and may sleep (UT-RCU-001). */
int bad_attach_create_inside_section(struct ptl_session *s, pid_t nr)
{
	struct utrace_engine *engine;
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	if (!p) { // expected-note {{assuming 'p' is non-null}}
		rcu_read_unlock();
		return -ESRCH;
	}
	engine = utrace_attach_task(p, UTRACE_ATTACH_CREATE, &ptl_ops, s); // expected-warning {{utrace_attach_task() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	s->engine = engine;
	return 0;
}

int bad_pid_task_dereferenced_after_unlock(struct ptl_session *s, struct pid *pid)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = pid_task(pid, PIDTYPE_PID); // expected-note {{task found here by pid_task() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!p) // expected-note {{assuming 'p' is non-null}}
		return -ESRCH;
	s->pid = p->tgid; // expected-warning {{task from pid_task() dereferenced after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

/* A second read section does not revive a task found in the first. */
int bad_task_used_in_a_later_section(struct ptl_session *s, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr); // expected-note {{task found here by find_task_by_vpid() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	rcu_read_lock();
	if (p) // expected-note {{assuming 'p' is non-null}}
		s->pid = p->pid; // expected-warning {{task from find_task_by_vpid() dereferenced after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
	rcu_read_unlock();
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

int ok_reference_taken_then_put(struct ptl_session *s, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	rcu_read_unlock();
	if (!p)
		return -ESRCH;
	s->pid = p->tgid;
	put_task_struct(p);
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

int bad_task_used_after_put(struct ptl_session *s, pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr); // expected-note {{task found here by find_task_by_vpid() inside an RCU read section}}
	if (p) // expected-note {{assuming 'p' is non-null}}
		get_task_struct(p); // expected-note {{task reference taken here by get_task_struct()}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!p)
		return -ESRCH;
	put_task_struct(p); // expected-note {{task reference dropped here by put_task_struct()}}
	s->pid = p->tgid; // expected-warning {{task from find_task_by_vpid() dereferenced after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

/* get_pid_task() returns a counted reference: no RCU needed. */
int ok_get_pid_task(struct ptl_session *s, struct pid *pid)
{
	struct task_struct *p = get_pid_task(pid, PIDTYPE_PID);

	if (!p)
		return -ESRCH;
	s->pid = p->tgid;
	put_task_struct(p);
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

int bad_lookup_outside_read_section(struct ptl_session *s, pid_t nr)
{
	struct task_struct *p = find_task_by_vpid(nr); // expected-warning {{find_task_by_vpid() called outside an RCU read section [UT-RCU-004]}}

	if (!p)
		return -ESRCH;
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

int bad_pid_ns_lookup_outside_read_section(struct ptl_session *s, pid_t nr,
					    struct pid_namespace *ns)
{
	if (!find_task_by_pid_ns(nr, ns)) // expected-warning {{find_task_by_pid_ns() called outside an RCU read section [UT-RCU-004]}}
		return -ESRCH;
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

int ok_lookup_inside_read_section(struct ptl_session *s, pid_t nr)
{
	struct task_struct *p;
	int found;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	found = p && !(p->flags & PF_EXITING);
	rcu_read_unlock();
	if (!found)
		return -ESRCH;
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_attach_create_inside_section: static-only: the runtime shim does not model that attach with UTRACE_ATTACH_CREATE allocates and may sleep
// runtime: bad_lookup_task_escapes_section: static-only: returning the task is no use of it; the runtime sees uses through the checked accessors and utrace_attach_task()
// runtime: bad_pid_task_dereferenced_after_unlock: static-only: a plain p->tgid read is not observable at run time (only the accessors are checked)
// runtime: bad_task_used_in_a_later_section: static-only: a plain p->pid read is not observable at run time (only the accessors are checked)
// runtime: bad_task_used_after_put: static-only: a plain p->tgid read is not observable at run time (only the accessors are checked)
