#ifndef _SIM_LINUX_SCHED_TASK_H
#define _SIM_LINUX_SCHED_TASK_H
#pragma clang system_header

#include <linux/sched.h>

void __put_task_struct(struct task_struct *t);

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	__atomic_fetch_add(&t->usage.counter, 1, __ATOMIC_RELAXED);
	return t;
}

static inline void put_task_struct(struct task_struct *t)
{
	if (__atomic_sub_fetch(&t->usage.counter, 1, __ATOMIC_ACQ_REL) == 0)
		__put_task_struct(t);
}

#endif
