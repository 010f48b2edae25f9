/* SPDX-License-Identifier: GPL-2.0 */
/* User-space shim: the uapi errno values plus the kernel-internal ones. */
#ifndef _SHIM_LINUX_ERRNO_H
#define _SHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#ifndef ERESTARTSYS
#define ERESTARTSYS	512
#endif
#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif

#endif /* _SHIM_LINUX_ERRNO_H */
