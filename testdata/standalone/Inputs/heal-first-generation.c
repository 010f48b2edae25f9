/*
 * --standalone: a module of the 2006-2008 API generation (utrace_attach,
 * struct utrace_attached_engine, utrace_set_flags, UTRACE_ACTION_*
 * results, kmem_cache_t). Its names pick the first generation's
 * <linux/utrace.h>; the calls are in the API tables, so the functions are
 * analysed. Attach without a put is correct in this generation: no engine
 * reference finding.
 * (run by ../heal-first-generation.test)
 *
 * CHECK-NOT: not analysed
 * CHECK: heal-first-generation.c: standalone: analysed 2 of 2 functions that use the utrace API
 * CHECK: heal-first-generation.c: analysed 2 of 4 functions (2006-2008 API generation: reference-count and window rules off)
 * CHECK-NOT: UT-REF
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct fg_state {
	struct utrace_attached_engine *engine;
	unsigned long calls;
};

static kmem_cache_t *fg_cache;

static u32 fg_report_exit(struct utrace_attached_engine *engine,
			  struct task_struct *tsk, long orig_code, long *code)
{
	struct fg_state *s = engine->data;

	s->calls++;
	return UTRACE_ACTION_RESUME;
}

static const struct utrace_engine_ops fg_ops = {
	.report_exit = fg_report_exit,
};

int fg_attach(struct task_struct *tsk)
{
	struct utrace_attached_engine *engine;
	struct fg_state *s;

	s = kmem_cache_alloc(fg_cache, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	engine = utrace_attach(tsk, UTRACE_ATTACH_CREATE, &fg_ops, s);
	if (IS_ERR(engine)) {
		kmem_cache_free(fg_cache, s);
		return PTR_ERR(engine);
	}
	s->engine = engine;
	return utrace_set_flags(tsk, engine, UTRACE_EVENT(EXIT) | UTRACE_ACTION_QUIESCE);
}

int fg_detach(struct task_struct *tsk)
{
	struct utrace_attached_engine *engine;

	engine = utrace_attach(tsk, UTRACE_ATTACH_MATCH_OPS, &fg_ops, NULL);
	if (IS_ERR(engine) || engine == NULL)
		return -ESRCH;
	return utrace_detach(tsk, engine);
}

static int __init fg_init(void)
{
	fg_cache = kmem_cache_create("fg_state", sizeof(struct fg_state), 0, 0,
				     NULL, NULL);
	return fg_cache ? 0 : -ENOMEM;
}
module_init(fg_init);
