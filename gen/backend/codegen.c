/* The program is built back to front, as kafel does: every jump target is
 * already placed when a jump is written, so its distance is known.
 * Labels are positions counted from the end of the program. */
#include "gen/backend/codegen.h"

#include <stdio.h>
#include <string.h>

#include "gen/backend/argsearch.h"
#include "gen/backend/optimize.h"
#include "gen/backend/too_long.h"
#include "support/arena.h"
#include "support/source.h"

#define NO_LABEL ((size_t)-1)
#define MAX_COND_JUMP 255

struct ret_copy {
	uint32_t ret;
	size_t label;
};

struct emitter {
	struct sg_arena *arena;
	const struct sg_ir_program *ir;
	const struct sg_dispatch *dispatch;
	struct sg_insn *insns; /* reversed */
	struct sg_note *notes;
	size_t n, cap, notes_cap;
	struct ret_copy *rets;
	size_t nrets, rets_cap;
	/* rets by value: open addressing, index + 1 (0: empty); a policy may
	 * have thousands of errno values */
	size_t *ret_slots, ret_nslots;
	size_t *decision_label; /* by decision id */
	unsigned owner; /* for the notes: see struct sg_note */
};

static const struct sg_note no_note;

static size_t emit(struct emitter *e, struct sg_insn insn, struct sg_note note)
{
	SG_PUSH(e->arena, e->insns, e->n, e->cap) = insn;
	e->n--;
	note.owner = e->owner;
	SG_PUSH(e->arena, e->notes, e->n, e->notes_cap) = note;
	return e->n - 1;
}

static struct sg_note atom_note(const struct sg_ir_atom *a)
{
	struct sg_note n = { .kind = SG_NOTE_ATOM, .atom = a, .loc = a->loc };
	return n;
}

static struct sg_note word_note(const struct sg_ir_atom *a, int half)
{
	struct sg_note n = { .kind = SG_NOTE_WORD, .half = (unsigned char)half, .atom = a, .loc = a->loc };
	return n;
}

/* Distance from the next instruction to be emitted to label. */
static size_t distance(const struct emitter *e, size_t label)
{
	return e->n - 1 - label;
}

static size_t emit_ja(struct emitter *e, size_t target)
{
	return emit(e, sg_stmt(SG_BPF_JMP | SG_BPF_JA, (uint32_t)distance(e, target)), no_note);
}

/* Makes control reach target when falling through from what is emitted
 * next. */
static size_t emit_goto(struct emitter *e, size_t target)
{
	return target == e->n - 1 ? target : emit_ja(e, target);
}

static size_t *ret_slot(struct emitter *e, uint32_t ret)
{
	size_t i = (size_t)((ret * 0x9e3779b1u) >> 7) & (e->ret_nslots - 1);
	while (e->ret_slots[i] && e->rets[e->ret_slots[i] - 1].ret != ret)
		i = (i + 1) & (e->ret_nslots - 1);
	return &e->ret_slots[i];
}

static size_t ret_label(struct emitter *e, uint32_t ret)
{
	if (2 * (e->nrets + 1) > e->ret_nslots) {
		e->ret_nslots = e->ret_nslots ? 2 * e->ret_nslots : 64;
		e->ret_slots = sg_alloc_array(e->arena, e->ret_nslots, sizeof(*e->ret_slots));
		memset(e->ret_slots, 0, e->ret_nslots * sizeof(*e->ret_slots));
		for (size_t i = 0; i < e->nrets; i++)
			*ret_slot(e, e->rets[i].ret) = i + 1;
	}
	size_t *slot = ret_slot(e, ret);
	if (*slot) {
		struct ret_copy *c = &e->rets[*slot - 1];
		/* A copy close by is one instruction cheaper than a jump to a
		 * far one through a JA. */
		if (distance(e, c->label) <= MAX_COND_JUMP - 4)
			return c->label;
		c->label = emit(e, sg_stmt(SG_BPF_RET | SG_BPF_K, ret), no_note);
		return c->label;
	}
	struct ret_copy *c = &SG_PUSH(e->arena, e->rets, e->nrets, e->rets_cap);
	c->ret = ret;
	c->label = emit(e, sg_stmt(SG_BPF_RET | SG_BPF_K, ret), no_note);
	*slot = e->nrets;
	return c->label;
}

