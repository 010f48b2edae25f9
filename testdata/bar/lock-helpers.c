// Locks held across helpers. An engine's ops and flags are published with
// a write barrier for the lockless reporting thread, and every writer holds
// the tracer's lock. Readers that hold the same lock need no read barrier,
// also when the lock is taken for them:
//
//  - by a helper that returns with it held on success (get_lock() below,
//    sparse's __cond_lock idiom) and drops it on its error paths;
//  - by every caller of a static helper (the helper is entered with it);
//  - on paths that join after a noreturn call (BUG()) inside the section.
//
// A helper entered with the lock from one caller and without it from
// another is entered without it.
//
// RUN: %verify %s -- %kflags
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>

struct tr_ops {
	int (*report)(void *data);
};

static const struct tr_ops tr_detached_ops;

struct tr_engine {
	const struct tr_ops *ops;
	unsigned long flags;
	void *data;
};

struct tr_tracer {
	spinlock_t lock;
	unsigned long want;
	int nr_detached;
};

/* Returns 0 with tracer->lock held; the lock is dropped on failure. */
static int get_lock(struct tr_tracer *tracer, struct tr_engine *engine)
	__acquires(tracer->lock)
{
	int ret = 0;

	if (unlikely(!engine->ops))
		return -ESRCH;
	spin_lock(&tracer->lock);
	if (unlikely(engine->ops == &tr_detached_ops)) {
		spin_unlock(&tracer->lock);
		ret = -ESRCH;
	}
	return ret;
}

/* Called with tracer->lock held. */
static void mark_detached(struct tr_engine *engine)
{
	engine->ops = &tr_detached_ops;
	smp_wmb(); // #detach_wmb
	engine->flags = 0;
}

/* Called with tracer->lock held: the flags of every live engine. */
static unsigned long engine_want(struct tr_engine *engine)
{
	if (engine->flags == 0)
		return 0;
	if (engine->ops == &tr_detached_ops)
		return 0;
	return engine->flags;
}

int tr_detach(struct tr_tracer *tracer, struct tr_engine *engine)
{
	int ret = get_lock(tracer, engine);

	if (ret)
		return ret;
	mark_detached(engine);
	tracer->nr_detached++;
	spin_unlock(&tracer->lock);
	return 0;
}

int tr_set_flags(struct tr_tracer *tracer, struct tr_engine *engine,
		 unsigned long flags, int how)
{
	int ret = get_lock(tracer, engine);

	if (ret)
		return ret;
	switch (how) {
	case 0:
		engine->flags = flags;
		break;
	case 1:
		engine->flags |= flags;
		break;
	default:
		BUG();
	}
	tracer->want |= engine_want(engine);
	spin_unlock(&tracer->lock);
	return 0;
}

/* The reporting thread: lockless, so flags, then the barrier, then ops. */
const struct tr_ops *tr_start_report(struct tr_engine *engine)
{
	unsigned long want = engine->flags;

	smp_rmb();
	if (!want)
		return NULL;
	return engine->ops;
}

/* Called with tracer->lock held (two callers, both under it). */
static int count_live(struct tr_engine *engine)
{
	if (!engine->flags)
		return 0;
	return engine->ops != &tr_detached_ops;
}

int tr_live(struct tr_tracer *tracer, struct tr_engine *a,
	    struct tr_engine *b)
{
	int n;

	spin_lock(&tracer->lock);
	n = count_live(a);
	n += count_live(b);
	spin_unlock(&tracer->lock);
	return n;
}

/* Only one caller takes the lock: the helper is not entered with it. */
// expected-note@#detach_wmb {{ordering inferred from smp_wmb() in 'mark_detached' (line 59), which pairs with smp_rmb() in 'tr_start_report' (line 112)}}
static int peek_live(struct tr_engine *engine)
{
	if (!engine->flags) // expected-warning {{read of 'engine->flags' is not ordered before read of 'engine->ops': no read barrier between them (inferred pairing) [UT-BAR-002]}} expected-note {{'engine->flags' is read here}}
		return 0;
	return engine->ops != &tr_detached_ops; // expected-note {{'engine->ops' is read here; insert 'smp_rmb();' before it}}
}

int tr_peek_locked(struct tr_tracer *tracer, struct tr_engine *engine)
{
	int n;

	spin_lock(&tracer->lock);
	n = peek_live(engine);
	spin_unlock(&tracer->lock);
	return n;
}

int tr_peek(struct tr_engine *engine)
{
	return peek_live(engine);
}
