/* Simulator: reader-writer spinlocks. Written for utrace-check, not copied
 * from the kernel. As in real kernels, the _irqsave forms are macros over
 * out-of-line _raw_* functions that return the saved flags. */
#ifndef _SIM_LINUX_RWLOCK_H
#define _SIM_LINUX_RWLOCK_H
#pragma clang system_header

typedef struct { volatile int cnts; } rwlock_t;
#define __RW_LOCK_UNLOCKED(x) { 0 }
#define RW_LOCK_UNLOCKED { 0 }
#define DEFINE_RWLOCK(x) rwlock_t x = { 0 }

void rwlock_init(rwlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
void read_lock_bh(rwlock_t *lock);
void read_unlock_bh(rwlock_t *lock);
void read_lock_irq(rwlock_t *lock);
void read_unlock_irq(rwlock_t *lock);
void write_lock_irq(rwlock_t *lock);
void write_unlock_irq(rwlock_t *lock);
int read_trylock(rwlock_t *lock);
int write_trylock(rwlock_t *lock);
unsigned long _raw_read_lock_irqsave(rwlock_t *lock);
unsigned long _raw_write_lock_irqsave(rwlock_t *lock);
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
#define read_lock_irqsave(lock, flags) \
	do { (flags) = _raw_read_lock_irqsave(lock); } while (0)
#define write_lock_irqsave(lock, flags) \
	do { (flags) = _raw_write_lock_irqsave(lock); } while (0)
#define read_unlock_irqrestore(lock, flags) \
	_raw_read_unlock_irqrestore(lock, flags)
#define write_unlock_irqrestore(lock, flags) \
	_raw_write_unlock_irqrestore(lock, flags)

#endif
