/*
 * Sparse lock annotations without their definitions (a header that is not
 * there): clang drops the whole definition of sa_lock_engine. It must be
 * named as not analysed, not silently lost; the functions before it are
 * analysed.
 */
#include <linux/utrace.h>
#include <linux/sched.h>

static const struct utrace_engine_ops sa_ops;

struct sa_state {
	struct utrace_engine *engine;
	int users;
};

/* Mentions utrace_ only in a comment and a type: not an API user. */
static int sa_helper(struct sa_state *s)
{
	return s->users;	/* see utrace_attach_task() */
}

static int sa_attach(struct task_struct *task)
{
	struct utrace_engine *e;

	e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sa_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	return 0;
}

/* Every definition after this one is lost too: the parser does not recover. */
static int sa_lock_engine(struct sa_state *s, struct task_struct *task)
	__sa_holds(s->engine)
{
	s->engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, &sa_ops, s);
	return IS_ERR(s->engine) ? PTR_ERR(s->engine) : 0;
}
