/* Era header (2.6.27-5.x): the hooks utrace sat behind. Only the pieces a
 * tracing module could call. */
#ifndef _SIM_LINUX_TRACEHOOK_H
#define _SIM_LINUX_TRACEHOOK_H
#pragma clang system_header

#include <linux/sched.h>

int tracehook_expect_breakpoints(struct task_struct *task);
void tracehook_signal_handler(int sig, void *info, void *ka, void *regs, int stepping);

#endif
