/*
 * Error names a module gets through <linux/utrace.h> and <linux/sched.h>
 * in a real tree (the generic table and the kernel-internal codes) are
 * reachable from the simulator's headers too: with the simulator alone
 * (no prelude) and in --standalone.
 *
 * SIM: heal-errno.c: analysed 1 of 1 functions
 * CHECK: heal-errno.c: standalone: analysed 1 of 1 functions that use the utrace API
 */
#include <linux/utrace.h>

static const struct utrace_engine_ops er_ops;

int er_attach(struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &er_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e) == -ENOMEM ? -EAGAIN : -EOPNOTSUPP;
	ret = utrace_barrier(t, e);
	utrace_engine_put(e);
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR)
		return -EINTR;
	if (ret == -ETIMEDOUT || ret == -ENOTSUPP || ret == -ENODATA)
		return -EPROTO;
	return ret;
}
