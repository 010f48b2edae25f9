/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space shim: compiler annotations, READ_ONCE/WRITE_ONCE and the SMP
 * barriers.  Marked accesses are relaxed C11 atomics and barriers are C11
 * fences, so ThreadSanitizer sees the same races the kernel memory model
 * would forbid.
 */
#ifndef _SHIM_LINUX_COMPILER_H
#define _SHIM_LINUX_COMPILER_H

#include <linux/types.h>

#define __must_check	__attribute__((__warn_unused_result__))
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define __maybe_unused	__attribute__((__unused__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

#define fallthrough	__attribute__((__fallthrough__))

#define barrier()	__asm__ __volatile__("" : : : "memory")
#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)

#endif /* _SHIM_LINUX_COMPILER_H */
