/* Era header (until 2.6.38): the big kernel lock. */
#ifndef _SIM_LINUX_SMP_LOCK_H
#define _SIM_LINUX_SMP_LOCK_H
#pragma clang system_header

void lock_kernel(void);
void unlock_kernel(void);

#endif
