#ifndef _SIM_LINUX_MM_H
#define _SIM_LINUX_MM_H
#pragma clang system_header

#include <linux/types.h>

struct task_struct;
#include <linux/rwsem.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
struct file;
struct page;
struct rb_node { unsigned long __rb_parent_color; struct rb_node *rb_right, *rb_left; };
struct rb_root { struct rb_node *rb_node; };
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	struct vm_area_struct *vm_next, *vm_prev;
	struct rb_node vm_rb;
	struct mm_struct *vm_mm;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	const struct vm_operations_struct *vm_ops;
};
struct mm_struct {
	int map_count;
	struct vm_area_struct *mmap;
	struct rb_root mm_rb;
	unsigned long mmap_base, task_size;
	atomic_t mm_users, mm_count;
	struct rw_semaphore mmap_sem;
	struct rw_semaphore mmap_lock;
	spinlock_t page_table_lock;
	unsigned long total_vm, locked_vm, pinned_vm, shared_vm, exec_vm;
	unsigned long stack_vm, reserved_vm, def_flags, nr_ptes;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long hiwater_rss, hiwater_vm;
	struct file *exe_file;
	struct { void *vdso; } context;
	struct task_struct *owner;
	unsigned long flags;
};
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define TASK_SIZE	0x00007ffffffff000UL
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080
#define VM_GROWSDOWN	0x00000100
#define VM_DENYWRITE	0x00000800
#define VM_EXECUTABLE	0x00001000
#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000
#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000
#define VM_RESERVED	0x00080000
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
long get_user_pages(struct task_struct *tsk, struct mm_struct *mm,
		    unsigned long start, unsigned long nr_pages, int write,
		    int force, struct page **pages, struct vm_area_struct **vmas);
void put_page(struct page *page);
void *kmap(struct page *page);
void kunmap(struct page *page);
void *page_address(const struct page *page);
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
long get_user_pages_fast(unsigned long start, int nr_pages,
			 unsigned int gup_flags, struct page **pages);
void mmap_assert_locked(struct mm_struct *mm);
void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
void mmap_write_lock(struct mm_struct *mm);
void mmap_write_unlock(struct mm_struct *mm);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

#define FOLL_WRITE 0x01
#define FOLL_FORCE 0x10

int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf,
		      int len, unsigned int gup_flags);

#endif
