// Caller context (UT-RCU-005, UT-RCU-004): a function runs inside the read
// sections its callers hold. A static helper all of whose callers in the
// file hold a section of the right kind, a "put" that ends the section its
// "get" opened, and a tracepoint probe (preemption disabled) are analysed
// as entered inside it. A per-CPU slot table of a tracer, published with
// rcu_assign_pointer() and freed after a sched-RCU grace period.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>
#include <linux/utrace.h>

#define TRC_SLOTS 64

struct trc_slot {
	int busy;
	unsigned long hits;
};

static struct trc_slot __rcu *trc_slots[TRC_SLOTS];

DECLARE_TRACE(sched_switch, PARAMS(struct task_struct *prev, struct task_struct *next), PARAMS(prev, next));

/* Every caller runs it with preemption disabled. */
static inline struct trc_slot *trc_this_slot(void)
{
	return rcu_dereference_sched(trc_slots[smp_processor_id()]);
}

/* Returns with preemption disabled when it found a slot. */
struct trc_slot *ok_slot_get(void)
{
	struct trc_slot *s;

	preempt_disable();
	s = trc_this_slot();
	if (s) {
		if (++s->busy == 1)
			return s;
		s->busy--;
	}
	preempt_enable_no_resched();
	return NULL;
}

/* Ends the section ok_slot_get() opened: entered with preemption off. */
void ok_slot_put_ends_section(struct trc_slot *s)
{
	if (s) {
		if (s == trc_this_slot())
			s->busy--;
		preempt_enable_no_resched();
	}
}

/* After the release the section is over. */
unsigned long bad_put_reads_after_release(struct trc_slot *s)
{
	struct trc_slot *again;

	s->busy--;
	preempt_enable();
	again = rcu_dereference_sched(trc_slots[0]); // expected-warning {{rcu_dereference_sched() outside an RCU read section of its flavour; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}
	return again ? again->hits : 0;
}

/* One caller holds nothing: the helper is not protected. */
static struct trc_slot *trc_slot_of(int cpu)
{
	return rcu_dereference_sched(trc_slots[cpu]); // expected-warning {{rcu_dereference_sched() outside an RCU read section of its flavour; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}
}

unsigned long ok_hits_with_preemption_off(int cpu)
{
	struct trc_slot *s;
	unsigned long n = 0;

	preempt_disable();
	s = trc_slot_of(cpu);
	if (s)
		n = s->hits;
	preempt_enable();
	return n;
}

unsigned long bad_hits_without_section(int cpu)
{
	struct trc_slot *s = trc_slot_of(cpu);

	return s ? s->hits : 0;
}

/* Reached only from the tracepoint probe below. */
static struct trc_slot *trc_probe_slot(void)
{
	return rcu_dereference_sched(trc_slots[smp_processor_id()]);
}

static void ok_probe_sched_switch(void *data, struct task_struct *prev,
				  struct task_struct *next)
{
	struct trc_slot *s = trc_probe_slot();

	if (s)
		s->hits++;
}

/* Preemption off is not an rcu_read_lock() section for rcu_dereference(). */
static void bad_probe_plain_dereference(void *data, struct task_struct *prev,
					struct task_struct *next)
{
	struct trc_slot *s = rcu_dereference(trc_slots[0]); // expected-warning {{rcu_dereference() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}

	if (s)
		s->hits++;
}

int trc_start(void)
{
	int ret = register_trace_sched_switch(ok_probe_sched_switch, NULL);

	if (ret)
		return ret;
	return register_trace_sched_switch(bad_probe_plain_dereference, NULL);
}

/* Plain RCU: both callers hold rcu_read_lock() around the lookup. */
static struct task_struct *trc_task_of(pid_t nr)
{
	return pid_task(find_vpid(nr), PIDTYPE_PID);
}

int ok_task_state(pid_t nr)
{
	struct task_struct *t;
	int state = -1;

	rcu_read_lock();
	t = trc_task_of(nr);
	if (t)
		state = t->exit_state;
	rcu_read_unlock();
	return state;
}

int ok_task_exists(pid_t nr)
{
	int found;

	rcu_read_lock();
	found = trc_task_of(nr) != NULL;
	rcu_read_unlock();
	return found;
}
