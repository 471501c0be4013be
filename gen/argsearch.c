#include "gen/argsearch.h"

#include <stdlib.h>
#include <string.h>

#include "grammar/arena.h"

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

/* Rules first..: the longest run that makes a switch on (arg, width).
 * Returns the rule after it. */
static size_t run(struct builder *b, const struct sg_ir_decision *d, size_t first, unsigned arg, unsigned width)
{
	size_t j = first, last = d->nrules - 1; /* the last rule is unconditional */
	const struct sg_ir_clause *rest = NULL;
	size_t nrest = 0;
	uint32_t rest_ret = 0;
	b->nraw = 0;
	for (; j < last && !nrest; j++) {
		const struct sg_ir_rule *r = &d->rules[j];
		size_t ncases = 0;
		for (size_t c = 0; c < r->nclauses; c++)
			ncases += is_case(&r->clauses[c], arg, width);
		if (!ncases)
			break;
		for (size_t c = 0; c < r->nclauses; c++)
			if (is_case(&r->clauses[c], arg, width))
				add_case(b, &r->clauses[c].atoms[0], r->ret);
		if (ncases == r->nclauses)
			continue;
		/* The rule's other clauses follow the switch, in its place. */
		struct sg_ir_clause *others = sg_alloc_array(b->arena, r->nclauses - ncases, sizeof(*others));
		for (size_t c = 0; c < r->nclauses; c++)
			if (!is_case(&r->clauses[c], arg, width))
				others[nrest++] = r->clauses[c];
		rest = others;
		rest_ret = r->ret;
	}
	if (b->nraw < SG_SWITCH_MIN) {
		for (size_t i = first; i < j; i++)
			push_rule(b, d->rules[i].clauses, d->rules[i].nclauses, d->rules[i].ret);
		return j;
	}
	push_switch(b, arg, width);
	if (nrest)
		push_rule(b, rest, nrest, rest_ret);
	return j;
}

void sg_argsearch_plan(struct sg_arena *arena, const struct sg_ir_decision *d, struct sg_plan *out)
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
		i = run(&b, d, i, arg, width);
	}
	free(b.raw);
}
