/* Simulator: pid namespaces. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_PID_NAMESPACE_H
#define _SIM_PID_NAMESPACE_H
#pragma clang system_header
#include <linux/pid.h>
#include <linux/kref.h>
struct pid_namespace {
	struct kref kref;
	unsigned int level;
	struct pid_namespace *parent;
	struct task_struct *child_reaper;
};
extern struct pid_namespace init_pid_ns;
struct pid_namespace *task_active_pid_ns(struct task_struct *tsk);
struct pid_namespace *get_pid_ns(struct pid_namespace *ns);
void put_pid_ns(struct pid_namespace *ns);
pid_t pid_nr(struct pid *pid);
pid_t pid_vnr(struct pid *pid);
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns);
pid_t task_pid_vnr(struct task_struct *tsk);
pid_t task_tgid_nr(struct task_struct *tsk);
pid_t task_tgid_vnr(struct task_struct *tsk);
pid_t task_pid_nr_ns(struct task_struct *tsk, struct pid_namespace *ns);
pid_t task_tgid_nr_ns(struct task_struct *tsk, struct pid_namespace *ns);
struct pid *task_pid(struct task_struct *tsk);
struct pid *task_tgid(struct task_struct *tsk);
struct pid *find_pid_ns(int nr, struct pid_namespace *ns);
struct task_struct *find_task_by_pid(pid_t nr);

#endif
