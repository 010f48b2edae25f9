/* Simulator: the exec parameter block. Written for utrace-check. */
#ifndef _SIM_LINUX_BINFMTS_H
#define _SIM_LINUX_BINFMTS_H
#pragma clang system_header
#include <linux/fs.h>
struct linux_binprm {
	char buf[128];
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned long p;
	struct file *file;
	const struct cred *cred;
	int argc, envc;
	const char *filename;
	const char *interp;
};
#endif
