// Message passing: the writer publishes data, then a flag; the reader reads
// the flag, then the data. The pair smp_wmb()/smp_rmb() in publish() and
// consume() lets the checker infer that msg.data is written before
// msg.ready and read after it; every other function of the file is held to
// that order (UT-BAR-001, UT-BAR-002).
//
// RUN: %verify %s -- %kflags
// RUN: %verify --barrier-inference=all %s -- %kflags -Xclang -verify=expected,all
// RUN: %utrace-check --barrier-inference=off %s -- %kflags 2>&1 | count 0
#include <linux/compiler.h>
#include <linux/rcupdate.h>
#include <asm/barrier.h>

struct msg {
	int data;
	int ready;
};

/* The pair the ordering is inferred from. */
void publish(struct msg *m, int v)
{
	m->data = v;
	smp_wmb(); // #pub_wmb
	WRITE_ONCE(m->ready, 1);
}

int consume(struct msg *m)
{
	if (!READ_ONCE(m->ready))
		return -1;
	smp_rmb(); // #con_rmb
	return m->data;
}

void bad_publish_write_once_no_wmb(struct msg *m, int v)
{
	WRITE_ONCE(m->data, v); // expected-warning {{write of 'm->data' is not ordered before write of 'm->ready': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'m->data' is written here}}
	WRITE_ONCE(m->ready, 1); // expected-note {{'m->ready' is written here; insert 'smp_wmb();' before it}}
}

int bad_consume_no_rmb(struct msg *m)
{
	if (!m->ready) // expected-warning {{read of 'm->ready' is not ordered before read of 'm->data': no read barrier between them (inferred pairing) [UT-BAR-002]}} expected-note {{'m->ready' is read here}}
		return -1;
	return m->data; // expected-note {{'m->data' is read here; insert 'smp_rmb();' before it}}
}

void bad_publish_barrier_on_one_branch(struct msg *m, int v, int fast)
{
	m->data = v; // expected-warning {{write of 'm->data' is not ordered before write of 'm->ready': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'m->data' is written here}}
	if (!fast)
		smp_wmb();
	m->ready = 1; // expected-note {{'m->ready' is written here; insert 'smp_wmb();' before it}}
}

void bad_publish_barrier_after_flag(struct msg *m, int v)
{
	m->data = v; // expected-warning {{write of 'm->data' is not ordered before write of 'm->ready': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'m->data' is written here}}
	m->ready = 1; // expected-note {{'m->ready' is written here; insert 'smp_wmb();' before it}}
	smp_wmb(); // all-warning {{smp_wmb() pairs with no read barrier in this file: it orders writes of 'm->data', 'm->ready' before any later write [UT-BAR-003]}}
}

int bad_consume_barrier_too_early(struct msg *m)
{
	smp_rmb(); // all-warning {{smp_rmb() pairs with no write barrier in this file: it orders no read before reads of 'm->data', 'm->ready' [UT-BAR-003]}}
	if (!m->ready) // expected-warning {{read of 'm->ready' is not ordered before read of 'm->data': no read barrier between them (inferred pairing) [UT-BAR-002]}} expected-note {{'m->ready' is read here}}
		return -1;
	return m->data; // expected-note {{'m->data' is read here; insert 'smp_rmb();' before it}}
}

void bad_publish_in_loop(struct msg *ms, int n)
{
	for (int i = 0; i < n; i++) {
		ms[i].data = i; // expected-warning {{write of 'ms[i].data' is not ordered before write of 'ms[i].ready': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'ms[i].data' is written here}}
		ms[i].ready = 1; // expected-note {{'ms[i].ready' is written here; insert 'smp_wmb();' before it}}
	}
}

/* Barriers in helpers called between the accesses count. */
static void publish_fence(void)
{
	smp_wmb();
}

static void consume_fence(void)
{
	smp_rmb();
}

void ok_publish_via_helper(struct msg *m, int v)
{
	m->data = v;
	publish_fence();
	m->ready = 1;
}

int ok_consume_via_helper(struct msg *m)
{
	if (!m->ready)
		return -1;
	consume_fence();
	return m->data;
}

/* A full barrier orders both. */
void ok_publish_mb(struct msg *m, int v)
{
	m->data = v;
	smp_mb();
	m->ready = 1;
}

/* Release/acquire. */
void ok_publish_release(struct msg *m, int v)
{
	m->data = v;
	smp_store_release(&m->ready, 1);
}

int ok_consume_acquire(struct msg *m)
{
	if (!smp_load_acquire(&m->ready))
		return -1;
	return m->data;
}

/* The data and the flag touched in the other order by the same side need
 * nothing. */
void ok_retract(struct msg *m)
{
	m->ready = 0;
	m->data = 0;
}

/* Only the data: no pair of the ordering. */
int ok_peek_data(struct msg *m)
{
	return m->data;
}

/* Publication through RCU: the dependency through rcu_dereference() orders
 * the reader (modelled as acquire). */
struct cfg {
	int a;
};

struct holder {
	struct cfg *cur;
};

void cfg_publish(struct holder *h, struct cfg *c)
{
	c->a = 1;
	rcu_assign_pointer(h->cur, c); // #rcu_assign
}

int ok_cfg_read_rcu_dereference(struct holder *h)
{
	struct cfg *c;
	int v;

	rcu_read_lock();
	c = rcu_dereference(h->cur); // #rcu_deref
	v = c->a;
	rcu_read_unlock();
	return v;
}

void bad_cfg_publish_init_pointer(struct holder *h, struct cfg *c)
{
	c->a = 2; // expected-warning {{write of 'c->a' is not ordered before write of 'h->cur': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'c->a' is written here}}
	RCU_INIT_POINTER(h->cur, c); // expected-note {{'h->cur' is written here; insert 'smp_wmb();' before it}}
}

int bad_cfg_read_plain(struct holder *h)
{
	struct cfg *c = h->cur; // expected-warning {{read of 'h->cur' is not ordered before read of 'c->a': no read barrier between them (inferred pairing) [UT-BAR-002]}} expected-note {{'h->cur' is read here}}

	return c->a; // expected-note {{'c->a' is read here; insert 'smp_rmb();' before it}}
}

// expected-note@#con_rmb 4 {{ordering inferred from smp_rmb() in 'consume'}}
// expected-note@#pub_wmb 2 {{ordering inferred from smp_wmb() in 'publish'}}
// expected-note@#rcu_deref {{ordering inferred from rcu_dereference() in 'ok_cfg_read_rcu_dereference'}}
// expected-note@#rcu_assign {{ordering inferred from rcu_assign_pointer() in 'cfg_publish'}}
