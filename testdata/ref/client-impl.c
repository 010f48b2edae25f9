// A client translation unit that includes the implementation (as a task
// finder that #includes its utrace runtime): calls to the API from client
// functions are evaluated by the API table's model, not by inlining the
// bodies defined above them. The bodies here would hide the contract (this
// attach returns NULL for a lookup, its put would free on the first call);
// the model keeps "never NULL" and the reference count. Functions of the
// implementation that call the API are checked like any other code.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* --- the included implementation (its own header inlined) --- */
struct utrace_engine_ops;
struct utrace_engine {
	const struct utrace_engine_ops *ops;
	void *data;
	unsigned long flags;
	int usage;
};
#define UTRACE_ATTACH_CREATE	0x0010
#define UTRACE_ATTACH_MATCH_OPS	0x0001
enum utrace_resume_action { UTRACE_STOP, UTRACE_RESUME, UTRACE_DETACH };

struct utrace_engine *rt_lookup(struct task_struct *target,
				const struct utrace_engine_ops *ops);

static void utrace_engine_put(struct utrace_engine *engine)
{
	if (--engine->usage == 0)
		kfree(engine);
}

static struct utrace_engine *utrace_attach_task(struct task_struct *target, int flags,
						 const struct utrace_engine_ops *ops, void *data)
{
	struct utrace_engine *engine;

	if (!(flags & UTRACE_ATTACH_CREATE))
		return rt_lookup(target, ops);
	engine = kzalloc(sizeof(*engine), GFP_KERNEL);
	if (!engine)
		return ERR_PTR(-ENOMEM);
	engine->ops = ops;
	engine->data = data;
	engine->usage = 2;
	return engine;
}

static int utrace_control(struct task_struct *target, struct utrace_engine *engine,
			  enum utrace_resume_action action)
{
	if (!engine->ops)
		return -ESRCH;
	return action == UTRACE_DETACH && !target->mm ? -EALREADY : 0;
}

/* An implementation function that uses the API: checked like any code
 * (here through the client that calls it). */
static int rt_detach_one(struct task_struct *target,
			 const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(target, UTRACE_ATTACH_MATCH_OPS, ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	ret = utrace_control(target, engine, UTRACE_DETACH);
	if (ret) // expected-note {{assuming 'ret' is not equal to 0}}
		return ret; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
	utrace_engine_put(engine);
	return 0;
}

/* --- the client --- */
static const struct utrace_engine_ops *finder_ops;

int bad_client_leak(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	return utrace_control(task, engine, UTRACE_RESUME); // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

int bad_client_null_test(struct task_struct *task)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, finder_ops, NULL); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (!engine) // expected-warning {{result of utrace_attach_task() compared with NULL; it returns ERR_PTR() on failure, never NULL: test it with IS_ERR() [UT-REF-004]}}
		return -ENOENT;
	utrace_engine_put(engine);
	return 0;
}

int ok_client_balanced(struct task_struct *task)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	ret = utrace_control(task, engine, UTRACE_RESUME);
	utrace_engine_put(engine);
	return ret;
}

int ok_client_uses_implementation_helper(struct task_struct *task)
{
	return rt_detach_one(task, finder_ops); // expected-note {{calling 'rt_detach_one'}}
}
