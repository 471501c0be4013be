/* A set of nonzero 64-bit keys (hashes, pointers), open addressing in an
 * arena: the diagnostics' warnings already shown (support/source.c) and
 * the lints' places already reported (gen/lint/lint.c).  A table outgrown
 * stays in the arena until the arena is freed. */
#ifndef SG_KEYSET_H
#define SG_KEYSET_H

#include <stddef.h>
#include <stdint.h>

struct sg_arena;

struct sg_keyset {
	uint64_t *slots; /* 0: free */
	size_t n, cap;   /* cap: a power of two, at least twice n */
};

/* Adds key (not 0).  Returns 1 if it was new, 0 if it was there. */
int sg_keyset_add(struct sg_keyset *s, struct sg_arena *a, uint64_t key);

#endif
