// UT-RCU-001 when the translation unit implements the API itself (a task
// finder that #includes its own utrace runtime): whether a call of an API
// function sleeps is decided by the body the file defines, not by the API
// table's fact about the kernel's implementation. This runtime's attach
// takes engines from a preallocated pool (never sleeps), so attaching with
// UTRACE_ATTACH_CREATE while walking threads under RCU is quiet; its
// barrier says might_sleep(), and calling it under RCU is still reported.
// Return values keep coming from the table (testdata/ref/client-impl.c).
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* --- the included runtime (its own header inlined) --- */
struct utrace_engine_ops;
struct utrace_engine {
	const struct utrace_engine_ops *ops;
	void *data;
	unsigned long flags;
	int usage;
};
#define UTRACE_ATTACH_MATCH_OPS	0x0001
#define UTRACE_ATTACH_CREATE	0x0010

#define RT_POOL_SIZE 64
static struct utrace_engine rt_pool[RT_POOL_SIZE];
static int rt_pool_next;

/* Never sleeps: a slot of the pool, or nothing. */
static struct utrace_engine *rt_engine_alloc(void)
{
	if (rt_pool_next >= RT_POOL_SIZE)
		return NULL;
	return &rt_pool[rt_pool_next++];
}

static struct utrace_engine *utrace_attach_task(struct task_struct *target, int flags,
						 const struct utrace_engine_ops *ops, void *data)
{
	struct utrace_engine *engine;

	if (!(flags & UTRACE_ATTACH_CREATE))
		return ERR_PTR(-ENOENT);
	engine = rt_engine_alloc();
	if (!engine)
		return ERR_PTR(-ENOMEM);
	engine->ops = ops;
	engine->data = data;
	engine->usage = 2;
	return engine;
}

static void utrace_engine_put(struct utrace_engine *engine)
{
	engine->usage--;
}

static int utrace_barrier(struct task_struct *target, struct utrace_engine *engine)
{
	might_sleep();
	return engine->ops ? 0 : -ESRCH;
}

/* --- the client --- */
static const struct utrace_engine_ops *finder_ops;

static int finder_attach(struct task_struct *tsk)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE, finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int ok_attach_with_pool_runtime_while_walking_threads(void)
{
	struct task_struct *tsk;
	int rc = 0;

	rcu_read_lock();
	for_each_process(tsk) {
		rc = finder_attach(tsk); // no-warning
		if (rc)
			break;
	}
	rcu_read_unlock();
	return rc;
}

int ok_attach_in_place_with_pool_runtime(struct task_struct *tsk)
{
	struct utrace_engine *engine;

	rcu_read_lock();
	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE, finder_ops, NULL); // no-warning
	rcu_read_unlock();
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return 0;
}

int bad_barrier_of_runtime_inside_read_section(struct task_struct *tsk,
					       struct utrace_engine *engine)
{
	int rc;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	rc = utrace_barrier(tsk, engine); // expected-warning {{utrace_barrier() (through might_sleep()) may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	return rc;
}
