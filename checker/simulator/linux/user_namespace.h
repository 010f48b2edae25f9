/* Simulator: user namespaces. Written for utrace-check, not copied from the
 * kernel. */
#ifndef _SIM_LINUX_USER_NAMESPACE_H
#define _SIM_LINUX_USER_NAMESPACE_H
#pragma clang system_header

#include <linux/types.h>
#include <linux/kref.h>
#include <linux/uidgid.h>

struct user_namespace {
	struct kref kref;
	struct user_namespace *parent;
	int level;
	kuid_t owner;
	kgid_t group;
};
extern struct user_namespace init_user_ns;

/* A reference on a namespace (the kernel's are inlines over its count;
 * get_user_ns() is a modelled reference, rules/api/kernel.yaml). */
struct user_namespace *get_user_ns(struct user_namespace *ns);
void put_user_ns(struct user_namespace *ns);

#endif
