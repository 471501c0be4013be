/* gen/ir/: a syntax tree and a target in, the decision IR out. */
/* The decision IR: for each syscall of the target, an ordered list of
 * rules (a condition in disjunctive normal form and the seccomp return
 * value taken when it holds), the last one unconditional.  Names and
 * constants are resolved; values are words of the target. */
#ifndef SG_IR_H
#define SG_IR_H

#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "grammar/ast.h"

struct sg_ir_atom {
	unsigned arg;
	enum sg_op op;
	uint64_t value; /* within the target word (and the width); MASKED_EQ: already masked */
	const struct sg_loc *loc;
	/* 0: the whole argument as the arch passes it (its word); 32: the low
	 * 32 bits only, on a 64-bit arch (seccompiler's dword).  Never 64:
	 * resolution writes a full-word comparison as 0, so equal atoms are
	 * equal however they were written. */
	unsigned width;
	uint64_t mask; /* MASKED_EQ: (arg & mask) == value */
};

struct sg_ir_clause {
	struct sg_ir_atom *atoms;
	size_t natoms;
};

struct sg_ir_rule {
	struct sg_ir_clause *clauses; /* OR of ANDs */
	size_t nclauses;              /* 0: unconditional */
	uint32_t ret;
	const struct sg_loc *loc;
};

struct sg_ir_decision {
	struct sg_ir_rule *rules;
	size_t nrules;
	unsigned id; /* equal decisions have equal ids (gen/backend/dispatch.c) */
};

struct sg_ir_syscall {
	const char *name;
	uint32_t nr;
	uint64_t weight; /* @frequency, 1 when not given */
	struct sg_ir_decision *decision;
};

struct sg_ir_program {
	const char *name;              /* the policy's name, for messages */
	const struct sg_arch *arch;
	struct sg_ir_syscall *syscalls; /* sorted by number */
	size_t nsyscalls;
	uint32_t default_ret; /* syscalls the policy does not name */
	uint32_t kill_ret;    /* wrong arch, x32 numbers on x86_64 */
	/* On x86_64, number -1 (0xffffffff) gets default_ret rather than
	 * kill_ret, as in libseccomp's programs, which let it through their
	 * x32 check (container profiles: gen/ir/oci_lower.c). */
	int minus_one_default;
};

/* True when a rule list has the same meaning as another (ignoring where
 * it came from). */
int sg_ir_decision_equal(const struct sg_ir_decision *a, const struct sg_ir_decision *b);
uint64_t sg_ir_decision_hash(const struct sg_ir_decision *d);

#endif
