/* Simulator: wait queues. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_WAIT_H
#define _SIM_WAIT_H
#pragma clang system_header
#include <linux/list.h>
#include <linux/spinlock.h>
struct task_struct;
typedef struct wait_queue_entry {
	unsigned int flags;
	void *private;
	int (*func)(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
	struct list_head entry;
} wait_queue_entry_t;
typedef wait_queue_entry_t wait_queue_t;
typedef struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
} wait_queue_head_t;
#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { { 0 }, { &(name).head, &(name).head } }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAITQUEUE(name, tsk) wait_queue_entry_t name = { 0, tsk, 0, { 0, 0 } }
#define DEFINE_WAIT(name) wait_queue_entry_t name = { 0, 0, 0, { &(name).entry, &(name).entry } }
void init_waitqueue_head(wait_queue_head_t *wq);
void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *e);
void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *e);
void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *e, int state);
void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *e);
void __wake_up(wait_queue_head_t *wq, unsigned int mode, int nr, void *key);
#define wake_up(wq) __wake_up(wq, 3, 1, NULL)
#define wake_up_all(wq) __wake_up(wq, 3, 0, NULL)
#define wake_up_interruptible(wq) __wake_up(wq, 1, 1, NULL)
#define wake_up_interruptible_all(wq) __wake_up(wq, 1, 0, NULL)
int waitqueue_active(wait_queue_head_t *wq);
/* The condition is re-tested after every wake-up; the simulator only
 * sleeps once, which is what a path-sensitive reader needs. */
void __wait_event_sleep(wait_queue_head_t *wq);
int __wait_event_sleep_interruptible(wait_queue_head_t *wq);
long __wait_event_sleep_timeout(wait_queue_head_t *wq, long timeout);
#define wait_event(wq, cond) do { if (!(cond)) __wait_event_sleep(&(wq)); } while (0)
#define wait_event_interruptible(wq, cond) \
	((cond) ? 0 : __wait_event_sleep_interruptible(&(wq)))
#define wait_event_killable(wq, cond) wait_event_interruptible(wq, cond)
#define wait_event_timeout(wq, cond, timeout) \
	((cond) ? 1 : __wait_event_sleep_timeout(&(wq), (timeout)))
#define wait_event_interruptible_timeout(wq, cond, timeout) \
	wait_event_timeout(wq, cond, timeout)

#endif
