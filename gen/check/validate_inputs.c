/* The inputs of the translation validation (gen/check/validate.h): syscall
 * numbers, arch values and argument vectors, generated from the IR and
 * the program. */
#include "gen/check/validate.h"

#include <stdlib.h>
#include <string.h>

#include "gen/bpf/bpf.h"
#include "gen/ir/ir_eval.h"

/* Every number within this distance of a number of the arch's table is
 * run: the table's numbers are dense from 0 on every arch, with a few
 * far ones (arm's private syscalls at 0xf0001). */
#define NR_MARGIN 64
/* Pseudo-random numbers with the x32 bit, on x86_64. */
#define X32_SAMPLES 64
/* Bounds on the argument vectors of one decision, on those of all
 * decisions together, on the attempts to make a clause's rule the first
 * to match, and on the vectors that tell decisions apart, so that huge
 * policies (the fuzzer makes them) still validate in bounded time. */
#define MAX_VECTORS 65536
#define MAX_ALL_VECTORS (1u << 20)
#define MAX_REPAIRS 64
#define MAX_TELLERS 64
/* The most constants of other comparisons on the same argument tried
 * for one comparison: a range needs two; a generated clause of
 * thousands would otherwise cost their square. */
#define MAX_PEERS 64
/* The most candidate values one comparison contributes (see atom_values). */
#define MAX_ATOM_VALUES 48

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort(); /* as the arena does: nothing better to do */
	return q;
}

struct u32s {
	uint32_t *v;
	size_t n, cap;
};

static void u32_push(struct u32s *s, uint32_t x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = x;
}

/* LSD radix sort, a byte at a time, skipping the bytes all share (the
 * high ones, mostly): one compilation sorts a few thousand numbers, and
 * qsort's compare calls were most of the validation's set-up. */
static void u32_sort(uint32_t *v, size_t n)
{
	uint32_t *tmp = xrealloc(NULL, n * sizeof(*tmp)), *from = v, *to = tmp;
	uint32_t all_or = 0, all_and = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		all_or |= v[i];
		all_and &= v[i];
	}
	for (unsigned shift = 0; shift < 32; shift += 8) {
		if ((((all_or ^ all_and) >> shift) & 0xff) == 0)
			continue;
		size_t count[257] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[((from[i] >> shift) & 0xff) + 1]++;
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		uint32_t *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
	free(tmp);
}

static void u32_sort_unique(struct u32s *s)
{
	if (!s->n)
		return;
	u32_sort(s->v, s->n);
	size_t k = 1;
	for (size_t i = 1; i < s->n; i++)
		if (s->v[i] != s->v[k - 1])
			s->v[k++] = s->v[i];
	s->n = k;
}

/* Argument vectors in insertion order, without repeats. */
struct vset {
	uint64_t (*v)[6];
	size_t n, cap;
	size_t *slots; /* open addressing: position + 1, 0 for empty */
	size_t nslots; /* a power of two, at least twice n */
};

static size_t vhash(const uint64_t a[6])
{
	uint64_t h = 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < 6; i++) {
		h ^= a[i];
		h *= 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return (size_t)h;
}

static void vset_index(struct vset *s, size_t pos)
{
	size_t i = vhash(s->v[pos]) & (s->nslots - 1);
	while (s->slots[i])
		i = (i + 1) & (s->nslots - 1);
	s->slots[i] = pos + 1;
}

