/*
 * A ptrace-like engine in the style of 2.6.30-era modules: <asm/semaphore.h>
 * and DECLARE_MUTEX, find_task_by_pid(), credentials straight from
 * task_struct (current->euid). Checked with --standalone.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <asm/semaphore.h>
#include <linux/utrace.h>

static DECLARE_MUTEX(pe_sem);
static const struct utrace_engine_ops pe_ops;

struct pe_session {
	struct task_struct *task;
	struct utrace_engine *engine;
	int stopped;
};

int pe_attach_pid(struct pe_session *s, pid_t nr)
{
	struct task_struct *t;
	struct utrace_engine *engine;

	rcu_read_lock();
	t = find_task_by_pid(nr);
	if (t)
		get_task_struct(t);
	rcu_read_unlock();
	if (!t)
		return -ESRCH;
	engine = utrace_attach_task(t, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_EXCLUSIVE,
				    &pe_ops, s);
	if (IS_ERR(engine)) {
		put_task_struct(t);
		return PTR_ERR(engine);
	}
	s->task = t;
	s->engine = engine;
	return 0;
}

int pe_may_attach(struct task_struct *t)
{
	/* 2.6.29 moved credentials out of task_struct: no longer parses. */
	return current->euid == 0 || current->euid == t->uid;
}

int pe_stop(struct pe_session *s)
{
	int ret;

	down(&pe_sem);
	ret = utrace_control(s->task, s->engine, UTRACE_STOP);
	if (ret == -EINPROGRESS)
		ret = 0;
	s->stopped = !ret;
	up(&pe_sem);
	return ret;
}

int pe_resume(struct pe_session *s)
{
	int ret = utrace_control(s->task, s->engine, UTRACE_RESUME);

	s->stopped = 0;
	return ret;
}

int pe_detach(struct pe_session *s)
{
	int ret = utrace_control(s->task, s->engine, UTRACE_DETACH);

	utrace_engine_put(s->engine);
	utrace_engine_put(s->engine);
	put_task_struct(s->task);
	return ret == -ESRCH ? 0 : ret;
}

int pe_poke_flags(struct pe_session *s, unsigned long mask)
{
	return utrace_set_events(s->task, s->engine, mask | UTRACE_EVENT(QUIESCE));
}

int pe_engine_count(void)
{
	/* sizeof a type from <asm/semaphore.h>: does not parse. */
	return sizeof(struct semaphore) + utrace_barrier(current, NULL);
}

int pe_barrier(struct pe_session *s)
{
	int ret;

	do {
		ret = utrace_barrier(s->task, s->engine);
	} while (ret == -ERESTARTSYS);
	return ret;
}

int pe_lookup(struct pe_session *s)
{
	struct utrace_engine *e;

	e = utrace_attach_task(s->task, UTRACE_ATTACH_MATCH_OPS, &pe_ops, NULL);
	if (IS_ERR(e))
		return 0;
	utrace_engine_put(e);
	return 1;
}

int pe_events(struct pe_session *s)
{
	return utrace_set_events(s->task, s->engine,
				 UTRACE_EVENT(EXEC) | UTRACE_EVENT(EXIT) |
				 UTRACE_EVENT_SIGNAL_ALL);
}

int pe_quiesce(struct pe_session *s)
{
	return utrace_control(s->task, s->engine, UTRACE_REPORT);
}

MODULE_LICENSE("GPL");
