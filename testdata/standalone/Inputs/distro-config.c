/*
 * --standalone: code that a feature option of every distribution kernel
 * turns on (user namespaces here) is analysed, as a distribution build
 * compiles it: the prelude includes utrace-check/distro-config.h. Leaving
 * the list out (-DUTRACE_CHECK_NO_DISTRO_CONFIG) removes the code again.
 *
 * ON: distro-config.c: standalone: analysed 1 of 1 functions that use the utrace API
 * ON: distro-config.c:[[@LINE+17]]:{{[0-9]+}}: warning: RCU read section opened by rcu_read_lock() is still held when the function returns on this path [UT-RCU-002]
 *
 * OFF: distro-config.c: skipped: the preprocessor removed every utrace API call (#if/#ifdef); define the configuration after -- with -D (docs/standalone.md)
 */
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops dc_ops;

int dc_watch_in_user_ns(struct task_struct *t, int in_ns)
{
#if defined(CONFIG_USER_NS)
	struct utrace_engine *e;

	rcu_read_lock();
	if (!in_ns)
		return -EPERM;
	rcu_read_unlock();
	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &dc_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	utrace_engine_put(e);
	return 0;
#else
	return -ENOSYS;
#endif
}
