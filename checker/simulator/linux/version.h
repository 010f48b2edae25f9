/* Simulator: the kernel version a build sees (the era utrace shipped in). Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_VERSION_H
#define _SIM_VERSION_H
#pragma clang system_header
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
/* 2.6.32: a RHEL 6 kernel, the longest-lived one with utrace. */
#ifndef LINUX_VERSION_CODE
#define LINUX_VERSION_CODE KERNEL_VERSION(2, 6, 32)
#endif
#define UTS_RELEASE "2.6.32-utrace-check"

#endif
