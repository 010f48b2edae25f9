// Caller context (UT-RCU-004): a lookup helper with one caller outside any
// read section is not protected by the callers that hold one.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

static struct task_struct *trc_lookup(pid_t nr)
{
	return pid_task(find_vpid(nr), PIDTYPE_PID); // expected-warning {{pid_task() called outside an RCU read section [UT-RCU-004]}}
}

int ok_exit_state_under_rcu(pid_t nr)
{
	struct task_struct *t;
	int state = -1;

	rcu_read_lock();
	t = trc_lookup(nr);
	if (t)
		state = t->exit_state;
	rcu_read_unlock();
	return state;
}

int bad_exists_without_rcu(pid_t nr)
{
	return trc_lookup(nr) != NULL; // expected-note {{calling 'trc_lookup'}}
}

/* Ends a read section its caller never opened: still an imbalance. */
static void trc_end_read(void)
{
	rcu_read_unlock(); // expected-warning {{rcu_read_unlock() without a matching rcu_read_lock() on this path [UT-RCU-002]}}
}

void bad_end_without_begin(void)
{
	trc_end_read(); // expected-note {{calling 'trc_end_read'}}
}

/* Sparse's annotation: entered inside the caller's section, which it ends. */
void ok_end_read_annotated(void) __releases(RCU)
{
	rcu_read_unlock();
}
