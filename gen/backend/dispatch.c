#include "gen/backend/dispatch.h"

#include <stdlib.h>
#include <string.h>

#include "gen/bpf/bpf.h"
#include "support/arena.h"

static struct sg_ir_decision *unconditional(struct sg_arena *a, uint32_t ret)
{
	struct sg_ir_decision *d = sg_alloc(a, sizeof(*d));
	d->rules = sg_alloc(a, sizeof(*d->rules));
	d->rules[0].ret = ret;
	d->nrules = 1;
	return d;
}

/* Gives equal decisions one id, so equal neighbours merge into one range
 * and equal argument checks are emitted once: an open-addressed table of
 * decision ids by hash, with room for every decision of the program (a
 * policy naming every syscall with its own errno has hundreds). */
struct interner {
	uint64_t *hashes; /* by id */
	unsigned *slots;  /* id + 1, or 0 when free */
	size_t mask;
};

static void interner_init(struct sg_arena *a, struct interner *in, size_t n)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	in->hashes = sg_alloc_array(a, n, sizeof(*in->hashes));
	in->slots = sg_alloc_array(a, size, sizeof(*in->slots));
	in->mask = size - 1;
}

static void intern(struct sg_dispatch *d, struct interner *in, struct sg_ir_decision *dec)
{
	uint64_t h = sg_ir_decision_hash(dec);
	size_t s = (size_t)(h ^ h >> 32) & in->mask;
	for (; in->slots[s]; s = (s + 1) & in->mask) {
		unsigned id = in->slots[s] - 1;
		if (in->hashes[id] == h && sg_ir_decision_equal(d->decisions[id], dec)) {
			dec->id = id;
			return;
		}
	}
	dec->id = (unsigned)d->ndecisions;
	in->slots[s] = dec->id + 1;
	in->hashes[d->ndecisions] = h;
	d->decisions[d->ndecisions++] = dec;
}

/* How much a syscall weighs in the layout: its @frequency weight, times
 * 2 for an unconditional allow, 3 for another unconditional action, 4
 * for argument checks.  The kernel's action cache (Linux 5.11+,
 * kernel/seccomp.c: seccomp_cache_check_allow) lets an unconditional
 * allow through without running the filter at all; every other syscall
 * runs it on every call, argument checks most of all (ioctl, futex, mmap
 * in a VMM: allowed for the values it works with), a denied syscall only
 * on an error path.  No more than twice an allow's weight: without the
 * cache, or in the count of instructions per allowed syscall, the allows
 * pay for it, and twice keeps that within 1% on the crosvm corpus while
 * argument-checked syscalls reach their checks 0.8 instructions sooner
 * (bench/args; 3 and 4 times take allowed syscalls 2.5% and 3.5% further). */
static uint64_t runs_filter_weight(const struct sg_ir_syscall *s)
{
	const struct sg_ir_decision *d = s->decision;
	uint64_t w = s->weight > UINT64_MAX / 4 ? UINT64_MAX / 4 : s->weight;
	if (d->nrules == 1)
		return d->rules[0].ret == SG_RET_ALLOW ? 2 * w : 3 * w;
	return 4 * w;
}

static void add_range(struct sg_arena *a, struct sg_dispatch *d, size_t *cap, uint32_t lo,
		      uint32_t hi, const struct sg_ir_decision *dec, const struct sg_ir_syscall *s)
{
	struct sg_range *last = d->nranges ? &d->ranges[d->nranges - 1] : NULL;
	if (last && last->decision->id == dec->id && last->hi + 1 == lo) {
		last->hi = hi;
	} else {
		last = &SG_PUSH(a, d->ranges, d->nranges, *cap);
		memset(last, 0, sizeof(*last));
		last->lo = lo;
		last->hi = hi;
		last->decision = dec;
	}
	if (s) {
		if (!last->first)
			last->first = s;
		last->nsyscalls++;
		uint64_t w = runs_filter_weight(s);
		last->weight = last->weight + w < w ? UINT64_MAX : last->weight + w;
	}
}

