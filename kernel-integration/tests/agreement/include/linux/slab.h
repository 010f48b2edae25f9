/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: the shim's allocator, plus fault injection
 * for allocations made by the case under test (`inject kzalloc=NULL`).
 * The reference implementation is compiled separately and is not affected.
 */
#ifndef _AGR_LINUX_SLAB_H
#define _AGR_LINUX_SLAB_H
#include_next <linux/slab.h>
#include "agreement_fault.h"

static inline void *agr_kmalloc(size_t size, gfp_t flags, int zero,
				 const char *name, const char *file, int line)
{
	long v;

	if (agr_fault(name, &v) || (zero && agr_fault("kmalloc", &v)))
		return (void *)v;
	return shim_kmalloc(size, flags, zero, file, line);
}
#ifndef GFP_NOWAIT
#define GFP_NOWAIT	0x04u	/* does not block: no GFP_KERNEL bit */
#endif
#undef kmalloc
#undef kzalloc
#define kmalloc(size, flags)	agr_kmalloc(size, flags, 0, "kmalloc", __FILE__, __LINE__)
#define kzalloc(size, flags)	agr_kmalloc(size, flags, 1, "kzalloc", __FILE__, __LINE__)
#endif
