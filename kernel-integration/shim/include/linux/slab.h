/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: kmalloc and friends; GFP_KERNEL may sleep. */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <linux/types.h>
#include <linux/shim_site.h>

#define GFP_ATOMIC	0x01u
#define GFP_KERNEL	0x02u

void *shim_kmalloc(size_t size, gfp_t flags, int zero, const char *file, int line);
void kfree(const void *ptr);

#define kmalloc(size, flags)	shim_kmalloc(size, flags, 0, SHIM_HERE)
#define kzalloc(size, flags)	shim_kmalloc(size, flags, 1, SHIM_HERE)

#endif /* _SHIM_LINUX_SLAB_H */
