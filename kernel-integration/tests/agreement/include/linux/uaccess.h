/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: user copies are plain copies here, after
 * the might-sleep check the kernel's do (a fault can sleep): UT-RCU-001 in
 * a read section, UT-CB-001 in report_reap, at the caller's line.
 */
#ifndef _AGR_LINUX_UACCESS_H
#define _AGR_LINUX_UACCESS_H
#include <linux/types.h>
#include <linux/sched.h>
#include <string.h>
#ifndef __user
#define __user
#endif
static inline unsigned long agr_copy_user(void *to, const void *from, unsigned long n,
					  const char *what, const char *file, int line)
{
	shim_might_sleep(what, file, line);
	memcpy(to, from, n);
	return 0;
}
#define copy_to_user(to, from, n)	agr_copy_user(to, from, n, "copy_to_user", __FILE__, __LINE__)
#define copy_from_user(to, from, n)	agr_copy_user(to, from, n, "copy_from_user", __FILE__, __LINE__)
#endif
