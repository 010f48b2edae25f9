/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: sleeping locks. */
#ifndef _SHIM_LINUX_MUTEX_H
#define _SHIM_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/shim_site.h>

struct mutex {
	pthread_mutex_t m;
};

#define DEFINE_MUTEX(name)	struct mutex name = { PTHREAD_MUTEX_INITIALIZER }

void shim_mutex_lock(struct mutex *lock, const char *file, int line);
void mutex_unlock(struct mutex *lock);

#define mutex_lock(lock)	shim_mutex_lock(lock, SHIM_HERE)

#endif /* _SHIM_LINUX_MUTEX_H */
