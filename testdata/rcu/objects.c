// UT-RCU-003 for objects: a pointer loaded with rcu_dereference() whose
// record the file frees through RCU is valid only inside the read section
// that loaded it, unless a reference was taken. A tracer's per-process
// session table.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct session {
	struct kref ref;
	unsigned long events;
	struct rcu_head rcu;
};

struct session_slot {
	struct session __rcu *s;
	spinlock_t lock;
};

struct engine_state {
	unsigned long hits;
};

static void session_free_rcu(struct rcu_head *head);

void session_retire(struct session_slot *slot)
{
	struct session *old;

	spin_lock(&slot->lock);
	old = rcu_dereference_protected(slot->s, 1);
	rcu_assign_pointer(slot->s, NULL);
	spin_unlock(&slot->lock);
	if (old)
		call_rcu(&old->rcu, session_free_rcu);
}

unsigned long bad_session_used_after_section(struct session_slot *slot)
{
	struct session *s;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	s = rcu_dereference(slot->s); // expected-note {{'struct session' loaded here by rcu_dereference(); the file frees it through RCU}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	if (!s) // expected-note {{assuming 's' is non-null}}
		return 0;
	return s->events; // expected-warning {{object from rcu_dereference() dereferenced after the RCU read section that loaded it ended, and the file frees it through RCU; take a reference inside the section [UT-RCU-003]}}
}

struct session *bad_session_returned_after_section(struct session_slot *slot)
{
	struct session *s;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	s = rcu_dereference(slot->s); // expected-note {{'struct session' loaded here by rcu_dereference(); the file frees it through RCU}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	return s; // expected-warning {{object from rcu_dereference() returned after the RCU read section that loaded it ended, and the file frees it through RCU; take a reference inside the section [UT-RCU-003]}}
}

int bad_session_left_in_out_parameter(struct session_slot *slot,
				      struct session **out)
{
	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	*out = rcu_dereference(slot->s); // expected-note {{'struct session' loaded here by rcu_dereference(); the file frees it through RCU}}
	rcu_read_unlock(); // expected-note {{RCU read section ended here by rcu_read_unlock()}}
	return 0; // expected-warning {{object from rcu_dereference() left in out-parameter 'out' after the RCU read section that loaded it ended, and the file frees it through RCU; take a reference inside the section [UT-RCU-003]}}
}

struct session *ok_session_reference_taken(struct session_slot *slot)
{
	struct session *s;

	rcu_read_lock();
	s = rcu_dereference(slot->s);
	if (s)
		kref_get(&s->ref);
	rcu_read_unlock();
	return s;
}

unsigned long ok_session_used_inside_section(struct session_slot *slot)
{
	struct session *s;
	unsigned long ev = 0;

	rcu_read_lock();
	s = rcu_dereference(slot->s);
	if (s)
		ev = s->events;
	rcu_read_unlock();
	return ev;
}

/* Defensive RCU around data that is never freed through RCU. */
unsigned long ok_engine_data_not_rcu_freed(struct utrace_engine *engine)
{
	struct engine_state *st;

	rcu_read_lock();
	st = rcu_dereference(engine->data);
	rcu_read_unlock();
	return st ? st->hits : 0;
}

static void session_free_rcu(struct rcu_head *head)
{
}
