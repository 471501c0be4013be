#include "gen/lint/unreachable.h"

#include <stdlib.h>
#include <string.h>

#include "gen/ir/ir_eval.h"

/* All ones in the bits a compares: the target's word, or 32 bits. */
static uint64_t word_of(const struct sg_ir_program *ir, const struct sg_ir_atom *a)
{
	return ir->arch->bits == 32 || a->width == 32 ? 0xffffffffu : UINT64_MAX;
}

int sg_atom_constant(const struct sg_ir_program *ir, const struct sg_ir_atom *a)
{
	uint64_t w = word_of(ir, a);
	switch (a->op) {
	case SG_OP_GE: return a->value == 0 ? 1 : -1;
	case SG_OP_LT: return a->value == 0 ? 0 : -1;
	case SG_OP_GT: return a->value == w ? 0 : -1;
	case SG_OP_LE: return a->value == w ? 1 : -1;
	case SG_OP_IN: return a->value == w ? 1 : -1;
	case SG_OP_MASK: return a->value == 0 ? 0 : -1;
	default: return -1;
	}
}

/* The values a comparison of the interval kind holds for: [*lo, *hi].
 * Returns 0 for the other kinds, and for an empty interval. */
static int interval(const struct sg_ir_program *ir, const struct sg_ir_atom *a, uint64_t *lo, uint64_t *hi)
{
	uint64_t w = word_of(ir, a), v = a->value;
	*lo = 0;
	*hi = w;
	switch (a->op) {
	case SG_OP_EQ: *lo = *hi = v; return 1;
	case SG_OP_GE: *lo = v; return 1;
	case SG_OP_GT: *lo = v + 1; return v < w;
	case SG_OP_LE: *hi = v; return 1;
	case SG_OP_LT: *hi = v - 1; return v > 0;
	default: return 0;
	}
}

/* Whenever a holds, b holds (a and b compare the same argument).  Sound,
 * not complete: when unsure, 0. */
static int implies(const struct sg_ir_program *ir, const struct sg_ir_atom *a, const struct sg_ir_atom *b)
{
	uint64_t alo, ahi, blo, bhi;
	if (a->arg != b->arg || a->width != b->width)
		return 0;
	if (sg_atom_constant(ir, b) == 1)
		return 1;
	if (a->op == SG_OP_EQ) {
		/* One value: b decides on it exactly. */
		uint64_t args[6] = { 0 };
		args[a->arg] = a->value;
		return sg_ir_atom_holds(ir, b, args);
	}
	if (interval(ir, a, &alo, &ahi)) {
		if (interval(ir, b, &blo, &bhi))
			return blo <= alo && ahi <= bhi;
		if (b->op == SG_OP_NE)
			return b->value < alo || b->value > ahi;
		return 0;
	}
	uint64_t w = word_of(ir, a);
	switch (a->op) {
	case SG_OP_MASK: /* some bit of a->value */
		if (b->op == SG_OP_MASK)
			return (a->value & ~b->value) == 0;
		if (b->op == SG_OP_NE)
			return b->value == 0;
		return 0;
	case SG_OP_IN: /* no bit outside a->value */
		if (b->op == SG_OP_IN)
			return (a->value & ~b->value & w) == 0;
		if (b->op == SG_OP_NE)
			return (b->value & ~a->value & w) != 0;
		if (b->op == SG_OP_LE)
			return a->value <= b->value;
		return 0;
	case SG_OP_NE:
		return b->op == SG_OP_NE && b->value == a->value;
	default:
		return 0;
	}
}

/* Whenever clause c holds, clause e holds. */
static int clause_implies(const struct sg_ir_program *ir, const struct sg_ir_clause *c, const struct sg_ir_clause *e)
{
	for (size_t i = 0; i < e->natoms; i++) {
		int found = sg_atom_constant(ir, &e->atoms[i]) == 1;
		for (size_t j = 0; j < c->natoms && !found; j++)
			found = implies(ir, &c->atoms[j], &e->atoms[i]);
		if (!found)
			return 0;
	}
	return 1;
}