static size_t far_hop(struct emitter *e, size_t target)
{
	const struct sg_insn *i = &e->insns[target];
	if (i->code == (SG_BPF_RET | SG_BPF_K))
		return ret_label(e, i->k);
	return emit_ja(e, target);
}

static size_t emit_cond(struct emitter *e, uint16_t op, uint32_t k, size_t t, size_t f,
			struct sg_note note)
{
	/* Conditional offsets are 8 bits: reach far targets through a JA,
	 * or a far RET through a copy close by (one instruction less on the
	 * way: the misses of a large switch, far from its default). */
	while (distance(e, t) > MAX_COND_JUMP || distance(e, f) > MAX_COND_JUMP) {
		if (distance(e, t) > MAX_COND_JUMP)
			t = far_hop(e, t);
		else
			f = far_hop(e, f);
	}
	struct sg_insn insn = { (uint16_t)(SG_BPF_JMP | op | SG_BPF_K), (uint8_t)distance(e, t),
				(uint8_t)distance(e, f), k };
	return emit(e, insn, note);
}

static size_t emit_load(struct emitter *e, uint32_t off, struct sg_note note)
{
	return emit(e, sg_stmt(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, off), note);
}

/* One comparison of a 32-bit word of a's argument: load it, then jump. */
static size_t word_test(struct emitter *e, const struct sg_ir_atom *a, int half, uint32_t off, uint16_t op,
			uint32_t k, size_t t, size_t f)
{
	emit_cond(e, op, k, t, f, atom_note(a));
	return emit_load(e, off, word_note(a, half));
}

/* Unsigned a > k (or >= k with JGE) on the 64-bit word hi:lo: the high
 * words decide unless they are equal. */
static size_t greater(struct emitter *e, const struct sg_ir_atom *a, uint16_t op, size_t t, size_t f,
		      uint32_t lo_off, uint32_t hi_off, int wide)
{
	uint32_t lo = (uint32_t)a->value, hi = (uint32_t)(a->value >> 32);
	size_t lo_label = word_test(e, a, 0, lo_off, op, lo, t, f);
	if (!wide)
		return lo_label;
	size_t eq = hi ? emit_cond(e, SG_BPF_JEQ, hi, lo_label, f, atom_note(a)) : lo_label;
	emit_cond(e, SG_BPF_JGT, hi, t, eq, atom_note(a));
	return emit_load(e, hi_off, word_note(a, 1));
}

/* (word & mask) == k for one 32-bit word, k already masked: seccompiler's
 * masked_eq is LD; AND; JEQ per word.  A zero mask leaves nothing to
 * compare; an all-ones one needs no AND. */
static size_t masked_word(struct emitter *e, const struct sg_ir_atom *a, int half, uint32_t off, uint32_t mask,
			  uint32_t k, size_t t, size_t f)
{
	if (!mask)
		return t;
	emit_cond(e, SG_BPF_JEQ, k, t, f, atom_note(a));
	if (mask != 0xffffffffu)
		emit(e, sg_stmt(SG_BPF_ALU | SG_BPF_AND | SG_BPF_K, mask), atom_note(a));
	return emit_load(e, off, word_note(a, half));
}

/* a with another operation, for the notes to point at: in the arena,
 * since they outlive this call. */
static const struct sg_ir_atom *with_op(struct emitter *e, const struct sg_ir_atom *a, enum sg_op op)
{
	struct sg_ir_atom *copy = sg_alloc(e->arena, sizeof(*copy));
	*copy = *a;
	copy->op = op;
	return copy;
}

