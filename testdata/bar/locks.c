// Lock sections: accesses that both sides make under one spinlock need no
// barrier; a lock held on one side only does not order anything for the
// other side.
//
// RUN: %verify %s -- %kflags
#include <linux/spinlock.h>
#include <asm/barrier.h>

/* Every access to stat.val / stat.seq is under stat.lock. */
struct stat {
	spinlock_t lock;
	int val;
	int seq;
};

void stat_update(struct stat *s, int v)
{
	spin_lock(&s->lock);
	s->val = v;
	smp_wmb();
	s->seq = s->seq + 1;
	spin_unlock(&s->lock);
}

int stat_read(struct stat *s, int *seq)
{
	int v;

	spin_lock(&s->lock);
	*seq = s->seq;
	smp_rmb();
	v = s->val;
	spin_unlock(&s->lock);
	return v;
}

void ok_stat_update_locked_both_sides(struct stat *s, int v)
{
	spin_lock(&s->lock);
	s->val = v;
	s->seq = 0;
	spin_unlock(&s->lock);
}

int ok_stat_read_locked_both_sides(struct stat *s, int *seq)
{
	unsigned long flags;
	int v;

	spin_lock_irqsave(&s->lock, flags);
	*seq = s->seq;
	v = s->val;
	spin_unlock_irqrestore(&s->lock, flags);
	return v;
}

/* gauge: the writer publishes under the lock, the reader reads locklessly. */
struct gauge {
	spinlock_t lock;
	long level;
	int valid;
};

void gauge_set(struct gauge *g, long level)
{
	spin_lock(&g->lock);
	g->level = level;
	smp_wmb();
	g->valid = 1;
	spin_unlock(&g->lock);
}

long gauge_get(struct gauge *g)
{
	if (!READ_ONCE(g->valid))
		return -1;
	smp_rmb(); // #gauge_rmb
	return g->level;
}

void bad_gauge_set_lock_on_writer_side_only(struct gauge *g, long level)
{
	spin_lock(&g->lock);
	g->level = level; // expected-warning {{write of 'g->level' is not ordered before write of 'g->valid': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'g->level' is written here}}
	g->valid = 1; // expected-note {{'g->valid' is written here; insert 'smp_wmb();' before it}}
	spin_unlock(&g->lock);
}

long bad_gauge_get_lock_on_reader_side_only(struct gauge *g)
{
	long level = -1;

	spin_lock(&g->lock);
	if (g->valid) // expected-warning {{read of 'g->valid' is not ordered before read of 'g->level': no read barrier between them (inferred pairing) [UT-BAR-002]}} expected-note {{'g->valid' is read here}}
		level = g->level; // expected-note {{'g->level' is read here; insert 'smp_rmb();' before it}}
	spin_unlock(&g->lock);
	return level;
}

void bad_gauge_set_lock_dropped_between(struct gauge *g, long level)
{
	spin_lock(&g->lock);
	g->level = level; // expected-warning {{write of 'g->level' is not ordered before write of 'g->valid': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'g->level' is written here}}
	spin_unlock(&g->lock);
	g->valid = 1; // expected-note {{'g->valid' is written here; insert 'smp_wmb();' before it}}
}

/*
 * Two sections of one lock: the unlock and the next lock order the first
 * section's accesses before the second's, for a lockless reader too
 * (LKMM: po-unlock-lock-po is preserved program order).
 */
void ok_gauge_set_in_two_sections(struct gauge *g, long level)
{
	spin_lock(&g->lock);
	g->level = level;
	spin_unlock(&g->lock);
	spin_lock(&g->lock);
	g->valid = 1;
	spin_unlock(&g->lock);
}

long ok_gauge_get_in_two_sections(struct gauge *g)
{
	long level = -1;
	int valid;

	spin_lock(&g->lock);
	valid = g->valid;
	spin_unlock(&g->lock);
	spin_lock(&g->lock);
	if (valid)
		level = g->level;
	spin_unlock(&g->lock);
	return level;
}

/* A parent's lock of the same class, taken inside the child's section:
 * nothing was released in between. */
void bad_gauge_set_nested(struct gauge *child, struct gauge *parent,
			  long level)
{
	spin_lock(&child->lock);
	child->level = level; // expected-warning {{write of 'child->level' is not ordered before write of 'child->valid': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'child->level' is written here}}
	spin_lock_nested(&parent->lock, 1);
	parent->level = level; // expected-note {{'parent->level' is written here, not ordered either}}
	spin_unlock(&parent->lock);
	child->valid = 1; // expected-note {{'child->valid' is written here; insert 'smp_wmb();' before it}}
	spin_unlock(&child->lock);
}

/* The first access was not under the lock: lock alone is an acquire, which
 * orders nothing before it. */
void bad_gauge_set_before_section(struct gauge *g, long level)
{
	g->level = level; // expected-warning {{write of 'g->level' is not ordered before write of 'g->valid': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'g->level' is written here}}
	spin_lock(&g->lock);
	g->valid = 1; // expected-note {{'g->valid' is written here; insert 'smp_wmb();' before it}}
	spin_unlock(&g->lock);
}

// expected-note@#gauge_rmb 4 {{ordering inferred from smp_rmb() in 'gauge_get'}}
// expected-note@68 {{ordering inferred from smp_wmb() in 'gauge_set'}}
