/* The error for a program longer than the kernel accepts, with notes
 * saying where the instructions go: the syscalls whose filters take the
 * most (with the place their filters start), so that a user knows what
 * to split or simplify. */
#ifndef SG_TOO_LONG_H
#define SG_TOO_LONG_H

#include "gen/backend/dispatch.h"
#include "gen/backend/program.h"

struct sg_diag;

/* How many syscalls the notes name. */
#define SG_TOO_LONG_NOTES 5

void sg_report_too_long(struct sg_diag *diag, const struct sg_ir_program *ir, const struct sg_dispatch *dispatch,
			const struct sg_program *prog);

#endif
