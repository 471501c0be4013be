/* libseccomp's program for a container profile, built the way the engine
 * and the runtime build it (issue 27): the engine (moby/profiles
 * seccomp_linux.go) keeps the entries whose includes/excludes hold for
 * its arch, the container's capabilities and the kernel; crun
 * (src/libcrun/seccomp.c) then calls seccomp_init, seccomp_arch_add and
 * seccomp_rule_add for each name, and seccomp_export_bpf.  Written for
 * the differential oracle (tests/test-oci-oracle) and the benchmark
 * (bench/oci), from the JSON text itself, not from seccomp-gen's reading
 * of it. */
#ifndef SG_TESTS_OCI_LIBSECCOMP_H
#define SG_TESTS_OCI_LIBSECCOMP_H

#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "gen/bpf/bpf.h"
#include "grammar/json.h"

struct scmp_env {
	uint64_t caps;
	int has_kernel;
	unsigned kernel_major, kernel_minor;
};

/* Syscall numbers libseccomp 2.5.4 cannot name (names newer than it) but
 * seccomp-gen can, one list per arch: the oracle does not compare them. */
#define SCMP_MAX_UNNAMED 64

struct scmp_program {
	struct sg_insn *insns; /* malloc'd */
	size_t len;
	int refused;           /* libseccomp (or crun) refused the profile */
	char why[160];
	uint32_t unnamed[5][SCMP_MAX_UNNAMED];
	size_t nunnamed[5];
};

/* arches[0] is the native arch; the others are added as crun adds the
 * architectures the engine passes on.  optimize: 1 (libseccomp's default)
 * or 2 (SCMP_FLTATR_CTL_OPTIMIZE 2, a binary tree).  Returns 0, or -1 when
 * the profile is not one the runtime would take (out->refused, out->why). */
int scmp_build(const struct sg_json *top, const struct sg_arch *const *arches, size_t n,
	       const struct scmp_env *env, int optimize, struct scmp_program *out);

/* The same for one arch, arches[which], alone, leaving out the names that
 * arch does not have before libseccomp sees them.  libseccomp 2.5.4 gets
 * some filters wrong when a rule names a syscall one of the filter's
 * arches lacks (a later rule with SCMP_CMP_NE loses its inversion:
 * measured); this build is what it means without that bug.  The engine's
 * conditions are still evaluated for arches[0]. */
int scmp_build_one(const struct sg_json *top, const struct sg_arch *const *arches, size_t which,
		   const struct scmp_env *env, int optimize, struct scmp_program *out);

void scmp_program_free(struct scmp_program *p);

#endif
