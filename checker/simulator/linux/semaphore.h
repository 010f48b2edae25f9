#ifndef _SIM_LINUX_SEMAPHORE_H
#define _SIM_LINUX_SEMAPHORE_H
#pragma clang system_header

#include <linux/compiler.h>

struct semaphore {
	int count;
};

#define __SEMAPHORE_INITIALIZER(name, n) { .count = (n) }
#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)
/* The pre-2.6.37 spelling of a binary semaphore. */
#define DECLARE_MUTEX(name) DEFINE_SEMAPHORE(name)
#define init_MUTEX(sem) sema_init((sem), 1)

void sema_init(struct semaphore *sem, int val);
void down(struct semaphore *sem);
int __must_check down_interruptible(struct semaphore *sem);
int __must_check down_trylock(struct semaphore *sem);
void up(struct semaphore *sem);

#endif
