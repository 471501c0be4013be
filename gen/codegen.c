/* The program is built back to front, as kafel does: every jump target is
 * already placed when a jump is written, so its distance is known.
 * Labels are positions counted from the end of the program. */
#include "gen/codegen.h"

#include <stdio.h>
#include <string.h>

#include "gen/optimize.h"
#include "grammar/arena.h"
#include "grammar/source.h"

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
	size_t *decision_label; /* by decision id */
};

static size_t emit(struct emitter *e, struct sg_insn insn, const char *text, const struct sg_loc *loc)
{
	SG_PUSH(e->arena, e->insns, e->n, e->cap) = insn;
	e->n--;
	struct sg_note *note = &SG_PUSH(e->arena, e->notes, e->n, e->notes_cap);
	note->text = text;
	note->loc = loc;
	return e->n - 1;
}

/* Distance from the next instruction to be emitted to label. */
static size_t distance(const struct emitter *e, size_t label)
{
	return e->n - 1 - label;
}

static size_t emit_ja(struct emitter *e, size_t target)
{
	return emit(e, sg_stmt(SG_BPF_JMP | SG_BPF_JA, (uint32_t)distance(e, target)), NULL, NULL);
}

/* Makes control reach target when falling through from what is emitted
 * next. */
static size_t emit_goto(struct emitter *e, size_t target)
{
	return target == e->n - 1 ? target : emit_ja(e, target);
}

static size_t ret_label(struct emitter *e, uint32_t ret)
{
	for (size_t i = 0; i < e->nrets; i++) {
		if (e->rets[i].ret != ret)
			continue;
		/* A copy close by is one instruction cheaper than a jump to a
		 * far one through a JA. */
		if (distance(e, e->rets[i].label) <= MAX_COND_JUMP - 4)
			return e->rets[i].label;
		e->rets[i].label = emit(e, sg_stmt(SG_BPF_RET | SG_BPF_K, ret), NULL, NULL);
		return e->rets[i].label;
	}
	struct ret_copy *c = &SG_PUSH(e->arena, e->rets, e->nrets, e->rets_cap);
	c->ret = ret;
	c->label = emit(e, sg_stmt(SG_BPF_RET | SG_BPF_K, ret), NULL, NULL);
	return c->label;
}

static size_t emit_cond(struct emitter *e, uint16_t op, uint32_t k, size_t t, size_t f,
			const char *text, const struct sg_loc *loc)
{
	/* Conditional offsets are 8 bits: reach far targets through a JA. */
	while (distance(e, t) > MAX_COND_JUMP || distance(e, f) > MAX_COND_JUMP) {
		if (distance(e, t) > MAX_COND_JUMP)
			t = emit_ja(e, t);
		else
			f = emit_ja(e, f);
	}
	struct sg_insn insn = { (uint16_t)(SG_BPF_JMP | op | SG_BPF_K), (uint8_t)distance(e, t),
				(uint8_t)distance(e, f), k };
	return emit(e, insn, text, loc);
}

static size_t emit_load(struct emitter *e, uint32_t off, const char *text, const struct sg_loc *loc)
{
	return emit(e, sg_stmt(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, off), text, loc);
}

static const char *const op_names[] = { "==", "!=", "<", "<=", ">", ">=", "&", "in" };

/* One comparison of a 32-bit word: load it, then jump. */
static size_t word_test(struct emitter *e, uint32_t off, uint16_t op, uint32_t k, size_t t, size_t f,
			const char *what, const char *text, const struct sg_loc *loc)
{
	emit_cond(e, op, k, t, f, text, loc);
	return emit_load(e, off, what, loc);
}

/* Unsigned a > k (or >= k with JGE) on the 64-bit word hi:lo: the high
 * words decide unless they are equal. */
static size_t greater(struct emitter *e, const struct sg_ir_atom *a, uint16_t op, size_t t, size_t f,
		      uint32_t lo_off, uint32_t hi_off, int wide, const char *text)
{
	uint32_t lo = (uint32_t)a->value, hi = (uint32_t)(a->value >> 32);
	size_t lo_label = word_test(e, lo_off, op, lo, t, f, "lo", text, a->loc);
	if (!wide)
		return lo_label;
	size_t eq = hi ? emit_cond(e, SG_BPF_JEQ, hi, lo_label, f, text, a->loc) : lo_label;
	emit_cond(e, SG_BPF_JGT, hi, t, eq, text, a->loc);
	return emit_load(e, hi_off, "hi", a->loc);
}

