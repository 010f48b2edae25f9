/* Simulator: user and group ids as the kernel keeps them since 3.5
 * (kuid_t and kgid_t, <linux/types.h>), and their translation to and from
 * the numbers a user namespace shows. Written for utrace-check, not copied
 * from the kernel.
 *
 * KUIDT_INIT()/KGIDT_INIT() are left out: code written for kernels before
 * the kuid_t types (SystemTap's runtime) defines its own when its
 * configuration says the kernel has no <linux/uidgid.h>. */
#ifndef _SIM_LINUX_UIDGID_H
#define _SIM_LINUX_UIDGID_H
#pragma clang system_header

#include <linux/types.h>

struct user_namespace;
extern struct user_namespace init_user_ns;

static inline uid_t __kuid_val(kuid_t uid)
{
	return uid.val;
}

static inline gid_t __kgid_val(kgid_t gid)
{
	return gid.val;
}

static inline bool uid_eq(kuid_t a, kuid_t b)
{
	return a.val == b.val;
}

static inline bool gid_eq(kgid_t a, kgid_t b)
{
	return a.val == b.val;
}

static inline bool uid_valid(kuid_t uid)
{
	return uid.val != (uid_t)-1;
}

static inline bool gid_valid(kgid_t gid)
{
	return gid.val != (gid_t)-1;
}

#define GLOBAL_ROOT_UID	((kuid_t){ 0 })
#define GLOBAL_ROOT_GID	((kgid_t){ 0 })
#define INVALID_UID	((kuid_t){ (uid_t)-1 })
#define INVALID_GID	((kgid_t){ (gid_t)-1 })

/* Id maps: an unmapped id is INVALID_UID (make_*) or -1 (from_*); the
 * _munged forms give the namespace's overflow id instead. */
kuid_t make_kuid(struct user_namespace *from, uid_t uid);
kgid_t make_kgid(struct user_namespace *from, gid_t gid);
uid_t from_kuid(struct user_namespace *to, kuid_t uid);
gid_t from_kgid(struct user_namespace *to, kgid_t gid);
uid_t from_kuid_munged(struct user_namespace *to, kuid_t uid);
gid_t from_kgid_munged(struct user_namespace *to, kgid_t gid);

#endif
