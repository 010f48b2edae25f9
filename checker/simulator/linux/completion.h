/* Simulator: completions. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_COMPLETION_H
#define _SIM_COMPLETION_H
#pragma clang system_header
#include <linux/wait.h>
struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};
#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)
void init_completion(struct completion *x);
void reinit_completion(struct completion *x);
void wait_for_completion(struct completion *x);
int __must_check wait_for_completion_interruptible(struct completion *x);
int __must_check wait_for_completion_killable(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
int try_wait_for_completion(struct completion *x);
int completion_done(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);

#endif
