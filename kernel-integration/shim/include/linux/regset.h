/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space shim: a minimal user_regset interface with one regset (the
 * general registers).  Calls through the function pointers are checked
 * like the helpers; they report at the site of the last
 * task_user_regset_view() made by the calling thread.
 */
#ifndef _SHIM_LINUX_REGSET_H
#define _SHIM_LINUX_REGSET_H

#include <linux/types.h>
#include <linux/shim_site.h>

struct task_struct;
struct user_regset;

typedef int user_regset_get_fn(struct task_struct *target,
			       const struct user_regset *regset,
			       unsigned int pos, unsigned int count, void *kbuf);
typedef int user_regset_set_fn(struct task_struct *target,
			       const struct user_regset *regset,
			       unsigned int pos, unsigned int count,
			       const void *kbuf);

struct user_regset {
	user_regset_get_fn *get;
	user_regset_set_fn *set;
	unsigned int n;
	unsigned int size;
};

struct user_regset_view {
	const char *name;
	const struct user_regset *regsets;
	unsigned int n;
};

const struct user_regset_view *shim_task_user_regset_view(struct task_struct *task,
							  const char *file, int line);
int shim_copy_regset_to_user(struct task_struct *target,
			     const struct user_regset_view *view,
			     unsigned int setno, unsigned int offset,
			     unsigned int size, void *data,
			     const char *file, int line);
int shim_copy_regset_from_user(struct task_struct *target,
			       const struct user_regset_view *view,
			       unsigned int setno, unsigned int offset,
			       unsigned int size, const void *data,
			       const char *file, int line);

#define task_user_regset_view(task) shim_task_user_regset_view(task, SHIM_HERE)
#define copy_regset_to_user(t, v, s, o, n, d) \
	shim_copy_regset_to_user(t, v, s, o, n, d, SHIM_HERE)
#define copy_regset_from_user(t, v, s, o, n, d) \
	shim_copy_regset_from_user(t, v, s, o, n, d, SHIM_HERE)

#endif /* _SHIM_LINUX_REGSET_H */
