/* Simulator: reader-writer spinlocks. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_RWLOCK_H
#define _SIM_RWLOCK_H
#pragma clang system_header
#include <linux/spinlock.h>

#endif
