/* A decision's first-match filters as libseccomp rules (see
 * gen/write/scmp_rules.h): a decision tree over the arguments, in libseccomp's
 * order (arg0 first), whose branches at each level are disjoint single
 * comparisons.  One rule is written for each path to an action other
 * than the default.
 *
 * At each level the argument's domain is cut where any comparison of it
 * changes (intervals for order comparisons, cubes (arg & mask) == value
 * when masks are involved), the filters are simplified on each piece,
 * and pieces the filters treat alike are joined again.  Comparisons are
 * evaluated at one point of a piece: a piece lies wholly inside or
 * outside each comparison, by construction. */
#include "gen/write/scmp_rules.h"

#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "support/source.h"

/* Pairs: kind ^ 1 is the negation. */
enum lit_kind { L_EQ, L_NE, L_LT, L_GE, L_LE, L_GT, L_MEQ, L_MNE };

struct lit {
	unsigned arg, kind;
	unsigned bits; /* the bits compared: the word, or 32 for seccompiler's dword */
	uint64_t m, v; /* MEQ/MNE: (arg & m) ==/!= v; the others: arg OP v */
};

struct clause {
	struct lit *lits; /* a conjunction; none: it holds */
	size_t n;
};

/* A filter as the tree sees it on one branch. */
struct xrule {
	uint32_t ret;
	struct clause *clauses; /* a disjunction; none: it never holds, unless always */
	size_t n;
	int always;
	const struct sg_loc *loc;
};

struct cube {
	uint64_t m, v; /* (arg & m) == v */
};

struct cubes {
	struct cube *c;
	size_t n, cap;
};

#define MAX_CUBES 4096

struct ctx {
	struct sg_arena *arena;
	unsigned word;  /* the arch's word, 32 or 64 */
	uint64_t full;  /* its bits */
	uint32_t dflt;  /* the program's default: no rule */
	int overflow;   /* a set grew past its bound */
	struct sg_scmp_rule *out;
	size_t nout, cap;
};

