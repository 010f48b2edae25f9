// SPDX-License-Identifier: GPL-2.0
/*
 * utrace runtime checks (CONFIG_UTRACE_RUNTIME_CHECKS).
 *
 * Bookkeeping behind the hooks that kernel/utrace.c and the user-space shim
 * call: caller references per engine with the site that acquired each one
 * (kmemleak style), quarantined engines after the last put, examine windows
 * per (thread, task), and the callback stack of each thread.  Every report
 * is printed once per (site, rule) as
 *	runtime: path:line: message [UT-XXX-NNN]
 * and kept in memory for tests.  One global lock; this is a debug mode.
 *
 * Rules and how each is caught:
 *  UT-REF-001  caller references still recorded when utrace_runtime_module_exit() runs
 *  UT-REF-002  an entry point gets an engine that is in quarantine, or one
 *              on which no caller reference is recorded (outside its own
 *              callbacks)
 *  UT-REF-003  utrace_engine_put() with no caller reference left
 *  UT-REF-005  an entry point gets an ERR_PTR (or NULL) as its engine
 *  UT-WIN-001  a task accessor on another thread with no window open by us
 *  UT-WIN-002  a -EAGAIN finish not followed by a retry, a put or a detach
 *              before the engine lets the thread run again
 *  UT-WIN-003  prepare again or module exit with a window open; finish
 *              with no window
 *  UT-RCU-001  a sleeping entry point with a read-side depth above zero
 *  UT-RCU-002  a callback returns with its read-side depth changed
 *  UT-CB-001   a sleeping entry point inside report_reap
 *  UT-CB-002   utrace_barrier() on an engine whose callback is running in
 *              this very thread
 * The shim adds UT-RCU-002 (unlock without lock, thread exit), UT-RCU-003
 * and UT-RCU-004 on its side.
 */
#include <linux/utrace.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stdarg.h>
#include <linux/string.h>

#define RT_MAX_RECORDS		512
#define RT_MAX_THREADS		64
#define RT_MAX_CALLBACKS	8

struct rt_ref {
	struct list_head node;
	const char *api;
	const char *file;
	int line;
};

struct rt_window {
	struct list_head node;
	struct task_struct *thread;	/* who opened it */
	struct task_struct *task;
	struct utrace_engine *engine;
	struct utrace_examiner *exam;
	const char *file;		/* prepare site, then finish site */
	int line;
	bool stale;			/* finish said -EAGAIN, not yet looked at */
};

struct rt_callback {
	struct utrace_engine *engine;
	unsigned long event;
	int rcu_depth;
};

struct rt_thread {
	struct task_struct *thread;
	int depth;
	struct rt_callback cb[RT_MAX_CALLBACKS];
};

static DEFINE_SPINLOCK(rt_lock);
static LIST_HEAD(rt_engines);
static LIST_HEAD(rt_quarantine);
static LIST_HEAD(rt_windows);
static struct rt_thread rt_threads[RT_MAX_THREADS];
static struct utrace_rt_record rt_records[RT_MAX_RECORDS];
static int rt_nr_records;
static utrace_rt_hook_t rt_hook;

static bool rt_seen(const char *file, int line, const char *rule)
{
	int i;

	for (i = 0; i < rt_nr_records; i++)
		if (rt_records[i].line == line && !strcmp(rt_records[i].rule, rule) &&
		    !strcmp(rt_records[i].file, file))
			return true;
	return false;
}

void utrace_rt_report(const char *file, int line, const char *rule,
		      const char *fmt, ...)
{
	struct utrace_rt_record rec;
	utrace_rt_hook_t hook;
	va_list args;

	if (!file)
		file = "?";
	memset(&rec, 0, sizeof(rec));
	rec.file = file;
	rec.line = line;
	strncpy(rec.rule, rule, sizeof(rec.rule) - 1);
	va_start(args, fmt);
	vsnprintf(rec.message, sizeof(rec.message), fmt, args);
	va_end(args);

	spin_lock(&rt_lock);
	if (rt_seen(file, line, rule)) {
		spin_unlock(&rt_lock);
		return;
	}
	if (rt_nr_records < RT_MAX_RECORDS)
		rt_records[rt_nr_records++] = rec;
	hook = rt_hook;
	spin_unlock(&rt_lock);

	pr_warn("runtime: %s:%d: %s [%s]\n", file, line, rec.message, rule);
	if (hook)
		hook(&rec);
}
EXPORT_SYMBOL_GPL(utrace_rt_report);

