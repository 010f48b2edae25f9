/* Simulator, first utrace generation: a 2.6.18 (RHEL 5) kernel. */
#ifndef _SIM_LINUX_VERSION_H
#define _SIM_LINUX_VERSION_H
#pragma clang system_header
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#ifndef LINUX_VERSION_CODE
#define LINUX_VERSION_CODE KERNEL_VERSION(2, 6, 18)
#endif
#define UTS_RELEASE "2.6.18-utrace-check"
#endif
