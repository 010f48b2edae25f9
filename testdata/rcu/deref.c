// UT-RCU-005: rcu_dereference() belongs inside a read section. A tracer
// that publishes its current configuration with rcu_assign_pointer().
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct trace_cfg {
	unsigned long mask;
	int verbose;
	struct rcu_head rcu;
};

struct tracer {
	struct trace_cfg __rcu *cfg;
	spinlock_t lock;
	struct utrace_engine *engine;
};

static struct trace_cfg __rcu *global_cfg;

unsigned long bad_deref_without_read_section(struct tracer *t)
{
	struct trace_cfg *c = rcu_dereference(t->cfg); // expected-warning {{rcu_dereference() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}

	return c ? c->mask : 0;
}

unsigned long ok_deref_inside_read_section(struct tracer *t)
{
	struct trace_cfg *c;
	unsigned long mask = 0;

	rcu_read_lock();
	c = rcu_dereference(t->cfg);
	if (c)
		mask = c->mask;
	rcu_read_unlock();
	return mask;
}

/* The update side names the lock that protects the pointer. */
void ok_protected_deref_under_update_lock(struct tracer *t, struct trace_cfg *n)
{
	struct trace_cfg *old;

	spin_lock(&t->lock);
	old = rcu_dereference_protected(t->cfg, 1);
	rcu_assign_pointer(t->cfg, n);
	spin_unlock(&t->lock);
	if (old)
		kfree_rcu(old, rcu);
}

int ok_deref_sched_in_sched_section(void)
{
	struct trace_cfg *c;
	int v = 0;

	rcu_read_lock_sched();
	c = rcu_dereference_sched(global_cfg);
	if (c)
		v = c->verbose;
	rcu_read_unlock_sched();
	return v;
}

int bad_deref_sched_with_nothing_held(void)
{
	struct trace_cfg *c = rcu_dereference_sched(global_cfg); // expected-warning {{rcu_dereference_sched() outside an RCU read section of its flavour; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}

	return c ? c->verbose : 0;
}

/* Only the path that skipped the section is reported. */
int bad_deref_on_unlocked_path(struct tracer *t, int lock)
{
	struct trace_cfg *c;
	int v;

	if (lock)
		rcu_read_lock();
	c = rcu_dereference(t->cfg); // expected-warning {{rcu_dereference() outside an RCU read section; call it inside rcu_read_lock(), or use rcu_dereference_protected() with the lock that protects the pointer [UT-RCU-005]}}
	v = c ? c->verbose : 0;
	if (lock)
		rcu_read_unlock();
	return v;
}

/* Caller must hold rcu_read_lock(). */
unsigned long ok_documented_called_under_rcu(struct tracer *t)
{
	struct trace_cfg *c = rcu_dereference(t->cfg);

	return c ? c->mask : 0;
}

unsigned long ok_annotated_must_hold(struct tracer *t) __must_hold(RCU)
{
	struct trace_cfg *c = rcu_dereference(t->cfg);

	return c ? c->mask : 0;
}
