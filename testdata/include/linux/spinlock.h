#ifndef _SIM_LINUX_SPINLOCK_H
#define _SIM_LINUX_SPINLOCK_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/rwlock.h>
#include <linux/preempt.h>

typedef struct { volatile int locked; } spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) do { (void)(flags); spin_unlock(lock); } while (0)

void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);

#endif
