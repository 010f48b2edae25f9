// UT-CB-003 in the 2006-2008 API generation: report_death gets the dying
// thread as a parameter. Its `signal` may already be NULL when the parent
// reaps the zombie while the report runs. Written in the style of a task
// finder that tells its clients whether the whole process died.
//
// RUN: %verify %s -- -nostdinc -I %simulator/gen1 -I %simulator

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct tf_client {
	int (*callback)(struct task_struct *tsk, int register_p,
			int process_p, struct tf_client *client);
	struct utrace_engine_ops ops;
};

static u32 bad_death_reads_signal_of_param(struct utrace_engine *engine,
					   struct task_struct *tsk)
{
	struct tf_client *client = engine->data;

	if (client->callback) // expected-note {{assuming field 'callback' is non-null}}
		client->callback(tsk, 0, atomic_read(&tsk->signal->live) == 0, client); // expected-warning {{'tsk->signal' may be NULL in report_death callback 'bad_death_reads_signal_of_param' (the thread may already be reaped); test it before dereferencing [UT-CB-003]}}
	return UTRACE_ACTION_DETACH;
}

static u32 ok_death_tests_signal_of_param(struct utrace_engine *engine,
					  struct task_struct *tsk)
{
	struct tf_client *client = engine->data;

	if (client->callback)
		client->callback(tsk, 0,
				 tsk->signal == NULL ||
					 atomic_read(&tsk->signal->live) == 0, // no-warning
				 client);
	return UTRACE_ACTION_DETACH;
}

void tf_client_init(struct tf_client *client, int careful)
{
	if (careful)
		client->ops.report_death = &ok_death_tests_signal_of_param;
	else
		client->ops.report_death = &bad_death_reads_signal_of_param;
}

int tf_client_attach(struct task_struct *tsk, struct tf_client *client)
{
	struct utrace_engine *engine;

	engine = utrace_attach(tsk, UTRACE_ATTACH_CREATE, &client->ops, client);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	return utrace_set_flags(tsk, engine, UTRACE_EVENT(DEATH));
}
