// UT-REF-007: ERR_PTR() takes a negative errno. ERR_PTR(ENOENT) makes a
// small positive pointer that IS_ERR() does not recognise, so the error
// passes every test and is used as a valid object. In the style of a task
// finder's helpers: a path lookup for a task's executable, a match table.
//
// RUN: %verify %s -- %kflags

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/utrace.h>

struct exe_match {
	const char *path;
	pid_t pid;
	struct utrace_engine *engine;
};

static struct exe_match matches[8];

/* Fills buf with the path, or says why there is none. */
static char *bad_path_of_exe(char *buf, int have_exe)
{
	char *rc;

	if (have_exe) {
		buf[0] = '/';
		rc = buf;
	} else {
		buf[0] = '\0';
		rc = ERR_PTR(ENOENT); // expected-warning {{error pointer from ERR_PTR(ENOENT) holds a positive errno, which IS_ERR() does not recognise; ERR_PTR() takes a negative errno: use ERR_PTR(-ENOENT) [UT-REF-007]}}
	}
	return rc;
}

static char *ok_path_of_exe(char *buf, int have_exe)
{
	char *rc;

	if (have_exe) {
		buf[0] = '/';
		rc = buf;
	} else {
		buf[0] = '\0';
		rc = ERR_PTR(-ENOENT);
	}
	return rc;
}

/* Returned at once, the usual shape of the mistake. */
struct exe_match *bad_find_match_returns_positive(pid_t pid)
{
	int i;

	for (i = 0; i < 8; i++)
		if (matches[i].pid == pid)
			return &matches[i];
	return ERR_PTR(EINVAL); // expected-warning {{error pointer from ERR_PTR(EINVAL) holds a positive errno, which IS_ERR() does not recognise; ERR_PTR() takes a negative errno: use ERR_PTR(-EINVAL) [UT-REF-007]}}
}

struct exe_match *ok_find_match_returns_negative(pid_t pid)
{
	int i;

	for (i = 0; i < 8; i++)
		if (matches[i].pid == pid)
			return &matches[i];
	return ERR_PTR(-EINVAL);
}

/* A local that only ever holds positive errno values. */
struct exe_match *bad_local_only_positive(pid_t pid, int full)
{
	int err = ENOMEM;

	if (full)
		err = ENOSPC;
	if (pid <= 1)
		return ERR_PTR(err); // expected-warning {{error pointer from ERR_PTR(err) holds a positive value (every value this function gives it is positive), which IS_ERR() does not recognise; ERR_PTR() takes a negative errno: use ERR_PTR(-err) [UT-REF-007]}}
	return &matches[pid & 7];
}

/* Negating a local that is only ever negative makes it positive. */
struct exe_match *bad_negated_negative_local(pid_t pid)
{
	int ret = -ESRCH;

	if (pid <= 1)
		return ERR_PTR(-ret); // expected-warning {{error pointer from ERR_PTR(-ret) holds a positive value (every value this function gives it is positive), which IS_ERR() does not recognise; ERR_PTR() takes a negative errno: use ERR_PTR(ret) [UT-REF-007]}}
	return &matches[pid & 7];
}

/* A negated positive errno is the right one. */
struct exe_match *ok_local_negated(pid_t pid)
{
	int err = ENOENT;

	if (pid <= 1)
		return ERR_PTR(-err);
	return &matches[pid & 7];
}

/* The result of another call: may be negative, so not provably wrong. */
static int lookup_slot(pid_t pid)
{
	return pid > 1 ? (int)(pid & 7) : -ESRCH;
}

struct exe_match *ok_errno_from_a_call(pid_t pid)
{
	int ret = lookup_slot(pid);

	if (ret < 0)
		return ERR_PTR(ret);
	return &matches[ret];
}

/* Assigned a negative and a positive value on different paths: not a
 * local fact any more. */
struct exe_match *ok_mixed_assignments(pid_t pid, int quiet)
{
	int err = -EPERM;

	if (quiet)
		err = 0;
	if (pid <= 1)
		return ERR_PTR(err);
	return &matches[pid & 7];
}

/* Changed in place: its value is not known without the path. */
struct exe_match *ok_changed_in_place(pid_t pid)
{
	int err = EPERM;

	err *= -1;
	return pid <= 1 ? ERR_PTR(err) : &matches[pid & 7];
}

/* Written by an asm statement, as user-space accessors do: not a local
 * fact any more. */
struct exe_match *ok_written_by_asm(pid_t pid)
{
	int err = ENOENT;

	asm volatile("" : "=r"(err));
	return pid <= 1 ? ERR_PTR(err) : &matches[pid & 7];
}

/* A parameter: the caller decides. */
struct exe_match *ok_errno_parameter(long error)
{
	return ERR_PTR(error);
}

/* Compiled out by a constant condition: dead code is not judged. */
#define EXE_MATCH_LEGACY 0

struct exe_match *ok_dead_legacy_branch(pid_t pid)
{
	if (EXE_MATCH_LEGACY)
		return ERR_PTR(ENOENT);
	return pid > 1 ? &matches[pid & 7] : ERR_PTR(-ENOENT);
}

/* Its callers test with IS_ERR(), which lets the positive errno through. */
int caller_uses_bad_path(struct task_struct *task, char *buf)
{
	char *path = bad_path_of_exe(buf, 0);
	struct utrace_engine *engine;

	if (IS_ERR(path))
		return PTR_ERR(path);
	engine = utrace_attach_task(task, UTRACE_ATTACH_MATCH_OPS, NULL, path);
	if (IS_ERR(engine))
		return PTR_ERR(engine);
	utrace_engine_put(engine);
	return ok_path_of_exe(buf, 1)[0];
}
