#include "gen/backend/argsearch.h"

#include <stdlib.h>
#include <string.h>

#include "gen/ir/ir_eval.h"
#include "support/arena.h"

/* A case before sorting: order is its place in the rules, so that the
 * first rule with a value keeps it. */
struct raw_case {
	struct sg_case c;
	size_t order;
};

static int by_value_then_order(const void *x, const void *y)
{
	const struct raw_case *a = x, *b = y;
	if (a->c.value != b->c.value)
		return a->c.value < b->c.value ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Clause c is one '==' on the argument (arg, width). */
static int is_case(const struct sg_ir_clause *c, unsigned arg, unsigned width)
{
	return c->natoms == 1 && c->atoms[0].op == SG_OP_EQ && c->atoms[0].arg == arg && c->atoms[0].width == width;
}

/* The argument of r's first clause that is one '==', if any. */
static int case_key(const struct sg_ir_rule *r, unsigned *arg, unsigned *width)
{
	for (size_t c = 0; c < r->nclauses; c++)
		if (r->clauses[c].natoms == 1 && r->clauses[c].atoms[0].op == SG_OP_EQ) {
			*arg = r->clauses[c].atoms[0].arg;
			*width = r->clauses[c].atoms[0].width;
			return 1;
		}
	return 0;
}

struct builder {
	struct sg_arena *arena;
	struct sg_plan *plan;
	size_t cap;
	struct raw_case *raw;
	size_t nraw, raw_cap;
};

static struct sg_step *push_step(struct builder *b, enum sg_step_kind kind)
{
	struct sg_step *s = &SG_PUSH(b->arena, b->plan->steps, b->plan->nsteps, b->cap);
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	return s;
}

static void push_rule(struct builder *b, const struct sg_ir_clause *clauses, size_t n, uint32_t ret)
{
	struct sg_step *s = push_step(b, SG_STEP_RULE);
	s->clauses = clauses;
	s->nclauses = n;
	s->ret = ret;
}

/* The cases gathered, sorted, each value kept once (its first rule's). */
static void push_switch(struct builder *b, unsigned arg, unsigned width)
{
	qsort(b->raw, b->nraw, sizeof(*b->raw), by_value_then_order);
	struct sg_step *s = push_step(b, SG_STEP_SWITCH);
	s->arg = arg;
	s->width = width;
	s->cases = sg_alloc_array(b->arena, b->nraw, sizeof(*s->cases));
	for (size_t i = 0; i < b->nraw; i++)
		if (i == 0 || b->raw[i].c.value != b->raw[i - 1].c.value)
			s->cases[s->ncases++] = b->raw[i].c;
}

static void add_case(struct builder *b, const struct sg_ir_atom *a, uint32_t ret)
{
	if (b->nraw == b->raw_cap) {
		b->raw_cap = b->raw_cap ? 2 * b->raw_cap : 16;
		b->raw = realloc(b->raw, b->raw_cap * sizeof(*b->raw));
		if (!b->raw)
			abort();
	}
	b->raw[b->nraw] = (struct raw_case){ { a->value, ret, a }, b->nraw };
	b->nraw++;
}

/* A clause the switch's cases have moved ahead of, and its action. */
struct passed {
	const struct sg_ir_clause *c;
	uint32_t ret;
};

/* A case (arg == v, action ret) may be tried before clause q of action
 * qret: when the actions are the same, or when q cannot hold for that
 * value (one of its comparisons of the argument is false for v), so that
 * no input matches both. */
static int may_pass(const struct sg_ir_program *ir, const struct sg_ir_atom *v, uint32_t ret,
		    const struct passed *q)
{
	if (q->ret == ret)
		return 1;
	uint64_t args[6] = { 0 };
	args[v->arg] = v->value;
	for (size_t i = 0; i < q->c->natoms; i++)
		if (q->c->atoms[i].arg == v->arg && !sg_ir_atom_holds(ir, &q->c->atoms[i], args))
			return 1;
	return 0;
}

/* Whether every case of rule r may be tried before the clauses passed so
 * far, and its other clauses fit in the room left. */
static int takes_rule(const struct sg_ir_program *ir, const struct sg_ir_rule *r, unsigned arg, unsigned width,
		      const struct passed *passed, size_t npassed)
{
	size_t others = 0;
	for (size_t c = 0; c < r->nclauses; c++) {
		const struct sg_ir_clause *cl = &r->clauses[c];
		if (!is_case(cl, arg, width)) {
			others++;
			continue;
		}
		for (size_t q = 0; q < npassed; q++)
			if (!may_pass(ir, &cl->atoms[0], r->ret, &passed[q]))
				return 0;
	}
	return npassed + others <= SG_PASS_MAX;
}

/* The passed clauses after the switch, in their order, consecutive ones
 * of one action as one rule. */
static void push_passed(struct builder *b, const struct passed *passed, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k < n && passed[k].ret == passed[i].ret)
			k++;
		struct sg_ir_clause *cl = sg_alloc_array(b->arena, k - i, sizeof(*cl));
		for (size_t m = i; m < k; m++)
			cl[m - i] = *passed[m].c;
		push_rule(b, cl, k - i, passed[i].ret);
		i = k;
	}
}

/* Rules first..: the longest run of rules whose cases on (arg, width)
 * make a switch.  Their other clauses follow the switch, in their order;
 * a rule whose cases may not move ahead of them ends the run.  Returns
 * the rule after it. */
static size_t run(struct builder *b, const struct sg_ir_program *ir, const struct sg_ir_decision *d, size_t first,
		  unsigned arg, unsigned width)
{
	size_t j = first, last = d->nrules - 1; /* the last rule is unconditional */
	struct passed passed[SG_PASS_MAX];
	size_t npassed = 0;
	b->nraw = 0;
	for (; j < last && takes_rule(ir, &d->rules[j], arg, width, passed, npassed); j++) {
		const struct sg_ir_rule *r = &d->rules[j];
		for (size_t c = 0; c < r->nclauses; c++) {
			if (is_case(&r->clauses[c], arg, width))
				add_case(b, &r->clauses[c].atoms[0], r->ret);
			else
				passed[npassed++] = (struct passed){ &r->clauses[c], r->ret };
		}
	}
	if (b->nraw < SG_SWITCH_MIN) {
		j = j > first ? j : first + 1;
		for (size_t i = first; i < j; i++)
			push_rule(b, d->rules[i].clauses, d->rules[i].nclauses, d->rules[i].ret);
		return j;
	}
	push_switch(b, arg, width);
	push_passed(b, passed, npassed);
	return j;
}

void sg_argsearch_plan(struct sg_arena *arena, const struct sg_ir_program *ir, const struct sg_ir_decision *d,
		       struct sg_plan *out)
{
	memset(out, 0, sizeof(*out));
	struct builder b = { .arena = arena, .plan = out };
	out->final_ret = d->rules[d->nrules - 1].ret;
	for (size_t i = 0; i + 1 < d->nrules;) {
		unsigned arg, width;
		if (!case_key(&d->rules[i], &arg, &width)) {
			push_rule(&b, d->rules[i].clauses, d->rules[i].nclauses, d->rules[i].ret);
			i++;
			continue;
		}
		i = run(&b, ir, d, i, arg, width);
	}
	free(b.raw);
}
