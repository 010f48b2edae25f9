/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: what shim/sched.c and shim/kernel.c share. */
#ifndef _SHIM_INTERNAL_H
#define _SHIM_INTERNAL_H

#include <linux/pid.h>

struct pid *shim_pid_alloc(struct task_struct *task);
void shim_pid_detach(struct pid *pid);
void shim_rcu_pinned(struct task_struct *task);
void shim_rcu_thread_exit(void);
void shim_rcu_task_freed(struct task_struct *task);

#endif
