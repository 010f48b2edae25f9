#include <linux/utrace.h>

int broken(struct utrace_engine *e)
{
	return undeclared_thing + utrace_barrier(0, e);
}
