/*
 * --standalone: a file whose sibling header (not at hand) declared its
 * constants, globals and types. They are synthesized from their uses: an
 * all-caps name in a switch becomes an enumerator, a global used with ->
 * a pointer to a struct made of the members used, an unknown type name a
 * struct. task_struct members real code reads are in the simulator; one it
 * lacks cannot be added to a simulator struct, and its function is listed
 * as not analysed, with the reason.
 * (run by ../heal-missing-context.test)
 *
 * CHECK: heal-missing-context.c:{{[0-9]+}}: function 'mc_vendor_field' not analysed: {{.*}}heal-missing-context.c:{{[0-9]+}}: no member named 'vendor_trace_flags' in 'struct task_struct'
 * CHECK: heal-missing-context.c: standalone: synthesized 2 constants, 1 variables, 1 type names, 2 structs, 2 struct members in {{[0-9]}} parses
 * CHECK: heal-missing-context.c: standalone: cannot synthesize member 'vendor_trace_flags' of struct task_struct
 * CHECK: heal-missing-context.c: standalone: analysed 2 of 3 functions that use the utrace API
 */
#include <linux/sched.h>
#include <linux/utrace.h>
#include "mc_private.h"

static const struct utrace_engine_ops mc_ops;

int mc_apply(struct task_struct *t, mc_request_t *req)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_MATCH_OPS, &mc_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	switch (req->op) {
	case MC_OP_STOP:
		ret = utrace_control(t, e, UTRACE_STOP);
		break;
	case MC_OP_RESUME:
		ret = utrace_control(t, e, UTRACE_RESUME);
		break;
	default:
		ret = -EINVAL;
	}
	mc_stats->requests++;
	utrace_engine_put(e);
	return ret;
}

int mc_leader_events(struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t->group_leader, UTRACE_ATTACH_MATCH_OPS, &mc_ops,
			       NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	ret = utrace_set_events(t->group_leader, e, t->signal->flags ?
				UTRACE_EVENT(DEATH) : UTRACE_EVENT(EXIT));
	utrace_engine_put(e);
	return ret;
}

int mc_vendor_field(struct task_struct *t)
{
	struct utrace_engine *e;

	if (t->vendor_trace_flags)
		return -EBUSY;
	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &mc_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}