static void build_ranges(struct sg_arena *a, struct sg_dispatch *d, struct sg_ir_program *p)
{
	size_t rcap = 0;
	struct interner in;
	interner_init(a, &in, p->nsyscalls + 2);
	d->decisions = sg_alloc_array(a, p->nsyscalls + 2, sizeof(*d->decisions));
	struct sg_ir_decision *dflt = unconditional(a, p->default_ret);
	struct sg_ir_decision *kill = unconditional(a, p->kill_ret);
	intern(d, &in, dflt);
	intern(d, &in, kill);
	for (size_t i = 0; i < p->nsyscalls; i++)
		intern(d, &in, p->syscalls[i].decision);

	/* On x86_64 the x32 ABI's numbers (bit 30 set) share the arch value;
	 * they get the kill action whatever the default. */
	uint64_t top = p->arch->audit_arch == SG_AUDIT_ARCH_X86_64 ? SG_X32_SYSCALL_BIT - 1ull : UINT32_MAX;
	uint64_t next = 0;
	for (size_t i = 0; i < p->nsyscalls; i++) {
		const struct sg_ir_syscall *s = &p->syscalls[i];
		if (s->nr > top)
			continue;
		if (s->nr > next)
			add_range(a, d, &rcap, (uint32_t)next, s->nr - 1, dflt, NULL);
		add_range(a, d, &rcap, s->nr, s->nr, s->decision, s);
		next = (uint64_t)s->nr + 1;
	}
	if (next <= top)
		add_range(a, d, &rcap, (uint32_t)next, (uint32_t)top, dflt, NULL);
	if (top != UINT32_MAX && p->minus_one_default) {
		add_range(a, d, &rcap, (uint32_t)top + 1, UINT32_MAX - 1, kill, NULL);
		add_range(a, d, &rcap, UINT32_MAX, UINT32_MAX, dflt, NULL);
	} else if (top != UINT32_MAX) {
		add_range(a, d, &rcap, (uint32_t)top + 1, UINT32_MAX, kill, NULL);
	}
}

/* Longest run of single-number ranges a chain of JEQ may test. */
#define CHAIN_MAX 4

/* The DP's tables are stored diagonal by diagonal: the cells [i, i+d]
 * for one d are contiguous, diagonal d starting at diag[d].  Each
 * diagonal is computed in one sequential pass, and the cells a split
 * reads, [i, k-1] and [k, j], move by one cell from one [i, j] to the
 * next, so the walk streams through memory instead of striding. */
struct dp {
	const struct sg_dispatch *d;
	const uint64_t *w;  /* prefix sums of the scaled weights */
	size_t m;
	size_t *diag;
	uint32_t *cost;     /* see build_tree for why 32 bits are enough */
	uint16_t *best;     /* BEST_SPLIT, BEST_CHAIN or BEST_BITS: what [i, j] is
			     * best as; BITS_OK; and the best split, always */
	uint32_t *chain;    /* the best chain of each short [i, j]: see chain_slot, chains */
};

/* Above this many ranges the DP's tables (6 bytes a cell, m^2/2 cells)
 * would outgrow a build; and a program with that many ranges is near the
 * kernel's 4096 instructions anyway.  The tree then splits at the
 * weighted median, within two comparisons of the entropy bound. */
#define DP_MAX_RANGES 2048

#define BEST_SPLIT 0x0000u
#define BEST_CHAIN 0x4000u
#define BEST_BITS 0x8000u
#define BEST_KIND 0xc000u
/* A bit test can decide [i, j] (whether or not it is the best): then it
 * may for a wider interval, which needs both [i, j-1] and [i+1, j] to
 * be decidable so. */
#define BITS_OK 0x2000u
#define BEST_SPLIT_MASK 0x1fffu /* the split, < DP_MAX_RANGES */

