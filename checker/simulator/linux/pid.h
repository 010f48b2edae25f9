#ifndef _SIM_LINUX_PID_H
#define _SIM_LINUX_PID_H
#pragma clang system_header

#include <linux/types.h>

enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

struct pid;
struct pid_namespace;
struct task_struct;

struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
struct pid *find_get_pid(pid_t nr);
struct pid *find_vpid(int nr);
/* 2.6.18-2.6.23; later kernels: find_pid_ns() and find_vpid() */
struct pid *find_pid(int nr);
struct pid *find_ge_pid(int nr, struct pid_namespace *ns);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
struct task_struct *get_pid_task(struct pid *pid, enum pid_type type);
struct pid *get_task_pid(struct task_struct *task, enum pid_type type);

#endif
