#ifndef _SIM_LINUX_TYPES_H
#define _SIM_LINUX_TYPES_H
#pragma clang system_header

#include <linux/compiler.h>

typedef _Bool bool;
enum { false = 0, true = 1 };
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed int s32;
typedef long long s64;
typedef unsigned long size_t;
typedef long ssize_t;
typedef int pid_t;
typedef unsigned int gfp_t;
typedef long loff_t;
typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic64_t;
typedef atomic64_t atomic_long_t;
typedef signed char s8;
typedef unsigned char __u8;
typedef signed short s16;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef long long __s64;
typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef s32 int32_t;
typedef s64 int64_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long ptrdiff_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned short umode_t;
typedef unsigned int mode_t;
typedef long off_t;
typedef long time_t;
typedef long clock_t;
typedef unsigned int dev_t;
typedef unsigned long ino_t;
typedef unsigned long sector_t;
typedef unsigned long long phys_addr_t;
typedef unsigned long pgoff_t;
typedef int clockid_t;
typedef void *caddr_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef unsigned short ushort;
typedef unsigned char unchar;
typedef struct { uid_t val; } kuid_t;
typedef struct { gid_t val; } kgid_t;
typedef int __kernel_pid_t;
typedef unsigned long __kernel_size_t;
#define NULL ((void *)0)
/* rcu_head and task_work share one shape. */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head

#endif
