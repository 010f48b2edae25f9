/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated scheduler's control interface, for scenario tests.
 *
 * sim_spawn() creates a traced thread held at a start gate; sim_start()
 * lets it run its body.  The body calls sim_syscall()/sim_exec()/... which
 * run the utrace report hooks, and returns when sim_fatal() says so.  When
 * the body returns the thread reports exit and death and becomes a zombie;
 * sim_reap() releases it (report_reap) and drops the thread's own task
 * reference.  Every wait here is bounded.
 */
#ifndef _SHIM_SIM_H
#define _SHIM_SIM_H

#include <linux/sched.h>
#include <linux/pid.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the task with one reference for the caller (put_task_struct). */
struct task_struct *sim_spawn(const char *comm, void (*body)(void *arg), void *arg);
void sim_start(struct task_struct *task);
void sim_kill(struct task_struct *task);
void sim_send_signal(struct task_struct *task, int sig);
/* Waits up to timeout_ms for the thread to become a zombie: 0 or -ETIMEDOUT. */
int sim_wait_zombie(struct task_struct *task, int timeout_ms);
/* sim_wait_zombie() then release: report_reap, pid unhashed. */
int sim_reap(struct task_struct *task, int timeout_ms);
/* Waits up to timeout_ms until the thread is parked in TASK_TRACED. */
int sim_wait_stopped(struct task_struct *task, int timeout_ms);

/* In the traced thread. */
long sim_syscall(long nr);
void sim_exec(const char *filename);
void sim_jctl(int type);
bool sim_fatal(void);
void sim_safe_point(void);

unsigned long sim_signals_delivered(struct task_struct *task);
long sim_now_ms(void);

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_SIM_H */
