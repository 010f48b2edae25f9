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
#define NULL ((void *)0)

#endif
