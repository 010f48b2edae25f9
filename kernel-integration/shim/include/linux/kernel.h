/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: the grab bag of <linux/kernel.h>. */
#ifndef _SHIM_LINUX_KERNEL_H
#define _SHIM_LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <stdio.h>
#include <stdlib.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BITS_PER_LONG	(8 * (int)sizeof(long))

#define pr_warn(...)	fprintf(stderr, __VA_ARGS__)
#define pr_err(...)	fprintf(stderr, __VA_ARGS__)
#define pr_info(...)	fprintf(stderr, __VA_ARGS__)

#define BUG_ON(c)	do { if (unlikely(c)) abort(); } while (0)
#define WARN_ON(c)	({ int __w = !!(c); if (unlikely(__w)) \
		fprintf(stderr, "WARNING at %s:%d\n", __FILE__, __LINE__); __w; })
#define WARN_ON_ONCE(c)	WARN_ON(c)

#endif /* _SHIM_LINUX_KERNEL_H */
