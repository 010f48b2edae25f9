/* SPDX-License-Identifier: GPL-2.0 */
/* Agreement test compatibility: user copies are plain copies here. */
#ifndef _AGR_LINUX_UACCESS_H
#define _AGR_LINUX_UACCESS_H
#include <linux/types.h>
#include <string.h>
#define __user
static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{ memcpy(to, from, n); return 0; }
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{ memcpy(to, from, n); return 0; }
#endif
