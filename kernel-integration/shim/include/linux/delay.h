/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SHIM_LINUX_DELAY_H
#define _SHIM_LINUX_DELAY_H

#include <linux/shim_site.h>

void shim_msleep(unsigned int msecs, const char *file, int line);
#define msleep(ms)	shim_msleep(ms, SHIM_HERE)

#endif
