#ifndef _SIM_LINUX_MUTEX_H
#define _SIM_LINUX_MUTEX_H
#pragma clang system_header

#include <linux/types.h>

struct mutex { int owner; };
#define __MUTEX_INITIALIZER(m) { 0 }
int mutex_is_locked(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_destroy(struct mutex *lock);
#define DEFINE_MUTEX(m) struct mutex m = { 0 }

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

#endif
