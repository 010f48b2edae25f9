// UT-RCU-001 when the translation unit implements the API itself: this
// runtime's attach allocates with GFP_KERNEL, so attaching under RCU may
// sleep, and the finding names the allocation through which it does; its
// barrier only polls and never sleeps, which the file's body decides
// (the API table's "utrace_barrier() may sleep" is about the kernel's).
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
	int running;
};
#define UTRACE_ATTACH_CREATE	0x0010

static struct utrace_engine *utrace_attach_task(struct task_struct *target, int flags,
						 const struct utrace_engine_ops *ops, void *data)
{
	struct utrace_engine *engine;

	if (!(flags & UTRACE_ATTACH_CREATE))
		return ERR_PTR(-ENOENT);
	engine = kzalloc(sizeof(*engine), GFP_KERNEL);
	if (!engine)
		return ERR_PTR(-ENOMEM);
	engine->ops = ops;
	engine->data = data;
	engine->usage = 2;
	return engine;
}

static void utrace_engine_put(struct utrace_engine *engine)
{
	if (--engine->usage == 0)
		kfree(engine);
}

/* Polls: answers -EAGAIN while a callback runs, never waits. */
static int utrace_barrier(struct task_struct *target, struct utrace_engine *engine)
{
	if (!engine->ops)
		return -ESRCH;
	return engine->running ? -EAGAIN : 0;
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

int bad_attach_with_sleeping_runtime_while_walking_threads(void)
{
	struct task_struct *tsk;
	int rc = 0;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	for_each_process(tsk) {
		rc = finder_attach(tsk); // expected-warning {{finder_attach() (through kzalloc()) may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
		if (rc)
			break;
	}
	rcu_read_unlock();
	return rc;
}

int ok_polling_barrier_of_runtime_inside_read_section(struct task_struct *tsk,
						      struct utrace_engine *engine)
{
	int rc;

	rcu_read_lock();
	rc = utrace_barrier(tsk, engine); // no-warning
	rcu_read_unlock();
	return rc;
}