static int clause_never_holds(const struct sg_ir_program *ir, const struct sg_ir_clause *c)
{
	for (size_t i = 0; i < c->natoms; i++)
		if (sg_atom_constant(ir, &c->atoms[i]) == 0)
			return 1;
	return 0;
}

/* --- the index of one syscall's earlier clauses -------------------------- */

/* An argument pinned to one value: by '==', or by a range of one value
 * (implies() above finds exactly these to imply an '=='). */
struct point {
	uint64_t value;
	uint32_t arg_width; /* arg << 8 | width */
};

static int point_cmp(const struct point *a, const struct point *b)
{
	if (a->arg_width != b->arg_width)
		return a->arg_width < b->arg_width ? -1 : 1;
	return a->value < b->value ? -1 : a->value > b->value;
}

static int by_point(const void *x, const void *y)
{
	return point_cmp(x, y);
}

static size_t sort_unique_points(struct point *p, size_t n)
{
	if (n < 2)
		return n;
	qsort(p, n, sizeof(*p), by_point);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (point_cmp(&p[i], &p[k - 1]) != 0)
			p[k++] = p[i];
	return k;
}

static uint64_t points_hash(const struct point *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i].value + 0x632be59bd9b4e019ull * p[i].arg_width;
		h *= 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	return h;
}

struct key {
	uint64_t hash;
	size_t at, n; /* points[at .. at + n) of the index */
	size_t rule;  /* the first rule with a clause of these points */
};

struct other {
	const struct sg_ir_clause *c;
	size_t rule;
};