static size_t cell(const struct dp *dp, size_t i, size_t j)
{
	return dp->diag[j - i] + i;
}

static uint64_t weight(const struct dp *dp, size_t i)
{
	return dp->w[i + 1] - dp->w[i];
}

/* Longest interval a chain may cover: its tests and a fallback range
 * between each two. */
#define CHAIN_SPAN (2 * CHAIN_MAX + 1)
#define NO_CHAIN UINT32_MAX

/* Where dp->chain keeps the best chain for [i, j] (j - i < CHAIN_SPAN). */
static uint32_t *chain_slot(const struct dp *dp, size_t i, size_t j)
{
	return &dp->chain[i * CHAIN_SPAN + (j - i) - 1];
}

/* A chain under construction: the ranges it tests, heaviest first (ties:
 * the one added first), and the weight of those left to the fallback. */
struct chain {
	size_t tests[CHAIN_MAX];
	size_t n;
	uint64_t rest;
};

/* Adds range r to chain c falling back to decision f; 0 if no chain can
 * cover it (then none can cover a longer interval either). */
static int chain_add(const struct dp *dp, struct chain *c, size_t r, unsigned f)
{
	const struct sg_range *g = &dp->d->ranges[r];
	uint64_t wr = weight(dp, r);
	if (g->decision->id == f) {
		c->rest += wr;
		return 1;
	}
	if (g->lo != g->hi || c->n == CHAIN_MAX)
		return 0;
	size_t at = c->n++;
	for (; at > 0 && weight(dp, c->tests[at - 1]) < wr; at--)
		c->tests[at] = c->tests[at - 1];
	c->tests[at] = r;
	return 1;
}

/* Ranges of [i, j] a chain would test, heaviest first (ties: lower
 * numbers first), with fallback f; 0 if a chain cannot cover [i, j]. */
static size_t chain_tests(const struct dp *dp, size_t i, size_t j, unsigned f, size_t *tests)
{
	struct chain c = { .n = 0 };
	for (size_t r = i; r <= j; r++)
		if (!chain_add(dp, &c, r, f))
			return 0;
	memcpy(tests, c.tests, c.n * sizeof(*tests));
	return c.n;
}

/* Each tested range pays for the tests before it and its own; the
 * fallback ranges pay for all of them. */
static uint64_t chain_total(const struct dp *dp, const struct chain *c)
{
	uint64_t cost = c->rest * c->n;
	for (size_t k = 0; k < c->n; k++)
		cost += weight(dp, c->tests[k]) * (k + 1);
	return cost;
}

/* Keeps the cheaper chain for [i, j] in dp->chain: cost x 2 + 1 when it
 * falls back to j's decision, + 0 to i's (preferred on a tie). */
static void chain_offer(struct dp *dp, size_t i, size_t j, const struct chain *c, uint32_t side)
{
	if (!c->n)
		return;
	uint32_t *slot = chain_slot(dp, i, j);
	uint32_t v = (uint32_t)chain_total(dp, c) * 2 + side; /* < 2^23 x 2: see build_tree */
	if (*slot == NO_CHAIN || (v >> 1) < (*slot >> 1))
		*slot = v;
}

/* The cost of the best chain for every interval a chain may cover, before
 * the DP: growing each interval one range at a time from the end whose
 * decision is the fallback, so that each costs O(CHAIN_MAX). */
static void chains(struct dp *dp)
{
	size_t m = dp->m;
	for (size_t k = 0; k < m * CHAIN_SPAN; k++)
		dp->chain[k] = NO_CHAIN;
	for (size_t i = 0; i < m; i++) {
		unsigned f = dp->d->ranges[i].decision->id;
		struct chain c = { .rest = weight(dp, i) };
		for (size_t j = i + 1; j < m && j - i < CHAIN_SPAN && chain_add(dp, &c, j, f); j++)
			chain_offer(dp, i, j, &c, 0);
	}
	for (size_t j = 0; j < m; j++) {
		unsigned f = dp->d->ranges[j].decision->id;
		struct chain c = { .rest = weight(dp, j) };
		for (size_t i = j; i-- > 0 && j - i < CHAIN_SPAN && chain_add(dp, &c, i, f);)
			chain_offer(dp, i, j, &c, 1);
	}
}

