// UT-CTX-001: whether a call sleeps depends on its flags. Attach allocates
// (and may sleep) only with UTRACE_ATTACH_CREATE; allocations sleep when the
// gfp flags allow direct reclaim, also through a wrapper with a gfp_t
// parameter, and through a same-file helper when the caller's flags reach it.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct tracer {
	struct task_struct *task;
	struct utrace_engine *engine;
	spinlock_t lock;
	void *buf;
};

static const struct utrace_engine_ops tracer_ops;
static struct kmem_cache *tracer_cache;

/* Defined in another file of the module: allocates with the flags given. */
void *tracer_alloc_gfp(size_t size, gfp_t gfp);

int bad_attach_create_under_lock(struct tracer *t)
{
	struct utrace_engine *e;

	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	e = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE, // expected-warning {{utrace_attach_task() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
			       &tracer_ops, t);
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

/* A lookup without CREATE does not allocate. */
int ok_attach_lookup_under_lock(struct tracer *t)
{
	struct utrace_engine *e;

	spin_lock(&t->lock);
	e = utrace_attach_task(t->task, UTRACE_ATTACH_MATCH_OPS, &tracer_ops, t);
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

static struct utrace_engine *attach_with(struct tracer *t, int flags)
{
	return utrace_attach_task(t->task, flags, &tracer_ops, t); // expected-warning {{utrace_attach_task() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
}

/* The flags come in as a parameter: each call site decides. */
int bad_attach_flags_from_caller(struct tracer *t)
{
	struct utrace_engine *e;

	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	e = attach_with(t, UTRACE_ATTACH_CREATE); // expected-note {{calling 'attach_with'}}
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

int ok_attach_flags_from_caller_lookup(struct tracer *t)
{
	struct utrace_engine *e;

	spin_lock(&t->lock);
	e = attach_with(t, UTRACE_ATTACH_MATCH_DATA);
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

int bad_wrapper_with_blocking_gfp(struct tracer *t)
{
	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	t->buf = tracer_alloc_gfp(64, GFP_KERNEL | __GFP_NOWARN); // expected-warning {{tracer_alloc_gfp() (with blocking gfp flags) may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

int ok_wrapper_with_nowait_gfp(struct tracer *t)
{
	spin_lock(&t->lock);
	t->buf = tracer_alloc_gfp(64, GFP_NOWAIT | __GFP_NOWARN);
	spin_unlock(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

int bad_cache_alloc_nofs_under_lock(struct tracer *t)
{
	spin_lock_irq(&t->lock); // expected-note {{spinlock taken here by spin_lock_irq()}}
	t->buf = kmem_cache_alloc(tracer_cache, GFP_NOFS); // expected-warning {{kmem_cache_alloc() may sleep in atomic context (spinlock taken by spin_lock_irq()) [UT-CTX-001]}}
	spin_unlock_irq(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

int bad_vmalloc_under_lock(struct tracer *t)
{
	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	t->buf = vmalloc(4096); // expected-warning {{vmalloc() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

static void *grab(size_t n, gfp_t gfp)
{
	return kmalloc_array(n, 8, gfp);
}

/* A helper with a gfp_t parameter: only the GFP_NOIO call site sleeps, and
 * it is reported there. */
int bad_helper_gets_noio(struct tracer *t)
{
	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	t->buf = grab(4, GFP_NOIO); // expected-warning {{grab() (with blocking gfp flags) may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

int ok_helper_gets_atomic(struct tracer *t)
{
	spin_lock(&t->lock);
	t->buf = grab(4, GFP_ATOMIC);
	spin_unlock(&t->lock);
	return t->buf ? 0 : -ENOMEM;
}

/* The _pid variants look the task up under RCU and call the task variant:
 * they sleep exactly when it does. */
int bad_barrier_pid_under_lock(struct tracer *t, struct pid *pid)
{
	int ret;

	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	ret = utrace_barrier_pid(pid, t->engine); // expected-warning {{utrace_barrier_pid() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&t->lock);
	return ret;
}

int ok_control_pid_under_lock(struct tracer *t, struct pid *pid)
{
	int ret;

	spin_lock(&t->lock);
	ret = utrace_control_pid(pid, t->engine, UTRACE_REPORT);
	spin_unlock(&t->lock);
	return ret;
}

int bad_attach_pid_create_under_lock(struct tracer *t, struct pid *pid)
{
	struct utrace_engine *e;

	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	e = utrace_attach_pid(pid, UTRACE_ATTACH_CREATE, &tracer_ops, t); // expected-warning {{utrace_attach_pid() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

/* Headers without the flag define it as 0 for compatibility; the code still
 * asks for an atomic attach by name. */
#ifndef UTRACE_ATTACH_ATOMIC
#define UTRACE_ATTACH_ATOMIC 0
#endif

int ok_attach_atomic_named_under_lock(struct tracer *t)
{
	struct utrace_engine *e;

	spin_lock(&t->lock);
	e = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_ATOMIC,
			       &tracer_ops, t);
	spin_unlock(&t->lock);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

/* The helper takes the attach flags from its caller, which names the
 * atomic attach: the intent reaches the attach through the parameter. */
static int tracer_attach_flags(struct tracer *t, int attach_flags)
{
	struct utrace_engine *e;

	e = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE | attach_flags, // expected-warning {{utrace_attach_task() may sleep in atomic context (spinlock taken by spin_lock()) [UT-CTX-001]}}
			       &tracer_ops, t);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

/* The same helper, used only by the caller that names the atomic attach. */
static int tracer_attach_with(struct tracer *t, int attach_flags)
{
	struct utrace_engine *e;

	e = utrace_attach_task(t->task, UTRACE_ATTACH_CREATE | attach_flags, // no-warning
			       &tracer_ops, t);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}

int ok_attach_atomic_named_by_caller_under_lock(struct tracer *t)
{
	int ret;

	spin_lock(&t->lock);
	ret = tracer_attach_with(t, UTRACE_ATTACH_ATOMIC); // no-warning
	spin_unlock(&t->lock);
	return ret;
}

int bad_attach_flags_of_caller_under_lock(struct tracer *t)
{
	int ret;

	spin_lock(&t->lock); // expected-note {{spinlock taken here by spin_lock()}}
	ret = tracer_attach_flags(t, 0); // expected-note {{calling 'tracer_attach_flags'}}
	spin_unlock(&t->lock);
	return ret;
}

/* Called with t->lock held, returns with it released. */
static void drop_and_reset(struct tracer *t) __releases(t->lock)
{
	t->buf = NULL;
	spin_unlock(&t->lock);
}

int ok_sleep_after_helper_released_lock(struct tracer *t)
{
	spin_lock(&t->lock);
	drop_and_reset(t);
	t->buf = kmalloc(32, GFP_KERNEL);
	return t->buf ? 0 : -ENOMEM;
}
