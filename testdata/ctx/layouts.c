// UT-CTX-002/003 with the lock layouts of recent kernels: a lock taken
// through its inner raw lock in an anonymous union and released by the
// lock, and an mm whose mmap_lock sits in an anonymous struct, are the same
// lock to the rules. A task table kept in hash buckets, cleaned up twice
// over, and a remote memory peek in a loop.
//
// RUN: %verify --scope=all %s -- -nostdinc -I %S/Inputs

#include <layout61.h>

struct bucket {
	spinlock_t lock;
	int users;
};

static void bucket_forget(struct bucket *b)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	b->users--;
	spin_unlock_irqrestore(&b->lock, flags);
}

void ok_lock_and_unlock_twice_through_a_helper(struct bucket *b)
{
	bucket_forget(b);
	bucket_forget(b);
}

void bad_unlock_again_after_the_helper(struct bucket *b)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags); // expected-note {{'b->lock' taken here by spin_lock_irqsave()}}
	b->users++;
	spin_unlock_irqrestore(&b->lock, flags); // expected-note {{'b->lock' released here by spin_unlock_irqrestore()}}
	spin_unlock_irqrestore(&b->lock, flags); // expected-warning {{spin_unlock_irqrestore() of 'b->lock', which this path already released [UT-CTX-002]}}
}

int ok_peek_loop_under_mmap_read_lock(struct mm_struct *mm, unsigned long addr,
				      int len)
{
	struct page *page;
	int done = 0;

	mmap_read_lock(mm);
	while (done < len) {
		if (get_user_pages_remote(mm, addr + done, 1, 0, &page, 0) <= 0)
			break;
		put_page(page);
		done++;
	}
	mmap_read_unlock(mm);
	return done;
}
