// Suppression spellings; each bug below is suppressed one way, and two
// suppressions suppress nothing.
#include <linux/kernel.h>
#include <linux/utrace.h>

static const struct utrace_engine_ops sup_ops;

int sup_same_line(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine); /* utrace-check: ignore UT-REF-003 */
	return 0;
}

int sup_line_before(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	/* utrace-check: ignore UT-REF-003 */
	utrace_engine_put(engine);
	return 0;
}

int sup_nolint(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine); // NOLINT(bugprone-foo, UT-REF-003)
	return 0;
}

int sup_nolintnextline(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	// NOLINTNEXTLINE(UT-REF-*)
	utrace_engine_put(engine);
	return 0;
}

int not_suppressed_wrong_rule(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	utrace_engine_put(engine); // NOLINT(UT-REF-001)
	return 0;
}

int not_suppressed_two_lines_above(struct task_struct *task)
{
	struct utrace_engine *engine = utrace_attach_task(task, UTRACE_ATTACH_CREATE, &sup_ops, NULL);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	// NOLINTNEXTLINE(UT-REF-003)
	utrace_engine_put(engine);
	utrace_engine_put(engine);
	return 0;
}
