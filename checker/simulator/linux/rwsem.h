/* Simulator: reader-writer semaphores. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_RWSEM_H
#define _SIM_RWSEM_H
#pragma clang system_header
#include <linux/types.h>
struct rw_semaphore { long count; };
#define __RWSEM_INITIALIZER(name) { 0 }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)
void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

#endif