struct index {
	const struct sg_ir_program *ir;
	struct point *points;
	size_t npoints, points_cap;
	struct key *keys; /* open addressing; n == 0 && rule == SIZE_MAX: empty */
	size_t nkeys, nslots;
	uint64_t sizes; /* bit k: some key has k points (k < 63), bit 63: more */
	struct other others[SG_UNREACHABLE_PAIRWISE];
	size_t nothers;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static void index_reset(struct index *x)
{
	x->npoints = 0;
	x->sizes = 0;
	x->nothers = 0;
	if (x->nkeys)
		for (size_t i = 0; i < x->nslots; i++)
			x->keys[i].rule = SIZE_MAX;
	x->nkeys = 0;
}

static struct key *slot_of(struct index *x, const struct point *p, size_t n, uint64_t h)
{
	for (size_t i = h & (x->nslots - 1);; i = (i + 1) & (x->nslots - 1)) {
		struct key *k = &x->keys[i];
		if (k->rule == SIZE_MAX)
			return k;
		if (k->hash == h && k->n == n) {
			size_t j = 0;
			while (j < n && point_cmp(&x->points[k->at + j], &p[j]) == 0)
				j++;
			if (j == n)
				return k;
		}
	}
}

static void grow_keys(struct index *x)
{
	struct key *old = x->keys;
	size_t nold = x->nslots;
	x->nslots = nold ? nold * 2 : 64;
	x->keys = xrealloc(NULL, x->nslots * sizeof(*x->keys));
	for (size_t i = 0; i < x->nslots; i++)
		x->keys[i].rule = SIZE_MAX;
	for (size_t i = 0; i < nold; i++)
		if (old[i].rule != SIZE_MAX)
			*slot_of(x, &x->points[old[i].at], old[i].n, old[i].hash) = old[i];
	free(old);
}

/* The sorted distinct points of c's '==' comparisons into x->points past
 * npoints (not kept); returns how many, or -1 if c has another kind. */
static long equality_points(struct index *x, const struct sg_ir_clause *c)
{
	if (x->npoints + c->natoms > x->points_cap) {
		x->points_cap = 2 * (x->npoints + c->natoms) + 64;
		x->points = xrealloc(x->points, x->points_cap * sizeof(*x->points));
	}
	struct point *p = &x->points[x->npoints];
	for (size_t i = 0; i < c->natoms; i++) {
		const struct sg_ir_atom *a = &c->atoms[i];
		if (a->op != SG_OP_EQ)
			return -1;
		p[i] = (struct point){ a->value, a->arg << 8 | a->width };
	}
	return (long)sort_unique_points(p, c->natoms);
}

/* Adds clause c of rule `rule` to the index. */
static void index_add(struct index *x, const struct sg_ir_clause *c, size_t rule)
{
	long n = equality_points(x, c);
	if (n < 0) {
		if (x->nothers < SG_UNREACHABLE_PAIRWISE)
			x->others[x->nothers++] = (struct other){ c, rule };
		return;
	}
	if (2 * (x->nkeys + 1) > x->nslots)
		grow_keys(x);
	const struct point *p = &x->points[x->npoints];
	uint64_t h = points_hash(p, (size_t)n);
	struct key *k = slot_of(x, p, (size_t)n, h);
	if (k->rule != SIZE_MAX)
		return; /* an earlier rule has it already */
	*k = (struct key){ h, x->npoints, (size_t)n, rule };
	x->npoints += (size_t)n;
	x->nkeys++;
	x->sizes |= 1ull << (n < 63 ? n : 63);
}

/* The earliest rule of the index with a clause that c implies, or
 * SIZE_MAX. */
static size_t index_find(struct index *x, const struct sg_ir_clause *c)
{
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < x->nothers; i++)
		if (x->others[i].rule < best && clause_implies(x->ir, c, x->others[i].c))
			best = x->others[i].rule;
	if (!x->nkeys)
		return best;
	/* The values c pins its arguments to. */
	struct point pins[63], sub[63];
	size_t npins = 0;
	for (size_t i = 0; i < c->natoms && npins < 63; i++) {
		uint64_t lo, hi;
		if (interval(x->ir, &c->atoms[i], &lo, &hi) && lo == hi)
			pins[npins++] = (struct point){ lo, c->atoms[i].arg << 8 | c->atoms[i].width };
	}
	npins = sort_unique_points(pins, npins);
	/* Their subsets, smallest first, of the sizes some key has. */
	size_t lookups = 0;
	for (size_t k = 0; k <= npins && lookups < SG_UNREACHABLE_SUBSETS; k++) {
		if (!(x->sizes >> (k < 63 ? k : 63) & 1))
			continue;
		if (k == 0) {
			struct key *e = slot_of(x, sub, 0, points_hash(sub, 0));
			lookups++;
			if (e->rule < best)
				best = e->rule;
			continue;
		}
		/* Gosper's hack: the k-bit masks below 2^npins in order. */
		uint64_t m = (1ull << k) - 1, end = 1ull << npins;
		while (m < end && lookups < SG_UNREACHABLE_SUBSETS) {
			size_t n = 0;
			for (uint64_t b = m; b; b &= b - 1)
				sub[n++] = pins[__builtin_ctzll(b)];
			struct key *e = slot_of(x, sub, n, points_hash(sub, n));
			lookups++;
			if (e->rule < best)
				best = e->rule;
			uint64_t low = m & (0 - m), r = m + low;
			m = (((r ^ m) >> 2) / low) | r;
		}
	}
	return best;
}

void sg_unreachable_rules(const struct sg_ir_program *ir, sg_unreachable_fn fn, void *ctx)
{
	struct index x;
	memset(&x, 0, sizeof(x));
	x.ir = ir;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		index_reset(&x);
		for (size_t j = 0; j < d->nrules; j++) {
			const struct sg_ir_rule *r = &d->rules[j];
			if (!r->nclauses)
				continue;
			/* Rule j can never be the first to match when each of
			 * its clauses either never holds or implies a clause of
			 * an earlier rule.  (Clauses that never hold are the
			 * comparison lints' business; the rule is reported here
			 * only if an earlier rule shadows some of it.) */
			size_t by = SIZE_MAX;
			int shadowed = j > 0;
			for (size_t c = 0; c < r->nclauses && shadowed; c++) {
				if (clause_never_holds(ir, &r->clauses[c]))
					continue;
				size_t found = index_find(&x, &r->clauses[c]);
				if (found == SIZE_MAX)
					shadowed = 0;
				else if (by == SIZE_MAX)
					by = found;
			}
			if (shadowed && by != SIZE_MAX && r->loc)
				fn(ctx, &ir->syscalls[s], r, &d->rules[by]);
			for (size_t c = 0; c < r->nclauses; c++)
				index_add(&x, &r->clauses[c], j);
		}
	}
	free(x.points);
	free(x.keys);
}
