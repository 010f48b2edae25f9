#ifndef _SIM_LINUX_SCHED_TASK_STACK_H
#define _SIM_LINUX_SCHED_TASK_STACK_H
#pragma clang system_header

#include <linux/ptrace.h>

#endif
