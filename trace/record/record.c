/* The recorder: one entry per (arch, syscall number), with a count and,
 * for the syscalls whose argument policies filter (trace/record/argfilter.c),
 * the distinct values that argument took.  Every call of a traced run
 * passes through tr_record(), so the lookup is an open-addressing hash. */
#include <string.h>

#include "support/arena.h"
#include "trace/trace.h"

struct tr_recorder {
	struct sg_arena *arena;
	struct tr_sys **slots; /* power-of-two table, NULL: empty */
	size_t nslots, used;
	struct tr_base **bases;
	size_t nbases, bases_cap;
	uint64_t covered, total;
};

struct tr_recorder *tr_recorder_new(struct sg_arena *a)
{
	struct tr_recorder *r = sg_alloc(a, sizeof(*r));
	r->arena = a;
	r->nslots = 256;
	r->slots = sg_alloc_array(a, r->nslots, sizeof(*r->slots));
	return r;
}

void tr_recorder_add_base(struct tr_recorder *r, struct tr_base *b)
{
	SG_PUSH(r->arena, r->bases, r->nbases, r->bases_cap) = b;
}

static size_t hash(uint32_t audit_arch, uint64_t nr)
{
	uint64_t h = (nr ^ ((uint64_t)audit_arch << 20)) * 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 32);
}

static struct tr_sys **slot_for(struct tr_recorder *r, uint32_t audit_arch, uint64_t nr)
{
	size_t mask = r->nslots - 1;
	for (size_t i = hash(audit_arch, nr) & mask;; i = (i + 1) & mask) {
		struct tr_sys *s = r->slots[i];
		if (!s || (s->audit_arch == audit_arch && s->nr == nr))
			return &r->slots[i];
	}
}

static void grow(struct tr_recorder *r)
{
	struct tr_sys **old = r->slots;
	size_t nold = r->nslots;
	r->nslots *= 2;
	r->slots = sg_alloc_array(r->arena, r->nslots, sizeof(*r->slots));
	for (size_t i = 0; i < nold; i++)
		if (old[i])
			*slot_for(r, old[i]->audit_arch, old[i]->nr) = old[i];
}

static struct tr_sys *entry(struct tr_recorder *r, const struct tr_call *c)
{
	struct tr_sys **slot = slot_for(r, c->audit_arch, c->nr);
	if (*slot)
		return *slot;
	if (2 * (r->used + 1) > r->nslots) {
		grow(r);
		slot = slot_for(r, c->audit_arch, c->nr);
	}
	struct tr_sys *s = sg_alloc(r->arena, sizeof(*s));
	s->arch = c->arch;
	s->audit_arch = c->audit_arch;
	s->nr = c->nr;
	const char *name = c->arch ? tr_syscall_name(c->arch, c->nr) : NULL;
	s->rule = name ? tr_argrule_find(name) : NULL;
	r->used++;
	return *slot = s;
}

static void add_value(struct tr_recorder *r, struct tr_sys *s, uint64_t v, uint64_t count)
{
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].value == v) {
			s->values[i].count += count;
			return;
		}
	if (s->nvalues == TR_MAX_VALUES) {
		s->overflow = 1;
		return;
	}
	SG_PUSH(r->arena, s->values, s->nvalues, s->cap) = (struct tr_value){ v, count };
}

void tr_record(struct tr_recorder *r, const struct tr_call *c)
{
	r->total += c->count;
	for (size_t i = 0; i < r->nbases; i++)
		if (tr_base_allows(r->bases[i], c)) {
			r->covered += c->count;
			return;
		}
	struct tr_sys *s = entry(r, c);
	s->count += c->count;
	if (!s->rule)
		return;
	unsigned arg = s->rule->arg;
	if (!(c->known & 1u << arg)) {
		s->unfiltered += c->count;
		return;
	}
	uint64_t v = c->args[arg];
	if (c->arch && c->arch->bits == 32)
		v &= 0xffffffffu; /* the filter of a 32-bit ABI sees the low word */
	add_value(r, s, v, c->count);
}

struct tr_sys **tr_recorder_list(struct tr_recorder *r, size_t *n)
{
	struct tr_sys **out = sg_alloc_array(r->arena, r->used ? r->used : 1, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < r->nslots; i++)
		if (r->slots[i])
			out[k++] = r->slots[i];
	*n = k;
	return out;
}

uint64_t tr_recorder_covered(const struct tr_recorder *r)
{
	return r->covered;
}

uint64_t tr_recorder_total(const struct tr_recorder *r)
{
	return r->total;
}

void tr_record_mask(struct tr_recorder *r, const struct tr_call *c, uint64_t mask)
{
	r->total += c->count;
	struct tr_call unknown = *c;
	unknown.known = 0;
	for (size_t i = 0; i < r->nbases; i++)
		if (tr_base_allows(r->bases[i], &unknown)) {
			r->covered += c->count;
			return;
		}
	struct tr_sys *s = entry(r, c);
	s->count += c->count;
	/* Kept apart, not ORed: `~PROT_EXEC || PROT_READ|PROT_EXEC` read back
	 * must not become a mask with both PROT_WRITE and PROT_EXEC. */
	for (size_t i = 0; i < s->nfloors; i++)
		if (s->floors[i] == mask)
			return;
	SG_PUSH(r->arena, s->floors, s->nfloors, s->floors_cap) = mask;
}

unsigned tr_recorder_base_args(const struct tr_recorder *r, const struct sg_arch *a, uint64_t nr)
{
	unsigned args = 0;
	for (size_t i = 0; i < r->nbases; i++)
		args |= tr_base_args_read(r->bases[i], a, nr);
	return args;
}
