/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: another thread's memory. */
#ifndef _SHIM_LINUX_MM_H
#define _SHIM_LINUX_MM_H

#include <linux/types.h>
#include <linux/shim_site.h>

struct task_struct;

#define FOLL_FORCE	0x10
#define FOLL_WRITE	0x01

int shim_access_process_vm(struct task_struct *tsk, unsigned long addr,
			   void *buf, int len, unsigned int gup_flags,
			   const char *file, int line);
#define access_process_vm(t, a, b, l, f) shim_access_process_vm(t, a, b, l, f, SHIM_HERE)

#endif
