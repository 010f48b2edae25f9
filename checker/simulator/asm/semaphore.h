/* Era header (before 2.6.26): counting semaphores lived in <asm/semaphore.h>
 * and DECLARE_MUTEX made a binary one. For --standalone on older modules. */
#ifndef _SIM_ASM_SEMAPHORE_H
#define _SIM_ASM_SEMAPHORE_H
#pragma clang system_header

#include <linux/semaphore.h>

#endif
