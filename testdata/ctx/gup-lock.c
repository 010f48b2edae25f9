// UT-CTX-003: get_user_pages() needs the mm's mmap lock (mmap_sem, later
// mmap_lock) held for read or write; the remote forms too. Quiet where the
// function is entered with the lock held: a caller of the same file takes
// it, or the function asserts or is annotated with it. A debugger module's
// memory-peek commands, 2.6-era signature.
//
// RUN: %verify --scope=all %s -- %kflags
// RUN: %utrace-check --scope=all --disable=UT-CTX-003 %s -- %kflags 2>&1 | count 0
// RUN: not %utrace-check --scope=all --enable=UT-CTX-003 %s -- %kflags 2>&1 | FileCheck %s
// CHECK-COUNT-2: warning: {{.*}} [UT-CTX-003]
// CHECK-NOT: warning:

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/utrace.h>

struct peek_req {
	unsigned long addr;
	unsigned long len;
};

int bad_peek_without_mmap_sem(struct task_struct *task, struct peek_req *req)
{
	struct mm_struct *mm = get_task_mm(task);
	struct page *page;
	struct vm_area_struct *vma;
	long ret;

	if (!mm) // expected-note {{assuming 'mm' is non-null}}
		return -ESRCH;
	ret = get_user_pages(task, mm, req->addr, 1, 0, 0, &page, &vma); // expected-warning {{get_user_pages() on 'mm' without its mmap_sem held for read or write [UT-CTX-003]}}
	if (ret > 0)
		put_page(page);
	mmput(mm);
	return ret > 0 ? 0 : -EFAULT;
}

int ok_peek_under_down_read(struct task_struct *task, struct peek_req *req)
{
	struct mm_struct *mm = get_task_mm(task);
	struct page *page;
	struct vm_area_struct *vma;
	long ret;

	if (!mm)
		return -ESRCH;
	down_read(&mm->mmap_sem);
	ret = get_user_pages(task, mm, req->addr, 1, 0, 0, &page, &vma);
	up_read(&mm->mmap_sem);
	if (ret > 0)
		put_page(page);
	mmput(mm);
	return ret > 0 ? 0 : -EFAULT;
}

int ok_poke_under_down_write(struct task_struct *task, struct peek_req *req)
{
	struct page *page;
	long ret;

	down_write(&task->mm->mmap_sem);
	ret = get_user_pages(task, task->mm, req->addr, 1, 1, 1, &page, NULL);
	up_write(&task->mm->mmap_sem);
	if (ret > 0)
		put_page(page);
	return ret > 0 ? 0 : -EFAULT;
}

int bad_remote_after_the_lock_was_dropped(struct mm_struct *mm,
					  struct peek_req *req)
{
	struct page *page;
	long ret;

	mmap_read_lock(mm); // expected-note {{the lock of 'mm' taken here by mmap_read_lock()}}
	ret = get_user_pages_remote(mm, req->addr, 1, 0, &page, NULL);
	mmap_read_unlock(mm); // expected-note {{the lock of 'mm' released here by mmap_read_unlock()}}
	if (ret > 0) // expected-note {{assuming 'ret' is <= 0}}
		put_page(page);
	ret = get_user_pages_remote(mm, req->addr + PAGE_SIZE, 1, 0, &page, NULL); // expected-warning {{get_user_pages_remote() on 'mm' without its mmap_sem held for read or write [UT-CTX-003]}}
	if (ret > 0)
		put_page(page);
	return 0;
}

int ok_remote_under_mmap_read_lock(struct mm_struct *mm, struct peek_req *req)
{
	struct page *page;
	long ret;

	mmap_read_lock(mm);
	ret = get_user_pages_remote(mm, req->addr, 1, 0, &page, NULL);
	mmap_read_unlock(mm);
	if (ret > 0)
		put_page(page);
	return 0;
}

/* Its only caller holds mmap_sem: the state on entry is the caller's. */
static long peek_pages_locked(struct task_struct *task, struct mm_struct *mm,
			      unsigned long addr, struct page **page)
{
	return get_user_pages(task, mm, addr, 1, 0, 0, page, NULL);
}

int ok_helper_called_under_the_lock(struct task_struct *task,
				    struct mm_struct *mm, unsigned long addr)
{
	struct page *page;
	long ret;

	down_read(&mm->mmap_sem);
	ret = peek_pages_locked(task, mm, addr, &page);
	up_read(&mm->mmap_sem);
	if (ret > 0)
		put_page(page);
	return 0;
}

long ok_asserts_the_lock(struct mm_struct *mm, unsigned long addr,
			 struct page **page)
{
	mmap_assert_locked(mm);
	return get_user_pages_remote(mm, addr, 1, 0, page, NULL);
}

long ok_annotated_must_hold(struct task_struct *task, struct mm_struct *mm,
			    unsigned long addr, struct page **page)
	__must_hold(&mm->mmap_sem)
{
	return get_user_pages(task, mm, addr, 1, 0, 0, page, NULL);
}

/* get_user_pages_fast() takes the lock itself. */
int ok_fast_takes_its_own_lock(unsigned long addr, struct page **page)
{
	return get_user_pages_fast(addr, 1, 0, page) == 1 ? 0 : -EFAULT;
}
