#include "gen/backend/optimize.h"

#include <string.h>

#include "support/arena.h"

#define NWORDS (SG_SECCOMP_DATA_SIZE / 4)

/* What is known on entry to an instruction, on every path to it. */
struct facts {
	int reached;
	int a_word;              /* the seccomp_data word A holds, or -1 */
	uint32_t known_mask;     /* words whose value is known ... */
	uint32_t value[NWORDS];  /* ... to be this */
	uint32_t ne_mask;        /* words known to differ ... */
	uint32_t ne_value[NWORDS]; /* ... from this */
};

static int is_cond(const struct sg_insn *i)
{
	return SG_BPF_CLASS(i->code) == SG_BPF_JMP && SG_BPF_OP(i->code) != SG_BPF_JA;
}

static int is_ja(const struct sg_insn *i)
{
	return i->code == (SG_BPF_JMP | SG_BPF_JA);
}

static int is_load_abs(const struct sg_insn *i)
{
	return i->code == (SG_BPF_LD | SG_BPF_W | SG_BPF_ABS);
}

/* The words of mask whose value differs between a and b. */
static uint32_t differing(uint32_t mask, const uint32_t *a, const uint32_t *b)
{
	uint32_t out = 0;
	for (uint32_t m = mask; m; m &= m - 1) {
		int w = __builtin_ctz(m);
		if (a[w] != b[w])
			out |= 1u << w;
	}
	return out;
}

static void merge(struct facts *into, const struct facts *from)
{
	if (!into->reached) {
		*into = *from;
		into->reached = 1;
		return;
	}
	if (into->a_word != from->a_word)
		into->a_word = -1;
	uint32_t same = into->known_mask & from->known_mask;
	into->known_mask = same & ~differing(same, into->value, from->value);
	uint32_t ne = into->ne_mask & from->ne_mask;
	into->ne_mask = ne & ~differing(ne, into->ne_value, from->ne_value);
}

/* 1 or 0 if the jump's outcome follows from the facts, else -1. */
static int decided(const struct sg_insn *i, const struct facts *f)
{
	if (SG_BPF_SRC(i->code) != SG_BPF_K || f->a_word < 0)
		return -1;
	if (!(f->known_mask >> f->a_word & 1))
		return SG_BPF_OP(i->code) == SG_BPF_JEQ && (f->ne_mask >> f->a_word & 1) &&
				       f->ne_value[f->a_word] == i->k
			       ? 0 : -1;
	uint32_t a = f->value[f->a_word];
	switch (SG_BPF_OP(i->code)) {
	case SG_BPF_JEQ: return a == i->k;
	case SG_BPF_JGT: return a > i->k;
	case SG_BPF_JGE: return a >= i->k;
	case SG_BPF_JSET: return (a & i->k) != 0;
	}
	return -1;
}

/* The facts on the taken (t) and not-taken (f) edge of a jump. */
static void edge_facts(const struct sg_insn *i, const struct facts *in, struct facts *t, struct facts *f)
{
	*t = *f = *in;
	t->reached = f->reached = 1;
	if (SG_BPF_OP(i->code) != SG_BPF_JEQ || SG_BPF_SRC(i->code) != SG_BPF_K || in->a_word < 0)
		return;
	t->known_mask |= 1u << in->a_word;
	t->value[in->a_word] = i->k;
	f->ne_mask |= 1u << in->a_word;
	f->ne_value[in->a_word] = i->k;
}

/* Control reaches target with the facts from: a RET needs to know only
 * that (nothing reads its facts), and most jump targets are RETs, so
 * skipping the merge keeps a long program's pass over its facts from
 * touching them at random. */
static void reach(const struct sg_program *p, struct facts *in, size_t target, const struct facts *from)
{
	if (target < p->len && SG_BPF_CLASS(p->insns[target].code) == SG_BPF_RET)
		in[target].reached = 1;
	else
		merge(&in[target], from);
}

/* Forward pass: facts per instruction; folds decided jumps into JA.
 * Returns the number of jumps folded. */