/* A bit test covers at most this many ranges, spanning at most this many
 * numbers: then every number it decides is near a named syscall, where
 * the translation validation tries them all (gen/check/validate_inputs.c). */
#define BITS_MAX_RANGES 16
#define BITS_MAX_SPAN 64

static unsigned highest_bit(uint32_t x)
{
	return 31 - (unsigned)__builtin_clz(x);
}

/* The bits set in some number of [lo, hi]: all those below the highest
 * bit where lo and hi differ, since the range crosses it. */
static uint32_t bits_of(uint32_t lo, uint32_t hi)
{
	if (lo == hi)
		return lo;
	unsigned p = highest_bit(lo ^ hi);
	return hi | (p == 31 ? UINT32_MAX : (2u << p) - 1);
}

/* Whether some number of [lo, hi] has no bit of mask set: steps to the
 * next number clearing the highest offending bit until one has none. */
static int some_clear(uint32_t lo, uint32_t hi, uint32_t mask)
{
	for (uint64_t n = lo; n <= hi;) {
		uint32_t hit = (uint32_t)n & mask;
		if (!hit)
			return 1;
		unsigned b = highest_bit(hit);
		n = ((n >> b) + 1) << b;
	}
	return 0;
}

/* The JSET mask that sends the ranges of [i, j] with decision `set` one
 * way and all the others (of one other decision) the other way, or 0.
 * The widest mask missing every number of the others is the one to try:
 * a narrower one could only miss more numbers of `set`. */
static uint32_t bits_mask(const struct dp *dp, size_t i, size_t j, unsigned set)
{
	const struct sg_range *r = dp->d->ranges;
	uint32_t others = 0;
	for (size_t k = i; k <= j; k++)
		if (r[k].decision->id != set)
			others |= bits_of(r[k].lo, r[k].hi);
	uint32_t mask = ~others & bits_of(r[i].lo, r[j].hi);
	for (size_t k = i; k <= j && mask; k++)
		if (r[k].decision->id == set && some_clear(r[k].lo, r[k].hi, mask))
			mask = 0;
	return mask;
}

/* A bit test for [i, j]: fills *set with a range on the side of a set
 * bit, *clear with one on the other; 0 if there is none. */
static uint32_t bits_test(const struct dp *dp, size_t i, size_t j, size_t *set, size_t *clear)
{
	const struct sg_range *r = dp->d->ranges;
	if (j - i + 1 > BITS_MAX_RANGES || r[j].hi - r[i].lo >= BITS_MAX_SPAN)
		return 0;
	/* Neighbours never share a decision (they would be one range), so
	 * the two decisions are those of i and i + 1. */
	size_t b = i + 1;
	int named = 0;
	for (size_t k = i; k <= j; k++) {
		unsigned id = r[k].decision->id;
		if (id != r[i].decision->id && id != r[b].decision->id)
			return 0;
		named |= r[k].first != NULL;
	}
	if (!named)
		return 0;
	uint32_t mask = bits_mask(dp, i, j, r[i].decision->id);
	*set = mask ? i : b;
	*clear = mask ? b : i;
	return mask ? mask : bits_mask(dp, i, j, r[b].decision->id);
}

