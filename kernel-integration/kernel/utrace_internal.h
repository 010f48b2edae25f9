/* SPDX-License-Identifier: GPL-2.0 */
/* utrace: state shared by kernel/utrace.c and kernel/utrace_report.c. */
#ifndef _KERNEL_UTRACE_INTERNAL_H
#define _KERNEL_UTRACE_INTERNAL_H

#include <linux/utrace.h>
#include <linux/spinlock.h>

#define UTRACE_HASH_BITS	8

/* Private bit in engine->flags: this engine wants the thread stopped. */
#define ENGINE_STOP		(1UL << (BITS_PER_LONG - 1))

struct utrace {
	struct hlist_node node;		/* in utrace_table */
	struct task_struct *task;	/* the key; never dereferenced unlocked */
	spinlock_t lock;
	struct list_head attached;	/* engines in attach order */
	struct utrace_engine *reporting; /* whose callback is running */
	unsigned int walking;		/* report walks in progress */
	bool stopped;			/* parked in utrace_stop() */
	bool quiesce;			/* report_quiesce wanted at next point */
	bool death;			/* report_death under way or done */
	bool reap;			/* utrace_release_task() has it */
};

static inline bool engine_wants_stop(struct utrace_engine *engine)
{
	return READ_ONCE(engine->flags) & ENGINE_STOP;
}

struct utrace *task_utrace(struct task_struct *task);
void put_detached_list(struct list_head *list);
bool utrace_wants_stop(struct utrace *utrace);
void mark_engine_detached(struct utrace *utrace, struct utrace_engine *engine,
			  struct list_head *detached);
void unlink_detached(struct utrace *utrace, struct list_head *detached);

#endif /* _KERNEL_UTRACE_INTERNAL_H */