static int fold(struct sg_program *p, struct facts *in)
{
	int changed = 0;
	for (size_t pc = 0; pc <= p->len; pc++)
		in[pc].reached = 0;
	in[0].reached = 1;
	in[0].a_word = -1;
	in[0].known_mask = in[0].ne_mask = 0;
	for (size_t pc = 0; pc < p->len; pc++) {
		if (!in[pc].reached)
			continue;
		struct sg_insn *i = &p->insns[pc];
		if (SG_BPF_CLASS(i->code) == SG_BPF_RET)
			continue; /* only reached: see reach() */
		struct facts out = in[pc];
		switch (SG_BPF_CLASS(i->code)) {
		case SG_BPF_LD:
			out.a_word = is_load_abs(i) ? (int)(i->k / 4) : -1;
			reach(p, in, pc + 1, &out);
			continue;
		case SG_BPF_JMP:
			break;
		case SG_BPF_ALU:
		case SG_BPF_MISC:
			out.a_word = -1; /* A is no longer a plain word */
			/* fall through */
		default:
			reach(p, in, pc + 1, &out);
			continue;
		}
		if (is_ja(i)) {
			reach(p, in, pc + 1 + i->k, &out);
			continue;
		}
		int d = i->jt == i->jf ? 1 : decided(i, &in[pc]);
		if (d >= 0) {
			uint32_t off = d ? i->jt : i->jf;
			*i = sg_stmt(SG_BPF_JMP | SG_BPF_JA, off);
			reach(p, in, pc + 1 + off, &out);
			changed++;
			continue;
		}
		struct facts t, f;
		edge_facts(i, &out, &t, &f);
		reach(p, in, pc + 1 + i->jt, &t);
		reach(p, in, pc + 1 + i->jf, &f);
	}
	return changed;
}

/* Where a jump from a state s to target can go directly: past loads and
 * jumps whose outcome s decides, to the last place where A holds what it
 * holds on the jump (or to a load, which sets A anyway). */
static size_t thread_edge(const struct sg_program *p, size_t target, struct facts s)
{
	int a = s.a_word;
	size_t best = target, pos = target;
	for (int steps = 0; steps < 64 && pos < p->len; steps++) {
		const struct sg_insn *i = &p->insns[pos];
		if (is_load_abs(i)) {
			best = pos;
			s.a_word = (int)(i->k / 4);
			pos++;
		} else if (is_ja(i)) {
			pos += 1 + i->k;
		} else if (is_cond(i)) {
			int d = i->jt == i->jf ? 1 : decided(i, &s);
			if (d < 0)
				break;
			struct facts t, f;
			edge_facts(i, &s, &t, &f);
			s = d ? t : f;
			pos += 1 + (d ? i->jt : i->jf);
		} else {
			break;
		}
		if (s.a_word == a && a >= 0)
			best = pos;
	}
	return best;
}

/* Retargets every conditional edge as far as thread_edge() allows. */
static int thread_edges(struct sg_program *p, const struct facts *in)
{
	int changed = 0;
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sg_insn *i = &p->insns[pc];
		if (!in[pc].reached || !is_cond(i))
			continue;
		struct facts t, f;
		edge_facts(i, &in[pc], &t, &f);
		size_t nt = thread_edge(p, pc + 1 + i->jt, t), nf = thread_edge(p, pc + 1 + i->jf, f);
		if (nt != pc + 1 + i->jt && nt - pc - 1 <= 255) {
			i->jt = (uint8_t)(nt - pc - 1);
			changed++;
		}
		if (nf != pc + 1 + i->jf && nf - pc - 1 <= 255) {
			i->jf = (uint8_t)(nf - pc - 1);
			changed++;
		}
	}
	return changed;
}

/* Where control really goes from target: past JA chains. */
static size_t final_target(const struct sg_program *p, size_t target)
{
	for (int hops = 0; hops < 64 && is_ja(&p->insns[target]); hops++)
		target = target + 1 + p->insns[target].k;
	return target;
}