/* ---- engines and references ------------------------------------------ */

void utrace_rt_engine_new(struct utrace_engine *engine,
			  const struct utrace_engine_ops *ops)
{
	engine->rt.magic = UTRACE_RT_ENGINE_LIVE;
	engine->rt.owner = ops;
	engine->rt.nr_refs = 0;
	INIT_LIST_HEAD(&engine->rt.refs);
	spin_lock(&rt_lock);
	list_add_tail(&engine->rt.all, &rt_engines);
	spin_unlock(&rt_lock);
}

/* Poison a freed engine and keep it, so later uses can be recognised. */
bool utrace_rt_engine_quarantine(struct utrace_engine *engine)
{
	struct rt_ref *ref, *next;

	spin_lock(&rt_lock);
	list_for_each_entry_safe(ref, next, &engine->rt.refs, node) {
		list_del(&ref->node);
		kfree(ref);
	}
	engine->rt.nr_refs = 0;
	engine->rt.magic = UTRACE_RT_ENGINE_DEAD;
	engine->ops = NULL;
	engine->data = NULL;
	WRITE_ONCE(engine->flags, 0UL);
	list_move_tail(&engine->rt.all, &rt_quarantine);
	spin_unlock(&rt_lock);
	return true;
}

static bool rt_in_callback_of(struct utrace_engine *engine);

/* No caller reference recorded and no callback of @engine running here. */
static bool rt_unreferenced(struct utrace_engine *engine)
{
	bool none;

	spin_lock(&rt_lock);
	none = engine->rt.magic == UTRACE_RT_ENGINE_LIVE && engine->rt.nr_refs == 0;
	spin_unlock(&rt_lock);
	return none && !rt_in_callback_of(engine);
}

bool utrace_rt_engine_ok(struct utrace_engine *engine, const char *api
			 UTRACE_SITE_PARAMS)
{
	if (IS_ERR_OR_NULL(engine)) {
		utrace_rt_report(site_file, site_line, "UT-REF-005",
				 "%s from utrace_attach_*() passed as the engine to %s()",
				 engine ? "error pointer" : "NULL", api);
		return false;
	}
	if (READ_ONCE(engine->rt.magic) == UTRACE_RT_ENGINE_DEAD) {
		utrace_rt_report(site_file, site_line, "UT-REF-002",
				 "engine passed to %s() after its last utrace_engine_put()",
				 api);
		return false;
	}
	/*
	 * Still allocated (the attachment holds it) but nobody holds a
	 * counted reference and we are not in one of its callbacks: a detach
	 * or reap may free it at any moment (contract rule 1: no use after
	 * the caller's last put).  Report, but let the call go on.
	 */
	if (rt_unreferenced(engine))
		utrace_rt_report(site_file, site_line, "UT-REF-002",
				 "engine passed to %s() after its last utrace_engine_put() (no reference held)",
				 api);
	return true;
}

void utrace_rt_ref_acquired(struct utrace_engine *engine, const char *api
			    UTRACE_SITE_PARAMS)
{
	struct rt_ref *ref = kmalloc(sizeof(*ref), GFP_ATOMIC);

	if (!ref)
		return;
	ref->api = api;
	ref->file = site_file;
	ref->line = site_line;
	spin_lock(&rt_lock);
	list_add_tail(&ref->node, &engine->rt.refs);
	engine->rt.nr_refs++;
	spin_unlock(&rt_lock);
}

bool utrace_rt_engine_get(struct utrace_engine *engine UTRACE_SITE_PARAMS)
{
	if (!utrace_rt_engine_ok(engine, "utrace_engine_get" UTRACE_SITE_FWD))
		return false;
	utrace_rt_ref_acquired(engine, "utrace_engine_get" UTRACE_SITE_FWD);
	return true;
}

/* Forget -EAGAIN results of @engine's windows: the caller gave up on them. */
static void rt_drop_stale(struct utrace_engine *engine)
{
	struct rt_window *win, *next;
	LIST_HEAD(gone);

	spin_lock(&rt_lock);
	list_for_each_entry_safe(win, next, &rt_windows, node)
		if (win->stale && win->engine == engine && win->thread == current)
			list_move(&win->node, &gone);
	spin_unlock(&rt_lock);
	list_for_each_entry_safe(win, next, &gone, node)
		kfree(win);
}

