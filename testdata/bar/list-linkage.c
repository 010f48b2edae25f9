// List linkage is not ordering evidence: the list API orders its own
// pointers (under the list's lock, or with RCU). A barrier between a
// payload write and list_add() does not make 'entry.next' a flag that every
// other list walk must read before the payload.
//
// RUN: %verify %s -- %kflags
// expected-no-diagnostics
#include <linux/compiler.h>
#include <linux/list.h>
#include <asm/barrier.h>

struct ut_engine {
	struct list_head entry;
	unsigned long flags;
};

struct ut_utrace {
	struct list_head attached;
	struct list_head attaching;
};

void ut_splice_attaching(struct ut_utrace *utrace, struct ut_engine *engine,
			 unsigned long flags)
{
	engine->flags = flags;
	smp_wmb();
	list_add(&engine->entry, &utrace->attached);
}

unsigned long ut_first_flags(struct ut_utrace *utrace)
{
	struct list_head *first = utrace->attached.next;

	smp_rmb();
	if (first == &utrace->attached)
		return 0;
	return ((struct ut_engine *)first)->flags;
}

/* A walk that reads the linkage and the flags in any order. */
unsigned long ut_all_flags(struct ut_utrace *utrace)
{
	struct list_head *pos;
	unsigned long all = 0;

	for (pos = utrace->attached.next; pos != &utrace->attached;
	     pos = pos->next)
		all |= ((struct ut_engine *)pos)->flags;
	return all;
}

void ut_reset(struct ut_utrace *utrace, struct ut_engine *engine)
{
	list_add(&engine->entry, &utrace->attaching);
	engine->flags = 0;
}