static struct sg_dnode *make_tree(struct sg_arena *a, const struct dp *dp, size_t i, size_t j)
{
	struct sg_dnode *n = sg_alloc(a, sizeof(*n));
	if (i == j) {
		n->kind = SG_DLEAF;
		n->range = i;
		return n;
	}
	unsigned best = dp->best[cell(dp, i, j)];
	if ((best & BEST_KIND) == BEST_BITS) {
		n->kind = SG_DBITS;
		n->mask = bits_test(dp, i, j, &n->range, &n->other);
		return n;
	}
	if ((best & BEST_KIND) == BEST_CHAIN) {
		size_t fallback = *chain_slot(dp, i, j) & 1 ? j : i;
		unsigned f = dp->d->ranges[fallback].decision->id;
		n->kind = SG_DCHAIN;
		n->tests = sg_alloc_array(a, CHAIN_MAX, sizeof(*n->tests));
		n->ntests = chain_tests(dp, i, j, f, n->tests);
		n->range = fallback;
		return n;
	}
	size_t k = best & BEST_SPLIT_MASK;
	n->kind = SG_DSPLIT;
	n->range = k;
	n->split = dp->d->ranges[k].lo;
	n->left = make_tree(a, dp, i, k - 1);
	n->right = make_tree(a, dp, k, j);
	return n;
}

/* The cell of [i, j-1]; the next one is [i+1, j]. */
static size_t prev_cell(const struct dp *dp, size_t i, size_t j)
{
	return dp->diag[j - i - 1] + i;
}

/* Up to this many ranges, every split of every interval is tried: the
 * exact optimum, O(m^3) but a few tens of microseconds. */
#define EXACT_MAX 64

/* The splits of [i, j] to try.  Knuth's bounds
 * root[i][j-1] <= root[i][j] <= root[i+1][j] hold for trees of splits
 * alone; JEQ chains and bit tests make cheap leaves that break them
 * (without the exhaustive search below EXACT_MAX, tests/test-dispatch
 * found trees up to 9% dearer than the optimum on random weighted
 * tables; 0.1% on the crosvm corpus).  So long intervals of large tables
 * search between the bounds, everything else tries every split. */
static void split_bounds(const struct dp *dp, size_t i, size_t j, size_t *lo, size_t *hi)
{
	*lo = i + 1;
	*hi = j;
	if (j - i + 1 <= CHAIN_SPAN + 1 || dp->m <= EXACT_MAX)
		return;
	/* Chains and bit tests below can make the two bounds cross; search
	 * between them either way, which keeps the whole DP O(n^2). */
	size_t prev = prev_cell(dp, i, j);
	size_t a = dp->best[prev] & BEST_SPLIT_MASK, b = dp->best[prev + 1] & BEST_SPLIT_MASK;
	*lo = a < b ? a : b;
	*hi = a < b ? b : a;
}

/* The cheapest split k of [i, j] in [lo, hi] (the sum of the costs of
 * [i, k-1] and [k, j]); among equally cheap ones, the nearest the middle:
 * ranges without a named syscall weigh nothing, and this keeps the
 * numbers in them a balanced search too. */
static inline uint64_t search_splits(const struct dp *dp, size_t i, size_t j, size_t lo, size_t hi,
				     size_t *best_k)
{
	const uint32_t *cost = dp->cost;
	const size_t m = dp->m;
	uint64_t best = UINT64_MAX;
	*best_k = lo;
	/* The cells [i, k-1] and [k, j], stepped along with k (diag[d+1] -
	 * diag[d] = m - d) rather than looked up. */
	size_t dl = lo - 1 - i, dr = j - lo;
	size_t left = dp->diag[dl] + i, right = dp->diag[dr] + lo;
	for (size_t k = lo; k <= hi; k++) {
		uint64_t s = (uint64_t)cost[left] + cost[right];
		/* A later k is nearer the middle than best_k iff k + best_k < i + j + 1. */
		if (s < best || (s == best && k + *best_k < i + j + 1)) {
			best = s;
			*best_k = k;
		}
		left += m - dl++;
		right -= m - dr--; /* wraps after the last k, unused then */
	}
	return best;
}

/* What [i, j] (at cell c) is best as: its best split, or a chain, or a
 * bit test, whichever costs least. */
