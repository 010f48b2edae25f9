/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: find_task_by_pid_ns() is the shim's
 * find_task_by_vpid() (one namespace) with the same checks at the caller's
 * line (UT-RCU-004 outside a read section, UT-RCU-003 bookkeeping inside).
 */
#ifndef _AGR_LINUX_PID_H
#define _AGR_LINUX_PID_H
#include_next <linux/pid.h>
#include <linux/sched.h>
struct pid_namespace;
#define find_task_by_pid_ns(nr, ns) \
	((void)(ns), shim_find_task_by_vpid(nr, __FILE__, __LINE__))
#endif
