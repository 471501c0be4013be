/* The dispatch layout (gen/backend/dispatch.c) is optimal, and right.
 *  - Ranges: every syscall lands in a range with its decision, equal
 *    neighbours are merged, the ranges tile [0, 2^32).
 *  - Tree: each range is reached by exactly the numbers it holds, a
 *    chain's untested ranges share its fallback decision, and a bit test
 *    sends each number of its ranges to that number's decision.
 *  - Optimality: the tree's cost (sum over ranges of weight x executed
 *    comparisons) is compared with the optimum found by a plain O(m^3)
 *    search over every split, chain and bit test, written here from the cost
 *    model alone (no Knuth bounds, no scaling), on random tables of many
 *    shapes: dense, sparse, skewed weights, zero weights, few decisions.
 *    Up to 64 ranges the layout searches exhaustively too and must be
 *    exact; above, its Knuth bounds are not exact once JEQ chains are in
 *    the tree, and it must stay within 1.15x of the optimum (issue 4's
 *    target); the worst ratio seen is printed.  The cost the layout
 *    reports (its DP's, with chain costs computed ahead) must be the
 *    cost of the tree it built. */
#include <stdlib.h>
#include <string.h>

#include "gen/backend/dispatch.h"
#include "gen/bpf/interp.h"
#include "support/arena.h"
#include "tests/tap.h"

/* The model: a JGE costs one instruction to everything below it; a chain
 * of JEQ tests at most this many single-number ranges. */
#define MAX_TESTS 4
#define ROUNDS 25

/* Tables up to this many ranges get the exact optimum. */
#define EXACT_RANGES 64

static double worst_ratio = 1;
static unsigned nodes_seen[4]; /* by enum sg_dnode_kind */

struct ref {
	const struct sg_dispatch *d;
	size_t m;
	uint64_t *memo; /* m x m, UINT64_MAX: not yet known */
};

static uint64_t w(const struct ref *r, size_t i)
{
	return r->d->ranges[i].weight;
}

static unsigned dec(const struct ref *r, size_t i)
{
	return r->d->ranges[i].decision->id;
}

static int by_weight_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* A chain over [i, j] falling back to decision f: heaviest tests first. */
static uint64_t chain(const struct ref *r, size_t i, size_t j, unsigned f)
{
	uint64_t tests[MAX_TESTS], rest = 0;
	size_t n = 0;
	for (size_t k = i; k <= j; k++) {
		if (dec(r, k) == f) {
			rest += w(r, k);
			continue;
		}
		if (r->d->ranges[k].lo != r->d->ranges[k].hi || n == MAX_TESTS)
			return UINT64_MAX;
		tests[n++] = w(r, k);
	}
	qsort(tests, n, sizeof(*tests), by_weight_desc);
	uint64_t c = rest * n;
	for (size_t k = 0; k < n; k++)
		c += tests[k] * (k + 1);
	return c;
}

/* The bit test's limits (gen/backend/dispatch.c): ranges, numbers spanned. */
#define BITS_RANGES 16
#define BITS_SPAN 64

static unsigned dec_of(const struct sg_dispatch *d, size_t i, size_t j, uint32_t n)
{
	size_t k = i;
	while (d->ranges[k].hi < n && k < j)
		k++;
	return d->ranges[k].decision->id;
}

/* Whether one JSET can decide [i, j]: the numbers of one decision all
 * have a bit of some mask, those of a second and last none.  Number by
 * number: the mask to try is every bit the second side never has. */
static int bits_ok(const struct ref *r, size_t i, size_t j)
{
	const struct sg_range *g = r->d->ranges;
	uint32_t lo = g[i].lo, hi = g[j].hi;
	int named = 0;
	unsigned a = dec(r, i), b = a;
	for (size_t k = i; k <= j; k++) {
		named |= g[k].first != NULL;
		if (dec(r, k) != a) {
			if (b != a && dec(r, k) != b)
				return 0;
			b = dec(r, k);
		}
	}
	if (j - i + 1 > BITS_RANGES || hi - lo >= BITS_SPAN || b == a || !named)
		return 0;
	for (int side = 0; side < 2; side++) {
		unsigned set = side ? b : a;
		uint32_t others = 0;
		for (uint32_t n = lo; n <= hi; n++)
			if (dec_of(r->d, i, j, n) != set)
				others |= n;
		int ok = 1;
		for (uint32_t n = lo; n <= hi && ok; n++)
			if (dec_of(r->d, i, j, n) == set && !(n & ~others))
				ok = 0;
		if (ok)
			return 1;
	}
	return 0;
}

static uint64_t opt(struct ref *r, size_t i, size_t j)
{
	uint64_t *slot = &r->memo[i * r->m + j];
	if (*slot != UINT64_MAX)
		return *slot;
	uint64_t best = 0;
	if (i < j) {
		uint64_t all = 0;
		for (size_t k = i; k <= j; k++)
			all += w(r, k);
		best = UINT64_MAX;
		for (size_t k = i + 1; k <= j; k++) {
			uint64_t c = opt(r, i, k - 1) + opt(r, k, j) + all;
			if (c < best)
				best = c;
		}
		uint64_t c1 = chain(r, i, j, dec(r, i)), c2 = chain(r, i, j, dec(r, j));
		if (c1 < best)
			best = c1;
		if (c2 < best)
			best = c2;
		if (all < best && bits_ok(r, i, j))
			best = all;
	}
	return *slot = best;
}

