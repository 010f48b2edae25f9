/*
 * --standalone: sparse's lock-context annotations (__acquires, __releases,
 * __must_hold) and address-space markers (__rcu, __user) on functions that
 * call the utrace API. The simulator defines them away, as compilers see
 * them; the functions are analysed, not dropped.
 * (run by ../heal-sparse.test)
 *
 * CHECK-NOT: not analysed
 * CHECK: heal-sparse.c: standalone: analysed 4 of 4 functions that use the utrace API
 * CHECK: heal-sparse.c:55:10: warning: {{.*}} [UT-REF-001]
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/utrace.h>

struct sp_watch {
	spinlock_t lock;
	struct task_struct __rcu *task;
	struct utrace_engine *engine;
	int __user *status;
};

static const struct utrace_engine_ops sp_ops;

static void sp_lock(struct sp_watch *w) __acquires(&w->lock)
{
	spin_lock(&w->lock);
}

static void sp_unlock(struct sp_watch *w) __releases(&w->lock)
{
	spin_unlock(&w->lock);
}

static int sp_stop_locked(struct sp_watch *w, struct task_struct *t,
			  struct utrace_engine *e)
	__must_hold(&w->lock)
{
	return utrace_control(t, e, UTRACE_STOP);
}

int sp_watch_task(struct sp_watch *w, struct task_struct *t)
{
	struct utrace_engine *e;
	int ret;

	e = utrace_attach_task(t, UTRACE_ATTACH_CREATE, &sp_ops, w);
	if (IS_ERR(e))
		return PTR_ERR(e);
	sp_lock(w);
	ret = sp_stop_locked(w, t, e);
	sp_unlock(w);
	if (ret)
		return ret; /* the reference from attach is lost here */
	utrace_engine_put(e);
	return 0;
}
