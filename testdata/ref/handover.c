// UT-REF-001 when an engine is stored in a structure: storing is a hand-over
// only when some code of the file releases that field with
// utrace_engine_put() (directly, through a local alias or through a wrapper
// that puts its parameter). Stored where nothing releases it, the reference
// is still owed, and the path that ends without a put leaks it. In the style
// of a per-thread syscall tracer that keeps its state in a list.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops sctrace_ops;

/* Released at teardown through a wrapper: storing here is a hand-over. */
struct sctrace_thread {
	struct task_struct *task;
	struct utrace_engine *engine;
	unsigned long nr_syscalls;
};

/* Nothing in this file ever puts 'watch': a cached pointer only. */
struct sctrace_watch {
	struct task_struct *task;
	struct utrace_engine *watch;
	int armed;
};

#define sctrace_put_engine(e) utrace_engine_put(e)

static void sctrace_release(struct utrace_engine *engine)
{
	if (engine)
		sctrace_put_engine(engine);
}

void sctrace_thread_free(struct sctrace_thread *th)
{
	sctrace_release(th->engine);
	th->engine = NULL;
	kfree(th);
}

int ok_stored_in_released_field(struct sctrace_thread *th)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(th->task, UTRACE_ATTACH_CREATE, &sctrace_ops, th);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	th->engine = engine;
	return utrace_set_events(th->task, engine, UTRACE_EVENT(SYSCALL_ENTRY));
}

int bad_stored_in_field_nobody_releases(struct sctrace_watch *w)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(w->task, UTRACE_ATTACH_CREATE, &sctrace_ops, w); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	w->watch = engine; // expected-note {{engine stored in 'sctrace_watch::watch', which nothing in this file releases with utrace_engine_put(): the reference is still owed}}
	w->armed = 1;
	return 0; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

/* The idiom: attach, configure, put, keep the (unreferenced) pointer. */
int ok_attach_configure_put_keep_pointer(struct sctrace_watch *w)
{
	struct utrace_engine *engine;
	int ret;

	engine = utrace_attach_task(w->task, UTRACE_ATTACH_CREATE, &sctrace_ops, w);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	w->watch = engine;
	ret = utrace_set_events(w->task, engine, UTRACE_EVENT(EXIT));
	utrace_engine_put(engine);
	if (!ret)
		w->armed = 1;
	return ret;
}

/* The same idiom with the put before the store. */
int ok_put_then_keep_pointer(struct sctrace_watch *w)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(w->task, UTRACE_ATTACH_CREATE, &sctrace_ops, w);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	w->watch = engine;
	return 0;
}

/* A structure that reaches unknown code does not release the engine. */
extern void sctrace_register_watch(struct sctrace_watch *w);

int bad_stored_then_structure_registered(struct sctrace_watch *w)
{
	struct utrace_engine *engine;

	engine = utrace_attach_task(w->task, UTRACE_ATTACH_CREATE, &sctrace_ops, w); // expected-note {{engine reference acquired here by utrace_attach_task()}}
	if (IS_ERR(engine)) // expected-note {{assuming 'engine' is not an error pointer}}
		return PTR_ERR(engine);
	w->watch = engine; // expected-note {{engine stored in 'sctrace_watch::watch', which nothing in this file releases with utrace_engine_put(): the reference is still owed}}
	sctrace_register_watch(w);
	return 0; // expected-warning {{engine reference from utrace_attach_task() is not released on this path [UT-REF-001]}}
}

/* Allocated holder, stored on one path and freed on the other. */
struct sctrace_thread *ok_new_thread(struct task_struct *task)
{
	struct sctrace_thread *th = kzalloc(sizeof(*th), GFP_KERNEL);
	struct utrace_engine *engine;

	if (!th)
		return NULL;
	th->task = task;
	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sctrace_ops, th);
	if (IS_ERR(engine)) {
		kfree(th);
		return NULL;
	}
	th->engine = engine;
	return th;
}

/* Engines kept in an array of a released field. */
struct sctrace_group {
	struct utrace_engine *member[4];
	int n;
};

void sctrace_group_free(struct sctrace_group *g)
{
	int i;

	for (i = 0; i < g->n; i++)
		utrace_engine_put(g->member[i]);
}

int ok_stored_in_released_array(struct sctrace_group *g, struct task_struct *task)
{
	struct utrace_engine *engine;

	if (g->n >= 4)
		return -ENOMEM;
	engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sctrace_ops, g);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	g->member[g->n++] = engine;
	return 0;
}