static uint64_t low_bits(unsigned bits)
{
	return bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static int lit_holds(const struct lit *l, uint64_t x)
{
	x &= low_bits(l->bits);
	switch (l->kind) {
	case L_EQ: return x == l->v;
	case L_NE: return x != l->v;
	case L_LT: return x < l->v;
	case L_GE: return x >= l->v;
	case L_LE: return x <= l->v;
	case L_GT: return x > l->v;
	case L_MEQ: return (x & l->m) == l->v;
	default: return (x & l->m) != l->v;
	}
}

static void push_cube(struct ctx *x, struct cubes *s, uint64_t m, uint64_t v)
{
	if (s->n == MAX_CUBES) {
		x->overflow = 1;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->c = realloc(s->c, s->cap * sizeof(*s->c));
		if (!s->c)
			abort();
	}
	s->c[s->n++] = (struct cube){ m, v };
}

/* [lo, hi] as disjoint aligned blocks, each a cube: the largest block
 * starting at lo that fits, then the next. */
static void range_cubes(struct ctx *x, struct cubes *s, uint64_t lo, uint64_t hi, uint64_t full)
{
	for (;;) {
		uint64_t size = 0; /* the block is lo .. lo | size */
		while (size != full) {
			uint64_t next = (size << 1) | 1;
			if ((lo & next) || (lo | next) > hi)
				break;
			size = next;
		}
		push_cube(x, s, full & ~size, lo);
		if ((lo | size) >= hi || x->overflow)
			return;
		lo = (lo | size) + 1;
	}
}

/* x != v for the bits of m, as disjoint cubes: x differs from v first at
 * bit b, from the top. */
static void differ_cubes(struct ctx *x, struct cubes *s, uint64_t m, uint64_t v)
{
	uint64_t above = 0;
	for (unsigned b = 64; b-- > 0;) {
		uint64_t bit = UINT64_C(1) << b;
		if (!(m & bit))
			continue;
		push_cube(x, s, above | bit, (v & above) | (~v & bit));
		above |= bit;
	}
}

/* l as disjoint cubes (bits above l->bits unconstrained). */
static void lit_cubes(struct ctx *x, const struct lit *l, struct cubes *s)
{
	uint64_t full = low_bits(l->bits), v = l->v;
	switch (l->kind) {
	case L_EQ:
		if (v <= full)
			push_cube(x, s, full, v);
		return;
	case L_NE:
		if (v > full)
			push_cube(x, s, 0, 0);
		else
			differ_cubes(x, s, full, v);
		return;
	case L_LT:
		if (v)
			range_cubes(x, s, 0, min64(v - 1, full), full);
		return;
	case L_LE: range_cubes(x, s, 0, min64(v, full), full); return;
	case L_GT:
		if (v < full)
			range_cubes(x, s, v + 1, full, full);
		return;
	case L_GE:
		if (v <= full)
			range_cubes(x, s, v, full, full);
		return;
	case L_MEQ:
		if (!(v & ~l->m))
			push_cube(x, s, l->m, v);
		return;
	case L_MNE:
		if (v & ~l->m)
			push_cube(x, s, 0, 0);
		else
			differ_cubes(x, s, l->m, v);
		return;
	}
}

static struct lit from_atom(const struct ctx *x, const struct sg_ir_atom *a)
{
	unsigned bits = a->width == 32 ? 32 : x->word;
	uint64_t full = low_bits(bits);
	struct lit l = { a->arg, L_EQ, bits, 0, a->value };
	switch (a->op) {
	case SG_OP_EQ: l.kind = L_EQ; break;
	case SG_OP_NE: l.kind = L_NE; break;
	case SG_OP_LT: l.kind = L_LT; break;
	case SG_OP_LE: l.kind = L_LE; break;
	case SG_OP_GT: l.kind = L_GT; break;
	case SG_OP_GE: l.kind = L_GE; break;
	case SG_OP_MASK: /* any bit of the mask: (arg & mask) != 0 */
		l = (struct lit){ a->arg, L_MNE, bits, a->value & full, 0 };
		break;
	case SG_OP_IN: /* no bit outside the mask */
		l = (struct lit){ a->arg, L_MEQ, bits, ~a->value & full, 0 };
		break;
	case SG_OP_MASKED_EQ:
		l = (struct lit){ a->arg, L_MEQ, bits, a->mask & full, a->value };
		break;
	}
	return l;
}

/* Whether clause c holds where argument arg is point, as far as its
 * comparisons of arg say; *rest gets how many compare other arguments. */
static int clause_may_hold(const struct clause *c, unsigned arg, uint64_t point, size_t *rest)
{
	*rest = 0;
	for (size_t k = 0; k < c->n; k++) {
		if (c->lits[k].arg != arg)
			(*rest)++;
		else if (!lit_holds(&c->lits[k], point))
			return 0;
	}
	return 1;
}

/* The filters on the branch where argument arg is `point` (and every
 * value of its piece): comparisons of arg become true or false.  Only
 * the clauses that may still hold are copied: a filter of thousands of
 * values costs one pass per piece, not a copy. */
static struct xrule *simplify(struct ctx *x, const struct xrule *rules, size_t n, unsigned arg, uint64_t point)
{
	struct xrule *out = sg_alloc_array(x->arena, n, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct xrule *r = &rules[i];
		out[i] = (struct xrule){ r->ret, NULL, 0, r->always, r->loc };
		size_t keep = 0, rest;
		for (size_t c = 0; c < r->n && !out[i].always; c++)
			if (clause_may_hold(&r->clauses[c], arg, point, &rest)) {
				keep++;
				out[i].always = rest == 0;
			}
		if (out[i].always || keep == 0)
			continue;
		out[i].clauses = sg_alloc_array(x->arena, keep, sizeof(struct clause));
		for (size_t c = 0; c < r->n; c++) {
			if (!clause_may_hold(&r->clauses[c], arg, point, &rest))
				continue;
			struct clause cl = { sg_alloc_array(x->arena, rest, sizeof(struct lit)), 0 };
			for (size_t k = 0; k < r->clauses[c].n; k++)
				if (r->clauses[c].lits[k].arg != arg)
					cl.lits[cl.n++] = r->clauses[c].lits[k];
			out[i].clauses[out[i].n++] = cl;
		}
	}
	return out;
}

static int same_lit(const struct lit *a, const struct lit *b)
{
	return a->arg == b->arg && a->kind == b->kind && a->bits == b->bits && a->m == b->m && a->v == b->v;
}

/* Drops filters that never hold and those after the first that always
 * does; the result is what decides on the branch. */
static size_t normalize(struct xrule *rules, size_t n)
{
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rules[i].always && rules[i].n == 0)
			continue;
		rules[out++] = rules[i];
		if (rules[i].always)
			break;
	}
	return out;
}

