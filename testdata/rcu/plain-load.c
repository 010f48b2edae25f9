// UT-RCU-006: a pointer published with rcu_assign_pointer(), or declared
// __rcu, is read with rcu_dereference*() (rcu_access_pointer() to test it,
// rcu_dereference_protected() on the update side), never plainly. A tracer
// with per-CPU sample buffers and a global event filter.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define TB_SLOTS 64

struct sample_buf {
	atomic_t users;
	unsigned long dropped;
	const char *owner;
};

struct event_filter {
	unsigned long mask;
	struct rcu_head rcu;
};

struct tracer {
	struct event_filter __rcu *filter;
	spinlock_t lock;
};

static struct sample_buf __rcu *slots[TB_SLOTS];
/* Not declared __rcu: known as RCU-protected from set_filter() below. */
static struct event_filter *active_filter;

int bad_busy_count_reads_slots_plainly(void)
{
	int i, busy = 0;

	for (i = 0; i < TB_SLOTS; i++)
		if (slots[i] != NULL && atomic_read(&slots[i]->users)) // expected-warning {{RCU-protected pointer 'slots[]' (declared __rcu) read without rcu_dereference(); read it once with rcu_dereference() inside the read section (rcu_access_pointer() to test it, rcu_dereference_protected() on the update side) [UT-RCU-006]}}
			busy++;
	return busy;
}

int ok_busy_count_reads_each_slot_once(void)
{
	int i, busy = 0;

	rcu_read_lock_sched();
	for (i = 0; i < TB_SLOTS; i++) {
		struct sample_buf *b = rcu_dereference_sched(slots[i]);

		if (b && atomic_read(&b->users))
			busy++;
	}
	rcu_read_unlock_sched();
	return busy;
}

int ok_slot_test_with_rcu_access_pointer(int cpu)
{
	return rcu_access_pointer(slots[cpu]) != NULL;
}

/* Only whether the slot is set: no buffer is used (see the rule's page). */
int ok_plain_null_test_of_slot(int cpu)
{
	if (!slots[cpu])
		return -ENODEV;
	return 0;
}

/* A declared __rcu location is read with rcu_dereference_protected() also
 * by the function that replaces it. */
void bad_teardown_reads_slot_plainly(int cpu)
{
	struct sample_buf *b = slots[cpu]; // expected-warning {{RCU-protected pointer 'slots[]' (declared __rcu) read without rcu_dereference(); read it once with rcu_dereference() inside the read section (rcu_access_pointer() to test it, rcu_dereference_protected() on the update side) [UT-RCU-006]}}

	rcu_assign_pointer(slots[cpu], NULL);
	synchronize_rcu();
	kfree(b);
}

void ok_teardown_reads_slot_protected(int cpu)
{
	struct sample_buf *b = rcu_dereference_protected(slots[cpu], 1);

	RCU_INIT_POINTER(slots[cpu], NULL);
	synchronize_rcu();
	kfree(b);
}

/* The update side of a location known only from its assignments. */
void ok_set_filter_reads_old_value(struct event_filter *f)
{
	struct event_filter *old = active_filter;

	rcu_assign_pointer(active_filter, f);
	if (old)
		kfree_rcu(old, rcu);
}

unsigned long bad_filter_mask_read_plainly(void)
{
	struct event_filter *f = active_filter; // expected-warning {{RCU-protected pointer 'active_filter' (published with rcu_assign_pointer()) read without rcu_dereference(); read it once with rcu_dereference() inside the read section (rcu_access_pointer() to test it, rcu_dereference_protected() on the update side) [UT-RCU-006]}}

	return f ? f->mask : 0;
}

unsigned long ok_filter_mask_read_in_section(void)
{
	struct event_filter *f;
	unsigned long mask = 0;

	rcu_read_lock();
	f = rcu_dereference(active_filter);
	if (f)
		mask = f->mask;
	rcu_read_unlock();
	return mask;
}

unsigned long bad_tracer_filter_followed_plainly(struct tracer *t)
{
	return t->filter->mask; // expected-warning {{RCU-protected pointer 'tracer->filter' (declared __rcu) read without rcu_dereference(); read it once with rcu_dereference() inside the read section (rcu_access_pointer() to test it, rcu_dereference_protected() on the update side) [UT-RCU-006]}}
}

size_t ok_sizeof_reads_nothing(void)
{
	return sizeof(*slots[0]);
}

/* A chain primitive the module carries for kernels without it: the view of
 * the links as __rcu pointers. */
struct probe_ent {
	struct hlist_node node;
	unsigned long addr;
};

#define link_first_rcu(head) (*((struct hlist_node __rcu **)(&(head)->first)))
#define link_next_rcu(node) (*((struct hlist_node __rcu **)(&(node)->next)))

/* The updater appends at the end under the caller's write lock, walking the
 * chain through the same view: the update side of a list primitive. */
static void ok_append_walks_chain_as_updater(struct probe_ent *e,
					     struct hlist_head *h)
{
	struct hlist_node *tail = link_first_rcu(h);

	if (!tail) {
		e->node.next = NULL;
		e->node.pprev = &h->first;
		rcu_assign_pointer(link_first_rcu(h), &e->node);
		return;
	}
	while (link_next_rcu(tail))
		tail = link_next_rcu(tail);
	e->node.next = NULL;
	e->node.pprev = &tail->next;
	rcu_assign_pointer(link_next_rcu(tail), &e->node);
}

/* A reader of the chain uses the accessor for every link. */
int bad_reader_counts_chain_plainly(struct hlist_head *h)
{
	struct hlist_node *n;
	int count = 0;

	for (n = link_first_rcu(h); n; n = link_next_rcu(n)) // expected-warning 2 {{RCU-protected pointer (of an __rcu type) read without rcu_dereference(); read it once with rcu_dereference() inside the read section (rcu_access_pointer() to test it, rcu_dereference_protected() on the update side) [UT-RCU-006]}}
		count++;
	return count;
}
