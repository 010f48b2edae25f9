// UT-BAR-003: barriers that pair with nothing, and accesses on the wrong
// side of a paired barrier.
//
// RUN: %verify %s -- %kflags
// RUN: %verify --barrier-inference=all %s -- %kflags -Xclang -verify=expected,all
// RUN: %utrace-check --barrier-inference=off %s -- %kflags 2>&1 | count 0
#include <linux/compiler.h>
#include <asm/barrier.h>

struct ring {
	int head;
	int tail;
	int slot;
	int extra;
};

/* A pair across two functions of the file: quiet. */
void ring_push(struct ring *r, int v)
{
	r->slot = v;
	r->extra = v;
	smp_wmb(); // #push_wmb
	WRITE_ONCE(r->head, r->head + 1);
}

int ring_pop(struct ring *r)
{
	if (READ_ONCE(r->head) == r->tail)
		return -1;
	smp_rmb(); // #pop_rmb
	return r->slot + r->extra;
}

/* The extra value read before the flag and the barrier: the pair orders it
 * after the flag. */
int bad_ring_pop_misplaced_read(struct ring *r)
{
	int extra = r->extra; // expected-warning {{read of 'r->extra' is on the wrong side of smp_rmb(): its partner orders it after 'r->head', so read it after the barrier (inferred pairing) [UT-BAR-003]}}

	if (READ_ONCE(r->head) == r->tail)
		return -1;
	smp_rmb(); // expected-note {{smp_rmb() here}}
	return r->slot + extra;
}

/* A second queue for the writer side's mistake (one struct per mistake:
 * pairing learns from the majority of a struct's functions). */
struct queue {
	int head;
	int slot;
	int extra;
};

void queue_push(struct queue *q, int v)
{
	q->slot = v;
	q->extra = v;
	smp_wmb();
	WRITE_ONCE(q->head, q->head + 1);
}

int queue_pop(struct queue *q, int tail)
{
	if (READ_ONCE(q->head) == tail)
		return -1;
	smp_rmb(); // #qpop_rmb
	return q->slot + q->extra;
}

/* The extra value written after the barrier: the reader reads it after the
 * flag. */
void bad_queue_push_misplaced_write(struct queue *q, int v)
{
	q->slot = v;
	smp_wmb(); // expected-note {{smp_wmb() here}}
	WRITE_ONCE(q->head, q->head + 1);
	q->extra = v; // expected-warning {{write of 'q->extra' is on the wrong side of smp_wmb(): its partner reads it after 'q->head', so write it before the barrier (inferred pairing) [UT-BAR-003]}}
}

/* Barriers no other function pairs with. */
struct stats {
	long hits;
	long misses;
};

void bad_stats_lonely_wmb(struct stats *s)
{
	s->hits++;
	smp_wmb(); // all-warning {{smp_wmb() pairs with no read barrier in this file: it orders writes of 's->hits' before writes of 's->misses' [UT-BAR-003]}}
	s->misses++;
}

long bad_stats_lonely_rmb(struct stats *s)
{
	long h = s->hits;

	smp_rmb(); // all-warning {{smp_rmb() pairs with no write barrier in this file: it orders reads of 's->hits' before reads of 's->misses' [UT-BAR-003]}}
	return h + s->misses;
}

/* A full barrier is not held to pairing: it has other uses. */
void ok_stats_mb(struct stats *s)
{
	s->hits = 0;
	smp_mb();
	s->misses = 0;
}

// expected-note@#push_wmb {{partner smp_wmb() in 'ring_push' (line 22) orders 'r->extra' before 'r->head'}}
// expected-note@#qpop_rmb {{partner smp_rmb() in 'queue_pop' (line 66) reads 'q->extra' after 'q->head'}}
