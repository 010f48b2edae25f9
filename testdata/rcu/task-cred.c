// Another task's credentials are RCU-protected (task->real_cred is __rcu,
// replaced by commit_creds()): __task_cred() is an rcu_dereference() and
// belongs inside rcu_read_lock() (UT-RCU-005, PROVE_RCU's rule);
// task_cred_xxx(), task_uid() and task_euid() take the read lock
// themselves; the task's own credentials (current_cred(), current_uid())
// need none. A tracer that lets an engine follow only tasks of one user.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct owner_filter {
	kuid_t uid;
	struct user_namespace *ns;
	struct utrace_engine *engine;
};

bool ok_task_uid_takes_its_own_read_section(struct owner_filter *f,
					   struct task_struct *t)
{
	return uid_eq(task_uid(t), f->uid) || uid_eq(task_euid(t), f->uid); // no-warning
}

uid_t ok_task_cred_xxx_member_seen_in_its_namespace(struct task_struct *t)
{
	struct user_namespace *ns = task_cred_xxx(t, user_ns); // no-warning

	return from_kuid_munged(ns, task_cred_xxx(t, fsuid));
}

/* Nested in the caller's own read section: the inner section only nests. */
int ok_task_uid_inside_callers_read_section(struct owner_filter *f,
					   struct task_struct *t)
{
	int match;

	rcu_read_lock();
	match = uid_eq(task_uid(t), f->uid);
	rcu_read_unlock();
	return match;
}

int ok_task_cred_read_inside_read_section(struct owner_filter *f,
					  struct task_struct *t)
{
	const struct cred *c;
	int match;

	rcu_read_lock();
	c = __task_cred(t);
	match = uid_eq(c->euid, f->uid) && c->user_ns == f->ns;
	rcu_read_unlock();
	return match;
}

/* Kept beyond a read section: a counted reference, dropped after use. */
int ok_task_cred_reference_kept_then_put(struct owner_filter *f,
					 struct task_struct *t)
{
	const struct cred *c = get_task_cred(t);
	int match = uid_eq(c->uid, f->uid);

	put_cred(c);
	return match;
}

/* Only ever called inside a read section: entered inside it. */
static kuid_t cred_owner(struct task_struct *t)
{
	return __task_cred(t)->uid; // no-warning
}

int ok_helper_reads_cred_inside_callers_section(struct owner_filter *f,
						struct task_struct *t)
{
	int match;

	rcu_read_lock();
	match = uid_eq(cred_owner(t), f->uid);
	rcu_read_unlock();
	return match;
}

uid_t ok_current_credentials_need_no_section(void)
{
	const struct cred *mine = current_cred();

	if (!uid_eq(mine->euid, current_euid()))
		return (uid_t)-1;
	return from_kuid_munged(current_user_ns(), current_uid());
}

int bad_task_cred_read_outside_read_section(struct owner_filter *f,
					    struct task_struct *t)
{
	const struct cred *c = __task_cred(t); // expected-warning {{__task_cred() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}

	return uid_eq(c->uid, f->uid);
}

int bad_task_cred_read_after_section_ended(struct owner_filter *f,
					   struct task_struct *t)
{
	int known;

	rcu_read_lock();
	known = t->utrace_flags != 0;
	rcu_read_unlock();
	return known && uid_eq(__task_cred(t)->euid, f->uid); // expected-warning {{__task_cred() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}
}

/* __task_cred() is rcu_dereference(): disabling preemption is not its read
   section (it would be for the _sched flavour). */
int bad_task_cred_read_with_preemption_off(struct owner_filter *f,
					   struct task_struct *t)
{
	int match;

	preempt_disable();
	match = uid_eq(__task_cred(t)->uid, f->uid); // expected-warning {{__task_cred() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}
	preempt_enable();
	return match;
}
