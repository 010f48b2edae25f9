#ifndef _SIM_LINUX_MODULE_H
#define _SIM_LINUX_MODULE_H
#pragma clang system_header

#include <linux/types.h>

#define __init
#define __exit
#define module_init(fn) int init_module(void) __attribute__((alias(#fn)))
#define module_exit(fn) void cleanup_module(void) __attribute__((alias(#fn)))
#define MODULE_LICENSE(x) static const char __module_license[] __attribute__((unused)) = x
#define MODULE_DESCRIPTION(x) static const char __module_description[] __attribute__((unused)) = x
#define module_param(name, type, perm) static const void *__param_##name __attribute__((unused)) = &name

#endif
