/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: task_current_syscall() with the kernel's
 * (task, &nr, args, maxargs, &sp, &pc) arguments; the shim's takes the
 * first two (and does the check at the caller's line).
 */
#ifndef _AGR_LINUX_PTRACE_H
#define _AGR_LINUX_PTRACE_H
#include_next <linux/ptrace.h>
#undef task_current_syscall
#define task_current_syscall(task, nr, ...) \
	shim_task_current_syscall(task, nr, __FILE__, __LINE__)
#endif
