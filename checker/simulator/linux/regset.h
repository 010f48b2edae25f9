#ifndef _SIM_LINUX_REGSET_H
#define _SIM_LINUX_REGSET_H
#pragma clang system_header

#include <linux/types.h>

struct task_struct;
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
	unsigned int core_note_type;
};

struct user_regset_view {
	const char *name;
	const struct user_regset *regsets;
	unsigned int n;
};

const struct user_regset_view *task_user_regset_view(struct task_struct *tsk);

int copy_regset_to_user(struct task_struct *target,
			const struct user_regset_view *view,
			unsigned int setno, unsigned int offset,
			unsigned int size, void __user *data);
int copy_regset_from_user(struct task_struct *target,
			  const struct user_regset_view *view,
			  unsigned int setno, unsigned int offset,
			  unsigned int size, const void __user *data);

#endif
