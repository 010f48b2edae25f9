// Barriers inside a section both sides hold under the same lock: the lock
// orders those accesses, the barriers do not pair through them, and no
// ordering is inferred for the rest of the file.
//
// RUN: %verify %s -- %kflags
// expected-no-diagnostics
#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>

struct ut_utrace {
	spinlock_t lock;
	unsigned long utrace_flags;
	int resume;
	int pending;
};

void ut_set_resume(struct ut_utrace *utrace, int resume)
{
	spin_lock(&utrace->lock);
	utrace->resume = resume;
	smp_wmb();
	utrace->utrace_flags |= 1;
	spin_unlock(&utrace->lock);
}

int ut_get_resume(struct ut_utrace *utrace)
{
	int resume = -1;

	spin_lock(&utrace->lock);
	if (utrace->utrace_flags & 1) {
		smp_rmb();
		resume = utrace->resume;
	}
	spin_unlock(&utrace->lock);
	return resume;
}

/* At creation, before anyone else can see it: flags first. */
void ut_utrace_init(struct ut_utrace *utrace)
{
	utrace->resume = 0;
	utrace->utrace_flags = 0;
	utrace->pending = 0;
}

int ut_peek(struct ut_utrace *utrace)
{
	return utrace->resume + (int)utrace->utrace_flags;
}
