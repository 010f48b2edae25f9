/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space shim: the call site the shim's checked accessors pass to the
 * runtime checks.  With CONFIG_UTRACE_RUNTIME_CHECKS off it is (NULL, 0)
 * and the checks themselves are compiled out of shim.c.
 */
#ifndef _SHIM_LINUX_SHIM_SITE_H
#define _SHIM_LINUX_SHIM_SITE_H

#ifdef CONFIG_UTRACE_RUNTIME_CHECKS
#define SHIM_HERE	__FILE__, __LINE__
#else
#define SHIM_HERE	(const char *)0, 0
#endif

#endif
