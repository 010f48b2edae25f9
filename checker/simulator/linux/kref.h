#ifndef _SIM_LINUX_KREF_H
#define _SIM_LINUX_KREF_H
#pragma clang system_header

#include <linux/types.h>

struct kref {
	atomic_t refcount;
};

static inline void kref_init(struct kref *kref)
{
	kref->refcount.counter = 1;
}

static inline void kref_get(struct kref *kref)
{
	__atomic_fetch_add(&kref->refcount.counter, 1, __ATOMIC_RELAXED);
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (__atomic_sub_fetch(&kref->refcount.counter, 1, __ATOMIC_ACQ_REL) == 0) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif
