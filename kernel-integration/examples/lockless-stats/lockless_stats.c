// SPDX-License-Identifier: GPL-2.0
/*
 * lockless_stats: a utrace engine that counts system calls and publishes a
 * snapshot to readers without a lock: the traced thread writes the sample,
 * then the sequence number; readers read the number, then the sample. An
 * example module for utrace-check's barrier rules; each planted bug is
 * marked "PLANTED <rule id>" on the line the checker reports.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <linux/utrace.h>

struct ls_snapshot {
	unsigned long calls;
	unsigned long seq;
};

static struct ls_snapshot ls_snap;
static unsigned long ls_calls;

/* The traced thread publishes: sample first, then the sequence number. */
static u32 ls_report_syscall_entry(u32 action, struct utrace_engine *engine,
				   struct pt_regs *regs)
{
	ls_calls++;
	ls_snap.calls = ls_calls;
	smp_wmb();
	WRITE_ONCE(ls_snap.seq, ls_snap.seq + 1);
	return UTRACE_RESUME;
}

/* Readers: the sequence number first, then the sample. */
unsigned long ls_read_calls(unsigned long *seq)
{
	*seq = READ_ONCE(ls_snap.seq);
	smp_rmb();
	return ls_snap.calls;
}

/* A reset path written later, without the barrier. */
void ls_reset(void)
{
	ls_snap.calls = 0;	/* PLANTED UT-BAR-001: not ordered before the seq write */
	WRITE_ONCE(ls_snap.seq, ls_snap.seq + 1);
}

/* A second reader, also without the barrier. */
int ls_changed_since(unsigned long seq, unsigned long *calls)
{
	if (READ_ONCE(ls_snap.seq) == seq)	/* PLANTED UT-BAR-002: not ordered before the sample read */
		return 0;
	*calls = ls_snap.calls;
	return 1;
}

static const struct utrace_engine_ops ls_ops = {
	.report_syscall_entry = ls_report_syscall_entry,
};

static struct utrace_engine *ls_engine;

static int __init ls_init(void)
{
	int ret;

	ls_engine = utrace_attach_task(current, UTRACE_ATTACH_CREATE, &ls_ops, NULL);
	if (IS_ERR(ls_engine))
		return PTR_ERR(ls_engine);
	ret = utrace_set_events(current, ls_engine, UTRACE_EVENT(SYSCALL_ENTRY));
	if (ret)
		pr_warn("lockless_stats: no syscall events: %d\n", ret);
	return 0;
}

static void __exit ls_exit(void)
{
	int ret = utrace_control(current, ls_engine, UTRACE_DETACH);

	/* A callback may still run: wait for it before the module goes. */
	if (ret == -EINPROGRESS) {
		do
			ret = utrace_barrier(current, ls_engine);
		while (ret == -ERESTARTSYS);
	}
	if (ret)
		pr_debug("lockless_stats: already detached\n");
	utrace_engine_put(ls_engine);
}

module_init(ls_init);
module_exit(ls_exit);
MODULE_LICENSE("GPL");
