#ifndef _SIM_LINUX_SPINLOCK_H
#define _SIM_LINUX_SPINLOCK_H
#pragma clang system_header

#include <linux/types.h>

typedef struct { volatile int locked; } spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
typedef spinlock_t raw_spinlock_t;
typedef struct { volatile int cnts; } rwlock_t;
#define __SPIN_LOCK_UNLOCKED(x) { 0 }
#define SPIN_LOCK_UNLOCKED { 0 }
#define __RW_LOCK_UNLOCKED(x) { 0 }
#define RW_LOCK_UNLOCKED { 0 }
#define DEFINE_RWLOCK(x) rwlock_t x = { 0 }
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = { 0 }
int spin_trylock(spinlock_t *lock);
void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);
void rwlock_init(rwlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
void read_lock_irq(rwlock_t *lock);
void read_unlock_irq(rwlock_t *lock);
void write_lock_irq(rwlock_t *lock);
void write_unlock_irq(rwlock_t *lock);
int read_trylock(rwlock_t *lock);
int write_trylock(rwlock_t *lock);
#define read_lock_irqsave(lock, flags) do { (flags) = 0; read_lock(lock); } while (0)
#define read_unlock_irqrestore(lock, flags) do { (void)(flags); read_unlock(lock); } while (0)
#define write_lock_irqsave(lock, flags) do { (flags) = 0; write_lock(lock); } while (0)
#define write_unlock_irqrestore(lock, flags) do { (void)(flags); write_unlock(lock); } while (0)
#define raw_spin_lock(l) spin_lock(l)
#define raw_spin_unlock(l) spin_unlock(l)
#define raw_spin_lock_init(l) spin_lock_init(l)
#define raw_spin_lock_irqsave(l, f) spin_lock_irqsave(l, f)
#define raw_spin_unlock_irqrestore(l, f) spin_unlock_irqrestore(l, f)
#define assert_spin_locked(l) ((void)(l))
#define lockdep_assert_held(l) ((void)(l))
unsigned long __sim_irq_save(void);
void __sim_irq_restore(unsigned long flags);
#define local_irq_save(flags) ((flags) = __sim_irq_save())
#define local_irq_restore(flags) __sim_irq_restore(flags)
void local_irq_disable(void);
void local_irq_enable(void);
int irqs_disabled(void);
void preempt_disable(void);
void preempt_enable(void);
void preempt_enable_no_resched(void);
int in_atomic(void);
int in_interrupt(void);
int in_irq(void);
int in_softirq(void);
void local_bh_disable(void);
void local_bh_enable(void);
#define spin_lock_irqsave(lock, flags) do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) do { (void)(flags); spin_unlock(lock); } while (0)

#endif
