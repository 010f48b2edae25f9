/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SAMPLE_ENGINE_H
#define _SAMPLE_ENGINE_H

#ifdef __cplusplus
extern "C" {
#endif

struct task_struct;
struct pid;
struct utrace_engine_ops;

struct sample_data {
	int syscalls;		/* READ_ONCE/WRITE_ONCE */
};

int sample_attach(struct task_struct *task, struct sample_data *data);
int sample_syscall_count(struct pid *pid);
int sample_read_ip(struct task_struct *task, unsigned long *ip);
int sample_detach(struct task_struct *task);
const struct utrace_engine_ops *sample_engine_ops(void);

#ifdef __cplusplus
}
#endif

#endif