static void best_split(struct dp *dp, size_t i, size_t j, size_t c)
{
	size_t len = j - i + 1, lo, hi;
	split_bounds(dp, i, j, &lo, &hi);
	size_t best_k;
	uint64_t best = search_splits(dp, i, j, lo, hi, &best_k);
	uint64_t all = dp->w[j + 1] - dp->w[i];
	best += all;
	/* The split is kept even when a chain or bit test wins: the next
	 * diagonal's Knuth bounds read it. */
	unsigned kind = BEST_SPLIT;
	if (len <= CHAIN_SPAN) {
		uint32_t ch = *chain_slot(dp, i, j);
		if (ch != NO_CHAIN && ch >> 1 < best) {
			best = ch >> 1;
			kind = BEST_CHAIN;
		}
	}
	/* One JSET for the whole interval: every range pays one instruction. */
	size_t set, clear, prev = prev_cell(dp, i, j);
	unsigned bits_ok = 0;
	if (len == 2 || (dp->best[prev] & dp->best[prev + 1] & BITS_OK))
		bits_ok = bits_test(dp, i, j, &set, &clear) ? BITS_OK : 0;
	if (bits_ok && all < best) {
		best = all;
		kind = BEST_BITS;
	}
	dp->best[c] = (uint16_t)(kind | bits_ok | best_k);
	dp->cost[c] = (uint32_t)best; /* fits: see build_tree */
}

/* Every interval of one diagonal longer than LONG_MIN, in a large table:
 * the bulk of its cells.  No chain or bit test fits such an interval, so
 * this is best_split reduced to the search between Knuth's bounds, with
 * the same choice among equal splits, and nothing computed per cell that
 * can be carried from the one before. */
#define LONG_MIN (BITS_MAX_RANGES > CHAIN_SPAN + 1 ? BITS_MAX_RANGES : CHAIN_SPAN + 1)

static void long_diagonal(struct dp *dp, size_t len)
{
	const size_t m = dp->m, d = len - 1;
	const uint16_t *prev = dp->best + dp->diag[d - 1]; /* [i, i+d-1] at prev[i] */
	uint16_t *best_out = dp->best + dp->diag[d];
	uint32_t *cost_out = dp->cost + dp->diag[d];
	const uint64_t *w = dp->w;
	for (size_t i = 0, j = d; j < m; i++, j++) {
		size_t a = prev[i] & BEST_SPLIT_MASK, b = prev[i + 1] & BEST_SPLIT_MASK;
		size_t lo = a < b ? a : b, hi = a < b ? b : a;
		size_t best_k;
		uint64_t best = search_splits(dp, i, j, lo, hi, &best_k);
		best_out[i] = (uint16_t)(BEST_SPLIT | best_k);
		cost_out[i] = (uint32_t)(best + w[j + 1] - w[i]);
	}
}

/* The DP's tables, used once: for a large policy, hundreds of kilobytes.
 * Faulted in page by page they cost more than the DP's whole computation
 * (1.1 ms for 450 KB in the VM this was measured in, 0.15 ms populated),
 * so above malloc's own mmap threshold, where the block is likely fresh,
 * they are populated at once. */
#define POPULATE_MIN (128u << 10)

static void *tables_alloc(size_t size)
{
	void *p = malloc(size);
	if (!p)
		abort();
	if (size >= POPULATE_MIN)
		sg_populate(p, size);
	return p;
}

/* A split at the weighted median of [i, j], recursively (w: prefix sums
 * of weights that are never 0); adds weight x depth to *cost. */
