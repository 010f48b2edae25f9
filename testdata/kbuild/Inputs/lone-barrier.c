// A utrace engine's statistics, published with a write barrier that no
// reader in this file pairs with (UT-BAR-003 in a full run).
#include <asm/barrier.h>

struct engine_stats {
	int hits;
	int misses;
};

struct engine_stats *shared_stats;

void stats_record(int hit)
{
	struct engine_stats *s = shared_stats;

	s->hits = hit;
	smp_wmb();
	s->misses = !hit;
}
