/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test compatibility: the corpus calls regset get/set with the
 * kernel's six arguments (kbuf, ubuf); the shim's regsets take five.  The
 * shim's types are included under other names and wrapped: a view here is
 * the shim's view plus regsets whose get/set forward to the shim's (which
 * do the checks, reported at the last task_user_regset_view() or
 * copy_regset_*() site of the thread: docs/runtime-checks.md).
 */
#ifndef _AGR_LINUX_REGSET_H
#define _AGR_LINUX_REGSET_H
#ifndef __user
#define __user
#endif
#define user_regset		shim_user_regset
#define user_regset_view	shim_user_regset_view
#define user_regset_get_fn	shim_user_regset_get_fn
#define user_regset_set_fn	shim_user_regset_set_fn
#include_next <linux/regset.h>
#undef user_regset
#undef user_regset_view
#undef user_regset_get_fn
#undef user_regset_set_fn
#undef task_user_regset_view
#undef copy_regset_to_user
#undef copy_regset_from_user

struct user_regset;
typedef int user_regset_get_fn(struct task_struct *target,
			       const struct user_regset *regset,
			       unsigned int pos, unsigned int count,
			       void *kbuf, void __user *ubuf);
typedef int user_regset_set_fn(struct task_struct *target,
			       const struct user_regset *regset,
			       unsigned int pos, unsigned int count,
			       const void *kbuf, const void __user *ubuf);

struct user_regset {
	user_regset_get_fn *get;
	user_regset_set_fn *set;
	unsigned int n;
	unsigned int size;
	const struct shim_user_regset *shim;
};

struct user_regset_view {
	const char *name;
	const struct user_regset *regsets;
	unsigned int n;
	const struct shim_user_regset_view *shim;
};

static int agr_regset_get(struct task_struct *t, const struct user_regset *rs,
			  unsigned int pos, unsigned int count, void *kbuf,
			  void __user *ubuf)
{
	return rs->shim->get(t, rs->shim, pos, count, kbuf ? kbuf : ubuf);
}

static int agr_regset_set(struct task_struct *t, const struct user_regset *rs,
			  unsigned int pos, unsigned int count, const void *kbuf,
			  const void __user *ubuf)
{
	return rs->shim->set(t, rs->shim, pos, count, kbuf ? kbuf : ubuf);
}

/* Two slots so that &view->regsets[1] stays in bounds; n says one is real. */
static struct user_regset agr_regsets[2];
static struct user_regset_view agr_view;

static inline const struct user_regset_view *
agr_view_of(const struct shim_user_regset_view *sv)
{
	unsigned int i;

	for (i = 0; i < sv->n && i < 2; i++) {
		agr_regsets[i].get = agr_regset_get;
		agr_regsets[i].set = agr_regset_set;
		agr_regsets[i].n = sv->regsets[i].n;
		agr_regsets[i].size = sv->regsets[i].size;
		agr_regsets[i].shim = &sv->regsets[i];
	}
	agr_view.name = sv->name;
	agr_view.regsets = agr_regsets;
	agr_view.n = sv->n < 2 ? sv->n : 2;
	agr_view.shim = sv;
	return &agr_view;
}

#define task_user_regset_view(task) \
	agr_view_of(shim_task_user_regset_view(task, __FILE__, __LINE__))
#define copy_regset_to_user(t, v, s, o, n, d) \
	shim_copy_regset_to_user(t, (v)->shim, s, o, n, d, __FILE__, __LINE__)
#define copy_regset_from_user(t, v, s, o, n, d) \
	shim_copy_regset_from_user(t, (v)->shim, s, o, n, d, __FILE__, __LINE__)
#endif
