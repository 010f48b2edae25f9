/* Reader side: engine-flags-before-task-state. */
#include "ut-internal.h"

int utrace_prepare_examine(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam)
{
	int ret = 0;

	rcu_read_lock();
	if (unlikely(!ut_engine_stopped(engine))) {
		ret = -EINVAL;
	} else {
#ifndef MUTANT_NO_RMB
		smp_rmb();
#endif
		if (unlikely(target->exit_state))
			ret = -ESRCH;
		else
			exam->state = target->state;
	}
	rcu_read_unlock();
	return ret;
}
