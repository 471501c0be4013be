#include "gen/ir/ir.h"

static int atom_equal(const struct sg_ir_atom *a, const struct sg_ir_atom *b)
{
	return a->arg == b->arg && a->op == b->op && a->value == b->value && a->width == b->width &&
	       a->mask == b->mask;
}

static int clause_equal(const struct sg_ir_clause *a, const struct sg_ir_clause *b)
{
	if (a->natoms != b->natoms)
		return 0;
	for (size_t i = 0; i < a->natoms; i++)
		if (!atom_equal(&a->atoms[i], &b->atoms[i]))
			return 0;
	return 1;
}

static int rule_equal(const struct sg_ir_rule *a, const struct sg_ir_rule *b)
{
	if (a->ret != b->ret || a->nclauses != b->nclauses)
		return 0;
	for (size_t i = 0; i < a->nclauses; i++)
		if (!clause_equal(&a->clauses[i], &b->clauses[i]))
			return 0;
	return 1;
}

int sg_ir_decision_equal(const struct sg_ir_decision *a, const struct sg_ir_decision *b)
{
	if (a->nrules != b->nrules)
		return 0;
	for (size_t i = 0; i < a->nrules; i++)
		if (!rule_equal(&a->rules[i], &b->rules[i]))
			return 0;
	return 1;
}

/* FNV-1a over the meaning of the rules. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (i * 8)) & 0xff;
		h *= 0x100000001b3ull;
	}
	return h;
}

uint64_t sg_ir_decision_hash(const struct sg_ir_decision *d)
{
	uint64_t h = 0xcbf29ce484222325ull;
	h = mix(h, d->nrules);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sg_ir_rule *r = &d->rules[i];
		h = mix(h, r->ret);
		h = mix(h, r->nclauses);
		for (size_t j = 0; j < r->nclauses; j++) {
			h = mix(h, r->clauses[j].natoms);
			for (size_t k = 0; k < r->clauses[j].natoms; k++) {
				const struct sg_ir_atom *a = &r->clauses[j].atoms[k];
				h = mix(h, a->arg | (uint64_t)a->op << 8 | (uint64_t)a->width << 16);
				h = mix(h, a->value);
				h = mix(h, a->mask);
			}
		}
	}
	return h;
}
