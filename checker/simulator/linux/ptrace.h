#ifndef _SIM_LINUX_PTRACE_H
#define _SIM_LINUX_PTRACE_H
#pragma clang system_header

#include <linux/sched.h>

/* x86-64 registers; the register names of 2.6.2x kernels (rip, rax...) and
 * of i386 (eip, eax...) name the same slots, so code of any era parses. */
struct pt_regs {
	unsigned long r15, r14, r13, r12;
	union { unsigned long bp; unsigned long rbp; unsigned long ebp; };
	union { unsigned long bx; unsigned long rbx; unsigned long ebx; };
	unsigned long r11, r10, r9, r8;
	union { unsigned long ax; unsigned long rax; unsigned long eax; };
	union { unsigned long cx; unsigned long rcx; unsigned long ecx; };
	union { unsigned long dx; unsigned long rdx; unsigned long edx; };
	union { unsigned long si; unsigned long rsi; unsigned long esi; };
	union { unsigned long di; unsigned long rdi; unsigned long edi; };
	union { unsigned long orig_ax; unsigned long orig_rax; unsigned long orig_eax; };
	union { unsigned long ip; unsigned long rip; unsigned long eip; };
	union { unsigned long cs; unsigned long xcs; };
	union { unsigned long flags; unsigned long eflags; };
	union { unsigned long sp; unsigned long rsp; unsigned long esp; };
	union { unsigned long ss; unsigned long xss; };
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
