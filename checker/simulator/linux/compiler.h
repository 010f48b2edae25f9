#ifndef _SIM_LINUX_COMPILER_H
#define _SIM_LINUX_COMPILER_H
#pragma clang system_header

#define __user
#define __kernel
#define __force
#define __iomem
/* An RCU-protected pointer (sparse's address space), kept in clang's AST as
 * a type tag, as kernels built with CONFIG_DEBUG_INFO_BTF spell it: the
 * RCU rules (UT-RCU-006) read it. */
#if __has_attribute(btf_type_tag)
#define __rcu __attribute__((btf_type_tag("rcu")))
#else
#define __rcu
#endif
#define __percpu
#define __nocast
#define __safe
#define __bitwise
/* sparse's lock-context annotations: checked by sparse, nothing to clang */
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __acquire(x)	(void)0
#define __release(x)	(void)0
#define __cond_lock(x, c)	(c)
#define __read_mostly
#define __cacheline_aligned
#define ____cacheline_aligned
#define __aligned(x)	__attribute__((aligned(x)))
#define __packed	__attribute__((packed))
#define __used		__attribute__((used))
#define __maybe_unused	__attribute__((unused))
#define __always_unused	__attribute__((unused))
#define __weak		__attribute__((weak))
#define __cold		__attribute__((cold))
#define __pure		__attribute__((pure))
#define __attribute_const__	__attribute__((const))
#define noinline	__attribute__((noinline))
#define __deprecated
#define __visible
#define notrace
#define __kprobes
#define __user_ptr
#define asmlinkage
#define fastcall
#define __sched
#define __devinit
#define __devexit
#define __initdata
#define __exitdata
#define __init_or_module
#define __must_check __attribute__((warn_unused_result))
#define __always_inline inline __attribute__((always_inline))
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")
#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
