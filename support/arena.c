#include "support/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK_SIZE (64 * 1024)

/* C99 has no max_align_t. */
union align {
	long double ld;
	long long ll;
	void *p;
	void (*fn)(void);
};

struct chunk {
	struct chunk *next;
	size_t used, size;
	union align data[];
};

struct sg_arena {
	struct chunk *head;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("seccomp-gen: out of memory\n", stderr);
		abort();
	}
	return p;
}

void sg_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1), hi = ((uintptr_t)p + n) & ~(page - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

struct sg_arena *sg_arena_new(void)
{
	struct sg_arena *a = xmalloc(sizeof(*a));
	a->head = NULL;
	return a;
}

void sg_arena_free(struct sg_arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *sg_alloc(struct sg_arena *a, size_t size)
{
	const size_t align = sizeof(union align);
	size = (size + align - 1) / align * align;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t csize = size > CHUNK_SIZE ? size : CHUNK_SIZE;
		/* A new chunk is mostly fresh pages, which the compilation
		 * then touches one by one (a compilation is about 250 us). */
		c = xmalloc(sizeof(*c) + csize);
		sg_populate(c, sizeof(*c) + csize);
		c->size = csize;
		c->used = 0;
		/* A large block gets a chunk of its own behind the current one,
		 * so the rest of the current chunk is not wasted. */
		if (a->head && csize > CHUNK_SIZE) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

void *sg_alloc_array(struct sg_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("seccomp-gen: out of memory\n", stderr);
		abort();
	}
	return sg_alloc(a, n * size);
}

char *sg_strndup(struct sg_arena *a, const char *s, size_t n)
{
	char *p = sg_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sg_strdup(struct sg_arena *a, const char *s)
{
	return sg_strndup(a, s, strlen(s));
}

char *sg_printf(struct sg_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = sg_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *sg_grow(struct sg_arena *a, void *array, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return array;
	/* Most lists hold one element (a filter, a descriptor, a clause's
	 * atom): start with about 64 bytes' worth, not a fixed count. */
	size_t ncap = *cap ? *cap * 2 : size >= 64 ? 1 : 64 / size;
	void *p = sg_alloc_array(a, ncap, size);
	if (n)
		memcpy(p, array, n * size);
	*cap = ncap;
	return p;
}
