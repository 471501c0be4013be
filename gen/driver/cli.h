/* Command-line helpers shared by seccomp-gen, compile_seccomp_policy and
 * seccomp-gen-trace, so that the three say the same things the same way. */
#ifndef SG_CLI_H
#define SG_CLI_H

#include <stddef.h>

#include "arch/arch.h"

/* Prints "PROG: TAGMESSAGE" and "Try 'PROG --help'." to standard error
 * and returns 2, the usage-error status of all three programs.  fmt has
 * one %s, for arg; tag is "" or, as compile_seccomp_policy says it,
 * "error: ". */
int sg_usage_error(const char *prog, const char *tag, const char *fmt, const char *arg);

/* --arch's "x86_64,i386": the arches in the order given, at most max of
 * them, none twice, into arches[0..*n).  A misspelt name gets a "did you
 * mean".  Returns 0, or 2 after saying what is wrong. */
int sg_parse_arch_list(const char *prog, const char *arg, const struct sg_arch **arches, size_t max, size_t *n);

#endif
