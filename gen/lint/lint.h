/* gen/lint/: the decision IR in, warnings out. */
/* Lints: warnings about policies that compile but probably do not say
 * what their author meant.  They never change the output; -Werror makes
 * them errors.  Each has a name for -WNAME and -Wno-NAME. */
#ifndef SG_LINT_H
#define SG_LINT_H

#include "gen/ir/ir.h"

struct sg_diag;

/* How seccomp-gen-trace's line above each statement it writes begins
 * ("# seen 3 times: F_GETFL 2, F_SETFL 1"): --merge reads the counts
 * back, and -Wdangerous-syscall takes it for a count, not a reason. */
#define SG_SEEN_PREFIX "# seen "

enum sg_lint {
	SG_LINT_ZERO_MASK,               /* arg1 & O_RDONLY: never holds */
	SG_LINT_CONSTANT_COMPARISON,     /* arg0 >= 0: always true for the word size */
	SG_LINT_UNREACHABLE_FILTER,      /* an earlier filter always matches first */
	SG_LINT_ARCH_SYSCALL,            /* open[arch=x86_64,arm64]: arm64 has no open */
	SG_LINT_RETURN_AFTER_CONDITION,  /* expr; return N: minijail's run-time parser disagrees */
	SG_LINT_DANGEROUS_SYSCALL,       /* execve, clone with namespaces, W+X mmap, ... (gen/lint/lint_danger.h) */
	SG_NLINTS
};

/* The lint called name ("zero-mask"), or -1. */
int sg_lint_find(const char *name);
const char *sg_lint_name(enum sg_lint lint);

/* The lints in force: the default ones, plus those in `on`, minus those
 * in `off` (bit 1 << lint). */
unsigned sg_lint_enabled(unsigned on, unsigned off);

/* Reports the enabled lints' findings for the policy tree `top` and the
 * IR resolved from it, as warnings in diag. */
void sg_lint(struct sg_diag *diag, const struct sg_file *top, const struct sg_ir_program *ir, unsigned enabled);

#endif
