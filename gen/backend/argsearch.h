/* Argument checks as a search.  A decision's rules are tried in order;
 * runs of them that only compare one argument with constants ('==', one
 * rule's '||' of them, or several rules of any actions) become a switch:
 * the values sorted, found by a search tree of JGE on the low word and
 * JEQ at the leaves, the high word checked once per group of values that
 * share it (gen/backend/codegen.c emits it).  First-match order is kept: the
 * values of a switch are disjoint, and a value's first rule gives its
 * action (later ones for the same value can never match).  The rules'
 * other clauses follow the switch, in their order: a case moves ahead of
 * such a clause only when it has the same action or the clause cannot
 * hold for its value (arg1 == 5 before arg1 & 0x10 of another action is
 * fine: 5 has no bit 0x10); a rule whose cases may not ends the run. */
#ifndef SG_ARGSEARCH_H
#define SG_ARGSEARCH_H

#include "gen/ir/ir.h"

struct sg_arena;

struct sg_case {
	uint64_t value;
	uint32_t ret;
	const struct sg_ir_atom *atom; /* where it was written (for the notes) */
};

enum sg_step_kind {
	SG_STEP_RULE,   /* rule's clauses (nclauses of them) in turn: ret if one holds */
	SG_STEP_SWITCH, /* arg == one of the cases: that case's ret */
};

struct sg_step {
	enum sg_step_kind kind;
	/* rule */
	const struct sg_ir_clause *clauses;
	size_t nclauses;
	uint32_t ret;
	/* switch: the argument (width as in struct sg_ir_atom), cases sorted
	 * by value, distinct */
	unsigned arg, width;
	struct sg_case *cases;
	size_t ncases;
};

/* A decision as steps tried in order; when none matches, final_ret. */
struct sg_plan {
	struct sg_step *steps;
	size_t nsteps;
	uint32_t final_ret;
};

/* The switches of a switch need at least this many cases (fewer are
 * left as rules: the same code). */
#define SG_SWITCH_MIN 2

/* The most clauses of other kinds a switch's cases move ahead of: the
 * check is pairwise, and this keeps it linear in the rules. */
#define SG_PASS_MAX 16

void sg_argsearch_plan(struct sg_arena *arena, const struct sg_ir_program *ir, const struct sg_ir_decision *d,
		       struct sg_plan *out);

#endif
