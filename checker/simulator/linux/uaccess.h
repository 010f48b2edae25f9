#ifndef _SIM_LINUX_UACCESS_H
#define _SIM_LINUX_UACCESS_H
#pragma clang system_header

#include <linux/types.h>

unsigned long __must_check copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __must_check copy_from_user(void *to, const void __user *from, unsigned long n);

#define VERIFY_READ 0
#define VERIFY_WRITE 1
int __sim_access_ok(const void __user *addr, unsigned long size);
#define access_ok(...) __sim_access_ok_pick(__VA_ARGS__, _3, _2)(__VA_ARGS__)
#define __sim_access_ok_pick(a, b, c, n, ...) __sim_access_ok##n
#define __sim_access_ok_2(addr, size) __sim_access_ok((addr), (size))
#define __sim_access_ok_3(type, addr, size) __sim_access_ok((addr), (size))
long __sim_get_user(void *x, const void __user *ptr, unsigned long size);
long __sim_put_user(const void *x, void __user *ptr, unsigned long size);
#define get_user(x, ptr) __sim_get_user(&(x), (ptr), sizeof(*(ptr)))
#define put_user(x, ptr) ({ __typeof__(*(ptr)) __pu = (x); __sim_put_user(&__pu, (ptr), sizeof(*(ptr))); })
#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)
unsigned long __must_check clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
void pagefault_disable(void);
void pagefault_enable(void);
typedef struct { unsigned long seg; } mm_segment_t;
mm_segment_t get_fs(void);
void set_fs(mm_segment_t fs);
#define KERNEL_DS ((mm_segment_t){ ~0UL })
#define USER_DS ((mm_segment_t){ 0x00007ffffffff000UL })
#define get_ds() KERNEL_DS
#endif
