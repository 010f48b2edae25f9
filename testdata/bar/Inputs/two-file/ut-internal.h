/* Shared by the two halves of a utrace implementation split over files. */
#include <linux/utrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <asm/barrier.h>

#define UT_ENGINE_STOP (1UL << _UTRACE_NEVENTS)

struct utrace {
	spinlock_t lock;
	struct list_head attached;
	unsigned int reap : 1;
};

void ut_put_detached(struct list_head *list);

static inline int ut_engine_stopped(struct utrace_engine *engine)
{
	return (engine->flags & UT_ENGINE_STOP) != 0;
}
