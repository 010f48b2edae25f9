#ifndef _SIM_LINUX_MODULE_H
#define _SIM_LINUX_MODULE_H
#pragma clang system_header

#include <linux/types.h>

#include <linux/kernel.h>
struct module;
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#define MODULE_AUTHOR(x) MODULE_DESCRIPTION(x)
#define MODULE_VERSION(x)
#define MODULE_ALIAS(x)
#define MODULE_PARM_DESC(name, desc)
#define MODULE_INFO(tag, info)
#define EXPORT_SYMBOL(sym) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym) extern __typeof__(sym) sym
#define module_param_named(name, value, type, perm)
#define module_param_array(name, type, nump, perm)
#define module_param_string(name, string, len, perm)
int try_module_get(struct module *module);
void module_put(struct module *module);
void __module_get(struct module *module);
#define __init
#define __exit
#define module_init(fn) int init_module(void) __attribute__((alias(#fn)))
#define module_exit(fn) void cleanup_module(void) __attribute__((alias(#fn)))
#define MODULE_LICENSE(x) static const char __module_license[] __attribute__((unused)) = x
#define MODULE_DESCRIPTION(x) static const char __module_description[] __attribute__((unused)) = x
#define module_param(name, type, perm) static const void *__param_##name __attribute__((unused)) = &name

#endif