/* Whether two branches decide alike (same filters, same order). */
static int same_rules(const struct xrule *a, size_t na, const struct xrule *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++) {
		if (a[i].ret != b[i].ret || a[i].always != b[i].always)
			return 0;
		if (a[i].always)
			continue;
		if (a[i].n != b[i].n)
			return 0;
		for (size_t c = 0; c < a[i].n; c++) {
			if (a[i].clauses[c].n != b[i].clauses[c].n)
				return 0;
			for (size_t k = 0; k < a[i].clauses[c].n; k++)
				if (!same_lit(&a[i].clauses[c].lits[k], &b[i].clauses[c].lits[k]))
					return 0;
		}
	}
	return 1;
}

static void build(struct ctx *x, struct xrule *rules, size_t n, struct sg_scmp_cmp *path, unsigned npath);

/* The branches of one level, gathered before they are followed. */
struct lbranch {
	int has_cmp;
	struct sg_scmp_cmp cmp;
	struct xrule *rules;
	size_t n;
};

struct level {
	struct lbranch *b;
	size_t n, cap;
};

/* One branch: the comparison c (NULL: none) and the filters under it. */
static void branch(struct ctx *x, struct level *lv, struct xrule *rules, size_t n, const struct sg_scmp_cmp *c)
{
	struct lbranch *b = &SG_PUSH(x->arena, lv->b, lv->n, lv->cap);
	memset(b, 0, sizeof(*b));
	b->has_cmp = c != NULL;
	if (c)
		b->cmp = *c;
	b->rules = rules;
	b->n = n;
}

static void cube_branch(struct ctx *x, struct level *lv, struct xrule *rules, size_t n, unsigned arg, struct cube cb)
{
	struct sg_scmp_cmp c = { arg, SG_SCMP_MASKED_EQ, cb.m, cb.v };
	if (cb.m == x->full)
		c = (struct sg_scmp_cmp){ arg, SG_SCMP_EQ, cb.v, 0 };
	branch(x, lv, rules, n, cb.m ? &c : NULL);
}

/* libseccomp's order of the nodes of one level (src/db.c, _db_chain_lt:
 * GE and GT before LE and LT before EQ, NE and MASKED_EQ; then by
 * value, LE and LT from the largest). */
static int scmp_lt(const struct sg_scmp_cmp *a, const struct sg_scmp_cmp *b)
{
	static const int prio[] = { 0, 3, 2, 2, 3, 1, 1, 3 };
	if (prio[a->op] != prio[b->op])
		return prio[a->op] < prio[b->op];
	uint64_t da = a->op == SG_SCMP_MASKED_EQ ? a->b : a->a, db = b->op == SG_SCMP_MASKED_EQ ? b->b : b->a;
	if (a->op == SG_SCMP_LE || a->op == SG_SCMP_LT)
		return da > db;
	return da < db;
}

static int by_scmp_order_descending(const void *x, const void *y)
{
	const struct lbranch *a = x, *b = y;
	if (scmp_lt(&b->cmp, &a->cmp))
		return -1;
	if (scmp_lt(&a->cmp, &b->cmp))
		return 1;
	/* Equal for libseccomp (masks differ): keep a fixed order. */
	return (a->cmp.a < b->cmp.a) - (a->cmp.a > b->cmp.a);
}

