/* The unreachable-filter lint's search (gen/lint/lint.c reports what it
 * finds): rules that can never be the first to match because each of
 * their clauses implies a clause of an earlier rule.  The check is sound,
 * not complete, and runs in n log n of the policy's size:
 *
 * - an earlier clause made only of '==' comparisons is found through a
 *   hash table keyed by its set of (argument, value) pairs: a clause
 *   implies it exactly when each pair is a value the clause pins its
 *   argument to, so the candidates are the subsets of those values (at
 *   most SG_UNREACHABLE_SUBSETS of them are looked up per clause);
 * - every other earlier clause (ranges, masks, '!=') is compared pairwise,
 *   with the first SG_UNREACHABLE_PAIRWISE of them per syscall only, so
 *   that a generated policy with thousands of range filters on one
 *   syscall is not quadratic.  Past that many, a shadowed rule may go
 *   unreported; none is ever reported wrongly. */
#ifndef SG_UNREACHABLE_H
#define SG_UNREACHABLE_H

#include "gen/ir/ir.h"

#define SG_UNREACHABLE_PAIRWISE 64
#define SG_UNREACHABLE_SUBSETS 1024

/* 1 if a holds for every argument, 0 if for none, -1 if it depends. */
int sg_atom_constant(const struct sg_ir_program *ir, const struct sg_ir_atom *a);

/* Calls fn for each rule of each syscall of ir that can never be the
 * first to match, with the earliest rule that shadows its first clause
 * that can hold. */
typedef void (*sg_unreachable_fn)(void *ctx, const struct sg_ir_syscall *s, const struct sg_ir_rule *rule,
				  const struct sg_ir_rule *by);
void sg_unreachable_rules(const struct sg_ir_program *ir, sg_unreachable_fn fn, void *ctx);

#endif