bool utrace_rt_engine_put(struct utrace_engine *engine UTRACE_SITE_PARAMS)
{
	struct rt_ref *ref = NULL;

	if (IS_ERR_OR_NULL(engine)) {
		utrace_rt_report(site_file, site_line, "UT-REF-005",
				 "%s from utrace_attach_*() passed to utrace_engine_put()",
				 engine ? "error pointer" : "NULL");
		return false;
	}
	spin_lock(&rt_lock);
	if (engine->rt.magic == UTRACE_RT_ENGINE_LIVE && engine->rt.nr_refs > 0) {
		ref = list_entry(engine->rt.refs.prev, struct rt_ref, node);
		list_del(&ref->node);
		engine->rt.nr_refs--;
	}
	spin_unlock(&rt_lock);
	if (!ref) {
		utrace_rt_report(site_file, site_line, "UT-REF-003",
				 "utrace_engine_put() on an engine whose references are all released");
		return false;
	}
	kfree(ref);
	rt_drop_stale(engine);
	return true;
}

/* ---- threads and callbacks ------------------------------------------- */

static struct rt_thread *rt_thread_of(struct task_struct *thread, bool create)
{
	int i, free = -1;

	for (i = 0; i < RT_MAX_THREADS; i++) {
		if (rt_threads[i].thread == thread)
			return &rt_threads[i];
		if (free < 0 && !rt_threads[i].thread)
			free = i;
	}
	if (!create || free < 0)
		return NULL;
	rt_threads[free].thread = thread;
	rt_threads[free].depth = 0;
	return &rt_threads[free];
}

void utrace_rt_cb_enter(struct utrace_engine *engine, unsigned long event)
{
	int rcu_depth = utrace_rt_rcu_depth();
	struct rt_thread *t;

	spin_lock(&rt_lock);
	t = rt_thread_of(current, true);
	if (t && t->depth < RT_MAX_CALLBACKS) {
		t->cb[t->depth].engine = engine;
		t->cb[t->depth].event = event;
		t->cb[t->depth].rcu_depth = rcu_depth;
	}
	if (t)
		t->depth++;
	spin_unlock(&rt_lock);
}

void utrace_rt_cb_exit(struct utrace_engine *engine, unsigned long event)
{
	int saved = -1;
	struct rt_thread *t;

	spin_lock(&rt_lock);
	t = rt_thread_of(current, false);
	if (t && t->depth > 0) {
		t->depth--;
		if (t->depth < RT_MAX_CALLBACKS)
			saved = t->cb[t->depth].rcu_depth;
		if (!t->depth)
			t->thread = NULL;
	}
	spin_unlock(&rt_lock);
	if (saved >= 0 && utrace_rt_rcu_depth() != saved)
		utrace_rt_rcu_unwind(saved, "utrace callback");
}

/* The innermost callback event running in this thread, or 0. */
static unsigned long rt_callback_event(void)
{
	unsigned long event = 0;
	struct rt_thread *t;

	spin_lock(&rt_lock);
	t = rt_thread_of(current, false);
	if (t && t->depth > 0 && t->depth <= RT_MAX_CALLBACKS)
		event = t->cb[t->depth - 1].event;
	spin_unlock(&rt_lock);
	return event;
}

/* Is a callback of @engine running in this thread? */
static bool rt_in_callback_of(struct utrace_engine *engine)
{
	bool own = false;
	struct rt_thread *t;
	int i;

	spin_lock(&rt_lock);
	t = rt_thread_of(current, false);
	for (i = 0; t && i < t->depth && i < RT_MAX_CALLBACKS; i++)
		if (t->cb[i].engine == engine)
			own = true;
	spin_unlock(&rt_lock);
	return own;
}

void utrace_rt_barrier_check(struct task_struct *target,
			     struct utrace_engine *engine UTRACE_SITE_PARAMS)
{
	bool own = false;
	struct rt_thread *t;
	int i;

	spin_lock(&rt_lock);
	t = rt_thread_of(current, false);
	for (i = 0; t && i < t->depth && i < RT_MAX_CALLBACKS; i++)
		if (t->cb[i].engine == engine)
			own = true;
	spin_unlock(&rt_lock);
	if (own)
		utrace_rt_report(site_file, site_line, "UT-CB-002",
				 "utrace_barrier() called on its own engine from inside its callback");
}

void utrace_rt_might_sleep(const char *api UTRACE_SITE_PARAMS)
{
	if (utrace_rt_rcu_depth() > 0)
		utrace_rt_report(site_file, site_line, "UT-RCU-001",
				 "%s() may sleep inside an rcu_read_lock() section",
				 api);
	if (rt_callback_event() == UTRACE_EVENT(REAP))
		utrace_rt_report(site_file, site_line, "UT-CB-001",
				 "%s() may sleep inside a report_reap callback",
				 api);
#ifdef __KERNEL__
	might_sleep();
#endif
}

