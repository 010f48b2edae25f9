/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: struct pid, a counted name for a thread. */
#ifndef _SHIM_LINUX_PID_H
#define _SHIM_LINUX_PID_H

#include <linux/types.h>
#include <linux/shim_site.h>

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_MAX
};

struct task_struct;

struct pid {
	int count;			/* atomic */
	pid_t nr;
	struct task_struct *task;	/* READ_ONCE; NULL once reaped */
};

struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
struct pid *find_get_pid(pid_t nr);
struct task_struct *shim_pid_task(struct pid *pid, enum pid_type type,
				  const char *file, int line);
struct task_struct *get_pid_task(struct pid *pid, enum pid_type type);
struct pid *task_pid(struct task_struct *task);

#define pid_task(pid, type)	shim_pid_task(pid, type, SHIM_HERE)

#endif /* _SHIM_LINUX_PID_H */