static void vset_add(struct vset *s, const uint64_t a[6])
{
	if (2 * (s->n + 1) > s->nslots) {
		s->nslots = s->nslots ? s->nslots * 2 : 256;
		free(s->slots);
		s->slots = calloc(s->nslots, sizeof(*s->slots));
		if (!s->slots)
			abort();
		for (size_t i = 0; i < s->n; i++)
			vset_index(s, i);
	}
	for (size_t i = vhash(a) & (s->nslots - 1); s->slots[i]; i = (i + 1) & (s->nslots - 1))
		if (memcmp(s->v[s->slots[i] - 1], a, sizeof(s->v[0])) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	memcpy(s->v[s->n], a, sizeof(s->v[0]));
	vset_index(s, s->n++);
}

static void vset_free(struct vset *s)
{
	free(s->v);
	free(s->slots);
}

/* A distinct decision of the program, with its argument vectors. */
struct dinfo {
	const struct sg_ir_decision *d; /* NULL: the default, for unnamed numbers */
	uint64_t hash;
	struct vset all;  /* every vector (decision_vectors) */
	struct vset reps; /* a few of them (representatives) */
	int done;         /* some syscall has run all of them */
	uint32_t *sig;    /* its result under each teller */
};

struct gen {
	const struct sg_ir_program *ir;
	const struct sg_program *prog;
	uint64_t word; /* all ones in the target word */
	sg_validate_fn fn;
	void *ctx;
	int stop; /* fn's nonzero result */
	struct dinfo *infos;
	size_t ninfos;
	size_t nvectors; /* in all the infos' sets */
	/* Vectors under which no two decisions give the same results:
	 * syscall numbers run with them, so that a number the dispatch
	 * sends to the wrong decision shows. */
	struct vset tellers;
	/* The tellers that tell the default, and the kill action, from
	 * every decision: enough for the many numbers that get those. */
	struct u32s default_cover, kill_cover;
};

static int emit(struct gen *g, uint32_t nr, uint32_t arch, const uint64_t args[6])
{
	struct sg_seccomp_data d = { .nr = nr, .arch = arch };
	if (args)
		memcpy(d.args, args, sizeof(d.args));
	return g->stop = g->fn(g->ctx, &d);
}

/* A number of the arch: with every teller if the policy names it, else
 * with those that tell the default (or, for x32 numbers, the kill action)
 * from every decision. */
static void emit_number(struct gen *g, uint32_t nr)
{
	const struct u32s *cover = NULL;
	if (!sg_ir_lookup(g->ir, nr))
		cover = g->ir->arch->audit_arch == SG_AUDIT_ARCH_X86_64 && nr >= SG_X32_SYSCALL_BIT ? &g->kill_cover
											      : &g->default_cover;
	size_t n = cover ? cover->n : g->tellers.n;
	for (size_t i = 0; i < n && !g->stop; i++)
		emit(g, nr, g->ir->arch->audit_arch, g->tellers.v[cover ? cover->v[i] : i]);
}

/* --- syscall numbers ---------------------------------------------------- */

struct interval {
	uint32_t lo, hi;
};

static int in_intervals(const struct interval *iv, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (iv[mid].hi < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && iv[lo].lo <= x;
}

/* Every number near one of the arch's table, then the numbers the
 * program or the policy singles out and their neighbours (the dispatch
 * is a search over such constants, so this covers each of its edges),
 * then the edges of the number space and, on x86_64, x32 numbers; each
 * with every teller. */
static void run_numbers(struct gen *g)
{
	const struct sg_arch *arch = g->ir->arch;
	struct u32s nrs = { NULL, 0, 0 };
	u32_push(&nrs, 0);
	for (size_t i = 0; i < arch->nsyscalls; i++)
		u32_push(&nrs, (uint32_t)arch->syscalls[i].value);
	u32_sort_unique(&nrs);
	/* [nr - NR_MARGIN, nr + NR_MARGIN] for each, merged where they touch. */
	struct interval *iv = xrealloc(NULL, nrs.n * sizeof(*iv));
	size_t niv = 0;
	for (size_t i = 0; i < nrs.n; i++) {
		uint32_t nr = nrs.v[i];
		uint32_t lo = nr > NR_MARGIN ? nr - NR_MARGIN : 0;
		uint32_t hi = nr < UINT32_MAX - NR_MARGIN ? nr + NR_MARGIN : UINT32_MAX;
		if (niv && (uint64_t)lo <= (uint64_t)iv[niv - 1].hi + 1)
			iv[niv - 1].hi = hi;
		else
			iv[niv++] = (struct interval){ lo, hi };
	}
	free(nrs.v);
	for (size_t i = 0; i < niv && !g->stop; i++)
		for (uint64_t nr = iv[i].lo; nr <= iv[i].hi && !g->stop; nr++)
			emit_number(g, (uint32_t)nr);

	struct u32s extra = { NULL, 0, 0 };
	static const uint32_t edges[] = { 0x3fffffff, 0x40000000, 0x40000001, 0x7fffffff, 0x80000000,
					  0x80000001, 0xbfffffff, 0xc0000000, 0xfffffffe, 0xffffffff };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		u32_push(&extra, edges[i]);
	for (size_t i = 0; i < g->ir->nsyscalls; i++) {
		uint32_t nr = g->ir->syscalls[i].nr;
		u32_push(&extra, nr - 1);
		u32_push(&extra, nr);
		u32_push(&extra, nr + 1);
	}
	for (size_t pc = 0; pc < g->prog->len; pc++) {
		const struct sg_insn *in = &g->prog->insns[pc];
		if (SG_BPF_CLASS(in->code) == SG_BPF_JMP && SG_BPF_OP(in->code) != SG_BPF_JA) {
			u32_push(&extra, in->k - 1);
			u32_push(&extra, in->k);
			u32_push(&extra, in->k + 1);
		}
	}
	if (arch->audit_arch == SG_AUDIT_ARCH_X86_64) {
		for (size_t i = 0; i < arch->nsyscalls; i++)
			u32_push(&extra, (uint32_t)arch->syscalls[i].value | SG_X32_SYSCALL_BIT);
		uint32_t x = 12345;
		for (int i = 0; i < X32_SAMPLES; i++) {
			x = x * 1103515245u + 12345u; /* any fixed sequence will do */
			u32_push(&extra, x | SG_X32_SYSCALL_BIT);
		}
	}
	u32_sort_unique(&extra);
	for (size_t i = 0; i < extra.n && !g->stop; i++)
		if (!in_intervals(iv, niv, extra.v[i]))
			emit_number(g, extra.v[i]);
	free(extra.v);
	free(iv);
}

/* Whatever the number, another arch's value must get the kill action:
 * the values of the other targets (i386 on x86_64 is the classic way
 * around a filter), each flag of the audit value flipped, and junk. */
static void run_wrong_arches(struct gen *g)
{
	uint32_t own = g->ir->arch->audit_arch;
	struct u32s arches = { NULL, 0, 0 };
	u32_push(&arches, 0);
	u32_push(&arches, 0xffffffff);
	u32_push(&arches, own ^ 1);
	u32_push(&arches, own ^ 0x80000000u); /* __AUDIT_ARCH_64BIT */
	u32_push(&arches, own ^ 0x40000000u); /* __AUDIT_ARCH_LE */
	for (size_t i = 0; sg_arches[i]; i++)
		if (sg_arches[i]->audit_arch != own)
			u32_push(&arches, sg_arches[i]->audit_arch);
	u32_sort_unique(&arches);
	for (size_t a = 0; a < arches.n && !g->stop; a++) {
		emit(g, 0, arches.v[a], NULL);
		for (size_t i = 0; i < g->ir->nsyscalls && !g->stop; i++)
			emit(g, g->ir->syscalls[i].nr, arches.v[a], NULL);
	}
	free(arches.v);
}

/* --- argument values ---------------------------------------------------- */

static uint64_t lowest_bit(uint64_t x)
{
	return x & (0 - x);
}

static uint64_t highest_bit(uint64_t x)
{
	uint64_t b = 0;
	while (x) {
		b = lowest_bit(x);
		x &= x - 1;
	}
	return b;
}

/* Values that decide a comparison with v on both sides: v and its
 * neighbours, 0, all ones, the sign boundaries, single bits inside and
 * outside v (for '&' and 'in'), and on 64-bit arches, values that agree
 * with v in one 32-bit half and differ in the other, since the program
 * compares the halves separately.  On 32-bit arches, some values get a
 * high half of junk, which the program must ignore.  Returns how many
 * were written to out (at most MAX_ATOM_VALUES). */
static size_t atom_values(const struct gen *g, const struct sg_ir_atom *a, uint64_t *out)
{
	const uint64_t W = g->word, v = a->value, out_bits = ~v & W;
	size_t n = 0;
	out[n++] = v;
	out[n++] = (v - 1) & W;
	out[n++] = (v + 1) & W;
	out[n++] = 0;
	out[n++] = 1;
	out[n++] = W;
	out[n++] = W >> 1;
	out[n++] = (W >> 1) + 1;
	out[n++] = lowest_bit(v);
	out[n++] = highest_bit(v);
	out[n++] = out_bits;
	out[n++] = v | lowest_bit(out_bits);
	out[n++] = v | highest_bit(out_bits);
	out[n++] = v & ~lowest_bit(v);
	if (a->mask) { /* masked equality: bits of the mask, in and out */
		out[n++] = a->mask;
		out[n++] = v | (~a->mask & W);
		out[n++] = v ^ lowest_bit(a->mask);
		out[n++] = v ^ highest_bit(a->mask);
	}
	if (g->ir->arch->bits == 64) {
		const uint64_t lo = v & 0xffffffffu, hi = v >> 32, H = 1ull << 32;
		out[n++] = v ^ H;
		out[n++] = v + H;
		out[n++] = v - H;
		out[n++] = v + H - 1;
		out[n++] = v - H + 1;
		out[n++] = lo;                          /* high half 0 */
		out[n++] = v | 0xffffffff00000000ull;  /* high half all ones */
		out[n++] = hi << 32;                    /* low half 0 */
		out[n++] = v | 0xffffffffu;             /* low half all ones */
		out[n++] = (hi + 1) << 32;
		out[n++] = (hi << 32) - 1;
		out[n++] = lowest_bit(lo);
		out[n++] = lowest_bit(hi) << 32;
		out[n++] = v | lowest_bit(out_bits & 0xffffffffu);
		out[n++] = v | lowest_bit(out_bits >> 32) << 32;
		out[n++] = 0x7fffffffu;
		out[n++] = 0x80000000u;
		out[n++] = 0xffffffffu;
		out[n++] = H;
	} else {
		const uint64_t junk = 0xffffffff00000000ull;
		out[n++] = v | 1ull << 32;
		out[n++] = v | junk;
		out[n++] = ((v - 1) & W) | junk;
		out[n++] = ((v + 1) & W) | junk;
		out[n++] = v + 1; /* 0x100000000 for v = 0xffffffff */
		out[n++] = junk;
	}
	return n;
}

static int atoms_on_arg_hold(const struct gen *g, const struct sg_ir_clause *c, unsigned arg,
			     const uint64_t args[6])
{
	for (size_t i = 0; i < c->natoms; i++)
		if (c->atoms[i].arg == arg && !sg_ir_atom_holds(g->ir, &c->atoms[i], args))
			return 0;
	return 1;
}

/* Argument values that no comparison reads: different for each
 * argument and in each half, so that a program reading the wrong word
 * sees something else than the right one. */
static uint64_t junk(unsigned arg)
{
	return (0x5bd1e995ull * (arg + 1)) << 32 | (uint32_t)(0x9e3779b9u * (arg + 7));
}

#define NBASE 3

/* The vectors every set starts with: zeros, ones, junk. */
static void base_vectors(uint64_t v[NBASE][6])
{
	memset(v[0], 0, sizeof(v[0]));
	memset(v[1], 0xff, sizeof(v[1]));
	for (unsigned arg = 0; arg < 6; arg++)
		v[2][arg] = junk(arg);
}

/* Arguments under which every comparison of clause c holds, each the
 * first candidate that satisfies c's comparisons on it; the arguments c
 * does not read are 0, or junk. */
static void satisfy_clause(const struct gen *g, const struct sg_ir_clause *c, int with_junk, uint64_t base[6])
{
	uint64_t vals[MAX_ATOM_VALUES];
	for (unsigned arg = 0; arg < 6; arg++) {
		int found = 0, read = 0;
		base[arg] = with_junk ? junk(arg) : 0;
		for (size_t i = 0; i < c->natoms && !found; i++) {
			if (c->atoms[i].arg != arg)
				continue;
			read = 1;
			size_t n = atom_values(g, &c->atoms[i], vals);
			for (size_t k = 0; k < n && !found; k++) {
				base[arg] = vals[k];
				found = atoms_on_arg_hold(g, c, arg, base);
			}
		}
		if (read && !found)
			base[arg] = 0; /* no candidate satisfies c: test the rest anyway */
	}
}

/* Changes one argument of base, if that can be done, so that clause c
 * still holds and rule r is the first to match: the rule's own
 * comparisons then decide, not an earlier rule's. */
static void prefer_rule(const struct gen *g, const struct sg_ir_decision *d, const struct sg_ir_rule *r,
			const struct sg_ir_clause *c, uint64_t base[6])
{
	uint64_t vals[MAX_ATOM_VALUES];
	unsigned tries = 0;
	if (sg_ir_first_match(g->ir, d, base) == r)
		return;
	for (unsigned arg = 0; arg < 6; arg++) {
		uint64_t saved = base[arg];
		for (const struct sg_ir_rule *e = d->rules; e != r; e++) {
			for (size_t k = 0; k < e->nclauses; k++) {
				const struct sg_ir_clause *ec = &e->clauses[k];
				for (size_t i = 0; i < ec->natoms; i++) {
					if (ec->atoms[i].arg != arg)
						continue;
					size_t n = atom_values(g, &ec->atoms[i], vals);
					for (size_t m = 0; m < n; m++) {
						base[arg] = vals[m];
						if (sg_ir_clause_holds(g->ir, c, base) && sg_ir_first_match(g->ir, d, base) == r)
							return;
						if (++tries == MAX_REPAIRS) {
							base[arg] = saved;
							return;
						}
					}
				}
			}
		}
		base[arg] = saved;
	}
}

/* The argument vectors for decision d: all zeros, all ones, junk, and
 * for each clause of each conditional rule, a vector under which it
 * holds (and its rule matches first, where possible), then that vector
 * with each comparison's argument replaced by each of the comparison's
 * values, and by the constants of the clause's other comparisons on the
 * same argument (for ranges like 'arg0 >= 4 && arg0 <= 8').  Every
 * comparison is so made true and false with the rest of its clause true,
 * once with the other arguments 0 and once with junk in them. */
static void decision_vectors(const struct gen *g, const struct sg_ir_decision *d, struct vset *out)
{
	uint64_t v[6], base[6], vals[MAX_ATOM_VALUES], first[NBASE][6];
	base_vectors(first);
	for (int k = 0; k < NBASE; k++)
		vset_add(out, first[k]);
	for (size_t ri = 0; ri < d->nrules; ri++) {
		const struct sg_ir_rule *r = &d->rules[ri];
		for (size_t ci = 0; ci < r->nclauses; ci++) {
			const struct sg_ir_clause *c = &r->clauses[ci];
			for (int with_junk = 0; with_junk < 2; with_junk++) {
				satisfy_clause(g, c, with_junk, base);
				prefer_rule(g, d, r, c, base);
				vset_add(out, base);
				for (size_t ai = 0; ai < c->natoms; ai++) {
					const struct sg_ir_atom *a = &c->atoms[ai];
					size_t n = atom_values(g, a, vals);
					memcpy(v, base, sizeof(v));
					for (size_t k = 0; k < n; k++) {
						v[a->arg] = vals[k];
						vset_add(out, v);
					}
					size_t peers = 0;
					for (size_t k = 0; k < c->natoms && peers < MAX_PEERS; k++) {
						if (k == ai || c->atoms[k].arg != a->arg)
							continue;
						v[a->arg] = c->atoms[k].value;
						vset_add(out, v);
						peers++;
					}
				}
			}
			if (out->n >= MAX_VECTORS)
				return;
		}
	}
}

/* What decision info gives for args. */
static uint32_t decide(const struct gen *g, const struct dinfo *info, const uint64_t args[6])
{
	return info->d ? sg_ir_decide(g->ir, info->d, args) : g->ir->default_ret;
}

/* For each rule of d, the first vector under which it is the first to
 * match: enough to tell d from other decisions for a syscall whose
 * decision equals one already run with every vector. */
static void representatives(const struct gen *g, struct dinfo *info)
{
	const struct sg_ir_decision *d = info->d;
	unsigned char *seen = calloc(d->nrules, 1);
	if (!seen)
		abort();
	for (size_t i = 0; i < info->all.n; i++) {
		const struct sg_ir_rule *r = sg_ir_first_match(g->ir, d, info->all.v[i]);
		size_t ri = r ? (size_t)(r - d->rules) : 0;
		if (i == 0 || !seen[ri])
			vset_add(&info->reps, info->all.v[i]);
		seen[ri] = 1;
	}
	free(seen);
}

/* The distinct decisions of the program, the default first. */
static void collect_decisions(struct gen *g)
{
	const struct sg_ir_program *ir = g->ir;
	g->infos = calloc(ir->nsyscalls + 1, sizeof(*g->infos));
	if (!g->infos)
		abort();
	g->ninfos = 1; /* infos[0]: the default */
	for (size_t i = 0; i < ir->nsyscalls; i++) {
		const struct sg_ir_decision *d = ir->syscalls[i].decision;
		uint64_t h = sg_ir_decision_hash(d);
		size_t k = 1;
		while (k < g->ninfos && !(g->infos[k].hash == h && sg_ir_decision_equal(g->infos[k].d, d)))
			k++;
		if (k < g->ninfos)
			continue;
		struct dinfo *info = &g->infos[g->ninfos++];
		info->d = d;
		info->hash = h;
		if (d->nrules > 1 && g->nvectors < MAX_ALL_VECTORS) {
			decision_vectors(g, d, &info->all);
			representatives(g, info);
			g->nvectors += info->all.n;
		}
	}
}

static struct dinfo *find_info(struct gen *g, const struct sg_ir_decision *d)
{
	uint64_t h = sg_ir_decision_hash(d);
	for (size_t k = 1; k < g->ninfos; k++)
		if (g->infos[k].hash == h && sg_ir_decision_equal(g->infos[k].d, d))
			return &g->infos[k];
	return NULL;
}

static void add_teller(struct gen *g, const uint64_t v[6])
{
	size_t n = g->tellers.n;
	vset_add(&g->tellers, v);
	if (g->tellers.n == n)
		return;
	for (size_t k = 0; k < g->ninfos; k++) {
		g->infos[k].sig = xrealloc(g->infos[k].sig, (n + 1) * sizeof(uint32_t));
		g->infos[k].sig[n] = decide(g, &g->infos[k], v);
	}
}

/* A vector of a's or b's set under which they differ, if there is one. */
static const uint64_t *difference(const struct gen *g, const struct dinfo *a, const struct dinfo *b)
{
	const struct dinfo *pair[2] = { a, b };
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < pair[p]->all.n; i++)
			if (decide(g, a, pair[p]->all.v[i]) != decide(g, b, pair[p]->all.v[i]))
				return pair[p]->all.v[i];
	return NULL;
}

/* The tellers: zeros, ones, junk, then greedily a vector for each pair of
 * decisions that the tellers so far do not tell apart. */
static void choose_tellers(struct gen *g)
{
	uint64_t v[6], first[NBASE][6];
	base_vectors(first);
	for (int k = 0; k < NBASE; k++)
		add_teller(g, first[k]);
	for (size_t i = 0; i < g->ninfos; i++)
		for (size_t j = i + 1; j < g->ninfos && g->tellers.n < MAX_TELLERS; j++) {
			if (memcmp(g->infos[i].sig, g->infos[j].sig, g->tellers.n * sizeof(uint32_t)) != 0)
				continue;
			const uint64_t *d = difference(g, &g->infos[i], &g->infos[j]);
			if (d) {
				memcpy(v, d, sizeof(v));
				add_teller(g, v);
			}
		}
}

/* A few tellers under which every decision that ever differs from the
 * result `want` (one per teller) differs from it: greedily, the teller
 * that shows the most of those not yet shown. */
static void choose_cover(struct gen *g, const uint32_t *want, struct u32s *cover)
{
	size_t n = g->ninfos, nt = g->tellers.n;
	unsigned char *shown = calloc(n, 1);
	if (!shown)
		abort();
	u32_push(cover, 0); /* zeros: the usual case */
	for (;;) {
		for (size_t k = 0; k < n; k++)
			for (size_t c = 0; c < cover->n && !shown[k]; c++)
				shown[k] = g->infos[k].sig[cover->v[c]] != want[cover->v[c]];
		size_t best = 0, best_t = 0;
		for (size_t t = 0; t < nt; t++) {
			size_t count = 0;
			for (size_t k = 0; k < n; k++)
				count += !shown[k] && g->infos[k].sig[t] != want[t];
			if (count > best) {
				best = count;
				best_t = t;
			}
		}
		if (!best)
			break;
		u32_push(cover, (uint32_t)best_t);
	}
	free(shown);
}

static void choose_covers(struct gen *g)
{
	uint32_t *want = xrealloc(NULL, (g->tellers.n + 1) * sizeof(*want));
	for (size_t t = 0; t < g->tellers.n; t++)
		want[t] = g->ir->kill_ret;
	choose_cover(g, g->infos[0].sig, &g->default_cover);
	choose_cover(g, want, &g->kill_cover);
	free(want);
}

/* Each syscall the policy names with its decision's vectors: all of them
 * for the first syscall with that decision, the representatives for the
 * others (they share its code; the representatives show whether the
 * dispatch reaches that code). */
static void run_arguments(struct gen *g)
{
	const struct sg_ir_program *ir = g->ir;
	for (size_t i = 0; i < ir->nsyscalls && !g->stop; i++) {
		const struct sg_ir_syscall *s = &ir->syscalls[i];
		struct dinfo *info = find_info(g, s->decision);
		if (!info)
			continue;
		const struct vset *run = info->done ? &info->reps : &info->all;
		info->done = 1;
		for (size_t k = 0; k < run->n && !g->stop; k++)
			emit(g, s->nr, ir->arch->audit_arch, run->v[k]);
	}
}

int sg_validate_inputs(const struct sg_ir_program *ir, const struct sg_program *prog, sg_validate_fn fn,
		       void *ctx)
{
	struct gen g;
	memset(&g, 0, sizeof(g));
	g.ir = ir;
	g.prog = prog;
	g.word = ir->arch->bits == 64 ? UINT64_MAX : 0xffffffffu;
	g.fn = fn;
	g.ctx = ctx;
	collect_decisions(&g);
	choose_tellers(&g);
	choose_covers(&g);
	run_numbers(&g);
	if (!g.stop)
		run_wrong_arches(&g);
	if (!g.stop)
		run_arguments(&g);
	for (size_t k = 0; k < g.ninfos; k++) {
		vset_free(&g.infos[k].all);
		vset_free(&g.infos[k].reps);
		free(g.infos[k].sig);
	}
	free(g.infos);
	vset_free(&g.tellers);
	free(g.default_cover.v);
	free(g.kill_cover.v);
	return g.stop;
}