/* Follows the branches, each new one before those already added in
 * libseccomp's order.  Measured with 2.5.4: `arg0 >= 2 && arg1 <= 0x100`
 * then `arg0 >= 2 && arg1 == 0x5402` never returns from
 * seccomp_rule_add (a shared GE node, a later sibling that sorts after
 * the first); added the other way round, both load at once. */
static void follow(struct ctx *x, struct level *lv, struct sg_scmp_cmp *path, unsigned npath)
{
	if (lv->n > 1)
		qsort(lv->b, lv->n, sizeof(*lv->b), by_scmp_order_descending);
	for (size_t i = 0; i < lv->n && !x->overflow; i++) {
		unsigned k = npath;
		if (lv->b[i].has_cmp)
			path[k++] = lv->b[i].cmp;
		build(x, lv->b[i].rules, lv->b[i].n, path, k);
	}
}

/* A piece of an argument's domain and the filters on it. */
struct piece {
	uint64_t lo, hi; /* an interval, or a cube: lo = value, hi = mask */
	struct xrule *rules;
	size_t n;
};

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Whether a branch decides only the default: it has no rules. */
static int only_default(const struct ctx *x, const struct xrule *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rules[i].ret != x->dflt)
			return 0;
	return 1;
}

/* Order comparisons of the whole word only: the domain cut at every
 * comparison's bounds, neighbours that decide alike joined, each
 * interval a LE, GE, EQ or aligned blocks. */
static void split_intervals(struct ctx *x, struct xrule *rules, size_t n, struct sg_scmp_cmp *path,
			    unsigned npath, unsigned arg)
{
	struct level lv = { 0 };
	uint64_t *cuts = NULL;
	size_t ncuts = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < rules[i].n; c++)
			for (size_t k = 0; k < rules[i].clauses[c].n; k++) {
				const struct lit *l = &rules[i].clauses[c].lits[k];
				if (l->arg != arg)
					continue;
				/* Where the comparison changes: its value, and one past. */
				SG_PUSH(x->arena, cuts, ncuts, cap) = l->v;
				if (l->v < x->full)
					SG_PUSH(x->arena, cuts, ncuts, cap) = l->v + 1;
			}
	if (ncuts)
		qsort(cuts, ncuts, sizeof(*cuts), by_value);
	struct piece *pieces = sg_alloc_array(x->arena, ncuts + 1, sizeof(*pieces));
	size_t np = 0, next = 0;
	uint64_t lo = 0;
	for (;;) {
		/* The next cut above lo ends the piece. */
		while (next < ncuts && cuts[next] <= lo)
			next++;
		uint64_t hi = next < ncuts ? cuts[next] - 1 : x->full;
		struct xrule *s = simplify(x, rules, n, arg, lo);
		size_t ns = normalize(s, n);
		if (np && same_rules(pieces[np - 1].rules, pieces[np - 1].n, s, ns))
			pieces[np - 1].hi = hi;
		else
			pieces[np++] = (struct piece){ lo, hi, s, ns };
		if (hi == x->full)
			break;
		lo = hi + 1;
	}
	/* Three pieces whose outer two decide alike, and the middle value
	 * the default: everything but one value, one NE, rather than the
	 * same branch twice (which makes libseccomp 2.5.4's rule merging
	 * take minutes: measured with 130 rules under `arg0 >= 2` after the
	 * same under `arg0 == 0`).  Not when the value has rules of its own:
	 * libseccomp keeps NE as an EQ with its branches swapped, and `EQ 1`
	 * beside `NE 1` on one level made it loop (4 rules, measured). */
	if (np == 3 && pieces[1].lo == pieces[1].hi && only_default(x, pieces[1].rules, pieces[1].n) &&
	    same_rules(pieces[0].rules, pieces[0].n, pieces[2].rules, pieces[2].n)) {
		struct sg_scmp_cmp ne = { arg, SG_SCMP_NE, pieces[1].lo, 0 };
		branch(x, &lv, pieces[0].rules, pieces[0].n, &ne);
		follow(x, &lv, path, npath);
		return;
	}
	for (size_t i = 0; i < np && !x->overflow; i++) {
		struct piece *p = &pieces[i];
		struct sg_scmp_cmp c = { arg, SG_SCMP_EQ, p->lo, 0 };
		if (np == 1) {
			branch(x, &lv, p->rules, p->n, NULL);
		} else if (p->lo == p->hi) {
			branch(x, &lv, p->rules, p->n, &c);
		} else if (p->lo == 0) {
			c = (struct sg_scmp_cmp){ arg, SG_SCMP_LE, p->hi, 0 };
			branch(x, &lv, p->rules, p->n, &c);
		} else if (p->hi == x->full) {
			c = (struct sg_scmp_cmp){ arg, SG_SCMP_GE, p->lo, 0 };
			branch(x, &lv, p->rules, p->n, &c);
		} else {
			struct cubes cs = { 0 };
			range_cubes(x, &cs, p->lo, p->hi, x->full);
			for (size_t k = 0; k < cs.n && !x->overflow; k++)
				cube_branch(x, &lv, p->rules, p->n, arg, cs.c[k]);
			free(cs.c);
		}
	}
	follow(x, &lv, path, npath);
}

