#ifndef _SIM_LINUX_UACCESS_H
#define _SIM_LINUX_UACCESS_H
#pragma clang system_header

#include <linux/types.h>

unsigned long __must_check copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __must_check copy_from_user(void *to, const void __user *from, unsigned long n);

#endif
