/* What a container profile (grammar/oci.h) means for one target arch: the
 * engine's conditions (includes/excludes on capabilities, arches and the
 * kernel version, archMap) evaluated as moby does, then the rules read as
 * libseccomp 2.5.4 reads them when crun adds them, written as a policy
 * tree that the rest of seccomp-gen compiles like any other.  The reading
 * was found by testing libseccomp, and tests/test-oci-oracle checks it
 * against libseccomp's own programs. */
#ifndef SG_OCI_LOWER_H
#define SG_OCI_LOWER_H

#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "grammar/oci.h"

struct sg_arena;
struct sg_diag;

/* The container and host the engine evaluates conditions for. */
struct sg_oci_env {
	uint64_t caps;   /* bit (1 << CAP_*) for each capability of the bounding set */
	int has_kernel;  /* else: a kernel new enough for every minKernel */
	unsigned kernel_major, kernel_minor;
};

/* Docker's default capability set (moby's oci/caps/defaults.go). */
uint64_t sg_oci_default_caps(void);

/* "CAP_A,CAP_B" (the whole set), "+CAP_A,-CAP_B" (Docker's default with
 * changes), "all" or "" (none).  Returns 0, or -1 with the bad word in
 * *bad. */
int sg_oci_parse_caps(const char *text, uint64_t *caps, const char **bad);

/* "4.8" -> 0 with major and minor; -1 if it is no such version. */
int sg_oci_parse_kernel(const char *text, unsigned *major, unsigned *minor);

/* Checks what does not depend on the target: every name is a syscall of
 * some arch libseccomp knows.  Returns 0, or -1 after reporting errors. */
int sg_oci_check_names(struct sg_diag *diag, const struct sg_oci_profile *p);

/* Checks that arches[1..n) are arches the profile lets through on
 * arches[0] (its archMap entry's subArchitectures, or its architectures):
 * a compat arch the profile does not list gets libseccomp's bad-arch kill,
 * not the rules.  Returns 0, or -1 after reporting errors. */
int sg_oci_check_arches(struct sg_diag *diag, const struct sg_oci_profile *p, const struct sg_arch *const *arches,
			size_t n);

/* The policy tree of the profile for arch, in a program whose native
 * (first) arch is native: the engine evaluates its conditions for the
 * native arch, names are looked up on arch.  NULL after reporting errors
 * (rules libseccomp would refuse). */
struct sg_file *sg_oci_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_oci_profile *p,
			    const struct sg_arch *arch, const struct sg_arch *native, const struct sg_oci_env *env);

/* The engine's name of an arch ("amd64", "x86", "arm64", "arm",
 * "riscv64"), as includes/excludes "arches" name it; NULL for another. */
const char *sg_oci_engine_arch(const struct sg_arch *arch);

/* arch's number for a syscall name as libseccomp spells it ("breakpoint"
 * is arm's ARM_breakpoint), or NULL when libseccomp has no such syscall
 * there. */
const struct sg_named_value *sg_oci_syscall(const struct sg_arch *arch, const char *name);

#endif
