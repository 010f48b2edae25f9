// An engine is initialised before it is linked into the task's list under
// the lock: until then no other thread can reach it, and the order of the
// initialising writes is free. Accesses after the engine is handed out
// (stored, passed to a function, returned) count again.
//
// RUN: %verify %s -- %kflags
// expected-no-diagnostics
#include <linux/compiler.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <asm/barrier.h>

struct ut_engine {
	struct list_head entry;
	const void *ops;
	unsigned long flags;
	void *data;
};

struct ut_utrace {
	spinlock_t lock;
	struct list_head attached;
};

/* Publisher: ops (data) before flags (flag). */
void ut_engine_set_ops(struct ut_engine *engine, const void *ops,
		       unsigned long flags)
{
	engine->ops = ops;
	smp_wmb();
	WRITE_ONCE(engine->flags, flags);
}

const void *ut_engine_ops(struct ut_engine *engine)
{
	if (!READ_ONCE(engine->flags))
		return NULL;
	smp_rmb();
	return engine->ops;
}

struct ut_engine *ut_engine_alloc(void) __attribute__((malloc));

struct ut_engine *ut_attach(struct ut_utrace *utrace, const void *ops,
			    void *data)
{
	struct ut_engine *engine = kzalloc(sizeof(*engine), GFP_KERNEL);

	if (!engine)
		return NULL;
	/* Not yet visible to anyone: no barrier between ops and flags. */
	engine->ops = ops;
	engine->flags = 1;
	engine->data = data;
	spin_lock(&utrace->lock);
	list_add(&engine->entry, &utrace->attached);
	spin_unlock(&utrace->lock);
	return engine;
}

struct ut_engine *ut_attach_cached(const void *ops)
{
	struct ut_engine *engine;

	engine = ut_engine_alloc();
	if (engine == NULL)
		return NULL;
	engine->ops = ops;
	engine->flags = 1;
	return engine;
}
