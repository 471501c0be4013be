/* gen/backend/: the decision IR in, a BPF program out. */
/* BPF emission: decision IR and dispatch tree in, a seccomp program out. */
#ifndef SG_CODEGEN_H
#define SG_CODEGEN_H

#include "gen/backend/dispatch.h"
#include "gen/backend/program.h"

struct sg_arena;
struct sg_diag;

/* Returns 0, or -1 after reporting that the program is too long. */
int sg_codegen(struct sg_arena *arena, struct sg_diag *diag, const struct sg_ir_program *ir,
	       const struct sg_dispatch *dispatch, struct sg_program *out);

#endif