static void thread_jumps(struct sg_program *p)
{
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sg_insn *i = &p->insns[pc];
		if (is_ja(i)) {
			i->k = (uint32_t)(final_target(p, pc + 1 + i->k) - pc - 1);
		} else if (is_cond(i)) {
			size_t t = final_target(p, pc + 1 + i->jt), f = final_target(p, pc + 1 + i->jf);
			if (t - pc - 1 <= 255)
				i->jt = (uint8_t)(t - pc - 1);
			if (f - pc - 1 <= 255)
				i->jf = (uint8_t)(f - pc - 1);
		}
	}
}

/* Backward pass: is A read on some path from pc before it is written? */
static void liveness(const struct sg_program *p, unsigned char *live_in)
{
	for (size_t pc = p->len; pc-- > 0;) {
		const struct sg_insn *i = &p->insns[pc];
		unsigned char live;
		switch (SG_BPF_CLASS(i->code)) {
		case SG_BPF_RET: live = SG_BPF_RVAL(i->code) == SG_BPF_A; break;
		case SG_BPF_LD: live = 0; break;
		case SG_BPF_ALU: case SG_BPF_ST: live = 1; break;
		case SG_BPF_MISC: live = SG_BPF_MISCOP(i->code) == SG_BPF_TAX || live_in[pc + 1]; break;
		case SG_BPF_JMP:
			live = is_ja(i) ? live_in[pc + 1 + i->k] : 1;
			break;
		default: live = live_in[pc + 1]; break;
		}
		live_in[pc] = live;
	}
}

/* Drops unreachable instructions, JA to the next instruction, loads of
 * what A holds and loads nobody reads; renumbers the jumps. */
static int compact(struct sg_arena *a, struct sg_program *p, const struct facts *in)
{
	unsigned char *live = sg_alloc(a, p->len + 1);
	unsigned char *drop = sg_alloc(a, p->len);
	size_t *fwd = sg_alloc_array(a, p->len + 1, sizeof(*fwd));
	liveness(p, live);
	int dropped = 0;
	for (size_t pc = 0; pc < p->len; pc++) {
		const struct sg_insn *i = &p->insns[pc];
		drop[pc] = !in[pc].reached || (is_ja(i) && i->k == 0) ||
			   (is_load_abs(i) && (in[pc].a_word == (int)(i->k / 4) || !live[pc + 1]));
		dropped += drop[pc];
	}
	if (!dropped)
		return 0;
	/* A dropped instruction's position forwards to the next kept one:
	 * dropped loads and JA 0 fall through, unreachable ones are never
	 * targets. */
	size_t n = 0;
	for (size_t pc = 0; pc < p->len; pc++)
		fwd[pc] = drop[pc] ? (size_t)-1 : n++;
	fwd[p->len] = n;
	for (size_t pc = p->len; pc-- > 0;)
		if (drop[pc])
			fwd[pc] = fwd[pc + 1];
	for (size_t pc = 0, o = 0; pc < p->len; pc++) {
		if (drop[pc])
			continue;
		struct sg_insn i = p->insns[pc];
		if (is_ja(&i))
			i.k = (uint32_t)(fwd[pc + 1 + i.k] - o - 1);
		else if (is_cond(&i)) {
			i.jt = (uint8_t)(fwd[pc + 1 + i.jt] - o - 1);
			i.jf = (uint8_t)(fwd[pc + 1 + i.jf] - o - 1);
		}
		p->insns[o] = i;
		p->notes[o] = p->notes[pc];
		o++;
	}
	p->len = n;
	return dropped;
}

void sg_optimize(struct sg_arena *arena, struct sg_program *p)
{
	struct facts *in = sg_alloc_array(arena, p->len + 1, sizeof(*in));
	for (int round = 0; round < 16; round++) {
		int changed = fold(p, in);
		thread_jumps(p);
		fold(p, in);
		changed += thread_edges(p, in);
		fold(p, in); /* facts for the threaded program */
		changed += compact(arena, p, in);
		if (!changed)
			break;
	}
}
