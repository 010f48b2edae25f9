// UT-CTX-002: a lock is released only by the path that holds it. A release
// of a lock the same path already released (directly, or in a helper of the
// same file) is a double unlock; a release of a lock this path never took
// is the caller's lock and no finding. A breakpoint table of a tracing
// engine, kept under a mutex and filled from its callbacks.
//
// RUN: %verify --scope=all %s -- %kflags
// RUN: %utrace-check --scope=all --disable=UT-CTX-002 %s -- %kflags 2>&1 | count 0
// RUN: not %utrace-check --scope=all --enable=UT-CTX-002 %s -- %kflags 2>&1 | FileCheck %s
// CHECK-COUNT-4: warning: {{.*}} [UT-CTX-002]
// CHECK-NOT: warning:

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct bp_slot {
	struct bp_slot *next;
	pid_t pid;
	unsigned long addr;
	int hits;
};

struct bp_table {
	spinlock_t lock;
	struct rw_semaphore sem;
	struct bp_slot *head;
	int count;
};

static DEFINE_MUTEX(bp_mutex);
static struct bp_slot *bp_head;
static int bp_generation;

/* Called with bp_mutex held; a hit is returned with it still held. */
static struct bp_slot *bp_find_locked(pid_t pid, unsigned long addr)
{
	struct bp_slot *s;

	for (s = bp_head; s; s = s->next)
		if (s->pid == pid && s->addr == addr)
			return s;
	return NULL;
}

/* The bug: on a hit the lookup also drops the caller's mutex. */
static struct bp_slot *bp_find_and_drop(pid_t pid, unsigned long addr)
{
	struct bp_slot *s;

	for (s = bp_head; s; s = s->next)
		if (s->pid == pid && s->addr == addr) { // expected-note {{assuming 'pid' is equal to field 'pid'}} expected-note {{assuming 'addr' is equal to field 'addr'}}
			mutex_unlock(&bp_mutex); // expected-note {{'bp_mutex' released here by mutex_unlock()}}
			return s;
		}
	return NULL;
}

int bad_helper_unlocks_then_caller_unlocks(pid_t pid, unsigned long addr)
{
	struct bp_slot *s;

	mutex_lock(&bp_mutex); // expected-note {{'bp_mutex' taken here by mutex_lock()}}
	s = bp_find_and_drop(pid, addr); // expected-note {{calling 'bp_find_and_drop'}} expected-note {{returning from 'bp_find_and_drop'}}
	if (s) {
		mutex_unlock(&bp_mutex); // expected-warning {{mutex_unlock() of 'bp_mutex', which this path already released [UT-CTX-002]}}
		return -EBUSY;
	}
	bp_generation++;
	mutex_unlock(&bp_mutex);
	return 0;
}

int ok_helper_leaves_the_lock_to_its_caller(pid_t pid, unsigned long addr)
{
	struct bp_slot *s;

	mutex_lock(&bp_mutex);
	s = bp_find_locked(pid, addr);
	if (s) {
		s->hits++;
		mutex_unlock(&bp_mutex);
		return 0;
	}
	mutex_unlock(&bp_mutex);
	return -ENOENT;
}

int bad_unlock_on_error_then_again_at_out(pid_t pid, unsigned long addr)
{
	struct bp_slot *s;
	int ret = 0;

	mutex_lock(&bp_mutex); // expected-note {{'bp_mutex' taken here by mutex_lock()}}
	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s) { // expected-note {{assuming 's' is null}}
		mutex_unlock(&bp_mutex); // expected-note {{'bp_mutex' released here by mutex_unlock()}}
		ret = -ENOMEM;
		goto out;
	}
	s->pid = pid;
	s->addr = addr;
	s->next = bp_head;
	bp_head = s;
out:
	mutex_unlock(&bp_mutex); // expected-warning {{mutex_unlock() of 'bp_mutex', which this path already released [UT-CTX-002]}}
	return ret;
}

int bad_spin_unlock_irqrestore_twice(struct bp_table *t, struct bp_slot *s)
{
	unsigned long flags;

	spin_lock_irqsave(&t->lock, flags); // expected-note {{'t->lock' taken here by spin_lock_irqsave()}}
	if (t->count == 0) { // expected-note {{assuming field 'count' is equal to 0}}
		spin_unlock_irqrestore(&t->lock, flags); // expected-note {{'t->lock' released here by spin_unlock_irqrestore()}}
		t->count = -1;
	}
	s->next = t->head;
	t->head = s;
	spin_unlock_irqrestore(&t->lock, flags); // expected-warning {{spin_unlock_irqrestore() of 't->lock', which this path already released [UT-CTX-002]}}
	return 0;
}

int bad_up_read_twice_after_early_exit(struct bp_table *t, unsigned long addr)
{
	struct bp_slot *s;
	int found = 0;

	down_read(&t->sem); // expected-note {{'t->sem' taken here by down_read()}}
	for (s = t->head; s; s = s->next)
		if (s->addr == addr) { // expected-note {{assuming 'addr' is equal to field 'addr'}}
			found = 1;
			up_read(&t->sem); // expected-note {{'t->sem' released here by up_read()}}
			break;
		}
	up_read(&t->sem); // expected-warning {{up_read() of 't->sem', which this path already released [UT-CTX-002]}}
	return found;
}

/* Entered with bp_mutex held (its callers lock): one release, no finding. */
void ok_unlock_of_the_callers_lock(void)
{
	bp_generation++;
	mutex_unlock(&bp_mutex);
}

void ok_drop_and_retake_in_a_loop(int rounds)
{
	int i;

	mutex_lock(&bp_mutex);
	for (i = 0; i < rounds; i++) {
		mutex_unlock(&bp_mutex);
		msleep(10);
		mutex_lock(&bp_mutex);
	}
	mutex_unlock(&bp_mutex);
}

void ok_trylock_in_a_loop(struct bp_table *t, int rounds)
{
	int i;

	for (i = 0; i < rounds; i++) {
		if (!spin_trylock(&t->lock))
			continue;
		t->count++;
		spin_unlock(&t->lock);
	}
}

void ok_two_tables_two_locks(struct bp_table *a, struct bp_table *b)
{
	spin_lock(&a->lock);
	spin_lock(&b->lock);
	a->count += b->count;
	spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

void ok_conditional_lock_same_condition(struct bp_table *t, int need_lock)
{
	if (need_lock)
		down_write(&t->sem);
	t->count = 0;
	if (need_lock)
		up_write(&t->sem);
}
