#ifndef _SIM_LINUX_RCUPDATE_H
#define _SIM_LINUX_RCUPDATE_H
#pragma clang system_header

#include <linux/compiler.h>
#include <asm/barrier.h>

void __rcu_read_lock(void);
void __rcu_read_unlock(void);
void synchronize_rcu(void);

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

static inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

#include <linux/types.h>
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void rcu_barrier(void);
void synchronize_sched(void);
void synchronize_rcu_expedited(void);
void rcu_read_lock_bh(void);
void rcu_read_unlock_bh(void);
void rcu_read_lock_sched(void);
void rcu_read_unlock_sched(void);
int rcu_read_lock_held(void);
void kfree_call_rcu(struct rcu_head *head, void *ptr);
#define kfree_rcu(ptr, field) kfree_call_rcu(&(ptr)->field, (ptr))
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_bh(p) READ_ONCE(p)
#define rcu_dereference_sched(p) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)

#define rcu_dereference(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)

#endif
