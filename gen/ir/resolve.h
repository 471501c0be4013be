/* Resolution: a loaded policy tree and a target arch in, the decision IR
 * out.  Resolves syscall and constant names, checks values against the
 * word size, and merges repeated syscalls as minijail's build-time
 * compiler does (tools/parser.py, PolicyParser.parse_file). */
#ifndef SG_RESOLVE_H
#define SG_RESOLVE_H

#include "gen/ir/ir.h"

struct sg_arena;
struct sg_diag;

struct sg_resolve_options {
	const struct sg_arch *arch;
	int use_kill_process;  /* `kill` means kill-process, not kill-thread */
	int denylist;          /* --denylist */
	int ret_log;           /* --use-ret-log: kill and errno actions log instead */
	const char *default_action; /* --default-action, NULL if not given */
	const char *name;
};

/* Returns NULL when an error was reported. */
struct sg_ir_program *sg_resolve(struct sg_arena *arena, struct sg_diag *diag,
				 const struct sg_file *top, const struct sg_resolve_options *opts);

/* Evaluates a value expression for the arch (used by --test files too).
 * Returns 0, or -1 after reporting an error. */
int sg_eval_value(struct sg_diag *diag, const struct sg_arch *arch, const struct sg_value *v,
		  uint64_t *out);

/* Parses an action as written on the command line ("trap", "return 1",
 * "kill-process", "trace 7", ...) into a seccomp return value.  Returns 0
 * or -1. */
int sg_parse_action_word(const char *text, const struct sg_arch *arch, int use_kill_process,
			 uint32_t *ret);

#endif
