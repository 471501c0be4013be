/* The dangerous-syscall lint (-Wdangerous-syscall, off by default): a
 * syscall that gives a sandboxed process power beyond its own address
 * space, allowed where a safe argument filter exists or the call should
 * not be allowed at all.  The list follows minijail's policy linter
 * (tools/seccomp_policy_lint.py, DANGEROUS_SYSCALLS and
 * SYSCALL_SAFE_RULES); the check is on the resolved rules, so it sees
 * through includes, lists and spellings: a filter is judged by what it
 * allows, not by how it is written. */
#ifndef SG_LINT_DANGER_H
#define SG_LINT_DANGER_H

#include "gen/ir/ir.h"

struct sg_arena;

/* Calls found(ctx, loc, msg) for each dangerous allowance of ir: at the
 * filter that allows it, with a message naming what it allows and the
 * safe spelling.  As in minijail's linter, a statement with a comment on
 * the line before it is taken as documented and not reported. */
void sg_dangerous_syscalls(const struct sg_ir_program *ir, struct sg_arena *arena,
			   void (*found)(void *ctx, const struct sg_loc *loc, const char *msg), void *ctx);

#endif
