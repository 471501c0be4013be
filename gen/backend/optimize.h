/* Peephole optimisation of a finished program: jumps whose outcome is
 * known on every path are folded, loads of a word the accumulator already
 * holds or whose value is never used are dropped, jumps to jumps are
 * threaded, and the program is compacted.  Every rewrite keeps the
 * program's meaning for every input. */
#ifndef SG_OPTIMIZE_H
#define SG_OPTIMIZE_H

#include "gen/backend/program.h"

struct sg_arena;

/* Rewrites prog in place (it only gets shorter). */
void sg_optimize(struct sg_arena *arena, struct sg_program *prog);

#endif
