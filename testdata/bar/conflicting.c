// Two inferred pairings that disagree: one writer/reader pair orders
// 'resume' before 'action', another (one of them buggy) the reverse. The
// file does not say which is the protocol, so neither is used and the
// functions that order the two fields either way are not reported.
//
// RUN: %verify %s -- %kflags
// RUN: %verify --barrier-inference=all %s -- %kflags
// expected-no-diagnostics
#include <linux/compiler.h>
#include <asm/barrier.h>

struct ut_report {
	int action;
	int resume;
};

/* resume (data) before action (flag) */
void ut_post_resume(struct ut_report *r, int resume, int action)
{
	r->resume = resume;
	smp_wmb();
	WRITE_ONCE(r->action, action);
}

int ut_take_resume(struct ut_report *r)
{
	if (!READ_ONCE(r->action))
		return 0;
	smp_rmb();
	return r->resume;
}

/* action (data) before resume (flag) */
void ut_post_action(struct ut_report *r, int resume, int action)
{
	r->action = action;
	smp_wmb();
	WRITE_ONCE(r->resume, resume);
}

int ut_take_action(struct ut_report *r)
{
	if (!READ_ONCE(r->resume))
		return 0;
	smp_rmb();
	return r->action;
}

void ut_set_both(struct ut_report *r, int resume, int action)
{
	r->resume = resume;
	r->action = action;
}

int ut_read_both(struct ut_report *r)
{
	return r->action + r->resume;
}
