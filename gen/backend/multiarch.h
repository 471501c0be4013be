/* Multi-arch programs (--arch x86_64,i386): one filter for a process and
 * its compat syscalls, as libseccomp and kafel make them.  The program
 * loads seccomp_data.arch, jumps on its value to the program compiled for
 * that arch, and gives any other arch the kill action:
 *
 *   ld [4]; jeq AUDIT_ARCH_X86_64, body1; jeq AUDIT_ARCH_I386, body2; ret KILL
 *   body1: the x86_64 program after its own arch check
 *   body2: the i386 program after its own arch check
 *
 * It is a step after code generation, over complete single-arch programs,
 * so nothing before it knows about it. */
#ifndef SG_MULTIARCH_H
#define SG_MULTIARCH_H

#include "gen/backend/program.h"

struct sg_arena;
struct sg_diag;

/* Combines progs (one policy compiled for n different arches, in dispatch
 * order) into out.  kill_ret is the action for other arches; every
 * program's own arch check must give it too.  Returns 0, or -1 after
 * reporting an error (the result is too long, or a program does not have
 * the shape sg_codegen() gives). */
int sg_multiarch_combine(struct sg_arena *arena, struct sg_diag *diag, struct sg_program *const *progs, size_t n,
			 uint32_t kill_ret, struct sg_program *out);

/* The arches a program is for: its list, or its one arch.  Returns the
 * count and sets *arches. */
size_t sg_program_arches(const struct sg_program *p, const struct sg_arch *const **arches);

/* "x86_64" or "x86_64, i386", for the writers' comments. */
const char *sg_program_arch_names(struct sg_arena *arena, const struct sg_program *p);

#endif
