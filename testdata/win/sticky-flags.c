// A test of task->flags against bits that are never cleared once set
// (kernel.yaml's sticky_task_flags: PF_EXITING, PF_KTHREAD, PF_SIGNALED,
// ...) gives the same answer in or out of a window, so it is not UT-WIN-001
// on a stored task. Bits that come and go (the freezer's, PF_MEMALLOC), a
// mask that mixes the two kinds, and the whole flags word still are.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/utrace.h>

struct probed_thread {
	struct list_head node;
	struct task_struct *task;
	struct utrace_engine *engine;
	int quiet;
};

struct probed_proc {
	struct list_head threads;
	int nthreads;
};

/* Pick a thread that is not on its way out to patch the address space. */
static struct task_struct *pick_live_thread(struct probed_proc *pp)
{
	struct probed_thread *pt;

	list_for_each_entry(pt, &pp->threads, node) {
		if (!(pt->task->flags & PF_EXITING))
			return pt->task;
	}
	return NULL;
}

int ok_patch_through_live_thread(struct probed_proc *pp)
{
	struct task_struct *tsk = pick_live_thread(pp);

	return tsk ? 0 : -ESRCH;
}

int ok_skip_dead_or_kernel(struct probed_thread *pt)
{
	if (unlikely(pt->task->flags & (PF_EXITING | PF_KTHREAD)))
		return -EPERM;
	if (pt->task->flags & PF_SIGNALED)
		return -ESRCH;
	return utrace_control(pt->task, pt->engine, UTRACE_STOP);
}

int bad_frozen_counts_as_quiet(struct probed_thread *pt)
{
	int ret = utrace_control(pt->task, pt->engine, UTRACE_STOP);

	if (ret != -EINPROGRESS) // expected-note {{assuming the condition is false}}
		return ret;
	if (pt->task->flags & PF_FROZEN) // expected-warning {{task state read through 'pt->task->flags' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
		pt->quiet = 1;
	return 0;
}

int bad_mixed_mask(struct probed_thread *pt)
{
	return (pt->task->flags & (PF_EXITING | PF_MEMALLOC)) != 0; // expected-warning {{task state read through 'pt->task->flags' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

unsigned int bad_whole_word(struct probed_thread *pt)
{
	return pt->task->flags; // expected-warning {{task state read through 'pt->task->flags' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}
}

int bad_flags_kept_then_tested(struct probed_thread *pt)
{
	/* Not followed: the word is read first, and that read is the finding. */
	unsigned int f = pt->task->flags; // expected-warning {{task state read through 'pt->task->flags' outside an examine window opened by utrace_prepare_examine() [UT-WIN-001]}}

	return !!(f & PF_EXITING);
}
