/*
 * The shapes of a real x86 kernel's headers that matter to the examine
 * window rules, written for utrace-check's tests: task_pt_regs() is a
 * macro over the task_stack_page() inline, and printing and preemption end
 * in out-of-line primitives. Not a system header: under Kbuild the
 * kernel's headers are not either.
 */
#ifndef _TEST_X86_SHAPES_H
#define _TEST_X86_SHAPES_H

struct pt_regs {
	unsigned long ip;
	unsigned long sp;
};

#define XS_THREAD_SIZE 16384UL

static inline void *task_stack_page(const struct task_struct *task)
{
	return task->stack;
}

#define task_pt_regs(task)						\
({									\
	unsigned long __ptr = (unsigned long)task_stack_page(task);	\
	__ptr += XS_THREAD_SIZE;					\
	((struct pt_regs *)__ptr) - 1;					\
})

int _printk(const char *fmt, ...);
#define xs_info(fmt, ...) _printk(fmt, ##__VA_ARGS__)

void preempt_schedule(void);
static inline void xs_preempt_enable(void)
{
	preempt_schedule();
}

#endif
