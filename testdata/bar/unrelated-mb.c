// smp_mb() in one function and smp_mb() in another that happen to touch
// the same fields do not pair by their presence: a full barrier orders a
// store against a later load (the wake-up / sleep handshake) and serves many
// purposes. Under the default level full barriers infer nothing.
//
// RUN: %verify %s -- %kflags -Xclang -verify=quiet
// RUN: %verify --barrier-inference=all %s -- %kflags -Xclang -verify=all
// quiet-no-diagnostics
#include <linux/compiler.h>
#include <asm/barrier.h>

struct ut_utrace {
	unsigned long utrace_flags;
	int reporting;
	int resume;
};

/* Store reporting, then load flags (Dekker-style with ut_set_events). */
int ut_start_callback(struct ut_utrace *utrace, int resume)
{
	WRITE_ONCE(utrace->reporting, resume);
	smp_mb();
	return READ_ONCE(utrace->utrace_flags) != 0;
}

/* Store flags, then load reporting. */
int ut_set_events(struct ut_utrace *utrace, unsigned long events)
{
	WRITE_ONCE(utrace->utrace_flags, events);
	smp_mb();
	return READ_ONCE(utrace->reporting);
}

/* A message passed with full barriers: resume, then reporting. */
void ut_post(struct ut_utrace *utrace, int resume)
{
	utrace->resume = resume;
	smp_mb();
	WRITE_ONCE(utrace->reporting, 1);
}

int ut_take(struct ut_utrace *utrace) // all-note@+4 {{ordering inferred from smp_mb() in 'ut_take'}}
{
	if (!READ_ONCE(utrace->reporting))
		return -1;
	smp_mb();
	return utrace->resume;
}

/* Under "all" the pair above is evidence; by default it is not. */
void ut_reset(struct ut_utrace *utrace)
{
	utrace->resume = 0; // all-warning {{write of 'utrace->resume' is not ordered before write of 'utrace->reporting': no write barrier between them (inferred pairing) [UT-BAR-001]}} all-note {{'utrace->resume' is written here}}
	utrace->reporting = 0; // all-note {{insert 'smp_wmb();' before it}}
}

int ut_peek(struct ut_utrace *utrace)
{
	return READ_ONCE(utrace->resume) + READ_ONCE(utrace->utrace_flags);
}
