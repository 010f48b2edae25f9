/* Simulator: task credentials. Written for utrace-check, not copied from
 * the kernel.
 *
 * A task's credentials are a shared, reference-counted record that is
 * never changed in place: commit_creds() publishes a new one in
 * task->real_cred and task->cred (both __rcu, <linux/sched.h>) and the old
 * one is freed after a grace period. So
 * - the task's own credentials (current_cred(), current_uid(), ...) need
 *   no protection: only the task itself replaces them;
 * - another task's are read with __task_cred() inside rcu_read_lock()
 *   (an rcu_dereference(): UT-RCU-005 outside a section, as PROVE_RCU
 *   warns), or with task_cred_xxx()/task_uid()/task_euid(), which take the
 *   read lock themselves, or kept beyond the section with get_task_cred()
 *   and dropped with put_cred(). */
#ifndef _SIM_LINUX_CRED_H
#define _SIM_LINUX_CRED_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

/* Capability sets (the 2.6.25-6.2 layout: two 32-bit words). */
typedef struct { u32 cap[2]; } kernel_cap_t;

struct group_info {
	atomic_t usage;
	int ngroups;
	kgid_t gid[];
};

/* Per-user accounting; before 2.6.39 also where a task's user namespace
 * was found (cred->user->user_ns). */
struct user_struct {
	atomic_t __count;
	atomic_t processes;
	kuid_t uid;
	struct user_namespace *user_ns;
};

/* Members real tracing code reads; the order is not the kernel's. */
struct cred {
	atomic_t usage;
	kuid_t uid;		/* real */
	kgid_t gid;
	kuid_t suid;		/* saved */
	kgid_t sgid;
	kuid_t euid;		/* effective */
	kgid_t egid;
	kuid_t fsuid;		/* file system access */
	kgid_t fsgid;
	unsigned int securebits;
	kernel_cap_t cap_inheritable;
	kernel_cap_t cap_permitted;
	kernel_cap_t cap_effective;
	kernel_cap_t cap_bset;
	kernel_cap_t cap_ambient;
	void *security;
	struct user_struct *user;
	struct user_namespace *user_ns;	/* 2.6.39 and later */
	struct group_info *group_info;
	struct rcu_head rcu;
};

void __put_cred(struct cred *cred);
struct cred *prepare_creds(void);
struct cred *prepare_kernel_cred(struct task_struct *daemon);
int commit_creds(struct cred *new_cred);
void abort_creds(struct cred *new_cred);
const struct cred *override_creds(const struct cred *new_cred);
void revert_creds(const struct cred *old_cred);
int in_group_p(kgid_t grp);
int in_egroup_p(kgid_t grp);

/* A counted reference on another task's credentials (taken under the
 * task's RCU-protected pointer, out of line). */
const struct cred *get_task_cred(struct task_struct *task);

static inline const struct cred *get_cred(const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (c)
		__atomic_fetch_add(&c->usage.counter, 1, __ATOMIC_RELAXED);
	return cred;
}

static inline void put_cred(const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (c && __atomic_sub_fetch(&c->usage.counter, 1, __ATOMIC_ACQ_REL) == 0)
		__put_cred(c);
}

/* The running task's own credentials: it alone replaces them. */
#define current_cred()	rcu_dereference_protected(current->cred, 1)
#define current_real_cred()	rcu_dereference_protected(current->real_cred, 1)
#define get_current_cred()	(get_cred(current_cred()))
#define current_cred_xxx(field)	({ current_cred()->field; })
#define current_uid()		(current_cred_xxx(uid))
#define current_gid()		(current_cred_xxx(gid))
#define current_euid()		(current_cred_xxx(euid))
#define current_egid()		(current_cred_xxx(egid))
#define current_suid()		(current_cred_xxx(suid))
#define current_sgid()		(current_cred_xxx(sgid))
#define current_fsuid()		(current_cred_xxx(fsuid))
#define current_fsgid()		(current_cred_xxx(fsgid))
#define current_cap()		(current_cred_xxx(cap_effective))
#define current_user()		(current_cred_xxx(user))
#define current_user_ns()	(current_cred_xxx(user_ns))
#define current_euid_egid(_uid, _gid)		\
	do {					\
		const struct cred *__cc = current_cred(); \
		*(_uid) = __cc->euid;		\
		*(_gid) = __cc->egid;		\
	} while (0)

/* Another task's (objective) credentials: only inside an RCU read
 * section. */
#define __task_cred(task)	rcu_dereference((task)->real_cred)

/* One member of another task's credentials, copied out under a read
 * section of its own. */
#define task_cred_xxx(task, field)					\
	({								\
		__typeof__(((struct cred *)NULL)->field) __tcx_val;	\
		rcu_read_lock();					\
		__tcx_val = __task_cred((task))->field;			\
		rcu_read_unlock();					\
		__tcx_val;						\
	})
#define task_uid(task)		(task_cred_xxx((task), uid))
#define task_euid(task)		(task_cred_xxx((task), euid))
#define task_user_ns(task)	(task_cred_xxx((task), user_ns))

#endif
