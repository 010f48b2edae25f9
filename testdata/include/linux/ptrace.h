#ifndef _SIM_LINUX_PTRACE_H
#define _SIM_LINUX_PTRACE_H
#pragma clang system_header

#include <linux/sched.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10;
	unsigned long r9, r8, ax, cx, dx, si, di, orig_ax;
	unsigned long ip, cs, flags, sp, ss;
};

struct pt_regs *task_pt_regs(struct task_struct *task);

static inline unsigned long instruction_pointer(struct pt_regs *regs)
{
	return regs->ip;
}
int task_current_syscall(struct task_struct *target, long *callno,
			 unsigned long args[6], unsigned int maxargs,
			 unsigned long *sp, unsigned long *pc);

#endif
