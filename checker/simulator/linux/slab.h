#ifndef _SIM_LINUX_SLAB_H
#define _SIM_LINUX_SLAB_H
#pragma clang system_header

#include <linux/types.h>

#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define GFP_ATOMIC	(___GFP_HIGH | ___GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT	(___GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM | ___GFP_IO | ___GFP_FS)

#define ___GFP_NOWARN	0x2000u
#define ___GFP_ZERO	0x8000u
#define ___GFP_HARDWALL	0x100000u
#define ___GFP_HIGHMEM	0x02u
#define ___GFP_NORETRY	0x1000u
#define __GFP_DIRECT_RECLAIM	___GFP_DIRECT_RECLAIM
#define __GFP_KSWAPD_RECLAIM	___GFP_KSWAPD_RECLAIM
#define __GFP_RECLAIM	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM)
#define __GFP_WAIT	___GFP_DIRECT_RECLAIM
#define __GFP_HIGH	___GFP_HIGH
#define __GFP_IO	___GFP_IO
#define __GFP_FS	___GFP_FS
#define __GFP_NOWARN	___GFP_NOWARN
#define __GFP_ZERO	___GFP_ZERO
#define __GFP_NORETRY	___GFP_NORETRY
#define __GFP_HARDWALL	___GFP_HARDWALL
#define __GFP_HIGHMEM	___GFP_HIGHMEM
#define GFP_NOIO	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM)
#define GFP_NOFS	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM | ___GFP_IO)
#define GFP_USER	(GFP_KERNEL | ___GFP_HARDWALL)
#define GFP_HIGHUSER	(GFP_USER | ___GFP_HIGHMEM)
#define GFP_TEMPORARY	GFP_NOFS
#define SLAB_HWCACHE_ALIGN	0x00002000UL
#define SLAB_PANIC		0x00040000UL
#define SLAB_DESTROY_BY_RCU	0x00080000UL
#define SLAB_TYPESAFE_BY_RCU	SLAB_DESTROY_BY_RCU
struct kmem_cache;
/* The pre-2.6.20 name of the slab cache handle. */
typedef struct kmem_cache kmem_cache_t;
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, ...);
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *p);
#define KMEM_CACHE(s, flags) kmem_cache_create(#s, sizeof(struct s), 0, (flags), NULL)
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *krealloc(const void *p, size_t size, gfp_t flags);
void *kmalloc_node(size_t size, gfp_t flags, int node);
void *kzalloc_node(size_t size, gfp_t flags, int node);
char *kstrdup(const char *s, gfp_t flags);
void kzfree(const void *p);
size_t ksize(const void *p);
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
unsigned long __get_free_pages(gfp_t flags, unsigned int order);
unsigned long get_zeroed_page(gfp_t flags);
void free_pages(unsigned long addr, unsigned int order);
#define __get_free_page(flags) __get_free_pages((flags), 0)
#define free_page(addr) free_pages((addr), 0)
void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *p);
#define ___GFP_NORETRY		0x8000u
#define ___GFP_NOWARN		0x2000u
#define __GFP_NORETRY	___GFP_NORETRY
#define __GFP_NOWARN	___GFP_NOWARN
#define GFP_NOFS	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM | ___GFP_IO)
#define GFP_NOIO	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM)
struct kmem_cache;
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *vmalloc(unsigned long size);

#endif