/* ---- examine windows -------------------------------------------------- */

static struct rt_window *rt_find_window(struct utrace_examiner *exam,
					struct task_struct *task)
{
	struct rt_window *win;

	list_for_each_entry(win, &rt_windows, node)
		if (win->thread == current &&
		    (win->exam == exam || (task && win->task == task)))
			return win;
	return NULL;
}

void utrace_rt_window_open(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam UTRACE_SITE_PARAMS)
{
	struct rt_window *win = kzalloc(sizeof(*win), GFP_ATOMIC);
	struct rt_window *old;
	const char *old_file = NULL;
	int old_line = 0;

	spin_lock(&rt_lock);
	old = rt_find_window(exam, target);
	if (old) {
		/* A retry consumes a stale result; an open window leaks. */
		if (!old->stale) {
			old_file = old->file;
			old_line = old->line;
		}
		list_del(&old->node);
	}
	if (win) {
		win->thread = current;
		win->task = target;
		win->engine = engine;
		win->exam = exam;
		win->file = site_file;
		win->line = site_line;
		list_add(&win->node, &rt_windows);
	}
	spin_unlock(&rt_lock);
	kfree(old);
	if (old_file)
		utrace_rt_report(old_file, old_line, "UT-WIN-003",
				 "utrace_prepare_examine() window is not closed by utrace_finish_examine()");
}

bool utrace_rt_window_held(struct task_struct *target,
			   struct utrace_engine *engine,
			   struct utrace_examiner *exam UTRACE_SITE_PARAMS)
{
	struct rt_window *win;
	bool held;

	spin_lock(&rt_lock);
	win = rt_find_window(exam, NULL);
	held = win && !win->stale && win->task == target;
	spin_unlock(&rt_lock);
	if (!held)
		utrace_rt_report(site_file, site_line, "UT-WIN-003",
				 "utrace_finish_examine() without a matching utrace_prepare_examine()");
	return held;
}

void utrace_rt_window_close(struct task_struct *target,
			    struct utrace_engine *engine,
			    struct utrace_examiner *exam, int ret
			    UTRACE_SITE_PARAMS)
{
	struct rt_window *win;

	spin_lock(&rt_lock);
	win = rt_find_window(exam, NULL);
	if (win && ret == -EAGAIN) {
		win->stale = true;
		win->file = site_file;
		win->line = site_line;
		win = NULL;
	} else if (win) {
		list_del(&win->node);
	}
	spin_unlock(&rt_lock);
	kfree(win);
}

void utrace_rt_control_check(struct task_struct *target,
			     struct utrace_engine *engine, int action
			     UTRACE_SITE_PARAMS)
{
	struct rt_window *win, *next, *stale = NULL;

	if (action == UTRACE_STOP)
		return;
	if (action == UTRACE_DETACH) {
		rt_drop_stale(engine);
		return;
	}
	spin_lock(&rt_lock);
	list_for_each_entry_safe(win, next, &rt_windows, node)
		if (win->stale && win->engine == engine && win->thread == current) {
			list_del(&win->node);
			stale = win;
			break;
		}
	spin_unlock(&rt_lock);
	if (!stale)
		return;
	utrace_rt_report(stale->file, stale->line, "UT-WIN-002",
			 "-EAGAIN from utrace_finish_examine() is ignored and the thread resumed");
	kfree(stale);
}

void utrace_rt_task_use(struct task_struct *task, const char *api
			UTRACE_SITE_PARAMS)
{
	utrace_rt_task_expired(task, api UTRACE_SITE_FWD);
}

void utrace_rt_task_access(struct task_struct *task, const char *api
			   UTRACE_SITE_PARAMS)
{
	struct rt_window *win;
	bool open = false;

	if (!task || task == current)
		return;
	spin_lock(&rt_lock);
	list_for_each_entry(win, &rt_windows, node)
		if (win->thread == current && win->task == task && !win->stale)
			open = true;
	spin_unlock(&rt_lock);
	if (!open)
		utrace_rt_report(site_file, site_line, "UT-WIN-001",
				 "%s() touches task state outside a utrace_prepare_examine() window",
				 api);
}

/* ---- module exit and test hooks --------------------------------------- */

