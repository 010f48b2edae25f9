#ifndef _SIM_LINUX_MM_H
#define _SIM_LINUX_MM_H
#pragma clang system_header

#include <linux/types.h>

struct task_struct;
struct mm_struct { int map_count; };

#define FOLL_WRITE 0x01
#define FOLL_FORCE 0x10

int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf,
		      int len, unsigned int gup_flags);

#endif
