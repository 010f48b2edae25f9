/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: struct kref over an atomic counter. */
#ifndef _SHIM_LINUX_KREF_H
#define _SHIM_LINUX_KREF_H

#include <linux/kernel.h>

struct kref {
	int refcount;
};

static inline void kref_init(struct kref *kref)
{
	__atomic_store_n(&kref->refcount, 1, __ATOMIC_RELAXED);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return __atomic_load_n(&kref->refcount, __ATOMIC_RELAXED);
}

static inline void kref_get(struct kref *kref)
{
	int old = __atomic_fetch_add(&kref->refcount, 1, __ATOMIC_RELAXED);

	BUG_ON(old <= 0);
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	int old = __atomic_fetch_sub(&kref->refcount, 1, __ATOMIC_ACQ_REL);

	BUG_ON(old <= 0);
	if (old == 1) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif /* _SHIM_LINUX_KREF_H */
