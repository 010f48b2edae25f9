// UT-RCU-001: nothing inside an RCU read section may sleep. A task finder
// that walks threads under RCU and reports on them.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/regset.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/utrace.h>

static DEFINE_MUTEX(tf_lock);

struct tf_entry {
	struct task_struct *task;
	struct utrace_engine *engine;
	pid_t pid;
	char comm[16];
};

int bad_barrier_inside_read_section(struct tf_entry *e)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	ret = utrace_barrier(e->task, e->engine); // expected-warning {{utrace_barrier() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return ret;
}

/* Retrying the barrier while it is interrupted is deliberate and fine. */
int ok_barrier_retried_outside_read_section(struct tf_entry *e)
{
	int ret;

	do {
		ret = utrace_barrier(e->task, e->engine);
	} while (ret == -ERESTARTSYS);
	if (ret == -ESRCH)
		ret = 0;
	return ret;
}

int bad_gfp_kernel_allocation_inside_read_section(pid_t nr)
{
	struct task_struct *p;
	struct tf_entry *e;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	e = kzalloc(sizeof(*e), GFP_KERNEL); // expected-warning {{kzalloc() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	if (e && p)
		e->pid = p->pid;
	rcu_read_unlock();
	kfree(e);
	return 0;
}

int ok_gfp_atomic_allocation_inside_read_section(pid_t nr)
{
	struct task_struct *p;
	struct tf_entry *e;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (e && p)
		e->pid = p->pid;
	rcu_read_unlock();
	kfree(e);
	return 0;
}

int ok_gfp_nowait_allocation_inside_read_section(void)
{
	void *p;

	rcu_read_lock();
	p = kmalloc(64, GFP_NOWAIT);
	rcu_read_unlock();
	kfree(p);
	return 0;
}

int bad_mutex_lock_inside_read_section(struct tf_entry *e)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	mutex_lock(&tf_lock); // expected-warning {{mutex_lock() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	ret = utrace_control(e->task, e->engine, UTRACE_STOP);
	mutex_unlock(&tf_lock);
	rcu_read_unlock();
	return ret;
}

int ok_mutex_taken_before_read_section(struct tf_entry *e)
{
	int ret;

	mutex_lock(&tf_lock);
	rcu_read_lock();
	ret = utrace_control(e->task, e->engine, UTRACE_STOP);
	rcu_read_unlock();
	mutex_unlock(&tf_lock);
	return ret;
}

int bad_copy_to_user_inside_read_section(pid_t nr, char __user *ubuf)
{
	struct task_struct *p;
	int ret = -ESRCH;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	if (p) // expected-note {{assuming 'p' is non-null}}
		ret = copy_to_user(ubuf, p->comm, sizeof(p->comm)) ? -EFAULT : 0; // expected-warning {{copy_to_user() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return ret;
}

int ok_copy_to_user_after_read_section(pid_t nr, char __user *ubuf)
{
	struct task_struct *p;
	char comm[16];
	int found = 0;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p) {
		memcpy(comm, p->comm, sizeof(comm));
		found = 1;
	}
	rcu_read_unlock();
	if (!found)
		return -ESRCH;
	return copy_to_user(ubuf, comm, sizeof(comm)) ? -EFAULT : 0;
}

int bad_msleep_in_nested_read_section(struct tf_entry *e)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	rcu_read_lock();
	msleep(10); // expected-warning {{msleep() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	ret = utrace_control(e->task, e->engine, UTRACE_RESUME);
	rcu_read_unlock();
	return ret;
}

int bad_access_process_vm_inside_read_section(struct tf_entry *e,
					      unsigned long addr)
{
	struct utrace_examiner exam;
	long word = 0;
	int ret;

	ret = utrace_prepare_examine(e->task, e->engine, &exam);
	if (ret)
		return ret;
	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	access_process_vm(e->task, addr, &word, sizeof(word), 0); // expected-warning {{access_process_vm() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	ret = utrace_finish_examine(e->task, e->engine, &exam);
	return ret ? ret : word;
}

int bad_regset_get_inside_read_section(struct tf_entry *e, unsigned long *regs)
{
	const struct user_regset_view *view;
	struct utrace_examiner exam;
	int ret;

	ret = utrace_prepare_examine(e->task, e->engine, &exam);
	if (ret)
		return ret;
	view = task_user_regset_view(e->task);
	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	ret = view->regsets[0].get(e->task, &view->regsets[0], 0, 64, regs, NULL); // expected-warning {{user_regset->get() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	if (utrace_finish_examine(e->task, e->engine, &exam))
		return -EAGAIN;
	return ret;
}

/* A helper of the same file that sleeps, two calls deep. */
static void tf_log_flush(void)
{
	mutex_lock(&tf_lock);
	mutex_unlock(&tf_lock);
}

static void tf_note_event(struct tf_entry *e)
{
	e->pid = 0;
	tf_log_flush();
}

int bad_sleeping_helper_inside_read_section(struct tf_entry *e)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	tf_note_event(e); // expected-warning {{tf_note_event() (through mutex_lock()) may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	ret = utrace_control(e->task, e->engine, UTRACE_REPORT);
	rcu_read_unlock();
	return ret;
}

/* A helper that does not sleep is fine. */
static void tf_count_event(struct tf_entry *e)
{
	e->pid++;
}

int ok_non_sleeping_helper_inside_read_section(struct tf_entry *e)
{
	int ret;

	rcu_read_lock();
	tf_count_event(e);
	ret = utrace_control(e->task, e->engine, UTRACE_REPORT);
	rcu_read_unlock();
	return ret;
}

/* A reference taken under RCU lets the sleeping part run after it. */
int ok_reference_taken_then_sleep(pid_t nr)
{
	struct task_struct *p;

	rcu_read_lock();
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	rcu_read_unlock();
	if (!p)
		return -ESRCH;
	msleep(1);
	pr_info("%d\n", p->pid);
	put_task_struct(p);
	return 0;
}

// RUNTIME: agreement
// (docs/runtime-checks.md: each case also runs against the runtime checks)
// runtime: bad_access_process_vm_inside_read_section: stopped
// runtime: bad_regset_get_inside_read_section: stopped

static const struct utrace_engine_ops tf_ops;

/* Attach with CREATE allocates and may sleep; a lookup does not. */
int bad_attach_create_inside_read_section(pid_t nr, struct tf_entry *e)
{
	struct task_struct *p;
	struct utrace_engine *engine = ERR_PTR(-ESRCH);

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	p = find_task_by_vpid(nr);
	if (p) // expected-note {{assuming 'p' is non-null}}
		engine = utrace_attach_task(p, UTRACE_ATTACH_CREATE, &tf_ops, e); // expected-warning {{utrace_attach_task() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

// runtime: bad_attach_create_inside_read_section: static-only: the runtime shim does not model that attach with UTRACE_ATTACH_CREATE allocates and may sleep
