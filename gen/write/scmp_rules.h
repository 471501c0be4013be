/* A syscall's decision as libseccomp rules, the form a Docker/OCI profile
 * holds (gen/write/emit_oci.c).  libseccomp does not take rules in order, and
 * does not try every rule either.  Measured with 2.5.4 (tests/oci-check,
 * a first version of this file that wrote each action's region as
 * overlapping rules):
 *  - when rules with different actions both hold, it picks by its own
 *    tree layout: `arg0 == 1 -> allow` added first loses to
 *    `arg1 == 3 -> errno 5` for (1, 3);
 *  - it tests arg0's comparisons, then arg1's, ...; once one comparison
 *    of a level holds it never tries the others of that level: with
 *    `arg0 == 15 && arg1 != 0 -> errno` and `arg0 >= 10 && arg1 == 0 ->
 *    allow`, (15, 0) gets the default action.
 * So the rules written form a decision tree: on each path, each argument
 * at most once, in order; at each level, comparisons that hold for
 * disjoint values (or the same comparison, which libseccomp merges into
 * one node).  Then exactly one path holds for any input, and libseccomp's
 * walk finds it, whatever order it lays the rules out in.
 *
 * Each rule compares each argument at most once, also because
 * libseccomp refuses two comparisons of one argument in a rule (EINVAL),
 * and crun and runc add such an entry's comparisons as rules of their own
 * (an OR).  Ranges are written as LE, GE, EQ and aligned blocks, masks bit
 * by bit, each block or bit a SCMP_CMP_MASKED_EQ (mask in datum_a, the
 * profile's value; the masked value in datum_b, its valueTwo). */
#ifndef SG_SCMP_RULES_H
#define SG_SCMP_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "gen/ir/ir.h"

struct sg_arena;
struct sg_diag;

/* libseccomp's enum scmp_compare values (include/seccomp.h). */
enum sg_scmp_op {
	SG_SCMP_NE = 1,
	SG_SCMP_LT,
	SG_SCMP_LE,
	SG_SCMP_EQ,
	SG_SCMP_GE,
	SG_SCMP_GT,
	SG_SCMP_MASKED_EQ, /* (arg & a) == b */
};

struct sg_scmp_cmp {
	unsigned arg;
	enum sg_scmp_op op;
	uint64_t a, b; /* datum_a and datum_b: a profile's value and valueTwo */
};

struct sg_scmp_rule {
	uint32_t ret; /* never the program's default_ret */
	struct sg_scmp_cmp cmps[6];
	unsigned ncmps; /* by argument, each at most once; 0: unconditional */
	const struct sg_loc *loc; /* the policy's filter it comes from */
};

/* Past this many rules for one syscall the translation stops with an
 * error: nobody reviews such a profile.  (A first version of this file
 * made 263 for one ioctl filter of masks, an exception and a range,
 * which libseccomp 2.5.4 did not finish adding in 2 minutes; that was
 * the rule order, since fixed, but the rules were that many.) */
#define SG_SCMP_MAX_RULES 128

/* The rules that give the decision d of syscall name in p (whose
 * default_ret every other input gets), in the tree's order (each level's
 * values ascending).  Returns 0, or -1 after reporting at the syscall's
 * first filter when more than SG_SCMP_MAX_RULES are needed. */
int sg_scmp_rules(struct sg_arena *a, struct sg_diag *diag, const struct sg_ir_program *p, const char *name,
		  const struct sg_ir_decision *d, struct sg_scmp_rule **rules, size_t *nrules);

#endif
