/* The inputs seccomp-gen compiles, whatever their language: a file goes
 * to its front end (the policy language, grammar/load.h, or seccompiler
 * JSON, grammar/seccompiler.h), which yields units, each one policy tree
 * that becomes one program; each unit is then compiled for the target
 * arch, or for each of the target arches and combined into one program
 * (gen/backend/multiarch.h).  One IR, two front ends. */
#ifndef SG_INPUTS_H
#define SG_INPUTS_H

#include "gen/driver/compile.h"

struct sg_arena;
struct sg_diag;

enum sg_input_format {
	SG_INPUT_AUTO,   /* by the file name: ".json" is JSON */
	SG_INPUT_POLICY, /* minijail's policy language */
	SG_INPUT_JSON,   /* seccompiler's JSON filters */
	SG_INPUT_OCI,    /* a container profile (Docker's / the OCI runtime spec's seccomp JSON) */
};

struct sg_unit {
	const char *name;     /* default symbol prefix: the file's, or the category's */
	const char *path;     /* the file it came from */
	const char *category; /* JSON: the thread category as written; NULL for a policy */
	struct sg_file *tree;
	/* seccompiler's filters kill the process on a wrong arch
	 * (build_arch_validation_sequence: SECCOMP_RET_KILL_PROCESS). */
	int kill_process;
	/* A container profile: the tree is made for each arch
	 * (gen/ir/oci_lower.h); tree is then NULL. */
	const struct sg_oci_profile *oci;
};

struct sg_oci_profile;

/* Parses "policy", "json" or "oci"; -1 if it is none. */
int sg_input_format_parse(const char *word, enum sg_input_format *out);

/* Loads path and appends its units to the vector *units (*n of *cap).
 * category, if not NULL, keeps only that thread category of a JSON file
 * (an error if it has none).  Returns 0, or -1 after reporting errors
 * (a policy with errors still yields its unit, so that resolution
 * reports its other errors in the same run). */
int sg_load_units(struct sg_arena *arena, struct sg_diag *diag, const char *path, enum sg_input_format format,
		  const char *category, const struct sg_options *opts, struct sg_unit **units, size_t *n,
		  size_t *cap);

/* Compiles u for opts->arch, or opts->arches when there are several.
 * Returns 0, or -1 after reporting errors. */
int sg_compile_unit(struct sg_arena *arena, struct sg_diag *diag, const struct sg_unit *u, const char *name,
		    const struct sg_options *opts, struct sg_compiled *out);

/* A thread category made a C identifier ("vcpu" -> "vcpu",
 * "0-api" -> "filter_0_api"). */
const char *sg_category_name(struct sg_arena *arena, const char *category);

#endif
