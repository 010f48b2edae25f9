// SPDX-License-Identifier: GPL-2.0
/*
 * Barrier rules (UT-BAR-*): the reap and examine paths of the utrace
 * implementation, as the seed discussion left them and as it fixed them.
 * Expected findings: "cocci: <id>" on the reported line.
 */
#include <linux/utrace.h>

struct detached_list {
	struct utrace_engine *first;
};

void put_detached_list(struct detached_list *list);

/* UT-BAR-001 ---------------------------------------------------------- */

void bad_reap_without_wmb(struct task_struct *task, struct utrace_engine *engine,
			  struct detached_list *detached)
{
	engine->ops = NULL; /* cocci: UT-BAR-001 */
	engine->flags = 0; /* cocci: UT-BAR-001 */
	detached->first = engine;
	put_detached_list(detached);
}

void ok_reap_with_wmb(struct task_struct *task, struct utrace_engine *engine,
		      struct detached_list *detached)
{
	engine->ops = NULL;
	engine->flags = 0;
	detached->first = engine;
	put_detached_list(detached);
	/* the engine updates must be seen before the task may die */
	smp_wmb();
}

void ok_engine_data_write(struct utrace_engine *engine, void *data)
{
	engine->data = data;
}

/* UT-BAR-002 ---------------------------------------------------------- */

int bad_examine_without_rmb(struct task_struct *target,
			    struct utrace_engine *engine,
			    struct utrace_examiner *exam)
{
	int ret = 0;

	if (unlikely(!engine_wants_stop(engine)))
		ret = -EINVAL;
	else if (unlikely(target->exit_state)) /* cocci: UT-BAR-002 */
		ret = -ESRCH;
	else
		exam->state = target->state;
	return ret;
}

int ok_examine_with_rmb(struct task_struct *target,
			struct utrace_engine *engine,
			struct utrace_examiner *exam)
{
	int ret = 0;

	if (unlikely(!engine_wants_stop(engine)))
		ret = -EINVAL;
	else if (unlikely((smp_rmb(), target->exit_state)))
		ret = -ESRCH;
	else
		exam->state = target->state;
	return ret;
}

int bad_finish_flags_then_state(struct task_struct *target,
				struct utrace_engine *engine,
				struct utrace_examiner *exam)
{
	if (!(engine->flags & 1UL))
		return -EINVAL;
	if (target->state != exam->state) /* cocci: UT-BAR-002 */
		return -EAGAIN;
	return 0;
}

int ok_finish_flags_rmb_state(struct task_struct *target,
			      struct utrace_engine *engine,
			      struct utrace_examiner *exam)
{
	if (!(engine->flags & 1UL))
		return -EINVAL;
	smp_rmb();
	if (target->state != exam->state)
		return -EAGAIN;
	return 0;
}
