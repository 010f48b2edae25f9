// UT-RCU-001 and the fresh-engine fact: utrace_set_events() returns
// -EINPROGRESS only when the new mask clears bits that were set, so on an
// engine an attach with UTRACE_ATTACH_CREATE just made (no events yet) the
// branch that waits with utrace_barrier() never runs. A task finder that
// attaches to every thread while it walks them under RCU, through helpers
// as real finders do, is quiet; waiting after clearing the events of an
// engine that was looked up, or set up before, still sleeps.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/utrace.h>

/* Later 2.6/3.x headers: attach allocates without sleeping. */
#ifndef UTRACE_ATTACH_ATOMIC
#define UTRACE_ATTACH_ATOMIC	0x0100
#endif

#define FINDER_EVENTS	(UTRACE_EVENT(EXEC) | UTRACE_EVENT(CLONE))

static const struct utrace_engine_ops finder_ops;

/* Attach a new engine and ask for events: the barrier only answers an
 * -EINPROGRESS that a fresh engine cannot produce. */
static int finder_attach_flags(struct task_struct *tsk, unsigned long events,
			       int attach_flags)
{
	struct utrace_engine *engine;
	int rc;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE | attach_flags,
				    &finder_ops, NULL);
	if (IS_ERR(engine))
		return -PTR_ERR(engine);
	rc = utrace_set_events(tsk, engine, events);
	if (rc == -EINPROGRESS) {
		do {
			rc = utrace_barrier(tsk, engine);
		} while (rc == -ERESTARTSYS);
	}
	utrace_engine_put(engine);
	return rc;
}

static int finder_attach_atomic(struct task_struct *tsk, unsigned long events)
{
	return finder_attach_flags(tsk, events, UTRACE_ATTACH_ATOMIC);
}

int ok_attach_fresh_engine_while_walking_threads(void)
{
	struct task_struct *tsk;
	int rc = 0;

	rcu_read_lock();
	for_each_process(tsk) {
		rc = finder_attach_atomic(tsk, FINDER_EVENTS); // no-warning
		if (rc)
			break;
	}
	rcu_read_unlock();
	return rc;
}

/* The same guard written in place, with the test the other way round. */
int ok_fresh_engine_guard_inline(struct task_struct *tsk)
{
	struct utrace_engine *engine;
	int rc;

	rcu_read_lock();
	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_ATOMIC,
				    &finder_ops, NULL);
	if (IS_ERR(engine)) {
		rcu_read_unlock();
		return PTR_ERR(engine);
	}
	rc = utrace_set_events(tsk, engine, FINDER_EVENTS);
	if (rc != -EINPROGRESS)
		;
	else
		rc = utrace_barrier(tsk, engine); // no-warning
	rcu_read_unlock();
	utrace_engine_put(engine);
	return rc;
}

/* A looked-up engine has events: clearing them may leave a callback
 * running, and the barrier then waits. */
static int finder_quiet_engine(struct task_struct *tsk)
{
	struct utrace_engine *engine;
	int rc;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_MATCH_OPS, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	rc = utrace_set_events(tsk, engine, 0);
	if (rc == -EINPROGRESS)
		rc = utrace_barrier(tsk, engine);
	utrace_engine_put(engine);
	return rc;
}

int bad_clear_looked_up_engine_while_walking_threads(void)
{
	struct task_struct *tsk;
	int rc = 0;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	for_each_process(tsk) {
		rc = finder_quiet_engine(tsk); // expected-warning {{finder_quiet_engine() (through utrace_barrier()) may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
		if (rc)
			break;
	}
	rcu_read_unlock();
	return rc;
}

/* Fresh, then configured, then narrowed: the second set_events clears bits
 * the first one set. */
static int finder_attach_then_narrow(struct task_struct *tsk)
{
	struct utrace_engine *engine;
	int rc;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_CREATE | UTRACE_ATTACH_ATOMIC,
				    &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	rc = utrace_set_events(tsk, engine, FINDER_EVENTS);
	if (rc == 0)
		rc = utrace_set_events(tsk, engine, UTRACE_EVENT(EXEC));
	if (rc == -EINPROGRESS)
		rc = utrace_barrier(tsk, engine);
	utrace_engine_put(engine);
	return rc;
}

int bad_narrow_events_while_walking_threads(void)
{
	struct task_struct *tsk;
	int rc = 0;

	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	for_each_process(tsk) {
		rc = finder_attach_then_narrow(tsk); // expected-warning {{finder_attach_then_narrow() (through utrace_barrier()) may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
		if (rc)
			break;
	}
	rcu_read_unlock();
	return rc;
}

/* In place: a looked-up engine, events cleared, the barrier waits. */
int bad_clear_looked_up_engine_inline(struct task_struct *tsk)
{
	struct utrace_engine *engine;
	int rc;

	engine = utrace_attach_task(tsk, UTRACE_ATTACH_MATCH_OPS, &finder_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	rcu_read_lock(); // expected-note {{RCU read section opened here by rcu_read_lock()}}
	rc = utrace_set_events(tsk, engine, 0);
	if (rc == -EINPROGRESS) // expected-note {{assuming the condition is true}}
		rc = utrace_barrier(tsk, engine); // expected-warning {{utrace_barrier() may sleep inside the RCU read section opened by rcu_read_lock() [UT-RCU-001]}}
	rcu_read_unlock();
	utrace_engine_put(engine);
	return rc;
}
