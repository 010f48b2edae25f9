/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: what the checker's simulator <linux/kernel.h>
 * declares beyond the shim's.  panic() aborts (cases that reach it are
 * marked not-runnable); pr_debug() prints nothing, as in a kernel without
 * DEBUG.
 */
#ifndef _AGR_LINUX_KERNEL_H
#define _AGR_LINUX_KERNEL_H
#include_next <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/sched.h>

#ifndef pr_debug
#define pr_debug(...)	do { if (0) fprintf(stderr, __VA_ARGS__); } while (0)
#endif
#ifndef pr_notice
#define pr_notice(...)	fprintf(stderr, __VA_ARGS__)
#endif
#ifndef panic
#define panic(...)	do { fprintf(stderr, __VA_ARGS__); abort(); } while (0)
#endif
#ifndef BUG
#define BUG()		abort()
#endif
#endif
