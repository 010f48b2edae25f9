/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: module metadata is dropped. */
#ifndef _SHIM_LINUX_MODULE_H
#define _SHIM_LINUX_MODULE_H
#include <linux/export.h>
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#define module_init(fn)
#define module_exit(fn)
#define __init
#define __exit
#endif
