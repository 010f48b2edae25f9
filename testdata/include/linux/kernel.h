#ifndef _SIM_LINUX_KERNEL_H
#define _SIM_LINUX_KERNEL_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/errno.h>

#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

__printf(1, 2) int printk(const char *fmt, ...);
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

__printf(1, 2) void panic(const char *fmt, ...) __noreturn;
void __bug_trap(void);
#define BUG() do { __bug_trap(); __builtin_unreachable(); } while (0)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)
int __warn_on(int cond);
#define WARN_ON(cond) __warn_on(!!(cond))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void might_sleep(void);
int snprintf(char *buf, size_t size, const char *fmt, ...);
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
