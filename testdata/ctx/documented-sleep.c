// UT-CTX-001 and UT-RCU-001 through a helper that says it may sleep. The
// helper allocates through the module's own allocation wrapper with flags
// defined in another file, so its body shows no sleeping call; its comment
// does ("must only be called from user context", kernel-doc's "Context:
// Process context. May sleep."). A region table of a tracing engine, kept
// under an rwlock and filled from its mmap callbacks.
//
// RUN: %verify --scope=all %s -- %kflags

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct region {
	struct region *next;
	unsigned long start, end;
};

/* Elsewhere in the module: allocation with the module's flag sets. */
extern unsigned long region_alloc_flags;
void *rt_alloc(unsigned long size, unsigned long flags);
void rt_free(void *p);

static DEFINE_RWLOCK(region_lock);
static struct region *region_head;

// rt_new_region(): returns a new, zeroed region or NULL.
// Must only be called from user context.
static struct region *rt_new_region(void)
{
	return rt_alloc(sizeof(struct region), region_alloc_flags);
}

/**
 * rt_grow_table - make room for more regions
 * @n: how many
 *
 * Context: Process context. May sleep.
 */
static int rt_grow_table(unsigned long n)
{
	return rt_alloc(n * sizeof(struct region), region_alloc_flags) ? 0 : -1;
}

/* Looks a region up; safe from any context. */
static struct region *rt_find(unsigned long start)
{
	struct region *r;

	for (r = region_head; r; r = r->next)
		if (r->start == start)
			return r;
	return NULL;
}

int bad_add_region_allocates_under_lock(unsigned long start, unsigned long end)
{
	struct region *r;
	unsigned long flags;

	write_lock_irqsave(&region_lock, flags); // expected-note {{rwlock taken here by write_lock_irqsave()}}
	if (rt_find(start)) { // expected-note {{assuming the condition is false}}
		write_unlock_irqrestore(&region_lock, flags);
		return -EBUSY;
	}
	r = rt_new_region(); // expected-warning {{rt_new_region() (documented as "called from user context") may sleep in atomic context (rwlock taken by write_lock_irqsave()) [UT-CTX-001]}}
	if (!r) {
		write_unlock_irqrestore(&region_lock, flags);
		return -ENOMEM;
	}
	r->start = start;
	r->end = end;
	r->next = region_head;
	region_head = r;
	write_unlock_irqrestore(&region_lock, flags);
	return 0;
}

/* The entry is reserved before the lock is taken. */
int ok_add_region_reserves_first(unsigned long start, unsigned long end)
{
	struct region *r = rt_new_region();
	unsigned long flags;

	write_lock_irqsave(&region_lock, flags);
	if (rt_find(start) || !r) {
		write_unlock_irqrestore(&region_lock, flags);
		if (r)
			rt_free(r);
		return r ? -EBUSY : -ENOMEM;
	}
	r->start = start;
	r->end = end;
	r->next = region_head;
	region_head = r;
	write_unlock_irqrestore(&region_lock, flags);
	return 0;
}

int bad_grow_inside_read_section(unsigned long n)
{
	int ret;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	ret = rt_grow_table(n); // expected-warning {{rt_grow_table() (documented as "may sleep") may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return ret;
}

/* A helper that says it is safe anywhere is not made a sleeper. */
int ok_find_under_lock(unsigned long start)
{
	unsigned long flags;
	int found;

	read_lock_irqsave(&region_lock, flags);
	found = rt_find(start) != NULL;
	read_unlock_irqrestore(&region_lock, flags);
	return found;
}
