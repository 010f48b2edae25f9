/* Simulator: atomic_t operations. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_ATOMIC_H
#define _SIM_ATOMIC_H
#pragma clang system_header
#include <linux/types.h>
#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) { (i) }
/* Functions, as in real kernels: an argument of another type is a
 * warning, not an error in a macro body (standalone healing). */
static inline int atomic_read(const atomic_t *v) { return READ_ONCE(v->counter); }
static inline void atomic_set(atomic_t *v, int i) { WRITE_ONCE(v->counter, i); }
static inline void atomic_add(int i, atomic_t *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); }
static inline void atomic_sub(int i, atomic_t *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); }
static inline void atomic_inc(atomic_t *v) { atomic_add(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_sub(1, v); }
static inline int atomic_add_return(int i, atomic_t *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static inline int atomic_sub_return(int i, atomic_t *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
#define atomic_inc_return(v) atomic_add_return(1, (v))
#define atomic_dec_return(v) atomic_sub_return(1, (v))
#define atomic_inc_and_test(v) (atomic_add_return(1, (v)) == 0)
#define atomic_dec_and_test(v) (atomic_sub_return(1, (v)) == 0)
#define atomic_sub_and_test(i, v) (atomic_sub_return((i), (v)) == 0)
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__atomic_compare_exchange_n(&v->counter, &old, new, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}
static inline int atomic_xchg(atomic_t *v, int new) { return __atomic_exchange_n(&v->counter, new, __ATOMIC_SEQ_CST); }
int atomic_add_unless(atomic_t *v, int a, int u);
#define atomic_inc_not_zero(v) atomic_add_unless((v), 1, 0)
#define atomic_long_read(v) READ_ONCE((v)->counter)
#define atomic_long_set(v, i) WRITE_ONCE((v)->counter, (i))
static inline void atomic_long_inc(atomic_long_t *v) { __atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED); }
static inline void atomic_long_dec(atomic_long_t *v) { __atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELAXED); }
#define atomic64_read(v) READ_ONCE((v)->counter)
#define atomic64_set(v, i) WRITE_ONCE((v)->counter, (i))
int test_bit(long nr, const volatile unsigned long *addr);
void set_bit(long nr, volatile unsigned long *addr);
void clear_bit(long nr, volatile unsigned long *addr);
int test_and_set_bit(long nr, volatile unsigned long *addr);
int test_and_clear_bit(long nr, volatile unsigned long *addr);
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long find_first_bit(const unsigned long *addr, unsigned long size);
#define BITS_PER_LONG 64
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define BIT(n) (1UL << (n))

#endif
