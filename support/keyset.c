#include "support/keyset.h"

#include <string.h>

#include "support/arena.h"

/* Fibonacci hashing: pointers and hashes alike spread over the table. */
static size_t slot_of(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);
}

static void put(uint64_t *slots, size_t cap, uint64_t key)
{
	size_t k = slot_of(key, cap);
	while (slots[k])
		k = (k + 1) & (cap - 1);
	slots[k] = key;
}

int sg_keyset_add(struct sg_keyset *s, struct sg_arena *a, uint64_t key)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		uint64_t *slots = sg_alloc_array(a, cap, sizeof(*slots));
		memset(slots, 0, cap * sizeof(*slots));
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				put(slots, cap, s->slots[i]);
		s->slots = slots;
		s->cap = cap;
	}
	for (size_t k = slot_of(key, s->cap); s->slots[k]; k = (k + 1) & (s->cap - 1))
		if (s->slots[k] == key)
			return 0;
	put(s->slots, s->cap, key);
	s->n++;
	return 1;
}
