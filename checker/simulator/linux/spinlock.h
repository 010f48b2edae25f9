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
void spin_lock_nested(spinlock_t *lock, int subclass);
void spin_unlock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
typedef spinlock_t raw_spinlock_t;
#define __SPIN_LOCK_UNLOCKED(x) { 0 }
#define SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = { 0 }
int spin_trylock(spinlock_t *lock);
void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);
#define raw_spin_lock(l) spin_lock(l)
#define raw_spin_unlock(l) spin_unlock(l)
#define raw_spin_lock_init(l) spin_lock_init(l)
#define raw_spin_lock_irqsave(l, f) spin_lock_irqsave(l, f)
#define raw_spin_unlock_irqrestore(l, f) spin_unlock_irqrestore(l, f)
#define assert_spin_locked(l) ((void)(l))
#define lockdep_assert_held(l) ((void)(l))
int irqs_disabled(void);
int in_atomic(void);
int in_interrupt(void);
int in_irq(void);
int in_softirq(void);
void local_bh_disable(void);
void local_bh_enable(void);
#define spin_lock_irqsave(lock, flags) do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) do { (void)(flags); spin_unlock(lock); } while (0)

void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);

#endif
