/* The meaning of the decision IR, evaluated directly: the reference the
 * translation validation (gen/check/validate.c) holds generated programs to.
 * It follows the rules as README.md states them and shares no code with
 * the dispatch layout or the BPF emission, so that a mistake there shows
 * as a disagreement rather than being repeated here. */
#ifndef SG_IR_EVAL_H
#define SG_IR_EVAL_H

#include "gen/bpf/interp.h"
#include "gen/ir/ir.h"

/* The seccomp return value the policy gives for data. */
uint32_t sg_ir_eval(const struct sg_ir_program *p, const struct sg_seccomp_data *data);

/* sg_ir_eval() in two steps, for many argument vectors of one number:
 * the decision for arch and nr, or NULL when the result is *ret whatever
 * the arguments; and the result of a decision for args. */
const struct sg_ir_decision *sg_ir_decider(const struct sg_ir_program *p, uint32_t arch, uint32_t nr,
					   uint32_t *ret);
uint32_t sg_ir_decide(const struct sg_ir_program *p, const struct sg_ir_decision *d, const uint64_t args[6]);

/* The decision for syscall number nr (NULL: the policy does not name it,
 * or the number is outside the ABI: see sg_ir_eval()). */
const struct sg_ir_decision *sg_ir_lookup(const struct sg_ir_program *p, uint32_t nr);

/* The first rule of d that holds for args (the last rule is
 * unconditional, so there always is one). */
const struct sg_ir_rule *sg_ir_first_match(const struct sg_ir_program *p, const struct sg_ir_decision *d,
					   const uint64_t args[6]);

/* Whether every comparison of clause c holds for args on p's arch. */
int sg_ir_clause_holds(const struct sg_ir_program *p, const struct sg_ir_clause *c, const uint64_t args[6]);

/* Whether one comparison holds for args on p's arch. */
int sg_ir_atom_holds(const struct sg_ir_program *p, const struct sg_ir_atom *a, const uint64_t args[6]);

#endif
