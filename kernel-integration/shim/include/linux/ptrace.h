/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: registers of a simulated thread. */
#ifndef _SHIM_LINUX_PTRACE_H
#define _SHIM_LINUX_PTRACE_H

#include <linux/types.h>
#include <linux/shim_site.h>

struct pt_regs {
	unsigned long ip;
	unsigned long sp;
	unsigned long ax;
	unsigned long orig_ax;
	unsigned long di;
};

struct task_struct;

struct pt_regs *shim_task_pt_regs(struct task_struct *task, const char *file, int line);
int shim_task_current_syscall(struct task_struct *task, long *callno,
			      const char *file, int line);

#define task_pt_regs(task)	shim_task_pt_regs(task, SHIM_HERE)
#define task_current_syscall(task, nr) shim_task_current_syscall(task, nr, SHIM_HERE)

#endif /* _SHIM_LINUX_PTRACE_H */
