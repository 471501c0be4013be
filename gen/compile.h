/* One compilation: a policy file in, a checked BPF program out, through
 * load -> resolve -> dispatch -> codegen. */
#ifndef SG_COMPILE_H
#define SG_COMPILE_H

#include "gen/ir.h"
#include "gen/program.h"
#include "grammar/load.h"

struct sg_arena;
struct sg_diag;

struct sg_options {
	const struct sg_arch *arch;
	int use_kill_process;
	int denylist;
	const char *default_action; /* NULL: the policy's @default */
	const struct sg_include_map *maps;
	size_t nmaps;
};

struct sg_compiled {
	struct sg_program prog;
	struct sg_ir_program *ir;
	const char **deps; /* every file read */
	size_t ndeps;
};

/* Returns 0, or -1 after reporting errors to diag. */
int sg_compile_file(struct sg_arena *arena, struct sg_diag *diag, const char *path, const char *name,
		    const struct sg_options *opts, struct sg_compiled *out);

/* The symbol prefix a policy file gets by default: its base name without
 * ".policy", made a C identifier ("net_device.policy" -> "net_device",
 * "9p_device.policy" -> "policy_9p_device"). */
const char *sg_default_name(struct sg_arena *arena, const char *path);

/* True if s is a C identifier. */
int sg_is_identifier(const char *s);

#endif
