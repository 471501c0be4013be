/* gen/check/: a BPF program and its decision IR in, a verdict out. */
/* Translation validation: every generated program is run in the
 * interpreter (gen/bpf/interp.c) over a set of inputs and must decide as the
 * decision IR does (gen/ir/ir_eval.c).  The input set covers every syscall
 * number of the arch and each constant the program compares the number
 * with, sampled x32 numbers on x86_64, wrong arch values, and for each
 * conditional decision, argument values that make each comparison true
 * and false on both sides of its constant (and of each 32-bit half) while
 * the rest of its clause holds. */
#ifndef SG_VALIDATE_H
#define SG_VALIDATE_H

#include "gen/backend/program.h"
#include "gen/bpf/interp.h"
#include "gen/ir/ir.h"

struct sg_diag;

struct sg_validate_stats {
	size_t inputs;   /* inputs run */
	size_t branches; /* directions of the program's conditional jumps (2 each) */
	size_t covered;  /* of those, the ones some input took */
};

/* Checks prog (which must pass sg_check()) against ir.  Returns 0, or -1
 * after reporting the first disagreement as an internal error naming the
 * syscall and the inputs.  stats may be NULL. */
int sg_validate(struct sg_diag *diag, const struct sg_ir_program *ir, const struct sg_program *prog,
		struct sg_validate_stats *stats);

/* The inputs sg_validate() runs, in its order: calls fn for each until fn
 * returns nonzero, and returns that value (0 when all were visited).  For
 * tests that replay them elsewhere (the real kernel). */
typedef int (*sg_validate_fn)(void *ctx, const struct sg_seccomp_data *data);
int sg_validate_inputs(const struct sg_ir_program *ir, const struct sg_program *prog, sg_validate_fn fn,
		       void *ctx);

#endif
