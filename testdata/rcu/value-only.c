// UT-RCU-003: a task found under RCU and used after the section only as a
// value (its address hashed into a table, printed with %p) is not a use of
// the task; a dereference or a call that may read it still is. A tracer
// that counts events per task in a small hash table.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/hash.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#define TRC_HASH_BITS 6

static unsigned long trc_hits[1 << TRC_HASH_BITS];

void ok_task_address_hashed_after_section(pid_t nr)
{
	struct task_struct *t;

	rcu_read_lock();
	t = pid_task(find_vpid(nr), PIDTYPE_PID);
	rcu_read_unlock();
	if (t)
		trc_hits[hash_ptr(t, TRC_HASH_BITS)]++;
}

void ok_task_address_printed_after_section(pid_t nr)
{
	struct task_struct *t;

	rcu_read_lock();
	t = pid_task(find_vpid(nr), PIDTYPE_PID);
	rcu_read_unlock();
	if (t)
		printk("trc: %d: task %p, bucket %lu\n", nr, t,
		       trc_hits[hash_32((u32)(unsigned long)t, TRC_HASH_BITS)]);
}

int bad_task_dereferenced_after_hashing(pid_t nr)
{
	struct task_struct *t;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	t = pid_task(find_vpid(nr), PIDTYPE_PID); // expected-note {{task found here by pid_task() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!t) // expected-note {{assuming 't' is non-null}}
		return -1;
	trc_hits[hash_ptr(t, TRC_HASH_BITS)]++;
	return t->exit_state; // expected-warning {{task from pid_task() dereferenced after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
}

void trc_report_task(struct task_struct *t);

void bad_task_passed_to_reader_after_section(pid_t nr)
{
	struct task_struct *t;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	t = pid_task(find_vpid(nr), PIDTYPE_PID); // expected-note {{task found here by pid_task() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (t) // expected-note {{assuming 't' is non-null}}
		trc_report_task(t); // expected-warning {{task from pid_task() passed to a call after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
}

/* Flags, a width and a `*` width before the %p: the conversion that takes
   the task is still a plain %p (clang's printf parser counts the `*`). */
void ok_task_printed_with_width_after_section(pid_t nr, int w)
{
	struct task_struct *t;

	rcu_read_lock();
	t = pid_task(find_vpid(nr), PIDTYPE_PID);
	rcu_read_unlock();
	if (t)
		printk("trc: %*d %-18p %pK\n", w, nr, t, t);
}

/* %s reads the memory at the pointer: a use. */
void bad_task_printed_as_string_after_section(pid_t nr)
{
	struct task_struct *t;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	t = pid_task(find_vpid(nr), PIDTYPE_PID); // expected-note {{task found here by pid_task() inside an RCU read section}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (t) // expected-note {{assuming 't' is non-null}}
		printk("trc: %*d %s\n", 4, nr, (char *)t); // expected-warning {{task from pid_task() passed to a call after the RCU read section that found it ended; take a reference with get_task_struct() inside the section [UT-RCU-003]}}
}
