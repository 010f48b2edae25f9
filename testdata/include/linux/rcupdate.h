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

#define rcu_dereference(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)

#endif
