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
