/* One arena per compilation: every tree and IR node, file text and string
 * of a compilation is allocated here and freed at once at the end. */
#ifndef SG_ARENA_H
#define SG_ARENA_H

#include <stddef.h>

struct sg_arena;

struct sg_arena *sg_arena_new(void);
void sg_arena_free(struct sg_arena *a);

/* Zeroed memory, aligned for any type.  Aborts on exhaustion: a compiler
 * that runs out of memory has nothing better to do. */
void *sg_alloc(struct sg_arena *a, size_t size);
void *sg_alloc_array(struct sg_arena *a, size_t n, size_t size);
char *sg_strndup(struct sg_arena *a, const char *s, size_t n);
char *sg_strdup(struct sg_arena *a, const char *s);
__attribute__((format(printf, 2, 3)))
char *sg_printf(struct sg_arena *a, const char *fmt, ...);

/* Grows an arena array of n elements to hold at least n + 1, doubling the
 * capacity *cap; the old block is abandoned to the arena. */
void *sg_grow(struct sg_arena *a, void *array, size_t n, size_t *cap, size_t size);

/* Asks the kernel for the pages of [p, p + n) at once, written to: fresh
 * pages faulted in one by one cost more than most of the work done on
 * them (about 10 us a fault in a VM).  MADV_POPULATE_WRITE (Linux 5.14);
 * pages already present cost only the walk; elsewhere, or on an older
 * kernel, nothing happens and the pages fault in as they are touched. */
void sg_populate(void *p, size_t n);

/* Appends one element to an arena vector: SG_PUSH(arena, v, n, cap) = x; */
#define SG_PUSH(arena, vec, n, cap) \
	(*((vec) = sg_grow((arena), (vec), (n), &(cap), sizeof(*(vec))), &(vec)[(n)++]))

#endif
