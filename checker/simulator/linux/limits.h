/* Simulator: path and name limits. Written for utrace-check. */
#ifndef _SIM_LINUX_LIMITS_H
#define _SIM_LINUX_LIMITS_H
#pragma clang system_header
#define NR_OPEN		1024
#define NGROUPS_MAX	65536
#define ARG_MAX		131072
#define NAME_MAX	255
#define PATH_MAX	4096
#define PIPE_BUF	4096
#endif
