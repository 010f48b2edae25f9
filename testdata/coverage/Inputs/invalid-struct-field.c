/*
 * A tracer whose slot table has a field of a type nothing declares (the
 * header that had it is not there). The analyzer used to crash with SIGSEGV
 * in ASTContext::getASTRecordLayout when a kept function took the address
 * of a field of such a struct (the conservative call invalidates it, which
 * needs the struct's layout), and the crash lost every file of the run.
 */
#include <linux/utrace.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct tr_slot {
	struct utrace_engine *engine;
	struct tr_history history;	/* never defined */
	tr_cookie_t cookie;		/* never declared */
	spinlock_t lock;
};

static struct tr_slot tr_slots[16];
static const struct utrace_engine_ops tr_ops;

static void tr_slot_clear(struct tr_slot *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	s->engine = NULL;
	spin_unlock_irqrestore(&s->lock, flags);
}

static int tr_attach_slot(struct task_struct *task, int i)
{
	struct utrace_engine *e;

	e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tr_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	tr_slot_clear(&tr_slots[i]);
	utrace_engine_put(e);
	return 0;
}

/* Parses and uses nothing broken: analysed, and its leak is reported. */
static int tr_attach_leaky(struct task_struct *task)
{
	struct utrace_engine *e;

	e = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &tr_ops, NULL);
	if (IS_ERR(e))
		return PTR_ERR(e);
	return 0;
}
