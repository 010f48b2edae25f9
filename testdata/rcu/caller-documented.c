// Caller context (UT-RCU-004, UT-RCU-003): a function documented "caller
// holds rcu_read_lock()", whose callers are outside this file, is analysed
// as entered inside that section: its lookup is inside it, and returning
// the task hands it to a caller that still holds the section; sleeping
// in it is sleeping in that section (UT-RCU-001).
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/utrace.h>

/* Caller holds rcu_read_lock(). */
struct task_struct *ok_lookup_under_callers_section(pid_t nr, struct utrace_engine *e)
{
	struct task_struct *p = find_task_by_vpid(nr);

	if (p && utrace_control(p, e, UTRACE_REPORT))
		return NULL;
	return p;
}

struct trc_delay {
	unsigned int ms;
};

static struct trc_delay __rcu *trc_delay;

/* Must be called with the RCU read lock held: it may not sleep. */
void bad_sleep_under_callers_section(void)
{
	struct trc_delay *d = rcu_dereference(trc_delay);

	if (d) // expected-note {{assuming 'd' is non-null}}
		msleep(d->ms); // expected-warning {{msleep() may sleep inside the RCU read section its caller holds [UT-RCU-001]}}
}
