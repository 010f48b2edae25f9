// UT-CTX-001: nothing may sleep while a spinlock or rwlock is held, with
// preemption, interrupts or bottom halves disabled, or inside
// rcu_read_lock_sched()/rcu_read_lock_bh(). A vma-map cache of a tracing
// engine, kept under an rwlock and filled from its callbacks.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/utrace.h>

#define MAP_ALLOC_FLAGS (GFP_KERNEL | __GFP_NORETRY)

struct map_entry {
	struct map_entry *next;
	unsigned long start, end;
	struct task_struct *task;
	struct utrace_engine *engine;
};

static DEFINE_RWLOCK(map_lock);
static DEFINE_SPINLOCK(stats_lock);
static DEFINE_MUTEX(map_mutex);
static struct map_entry *map_head;
static unsigned long map_hits;

int bad_alloc_under_write_lock_irqsave(unsigned long start, unsigned long end)
{
	struct map_entry *e;
	unsigned long flags;

	write_lock_irqsave(&map_lock, flags); // expected-note {{rwlock taken here by write_lock_irqsave()}}
	e = kmalloc(sizeof(*e), MAP_ALLOC_FLAGS); // expected-warning {{kmalloc() may sleep in atomic context (rwlock taken by write_lock_irqsave()) [UT-CTX-001]}}
	if (e) {
		e->start = start;
		e->end = end;
		e->next = map_head;
		map_head = e;
	}
	write_unlock_irqrestore(&map_lock, flags);
	return e ? 0 : -ENOMEM;
}

/* The fix: allocate first, then publish under the lock. */
int ok_alloc_before_write_lock(unsigned long start, unsigned long end)
{
	struct map_entry *e = kmalloc(sizeof(*e), MAP_ALLOC_FLAGS);
	unsigned long flags;

	if (!e)
		return -ENOMEM;
	e->start = start;
	e->end = end;
	write_lock_irqsave(&map_lock, flags);
	e->next = map_head;
	map_head = e;
	write_unlock_irqrestore(&map_lock, flags);
	return 0;
}

int ok_atomic_alloc_under_spinlock(void)
{
	struct map_entry *e;

	spin_lock(&stats_lock);
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	map_hits++;
	spin_unlock(&stats_lock);
	kfree(e);
	return 0;
}

int bad_mutex_under_spinlock_bh(void)
{
	spin_lock_bh(&stats_lock); // expected-note {{spinlock taken here by spin_lock_bh()}}
	mutex_lock(&map_mutex); // expected-warning {{mutex_lock() may sleep in atomic context (spinlock taken by spin_lock_bh()) [UT-CTX-001]}}
	map_hits = 0;
	mutex_unlock(&map_mutex);
	spin_unlock_bh(&stats_lock);
	return 0;
}

/* Sleeping after the lock is dropped is fine. */
int ok_sleep_after_unlock(void)
{
	unsigned long flags;

	read_lock_irqsave(&map_lock, flags);
	map_hits++;
	read_unlock_irqrestore(&map_lock, flags);
	msleep(10);
	return 0;
}

static void flush_maps(void)
{
	mutex_lock(&map_mutex);
	map_head = NULL;
	mutex_unlock(&map_mutex);
}

int bad_sleeping_helper_with_preemption_disabled(void)
{
	int cpu = get_cpu(); // expected-note {{preemption disabled here by preempt_disable()}}

	if (cpu == 0) // expected-note {{assuming 'cpu' is equal to 0}}
		flush_maps(); // expected-warning {{flush_maps() (through mutex_lock()) may sleep in atomic context (preemption disabled by preempt_disable()) [UT-CTX-001]}}
	put_cpu();
	return cpu;
}

int bad_copy_to_user_with_interrupts_off(void __user *buf, struct map_entry *e)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags); // expected-note {{interrupts disabled here by local_irq_save()}}
	ret = copy_to_user(buf, e, sizeof(*e)); // expected-warning {{copy_to_user() may sleep in atomic context (interrupts disabled by local_irq_save()) [UT-CTX-001]}}
	local_irq_restore(flags);
	return ret;
}

int bad_barrier_in_rcu_sched_section(struct map_entry *e)
{
	int ret;

	rcu_read_lock_sched(); // expected-note {{RCU-sched read section opened here by rcu_read_lock_sched()}}
	ret = utrace_barrier(e->task, e->engine); // expected-warning {{utrace_barrier() may sleep in atomic context (RCU-sched read section opened by rcu_read_lock_sched()) [UT-CTX-001]}}
	rcu_read_unlock_sched();
	return ret;
}

/* utrace_barrier() on the current thread returns at once. */
int ok_barrier_on_current_under_lock(struct utrace_engine *engine)
{
	int ret;

	spin_lock(&stats_lock);
	ret = utrace_barrier(current, engine);
	spin_unlock(&stats_lock);
	return ret;
}

/* Nested contexts close by kind: the spinlock is still held after the
 * bottom halves are enabled again. */
int bad_nested_contexts_close_by_kind(void)
{
	spin_lock(&stats_lock); // expected-note {{spinlock taken here by spin_lock()}}
	local_bh_disable();
	map_hits++;
	local_bh_enable();
	msleep(1); // expected-warning {{msleep() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&stats_lock);
	return 0;
}

/* Only the path with the lock held sleeps. */
int bad_only_on_locked_path(int locked)
{
	if (locked) // expected-note {{assuming 'locked' is not equal to 0}}
		spin_lock(&stats_lock); // expected-note {{spinlock taken here by spin_lock()}}
	schedule(); // expected-warning {{schedule() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	if (locked)
		spin_unlock(&stats_lock);
	return 0;
}

/* Plain rcu_read_lock() is UT-RCU-001's, not this rule's. */
int rcu_read_section_is_another_rule(void)
{
	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	msleep(1); // expected-warning {{msleep() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return 0;
}
