/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space shim: the RCU read side.  Each thread counts its read-side
 * depth; call_rcu() callbacks run once no thread is inside a read section
 * (a conservative grace period).
 */
#ifndef _SHIM_LINUX_RCUPDATE_H
#define _SHIM_LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/shim_site.h>

void shim_rcu_read_lock(const char *file, int line);
void shim_rcu_read_unlock(const char *file, int line);
int shim_rcu_depth(void);
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void synchronize_rcu(void);

#define rcu_read_lock()		shim_rcu_read_lock(SHIM_HERE)
#define rcu_read_unlock()	shim_rcu_read_unlock(SHIM_HERE)
#define rcu_dereference(p)	READ_ONCE(p)
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

static inline int rcu_read_lock_held(void)
{
	return shim_rcu_depth() > 0;
}

#endif /* _SHIM_LINUX_RCUPDATE_H */
