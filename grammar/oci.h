/* The container profile front end: Docker's and the OCI runtime spec's
 * seccomp JSON (the spec's linux.seccomp, plus the engine's extensions:
 * archMap, includes/excludes, defaultErrnoRet, errnoRet, comment):
 *
 *   { "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
 *     "archMap": [ { "architecture": "SCMP_ARCH_X86_64",
 *                    "subArchitectures": [ "SCMP_ARCH_X86" ] } ],
 *     "syscalls": [ { "names": [ "read", "write" ], "action": "SCMP_ACT_ALLOW" },
 *                   { "names": [ "personality" ], "action": "SCMP_ACT_ALLOW",
 *                     "args": [ { "index": 0, "value": 8, "op": "SCMP_CMP_EQ" } ] },
 *                   { "names": [ "chroot" ], "action": "SCMP_ACT_ALLOW",
 *                     "includes": { "caps": [ "CAP_SYS_CHROOT" ] } } ] }
 *
 * This file only reads and checks the profile, every value located; what
 * it means for one arch, one set of capabilities and one kernel (the
 * engine's conditions, then libseccomp's reading of the rules) is
 * gen/ir/oci_lower.c's job, which knows the arch tables. */
#ifndef SG_OCI_H
#define SG_OCI_H

#include <stddef.h>
#include <stdint.h>

#include "grammar/ast.h"
#include "support/source.h"

struct sg_arena;
struct sg_diag;
struct sg_json;

/* libseccomp's comparison operators (enum scmp_compare). */
enum sg_oci_op { SG_OCI_NE, SG_OCI_LT, SG_OCI_LE, SG_OCI_EQ, SG_OCI_GE, SG_OCI_GT, SG_OCI_MASKED_EQ };

struct sg_oci_cmp {
	unsigned index;
	enum sg_oci_op op;
	uint64_t value, value_two; /* MASKED_EQ: the mask, and the datum */
	struct sg_loc loc;
};

struct sg_oci_word {
	const char *s;
	struct sg_loc loc;
};

/* includes / excludes: every listed condition must hold (includes), or
 * any one excludes the entry. */
struct sg_oci_cond {
	struct sg_oci_word *caps, *arches;
	size_t ncaps, narches;
	int has_min_kernel;
	unsigned min_major, min_minor; /* "4.8" */
	int present;
};

struct sg_oci_entry {
	struct sg_oci_word *names;
	size_t nnames;
	struct sg_action action;
	struct sg_oci_cmp *args;
	size_t nargs;
	int has_args; /* "args" present and not null (crun: a rule with arguments) */
	struct sg_oci_cond includes, excludes;
	struct sg_loc loc;
};

/* SCMP_ARCH_* as written, with the seccomp-gen arch it is (NULL for the
 * arches seccomp-gen has no target for: x32, mips, ppc, s390, ...). */
struct sg_oci_arch {
	const char *scmp;    /* "SCMP_ARCH_X86_64" */
	const char *sg_name; /* "x86_64", or NULL */
	struct sg_loc loc;
};

struct sg_oci_archmap {
	struct sg_oci_arch arch;
	struct sg_oci_arch *subs;
	size_t nsubs;
};

struct sg_oci_profile {
	struct sg_source *src;
	const char *path;
	struct sg_action dflt;
	struct sg_oci_arch *arches; /* "architectures" */
	size_t narches;
	struct sg_oci_archmap *archmap;
	size_t narchmap;
	struct sg_oci_entry *entries;
	size_t nentries;
};

/* True if the parsed JSON looks like a container profile: an object with
 * "defaultAction", "syscalls", "architectures" or "archMap" (seccompiler
 * files map thread categories to filters, which have none of these). */
int sg_oci_detect(const struct sg_json *top);

/* Reads a parsed JSON text as a profile.  Returns NULL after reporting
 * errors. */
struct sg_oci_profile *sg_oci_read(struct sg_arena *arena, struct sg_diag *diag, const struct sg_json *top,
				   struct sg_source *src);

/* Linux's capability names, CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40);
 * -1 if name is none. */
int sg_oci_cap_find(const char *name);
const char *sg_oci_cap_name(int cap);
#define SG_OCI_NCAPS 41

#endif
