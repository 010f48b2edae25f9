/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Agreement test fault injection (test-only; the driver arms it from the
 * `// runtime: FUNC: inject NAME[#N]=VALUE` directives of a test file).
 * agr_fault(name, &v) is true on the N-th call of @name after arming, once,
 * and gives the value to return instead of doing the call.
 */
#ifndef _AGR_FAULT_H
#define _AGR_FAULT_H
#include <string.h>

#define AGR_MAX_FAULTS	8
struct agr_fault_slot {
	const char *name;
	int countdown;		/* calls of @name still to let through + 1 */
	long value;
};
extern struct agr_fault_slot agr_faults[AGR_MAX_FAULTS];

static inline int agr_fault(const char *name, long *value)
{
	int i;

	for (i = 0; i < AGR_MAX_FAULTS; i++) {
		struct agr_fault_slot *f = &agr_faults[i];

		if (!f->name || strcmp(f->name, name))
			continue;
		if (--f->countdown > 0)
			continue;
		*value = f->value;
		f->name = NULL;
		return 1;
	}
	return 0;
}
#endif