static size_t emit_atom(struct emitter *e, const struct sg_ir_atom *a, size_t t, size_t f)
{
	const struct sg_arch *arch = e->ir->arch;
	/* Width 32 (seccompiler's dword) compares the low word only. */
	int wide = arch->bits == 64 && a->width != 32;
	uint32_t base = SG_OFF_ARGS + 8 * a->arg;
	uint32_t lo_off = base + (arch->big_endian ? 4 : 0), hi_off = base + (arch->big_endian ? 0 : 4);
	uint32_t lo = (uint32_t)a->value, hi = (uint32_t)(a->value >> 32);
	size_t next;
	switch (a->op) {
	case SG_OP_NE:
		return emit_atom(e, with_op(e, a, SG_OP_EQ), f, t);
	case SG_OP_LT:
		return emit_atom(e, with_op(e, a, SG_OP_GE), f, t);
	case SG_OP_LE:
		return emit_atom(e, with_op(e, a, SG_OP_GT), f, t);
	case SG_OP_EQ:
		next = word_test(e, a, 0, lo_off, SG_BPF_JEQ, lo, t, f);
		return wide ? word_test(e, a, 1, hi_off, SG_BPF_JEQ, hi, next, f) : next;
	case SG_OP_GT:
	case SG_OP_GE:
		return greater(e, a, a->op == SG_OP_GT ? SG_BPF_JGT : SG_BPF_JGE, t, f, lo_off, hi_off, wide);
	case SG_OP_MASK: /* any bit of the mask set */
		next = lo ? word_test(e, a, 0, lo_off, SG_BPF_JSET, lo, t, f) : f;
		return wide && hi ? word_test(e, a, 1, hi_off, SG_BPF_JSET, hi, t, next) : next;
	case SG_OP_IN: { /* no bit outside the mask set */
		uint32_t out_lo = ~lo, out_hi = ~hi;
		next = out_lo ? word_test(e, a, 0, lo_off, SG_BPF_JSET, out_lo, f, t) : t;
		return wide && out_hi ? word_test(e, a, 1, hi_off, SG_BPF_JSET, out_hi, f, next) : next;
	}
	case SG_OP_MASKED_EQ: /* (arg & mask) == value */
		next = masked_word(e, a, 0, lo_off, (uint32_t)a->mask, lo, t, f);
		return wide ? masked_word(e, a, 1, hi_off, (uint32_t)(a->mask >> 32), hi, next, f) : next;
	}
	return f;
}

/* A rule: the clauses are tried in turn; the atoms of a clause must all
 * hold. */
static size_t emit_rule(struct emitter *e, const struct sg_ir_rule *r, size_t t, size_t f)
{
	for (size_t c = r->nclauses; c-- > 0;) {
		const struct sg_ir_clause *cl = &r->clauses[c];
		size_t next = t;
		for (size_t i = cl->natoms; i-- > 0;)
			next = emit_atom(e, &cl->atoms[i], next, f);
		f = next;
	}
	return f;
}

/* --- switches (gen/backend/argsearch.h) ----------------------------------------- */

/* A leaf of a search over one 32-bit word: the words k..k2 (a run of
 * consecutive values with one action, or one value) and where they go. */
struct key {
	uint32_t k, k2;
	size_t target;                 /* where they go, if ret is not used */
	int to_ret;                    /* they go to ret_label(ret) instead */
	uint32_t ret;
	const struct sg_ir_atom *atom; /* the first case, for the notes */
	uint64_t value;                /* its full value */
};

/* The longest chain a search leaves at its leaves: up to three values a
 * chain is as fast as a split for the values found, and shorter. */
#define LEAF_MAX 3

static size_t key_target(struct emitter *e, const struct key *k)
{
	return k->to_ret ? ret_label(e, k->ret) : k->target;
}

/* A note for a comparison of k's argument with another operation and
 * value (the bounds of a run, the splits). */
static struct sg_note bound_note(struct emitter *e, const struct key *k, enum sg_op op, uint32_t word)
{
	struct sg_ir_atom *a = sg_alloc(e->arena, sizeof(*a));
	*a = *k->atom;
	a->op = op;
	a->value = (k->value & ~0xffffffffull) | word;
	return atom_note(a);
}

/* k's words to its target, the others to next, for a word known to lie
 * in [lo, hi]: a run needs no test of a bound the search has checked. */
static size_t emit_key(struct emitter *e, const struct key *k, size_t next, uint32_t lo, uint32_t hi)
{
	if (k->k == k->k2)
		return emit_cond(e, SG_BPF_JEQ, k->k, key_target(e, k), next, atom_note(k->atom));
	size_t in = key_target(e, k);
	if (k->k2 < hi)
		in = emit_cond(e, SG_BPF_JGT, k->k2, next, in, bound_note(e, k, SG_OP_GT, k->k2));
	if (k->k > lo)
		in = emit_cond(e, SG_BPF_JGE, k->k, in, next, bound_note(e, k, SG_OP_GE, k->k));
	return in;
}

