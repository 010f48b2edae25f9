#ifndef _SIM_LINUX_PREEMPT_H
#define _SIM_LINUX_PREEMPT_H
#pragma clang system_header

/* Preemption, interrupts and bottom halves. Real kernels implement these
 * with inline helpers (__preempt_count_add(), arch_local_irq_save()); the
 * simulator declares the names code writes. */
void preempt_disable(void);
void preempt_enable(void);
void preempt_enable_no_resched(void);
int smp_processor_id_fn(void);
#define smp_processor_id() smp_processor_id_fn()
#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()

void local_irq_disable(void);
void local_irq_enable(void);
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
#define local_irq_save(flags) do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)

void local_bh_disable(void);
void local_bh_enable(void);

#endif
