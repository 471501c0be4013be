/* gen/driver/: command lines in, the stages run in order. */
/* One compilation: a policy file in, a checked BPF program out, through
 * load -> resolve -> dispatch -> codegen. */
#ifndef SG_COMPILE_H
#define SG_COMPILE_H

#include "gen/backend/program.h"
#include "gen/ir/ir.h"
#include "grammar/load.h"

struct sg_arena;
struct sg_diag;

struct sg_options {
	const struct sg_arch *arch;
	int use_kill_process;
	int denylist;
	/* minijail's --use-ret-log: every kill and errno action logs instead
	 * (SECCOMP_RET_LOG), for a trial run of a policy. */
	int ret_log;
	unsigned max_depth; /* files open at once through @include; 0: the loader's default */
	const char *default_action; /* NULL: the policy's @default */
	const struct sg_include_map *maps;
	size_t nmaps;
	int no_validate; /* skip the translation validation (gen/check/validate.h) */
	unsigned warn_on, warn_off; /* lints (gen/lint/lint.h) forced on and off: bits 1 << lint */
	/* Two or more: one program for all of them (gen/driver/inputs.h,
	 * gen/backend/multiarch.h); arch is then the first. */
	const struct sg_arch *const *arches;
	size_t narches;
	/* Container profiles (gen/ir/oci_lower.h): the capabilities and kernel
	 * the engine's conditions are evaluated for; oci_caps_set 0 means
	 * Docker's default capabilities. */
	uint64_t oci_caps;
	int oci_caps_set;
	int oci_has_kernel;
	unsigned oci_kernel_major, oci_kernel_minor;
};

struct sg_compiled {
	struct sg_program prog;
	struct sg_ir_program *ir;
	struct sg_ir_program **irs; /* multi-arch: one per arch, ir is the first */
	size_t nirs;
	const char **deps; /* every file read */
	size_t ndeps;
};

/* Returns 0, or -1 after reporting errors to diag. */
int sg_compile_file(struct sg_arena *arena, struct sg_diag *diag, const char *path, const char *name,
		    const struct sg_options *opts, struct sg_compiled *out);

/* The same for a tree already loaded (by any front end: gen/driver/inputs.h);
 * path is the file named in the output. */
int sg_compile_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_file *f, const char *path,
		    const char *name, const struct sg_options *opts, struct sg_compiled *out);

/* The symbol prefix a policy file gets by default: its base name without
 * ".policy", made a C identifier ("net_device.policy" -> "net_device",
 * "9p_device.policy" -> "policy_9p_device"). */
const char *sg_default_name(struct sg_arena *arena, const char *path);

/* True if s is a C identifier. */
int sg_is_identifier(const char *s);

#endif
