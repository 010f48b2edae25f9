/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: task references. */
#ifndef _SHIM_LINUX_SCHED_TASK_H
#define _SHIM_LINUX_SCHED_TASK_H

#include <linux/sched.h>

void shim_get_task_struct(struct task_struct *t, const char *file, int line);
void put_task_struct(struct task_struct *t);

#define get_task_struct(t)	shim_get_task_struct(t, SHIM_HERE)

#endif