static int meets(struct cube a, const struct cubes *t)
{
	for (size_t j = 0; j < t->n; j++)
		if (!((a.v ^ t->c[j].v) & a.m & t->c[j].m))
			return 1;
	return 0;
}

/* Cuts each cube of s by l into the parts inside and outside it. */
static void refine(struct ctx *x, struct cubes *s, const struct lit *l)
{
	struct lit neg = *l;
	neg.kind ^= 1;
	struct cubes in = { 0 }, out = { 0 }, r = { 0 };
	lit_cubes(x, l, &in);
	lit_cubes(x, &neg, &out);
	for (size_t i = 0; i < s->n && !x->overflow; i++) {
		struct cube a = s->c[i];
		if (!meets(a, &in) || !meets(a, &out)) {
			push_cube(x, &r, a.m, a.v);
			continue;
		}
		for (int side = 0; side < 2; side++) {
			const struct cubes *t = side ? &out : &in;
			for (size_t j = 0; j < t->n; j++) {
				struct cube b = t->c[j];
				if (!((a.v ^ b.v) & a.m & b.m))
					push_cube(x, &r, a.m | b.m, a.v | b.v);
			}
		}
	}
	free(in.c);
	free(out.c);
	free(s->c);
	*s = r;
}

/* Joins cubes of one group that differ in one bit of their mask. */
static size_t join_cubes(struct cube *c, size_t n)
{
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				uint64_t d = c[i].v ^ c[j].v;
				if (c[i].m != c[j].m || !d || (d & (d - 1)))
					continue;
				c[i].m &= ~d;
				c[i].v &= ~d;
				c[j--] = c[--n];
				again = 1;
			}
	}
	return n;
}

/* Masks or 32-bit comparisons: the domain as cubes, cut by each
 * comparison, then grouped by what the filters decide and joined. */
static void split_cubes(struct ctx *x, struct xrule *rules, size_t n, struct sg_scmp_cmp *path, unsigned npath,
			unsigned arg)
{
	struct level lv = { 0 };
	struct cubes s = { 0 };
	push_cube(x, &s, 0, 0);
	for (size_t i = 0; i < n && !x->overflow; i++)
		for (size_t c = 0; c < rules[i].n; c++)
			for (size_t k = 0; k < rules[i].clauses[c].n; k++)
				if (rules[i].clauses[c].lits[k].arg == arg)
					refine(x, &s, &rules[i].clauses[c].lits[k]);
	struct piece *pieces = sg_alloc_array(x->arena, s.n + 1, sizeof(*pieces));
	size_t np = 0;
	for (size_t i = 0; i < s.n && !x->overflow; i++) {
		struct xrule *r = simplify(x, rules, n, arg, s.c[i].v);
		size_t nr = normalize(r, n);
		pieces[np++] = (struct piece){ s.c[i].v, s.c[i].m, r, nr };
	}
	free(s.c);
	/* Group by decision, in the order of first appearance. */
	int *done = sg_alloc_array(x->arena, np + 1, sizeof(int));
	struct cube *group = sg_alloc_array(x->arena, np + 1, sizeof(*group));
	for (size_t i = 0; i < np && !x->overflow; i++) {
		if (done[i])
			continue;
		size_t ng = 0;
		for (size_t j = i; j < np; j++)
			if (!done[j] && same_rules(pieces[i].rules, pieces[i].n, pieces[j].rules, pieces[j].n)) {
				done[j] = 1;
				group[ng++] = (struct cube){ pieces[j].hi, pieces[j].lo };
			}
		ng = join_cubes(group, ng);
		for (size_t k = 0; k < ng && !x->overflow; k++)
			cube_branch(x, &lv, pieces[i].rules, pieces[i].n, arg, group[k]);
	}
	follow(x, &lv, path, npath);
}