/* Walks the tree over ranges [i, j]; adds weight x comparisons to *cost
 * and returns 0 if every range is reached exactly where it should be. */
static int walk(const struct sg_dispatch *d, const struct sg_dnode *n, size_t i, size_t j, uint64_t depth,
		uint64_t *cost)
{
	nodes_seen[n->kind & 3]++;
	switch (n->kind) {
	case SG_DLEAF:
		*cost += d->ranges[i].weight * depth;
		return i == j && n->range == i ? 0 : -1;
	case SG_DSPLIT: {
		size_t k = i + 1;
		while (k <= j && d->ranges[k].lo != n->split)
			k++;
		if (k > j)
			return -1;
		return walk(d, n->left, i, k - 1, depth + 1, cost) || walk(d, n->right, k, j, depth + 1, cost) ? -1 : 0;
	}
	case SG_DBITS: {
		/* Every number of [i, j], on the side its bits send it to. */
		unsigned set = d->ranges[n->range].decision->id, clear = d->ranges[n->other].decision->id;
		int bad = n->range < i || n->range > j || n->other < i || n->other > j || set == clear ||
			  d->ranges[j].hi - d->ranges[i].lo >= BITS_SPAN;
		for (uint32_t x = d->ranges[i].lo; !bad && x <= d->ranges[j].hi; x++)
			bad = dec_of(d, i, j, x) != (x & n->mask ? set : clear);
		for (size_t k = i; k <= j; k++)
			*cost += d->ranges[k].weight * (depth + 1);
		return bad ? -1 : 0;
	}
	case SG_DCHAIN: {
		unsigned f = d->ranges[n->range].decision->id;
		unsigned char *tested = calloc(j - i + 1, 1);
		int bad = n->range < i || n->range > j || n->ntests == 0 || n->ntests > MAX_TESTS;
		for (size_t t = 0; t < n->ntests && !bad; t++) {
			size_t k = n->tests[t];
			bad = k < i || k > j || tested[k - i] || d->ranges[k].lo != d->ranges[k].hi;
			if (!bad) {
				tested[k - i] = 1;
				*cost += d->ranges[k].weight * (depth + t + 1);
			}
		}
		for (size_t k = i; k <= j && !bad; k++)
			if (!tested[k - i]) {
				bad = d->ranges[k].decision->id != f;
				*cost += d->ranges[k].weight * (depth + n->ntests);
			}
		free(tested);
		return bad ? -1 : 0;
	}
	}
	return -1;
}

/* Every syscall sits in a range with its decision; the ranges tile the
 * number space and no two neighbours could merge. */
static int ranges_ok(const struct sg_dispatch *d, const struct sg_ir_program *ir)
{
	if (!d->nranges || d->ranges[0].lo != 0 || d->ranges[d->nranges - 1].hi != UINT32_MAX)
		return 0;
	for (size_t i = 1; i < d->nranges; i++)
		if (d->ranges[i].lo != d->ranges[i - 1].hi + 1 ||
		    d->ranges[i].decision->id == d->ranges[i - 1].decision->id)
			return 0;
	for (size_t s = 0, r = 0; s < ir->nsyscalls; s++) {
		while (d->ranges[r].hi < ir->syscalls[s].nr)
			r++;
		if (d->ranges[r].decision->id != ir->syscalls[s].decision->id)
			return 0;
	}
	return 1;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state % n;
}

struct shape {
	const char *name;
	size_t nsyscalls;
	unsigned max_gap;   /* numbers skipped between syscalls: 0 .. max_gap */
	unsigned decisions; /* distinct decisions to draw from */
	unsigned max_weight; /* 0: all weight 1 */
};

