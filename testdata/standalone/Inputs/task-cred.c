/*
 * --standalone: a tracer that reads another task's credentials with the
 * kernel's accessors (task_cred_xxx(), task_euid(), current_user_ns()),
 * without including <linux/cred.h> itself, as modules that get it through
 * other headers do: the prelude has the simulator's <linux/cred.h>, so
 * `task_cred_xxx(t, user)->user_ns` (2.6.29-2.6.38, the simulator's
 * 2.6.32) parses and the function is analysed.
 *
 * CHECK-NOT: not analysed
 * CHECK: task-cred.c: standalone: analysed 2 of 2 functions that use the utrace API
 * CHECK-NOT: warning:
 */
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops tc_ops;

static struct user_namespace *tc_user_ns_of(struct task_struct *t)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(2, 6, 39)
	return task_cred_xxx(t, user)->user_ns;
#else
	return task_cred_xxx(t, user_ns);
#endif
}

int tc_attach_to_own_user(struct task_struct *t)
{
	struct utrace_engine *e;

	if (tc_user_ns_of(t) != current_user_ns() ||
	    from_kuid_munged(current_user_ns(), task_euid(t)) != 0)
		return -EPERM;
	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &tc_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
}
