/* Writer side of the declared ordering engine-detach-before-task-release. */
#include "ut-internal.h"

void utrace_reap(struct task_struct *target, struct utrace *utrace)
{
	struct utrace_engine *engine;
	struct list_head detached;

	INIT_LIST_HEAD(&detached);
	spin_lock(&utrace->lock);
	utrace->reap = 1;
	list_for_each_entry(engine, &utrace->attached, entry) {
		engine->ops = NULL;
		engine->flags = 0;
	}
	spin_unlock(&utrace->lock);
	ut_put_detached(&detached);
#ifndef MUTANT_NO_WMB
	/* The examiner that still sees the task alive sees the flags cleared. */
	smp_wmb();
#endif
}