static void emit(struct ctx *x, const struct xrule *r, const struct sg_scmp_cmp *path, unsigned npath)
{
	if (r->ret == x->dflt)
		return;
	if (x->nout == SG_SCMP_MAX_RULES) {
		x->overflow = 1;
		return;
	}
	struct sg_scmp_rule *o = &SG_PUSH(x->arena, x->out, x->nout, x->cap);
	memset(o, 0, sizeof(*o));
	o->ret = r->ret;
	o->loc = r->loc;
	o->ncmps = npath;
	memcpy(o->cmps, path, npath * sizeof(*path));
}

static void build(struct ctx *x, struct xrule *rules, size_t n, struct sg_scmp_cmp *path, unsigned npath)
{
	n = normalize(rules, n);
	if (x->overflow || n == 0)
		return;
	size_t i = 1;
	while (i < n && rules[i].ret == rules[0].ret)
		i++;
	if (i == n) {
		emit(x, &rules[0], path, npath);
		return;
	}
	/* The lowest argument compared decides the next level. */
	unsigned arg = 6;
	int order = 1;
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < rules[r].n; c++)
			for (size_t k = 0; k < rules[r].clauses[c].n; k++)
				if (rules[r].clauses[c].lits[k].arg < arg)
					arg = rules[r].clauses[c].lits[k].arg;
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < rules[r].n; c++)
			for (size_t k = 0; k < rules[r].clauses[c].n; k++) {
				const struct lit *l = &rules[r].clauses[c].lits[k];
				if (l->arg == arg && (l->kind > L_GT || l->bits != x->word))
					order = 0;
			}
	if (order)
		split_intervals(x, rules, n, path, npath, arg);
	else
		split_cubes(x, rules, n, path, npath, arg);
}

int sg_scmp_rules(struct sg_arena *a, struct sg_diag *diag, const struct sg_ir_program *p, const char *name,
		  const struct sg_ir_decision *d, struct sg_scmp_rule **rules, size_t *nrules)
{
	struct ctx x = { a, p->arch->bits, low_bits(p->arch->bits), p->default_ret, 0, NULL, 0, 0 };
	struct xrule *xr = sg_alloc_array(a, d->nrules, sizeof(*xr));
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sg_ir_rule *r = &d->rules[i];
		xr[i] = (struct xrule){ r->ret, sg_alloc_array(a, r->nclauses + 1, sizeof(struct clause)), r->nclauses,
					r->nclauses == 0, r->loc };
		for (size_t c = 0; c < r->nclauses; c++) {
			struct clause *cl = &xr[i].clauses[c];
			cl->n = r->clauses[c].natoms;
			cl->lits = sg_alloc_array(a, cl->n + 1, sizeof(struct lit));
			for (size_t k = 0; k < cl->n; k++)
				cl->lits[k] = from_atom(&x, &r->clauses[c].atoms[k]);
		}
	}
	struct sg_scmp_cmp path[6];
	build(&x, xr, d->nrules, path, 0);
	if (x.overflow) {
		const struct sg_loc *at = d->rules[0].loc;
		sg_error(diag, at,
			 "'%s' cannot be written as a profile: its filters need more than %d libseccomp rules (a "
			 "profile has no first-match order: each rule must decide alone)", name, SG_SCMP_MAX_RULES);
		return -1;
	}
	*rules = x.out;
	*nrules = x.nout;
	return 0;
}