static size_t emit_atom(struct emitter *e, const struct sg_ir_atom *a, size_t t, size_t f)
{
	const struct sg_arch *arch = e->ir->arch;
	int wide = arch->bits == 64;
	uint32_t base = SG_OFF_ARGS + 8 * a->arg;
	uint32_t lo_off = base + (arch->big_endian ? 4 : 0), hi_off = base + (arch->big_endian ? 0 : 4);
	uint32_t lo = (uint32_t)a->value, hi = (uint32_t)(a->value >> 32);
	const char *text = sg_printf(e->arena, "arg%u %s 0x%llx", a->arg, op_names[a->op],
				     (unsigned long long)a->value);
	const char *lo_name = sg_printf(e->arena, "args[%u] lo", a->arg);
	const char *hi_name = sg_printf(e->arena, "args[%u] hi", a->arg);
	size_t next;
	switch (a->op) {
	case SG_OP_NE:
		return emit_atom(e, &(struct sg_ir_atom){ a->arg, SG_OP_EQ, a->value, a->loc }, f, t);
	case SG_OP_LT:
		return emit_atom(e, &(struct sg_ir_atom){ a->arg, SG_OP_GE, a->value, a->loc }, f, t);
	case SG_OP_LE:
		return emit_atom(e, &(struct sg_ir_atom){ a->arg, SG_OP_GT, a->value, a->loc }, f, t);
	case SG_OP_EQ:
		next = word_test(e, lo_off, SG_BPF_JEQ, lo, t, f, lo_name, text, a->loc);
		return wide ? word_test(e, hi_off, SG_BPF_JEQ, hi, next, f, hi_name, text, a->loc) : next;
	case SG_OP_GT:
	case SG_OP_GE:
		return greater(e, a, a->op == SG_OP_GT ? SG_BPF_JGT : SG_BPF_JGE, t, f, lo_off, hi_off,
			       wide, text);
	case SG_OP_MASK: /* any bit of the mask set */
		next = lo ? word_test(e, lo_off, SG_BPF_JSET, lo, t, f, lo_name, text, a->loc) : f;
		return wide && hi ? word_test(e, hi_off, SG_BPF_JSET, hi, t, next, hi_name, text, a->loc) : next;
	case SG_OP_IN: { /* no bit outside the mask set */
		uint32_t out_lo = ~lo, out_hi = ~hi;
		next = out_lo ? word_test(e, lo_off, SG_BPF_JSET, out_lo, f, t, lo_name, text, a->loc) : t;
		return wide && out_hi ? word_test(e, hi_off, SG_BPF_JSET, out_hi, f, next, hi_name, text, a->loc)
				      : next;
	}
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

static size_t decision_target(struct emitter *e, const struct sg_ir_decision *d)
{
	if (d->nrules == 1)
		return ret_label(e, d->rules[0].ret);
	if (e->decision_label[d->id] != NO_LABEL)
		return e->decision_label[d->id];
	size_t next = ret_label(e, d->rules[d->nrules - 1].ret);
	for (size_t i = d->nrules - 1; i-- > 0;)
		next = emit_rule(e, &d->rules[i], ret_label(e, d->rules[i].ret), next);
	e->decision_label[d->id] = next;
	return next;
}

static const char *range_text(struct emitter *e, const struct sg_range *r)
{
	if (!r->first)
		return NULL;
	if (r->nsyscalls == 1)
		return r->first->name;
	return sg_printf(e->arena, "%s, ... (%zu syscalls)", r->first->name, r->nsyscalls);
}

static size_t emit_tree(struct emitter *e, const struct sg_dnode *n)
{
	if (n->leaf)
		return decision_target(e, e->dispatch->ranges[n->range].decision);
	size_t right = emit_tree(e, n->right);
	size_t left = emit_tree(e, n->left);
	/* Name the syscall where the right side starts, if there is one. */
	const struct sg_dnode *r = n->right;
	while (!r->leaf)
		r = r->left;
	const char *name = range_text(e, &e->dispatch->ranges[r->range]);
	const char *text = name ? sg_printf(e->arena, "nr >= %u (%s)", n->split, name)
				: sg_printf(e->arena, "nr >= %u", n->split);
	return emit_cond(e, SG_BPF_JGE, n->split, right, left, text, NULL);
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
	if (top->leaf && dispatch->ranges[top->range].decision->nrules == 1) {
		/* One decision for every number: no need to load it. */
	} else {
		emit_goto(&e, root);
		root = emit_load(&e, SG_OFF_NR, "nr", NULL);
	}
	/* The arch check comes first: syscall numbers mean nothing without it. */
	emit_cond(&e, SG_BPF_JEQ, ir->arch->audit_arch, root, ret_label(&e, ir->kill_ret),
		  sg_printf(arena, "arch == %s", ir->arch->name), NULL);
	emit_load(&e, SG_OFF_ARCH, "arch", NULL);

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
		sg_error(diag, NULL, "policy '%s' compiles to %zu instructions for %s; the kernel accepts at most %d",
			 ir->name, out->len, ir->arch->name, SG_BPF_MAXINSNS);
		return -1;
	}
	return 0;
}
