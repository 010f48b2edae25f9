/*
 * --standalone: a structure with a member whose type no header here
 * declares (a vendor type, a struct from a header that is not at hand).
 * The type is synthesized, so the structure is complete and its layout
 * known: the function using it is analysed, and nothing crashes.
 * (run by ../heal-unknown-field-type.test)
 *
 * CHECK: heal-unknown-field-type.c: standalone: synthesized 1 type names, 2 structs, 1 struct members in {{[0-9]}} parses
 * CHECK: heal-unknown-field-type.c: standalone: analysed 2 of 2 functions that use the utrace API
 * CHECK: heal-unknown-field-type.c:45:10: warning: {{.*}} [UT-REF-001]
 */
#include <linux/sched.h>
#include <linux/utrace.h>

struct uf_slot {
	struct uf_vendor_ctx ctx;	/* from a header that is not here */
	uf_cookie_t cookie;		/* likewise */
	struct task_struct *task;
	struct utrace_engine *engine;
};

static const struct utrace_engine_ops uf_ops;

int uf_stop(struct uf_slot *s)
{
	int ret;

	ret = utrace_control(s->task, s->engine, UTRACE_STOP);
	if (ret == -EINPROGRESS)
		ret = 0;
	s->ctx.generation++;
	return ret;
}

int uf_start(struct uf_slot *s, struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &uf_ops, s);
	if (IS_ERR(e))
		return PTR_ERR(e);
	ret = utrace_set_events(t, e, UTRACE_EVENT(QUIESCE));
	if (ret)
		return ret;
	utrace_engine_put(e);
	return 0;
}