static void one_case(const struct shape *sh, int round)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_ir_decision **pool = sg_alloc_array(a, sh->decisions, sizeof(*pool));
	for (unsigned k = 0; k < sh->decisions; k++) {
		pool[k] = sg_alloc(a, sizeof(*pool[k]));
		pool[k]->rules = sg_alloc(a, sizeof(*pool[k]->rules));
		pool[k]->rules[0].ret = k == 0 ? SG_RET_ALLOW : SG_RET_ERRNO | k;
		pool[k]->nrules = 1;
	}
	struct sg_ir_program ir = { .name = "random", .arch = sg_arch_find("aarch64"),
				    .default_ret = SG_RET_TRAP, .kill_ret = SG_RET_KILL_THREAD };
	ir.syscalls = sg_alloc_array(a, sh->nsyscalls, sizeof(*ir.syscalls));
	uint32_t nr = (uint32_t)rnd(3);
	for (size_t s = 0; s < sh->nsyscalls; s++) {
		uint64_t weight = sh->max_weight ? rnd(sh->max_weight + 1) : 1;
		if (sh->max_weight && rnd(4) == 0)
			weight *= 50; /* a few hot syscalls, as @frequency gives */
		ir.syscalls[s] = (struct sg_ir_syscall){ "s", nr, weight, pool[rnd(sh->decisions)] };
		nr += 1 + (uint32_t)rnd(sh->max_gap + 1);
	}
	ir.nsyscalls = sh->nsyscalls;
	struct sg_dispatch *d = sg_dispatch_build(a, &ir);
	struct ref r = { d, d->nranges, malloc(d->nranges * d->nranges * sizeof(uint64_t)) };
	memset(r.memo, 0xff, d->nranges * d->nranges * sizeof(uint64_t));
	uint64_t cost = 0, best = opt(&r, 0, r.m - 1);
	int shape_ok = walk(d, d->root, 0, d->nranges - 1, 0, &cost) == 0;
	double ratio = best ? (double)cost / (double)best : cost ? 2 : 1;
	/* What the layout says its tree costs is what the tree costs (these
	 * weights are small enough not to be scaled). */
	int good = (d->nranges <= EXACT_RANGES ? cost == best : ratio <= 1.15) && cost == d->cost;
	if (d->nranges > EXACT_RANGES && ratio > worst_ratio)
		worst_ratio = ratio;
	if (!tap_ok(ranges_ok(d, &ir) && shape_ok && good, "%s #%d: %zu ranges, tree cost %llu (layout's own figure %llu), optimum %llu",
		    sh->name, round, d->nranges, (unsigned long long)cost, (unsigned long long)d->cost,
		    (unsigned long long)best))
		printf("# ranges %s, tree %s\n", ranges_ok(d, &ir) ? "ok" : "WRONG", shape_ok ? "ok" : "WRONG");
	free(r.memo);
	sg_arena_free(a);
}

/* Past the DP's limit (2048 ranges) the tree splits at weighted medians:
 * still right, and within two comparisons of log2 of the ranges for
 * uniform weights. */
static void huge_table(void)
{
	struct sg_arena *a = sg_arena_new();
	size_t n = 3000;
	struct sg_ir_program ir = { .name = "huge", .arch = sg_arch_find("aarch64"), .default_ret = SG_RET_TRAP,
				    .kill_ret = SG_RET_KILL_THREAD };
	ir.syscalls = sg_alloc_array(a, n, sizeof(*ir.syscalls));
	for (size_t s = 0; s < n; s++) {
		struct sg_ir_decision *dec = sg_alloc(a, sizeof(*dec));
		dec->rules = sg_alloc(a, sizeof(*dec->rules));
		dec->rules[0].ret = SG_RET_ERRNO | (uint32_t)(s % 4000);
		dec->nrules = 1;
		ir.syscalls[s] = (struct sg_ir_syscall){ "s", (uint32_t)(2 * s), 1, dec };
	}
	ir.nsyscalls = n;
	struct sg_dispatch *d = sg_dispatch_build(a, &ir);
	uint64_t cost = 0;
	int shape_ok = walk(d, d->root, 0, d->nranges - 1, 0, &cost) == 0;
	/* The ranges' weights: the syscalls' (which an errno doubles). */
	uint64_t total = 0;
	for (size_t r = 0; r < d->nranges; r++)
		total += d->ranges[r].weight;
	double depth = (double)cost / (double)total, bound = 2;
	for (size_t r = d->nranges; r > 1; r = (r + 1) / 2)
		bound++;
	tap_ok(ranges_ok(d, &ir) && shape_ok && depth <= bound,
	       "%zu ranges (past the DP's limit): a right tree, mean depth %.2f (at most %.0f)", d->nranges, depth,
	       bound);
	sg_arena_free(a);
}

int main(void)
{
	static const struct shape shapes[] = {
		{ "dense, uniform", 30, 0, 3, 0 },
		{ "dense, all different", 25, 0, 25, 0 },
		{ "sparse, uniform", 30, 3, 2, 0 },
		{ "one gap each, uniform", 30, 1, 30, 0 },
		{ "weighted", 30, 2, 3, 20 },
		{ "weighted, few decisions", 40, 1, 2, 10 },
		{ "allow and one other", 60, 2, 2, 0 },
		{ "mid-size, weighted", 45, 2, 3, 20 },
		{ "mid-size, weighted, dense", 90, 0, 3, 20 },
		{ "large, weighted", 150, 2, 4, 100 },
		{ "large, uniform", 200, 1, 3, 0 },
	};
	for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
		for (int round = 0; round < (shapes[s].nsyscalls > 100 ? 4 : ROUNDS); round++)
			one_case(&shapes[s], round);
	huge_table();
	printf("# worst tree cost / optimum above %d ranges: %.4f\n", EXACT_RANGES, worst_ratio);
	tap_ok(nodes_seen[SG_DSPLIT] && nodes_seen[SG_DCHAIN] && nodes_seen[SG_DBITS],
	       "the trees use every kind of node: %u splits, %u chains, %u bit tests", nodes_seen[SG_DSPLIT],
	       nodes_seen[SG_DCHAIN], nodes_seen[SG_DBITS]);
	return tap_done();
}