/* keys[0..n), sorted and disjoint, for a word known to lie in [lo, hi]:
 * chains at the leaves, JGE splits in the middle above them; every other
 * word goes to next. */
static size_t search(struct emitter *e, const struct key *keys, size_t n, size_t next, uint32_t lo, uint32_t hi)
{
	if (n <= LEAF_MAX) {
		for (size_t i = n; i-- > 0;)
			next = emit_key(e, &keys[i], next, lo, hi);
		return next;
	}
	size_t m = n / 2;
	size_t right = search(e, keys + m, n - m, next, keys[m].k, hi);
	size_t left = search(e, keys, m, next, lo, keys[m].k - 1);
	return emit_cond(e, SG_BPF_JGE, keys[m].k, right, left, bound_note(e, &keys[m], SG_OP_GE, keys[m].k));
}

/* Merges keys that continue a run of the same action: n -> the count. */
static size_t merge_runs(struct key *keys, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct key *last = k ? &keys[k - 1] : NULL;
		if (last && last->to_ret && keys[i].to_ret && last->ret == keys[i].ret && last->k2 != UINT32_MAX &&
		    keys[i].k == last->k2 + 1)
			last->k2 = keys[i].k;
		else
			keys[k++] = keys[i];
	}
	return k;
}

/* A switch: on a 64-bit word, the high word first, once for each group
 * of cases that share it, then a search over the low words of the group. */
static size_t emit_switch(struct emitter *e, const struct sg_step *s, size_t next)
{
	const struct sg_arch *arch = e->ir->arch;
	int wide = arch->bits == 64 && s->width != 32;
	uint32_t base = SG_OFF_ARGS + 8 * s->arg;
	uint32_t lo_off = base + (arch->big_endian ? 4 : 0), hi_off = base + (arch->big_endian ? 0 : 4);
	struct key *keys = sg_alloc_array(e->arena, s->ncases, sizeof(*keys));
	struct key *groups = sg_alloc_array(e->arena, s->ncases, sizeof(*groups));
	size_t ngroups = 0;
	for (size_t g = s->ncases; g > 0;) {
		/* Cases g0..g share their high word: sorted by value, they are
		 * next to each other. */
		uint32_t hi = (uint32_t)(s->cases[g - 1].value >> 32);
		size_t g0 = g;
		while (g0 > 0 && (!wide || (uint32_t)(s->cases[g0 - 1].value >> 32) == hi))
			g0--;
		for (size_t i = g0; i < g; i++) {
			uint32_t w = (uint32_t)s->cases[i].value;
			keys[i] = (struct key){ w, w, 0, 1, s->cases[i].ret, s->cases[i].atom, s->cases[i].value };
		}
		size_t n = merge_runs(keys + g0, g - g0);
		size_t lo = search(e, keys + g0, n, next, 0, UINT32_MAX);
		lo = emit_load(e, lo_off, word_note(s->cases[g0].atom, 0));
		groups[ngroups++] = (struct key){ hi, hi, lo, 0, 0, s->cases[g0].atom, s->cases[g0].value };
		g = g0;
	}
	if (!wide)
		return groups[0].target;
	/* The groups were made from the last: put them in order. */
	for (size_t i = 0; i < ngroups / 2; i++) {
		struct key t = groups[i];
		groups[i] = groups[ngroups - 1 - i];
		groups[ngroups - 1 - i] = t;
	}
	search(e, groups, ngroups, next, 0, UINT32_MAX);
	return emit_load(e, hi_off, word_note(groups[0].atom, 1));
}

static size_t decision_target(struct emitter *e, const struct sg_ir_decision *d)
{
	if (d->nrules == 1)
		return ret_label(e, d->rules[0].ret);
	if (e->decision_label[d->id] != NO_LABEL)
		return e->decision_label[d->id];
	e->owner = d->id + 1;
	struct sg_plan plan;
	sg_argsearch_plan(e->arena, e->ir, d, &plan);
	size_t next = ret_label(e, plan.final_ret);
	for (size_t i = plan.nsteps; i-- > 0;) {
		const struct sg_step *s = &plan.steps[i];
		if (s->kind == SG_STEP_SWITCH) {
			next = emit_switch(e, s, next);
		} else {
			struct sg_ir_rule r = { (struct sg_ir_clause *)s->clauses, s->nclauses, s->ret, NULL };
			next = emit_rule(e, &r, ret_label(e, s->ret), next);
		}
	}
	e->decision_label[d->id] = next;
	e->owner = 0;
	return next;
}