/**
 * utrace_runtime_module_exit - report what a tracer module leaves behind
 * @ops: the module's engine ops, or NULL for every engine
 *
 * Call it from the module's exit function.  Returns the number of leaked
 * references and open windows found.
 */
int utrace_runtime_module_exit(const struct utrace_engine_ops *ops)
{
	struct utrace_engine *engine;
	struct rt_window *win;
	struct rt_ref *ref;
	struct {
		const char *api, *file;
		int line;
		bool window;
	} found[32];
	int n = 0, total = 0, i;

	spin_lock(&rt_lock);
	list_for_each_entry(engine, &rt_engines, rt.all) {
		if (ops && engine->rt.owner != ops)
			continue;
		list_for_each_entry(ref, &engine->rt.refs, node) {
			if (n < 32) {
				found[n].api = ref->api;
				found[n].file = ref->file;
				found[n].line = ref->line;
				found[n++].window = false;
			}
			total++;
		}
	}
	list_for_each_entry(win, &rt_windows, node) {
		if (win->stale || (ops && win->engine->rt.owner != ops))
			continue;
		if (n < 32) {
			found[n].api = NULL;
			found[n].file = win->file;
			found[n].line = win->line;
			found[n++].window = true;
		}
		total++;
	}
	spin_unlock(&rt_lock);

	for (i = 0; i < n; i++) {
		if (found[i].window)
			utrace_rt_report(found[i].file, found[i].line, "UT-WIN-003",
					 "utrace_prepare_examine() window is still open at module exit");
		else
			utrace_rt_report(found[i].file, found[i].line, "UT-REF-001",
					 "engine reference from %s() is still held at module exit",
					 found[i].api);
	}
	return total;
}
EXPORT_SYMBOL_GPL(utrace_runtime_module_exit);

/**
 * utrace_runtime_engine_refs - caller references recorded on @engine
 *
 * For tests: -1 once the engine is freed (quarantined), else the count.
 */
int utrace_runtime_engine_refs(const struct utrace_engine *engine)
{
	int n;

	spin_lock(&rt_lock);
	n = engine->rt.magic == UTRACE_RT_ENGINE_LIVE ? engine->rt.nr_refs : -1;
	spin_unlock(&rt_lock);
	return n;
}
EXPORT_SYMBOL_GPL(utrace_runtime_engine_refs);

void utrace_runtime_set_hook(utrace_rt_hook_t hook)
{
	spin_lock(&rt_lock);
	rt_hook = hook;
	spin_unlock(&rt_lock);
}
EXPORT_SYMBOL_GPL(utrace_runtime_set_hook);

int utrace_runtime_nr_reports(void)
{
	int n;

	spin_lock(&rt_lock);
	n = rt_nr_records;
	spin_unlock(&rt_lock);
	return n;
}
EXPORT_SYMBOL_GPL(utrace_runtime_nr_reports);

bool utrace_runtime_report_at(int i, struct utrace_rt_record *rec)
{
	bool ok;

	spin_lock(&rt_lock);
	ok = i >= 0 && i < rt_nr_records;
	if (ok)
		*rec = rt_records[i];
	spin_unlock(&rt_lock);
	return ok;
}
EXPORT_SYMBOL_GPL(utrace_runtime_report_at);

/* Forget reports (so sites warn again), windows and quarantined engines. */
void utrace_runtime_reset(void)
{
	struct utrace_engine *engine, *enext;
	struct rt_window *win, *wnext;
	LIST_HEAD(engines);
	LIST_HEAD(windows);

	spin_lock(&rt_lock);
	rt_nr_records = 0;
	list_splice_init(&rt_quarantine, &engines);
	list_splice_init(&rt_windows, &windows);
	spin_unlock(&rt_lock);
	list_for_each_entry_safe(engine, enext, &engines, rt.all)
		kfree(engine);
	list_for_each_entry_safe(win, wnext, &windows, node)
		kfree(win);
}
EXPORT_SYMBOL_GPL(utrace_runtime_reset);

#ifdef __KERNEL__
/*
 * Kernel side of the platform hooks.  The read-side checks are left to
 * CONFIG_PROVE_RCU, which already does them with lockdep.
 */
int utrace_rt_rcu_depth(void)
{
#ifdef CONFIG_PREEMPT_RCU
	return rcu_preempt_depth();
#else
	return 0;
#endif
}

void utrace_rt_rcu_unwind(int depth, const char *what)
{
}

bool utrace_rt_task_expired(struct task_struct *task, const char *api
			    UTRACE_SITE_PARAMS)
{
	return false;
}
#endif /* __KERNEL__ */
