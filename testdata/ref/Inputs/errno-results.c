/* One UT-REF-007 and one UT-REF-008 finding, for rule-switches.test. */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/utrace.h>

struct watch {
	struct task_struct *task;
	struct utrace_engine *engine;
};

struct watch *watch_lookup(struct watch *w, int found)
{
	return found ? w : ERR_PTR(ENOENT);
}

void watch_quiet(struct watch *w)
{
	utrace_set_events(w->task, w->engine, 0);
}