static struct sg_dnode *median_tree(struct sg_arena *a, const struct sg_dispatch *d, const uint64_t *w, size_t i,
				    size_t j, uint64_t depth, uint64_t *cost)
{
	struct sg_dnode *n = sg_alloc(a, sizeof(*n));
	if (i == j) {
		n->kind = SG_DLEAF;
		n->range = i;
		*cost += (w[i + 1] - w[i]) * depth;
		return n;
	}
	/* The first k with at least half the weight on its left, or the one
	 * before it if that is closer to half. */
	uint64_t half = w[i] + (w[j + 1] - w[i]) / 2;
	size_t lo = i + 1, hi = j;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w[mid] < half)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > i + 1 && half - w[lo - 1] < w[lo] - half)
		lo--;
	n->kind = SG_DSPLIT;
	n->range = lo;
	n->split = d->ranges[lo].lo;
	n->left = median_tree(a, d, w, i, lo - 1, depth + 1, cost);
	n->right = median_tree(a, d, w, lo, j, depth + 1, cost);
	return n;
}

/* The dispatch over the ranges: each JGE node is executed by every
 * syscall below it, each JEQ of a chain by the syscalls it tests and
 * those after, so the tree minimises the sum over ranges of weight x
 * instructions: exactly up to EXACT_MAX ranges, in O(n^2) with Knuth's
 * bounds above (see best_split).  Ranges no syscall is named in weigh 0. */
static void build_tree(struct sg_arena *a, struct sg_dispatch *d)
{
	size_t m = d->nranges;
	uint64_t total = 0;
	for (size_t i = 0; i < m; i++)
		total += d->ranges[i].weight;
	/* Weights are scaled to add up to at most 2^20 + m (a syscall with
	 * under a millionth of the calls then weighs 1).  No path through a
	 * tree of m <= DP_MAX_RANGES ranges runs more than m + CHAIN_MAX
	 * tests, so every cost of the DP is below 2^20 * 2^12: 32 bits. */
	const uint64_t budget = 1u << 20;
	int dp_fits = m <= DP_MAX_RANGES;
	uint64_t *w = sg_alloc_array(a, m + 1, sizeof(*w));
	for (size_t i = 0; i < m; i++) {
		uint64_t f = d->ranges[i].weight;
		if (total > budget && f)
			f = f / (total / budget + 1) + 1;
		/* The median tree needs weights that are never 0: a tiny one
		 * for every range keeps it balanced where nothing is named. */
		w[i + 1] = w[i] + (dp_fits ? f : f * m + 1);
	}
	if (!dp_fits) {
		d->cost = 0;
		d->root = median_tree(a, d, w, 0, m - 1, 0, &d->cost);
		return;
	}
	size_t *diag = sg_alloc_array(a, m + 1, sizeof(*diag));
	for (size_t k = 0; k <= m; k++)
		diag[k] = k * m - k * (k - 1) / 2;
	/* Every cell is written before it is read: no need to zero them. */
	size_t cells = diag[m];
	/* One block: the costs, then the best choices. */
	size_t size = cells * (sizeof(uint32_t) + sizeof(uint16_t));
	uint32_t *tables = tables_alloc(size);
	struct dp dp = { d, w, m, diag, tables, (uint16_t *)(tables + cells),
			 sg_alloc_array(a, m * CHAIN_SPAN, sizeof(uint32_t)) };
	chains(&dp);
	for (size_t i = 0; i < m; i++) {
		dp.cost[i] = 0;
		dp.best[i] = BEST_SPLIT;
	}
	/* Diagonal by diagonal: every shorter interval is done first. */
	for (size_t len = 2; len <= m; len++) {
		if (len > LONG_MIN && m > EXACT_MAX) {
			long_diagonal(&dp, len);
			continue;
		}
		for (size_t i = 0, c = diag[len - 1]; i + len <= m; i++, c++)
			best_split(&dp, i, i + len - 1, c);
	}
	d->cost = m ? dp.cost[cell(&dp, 0, m - 1)] : 0;
	d->root = make_tree(a, &dp, 0, m - 1);
	free(tables);
}

struct sg_dispatch *sg_dispatch_build(struct sg_arena *arena, struct sg_ir_program *p)
{
	struct sg_dispatch *d = sg_alloc(arena, sizeof(*d));
	build_ranges(arena, d, p);
	build_tree(arena, d);
	return d;
}