static size_t emit_chain(struct emitter *e, const struct sg_dnode *n)
{
	const struct sg_range *ranges = e->dispatch->ranges;
	size_t next = decision_target(e, ranges[n->range].decision);
	for (size_t t = n->ntests; t-- > 0;) {
		const struct sg_range *r = &ranges[n->tests[t]];
		size_t target = decision_target(e, r->decision);
		struct sg_note note = { .kind = SG_NOTE_NR_EQ, .value = r->lo, .text = r->first ? r->first->name : NULL };
		next = emit_cond(e, SG_BPF_JEQ, r->lo, target, next, note);
	}
	return next;
}

static size_t emit_bits(struct emitter *e, const struct sg_dnode *n)
{
	const struct sg_range *set = &e->dispatch->ranges[n->range], *clear = &e->dispatch->ranges[n->other];
	size_t t = decision_target(e, set->decision);
	size_t f = decision_target(e, clear->decision);
	const struct sg_range *named = set->first ? set : clear;
	struct sg_note note = { .kind = SG_NOTE_NR_BITS, .value = n->mask, .text = named->first ? named->first->name : NULL };
	return emit_cond(e, SG_BPF_JSET, n->mask, t, f, note);
}

static size_t emit_tree(struct emitter *e, const struct sg_dnode *n)
{
	if (n->kind == SG_DLEAF)
		return decision_target(e, e->dispatch->ranges[n->range].decision);
	if (n->kind == SG_DCHAIN)
		return emit_chain(e, n);
	if (n->kind == SG_DBITS)
		return emit_bits(e, n);
	size_t right = emit_tree(e, n->right);
	size_t left = emit_tree(e, n->left);
	/* Name the syscall where the right side starts, if there is one. */
	const struct sg_range *rr = &e->dispatch->ranges[n->range];
	struct sg_note note = { .kind = SG_NOTE_SPLIT, .value = n->split, .count = rr->nsyscalls,
				.text = rr->first ? rr->first->name : NULL };
	return emit_cond(e, SG_BPF_JGE, n->split, right, left, note);
}

int sg_codegen(struct sg_arena *arena, struct sg_diag *diag, const struct sg_ir_program *ir,
	       const struct sg_dispatch *dispatch, struct sg_program *out)
{
	struct emitter e = { .arena = arena, .ir = ir, .dispatch = dispatch };
	e.decision_label = sg_alloc_array(arena, dispatch->ndecisions, sizeof(size_t));
	for (size_t i = 0; i < dispatch->ndecisions; i++)
		e.decision_label[i] = NO_LABEL;

	size_t root = emit_tree(&e, dispatch->root);
	const struct sg_dnode *top = dispatch->root;
	if (top->kind == SG_DLEAF && dispatch->ranges[top->range].decision->nrules == 1) {
		/* One decision for every number: no need to load it. */
	} else {
		emit_goto(&e, root);
		root = emit_load(&e, SG_OFF_NR, (struct sg_note){ .kind = SG_NOTE_TEXT, .text = "nr" });
	}
	/* The arch check comes first: syscall numbers mean nothing without it. */
	emit_cond(&e, SG_BPF_JEQ, ir->arch->audit_arch, root, ret_label(&e, ir->kill_ret),
		  (struct sg_note){ .kind = SG_NOTE_ARCH });
	emit_load(&e, SG_OFF_ARCH, (struct sg_note){ .kind = SG_NOTE_TEXT, .text = "arch" });

	out->arch = ir->arch;
	out->name = ir->name;
	out->len = e.n;
	out->insns = sg_alloc_array(arena, e.n, sizeof(*out->insns));
	out->notes = sg_alloc_array(arena, e.n, sizeof(*out->notes));
	for (size_t i = 0; i < e.n; i++) {
		out->insns[i] = e.insns[e.n - 1 - i];
		out->notes[i] = e.notes[e.n - 1 - i];
	}
	sg_optimize(arena, out);
	if (out->len > SG_BPF_MAXINSNS) {
		sg_report_too_long(diag, ir, dispatch, out);
		return -1;
	}
	return 0;
}
