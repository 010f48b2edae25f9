/* The lock and mm layouts of Linux 6.1's headers, reduced to what the lock
 * rules see; written for utrace-check. spinlock_t keeps its raw lock in an
 * anonymous union, spin_lock_irqsave() passes &lock->rlock while
 * spin_unlock_irqrestore() takes the lock, and struct mm_struct keeps
 * mmap_lock in an anonymous struct. */
#ifndef LAYOUT61_H
#define LAYOUT61_H
#pragma clang system_header

typedef struct raw_spinlock { unsigned int val; } raw_spinlock_t;
typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
		struct { unsigned char pad[4]; unsigned int owner; } __pad;
	};
} spinlock_t;

unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);

static inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = _raw_spin_lock_irqsave(spinlock_check(lock)); } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	_raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

struct rw_semaphore { long count; };
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);

struct page;
struct mm_struct {
	struct {
		struct rw_semaphore mmap_lock;
		unsigned long start_code, end_code;
	};
	unsigned long cpu_bitmap[];
};
static inline void mmap_read_lock(struct mm_struct *mm) { down_read(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm) { up_read(&mm->mmap_lock); }
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
void put_page(struct page *page);

#endif
