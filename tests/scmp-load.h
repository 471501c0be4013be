/* A Docker/OCI seccomp profile compiled by libseccomp the way crun 1.8
 * does (src/libcrun/seccomp.c, libcrun_generate_seccomp), and exported
 * as BPF: the reference a profile's meaning is measured against.  Only
 * what reaches the runtime is read (defaultAction, defaultErrnoRet,
 * architectures, syscalls[] with names, action, errnoRet and args);
 * Docker's archMap and includes/excludes are resolved by the engine
 * before a runtime sees the profile. */
#ifndef SG_TESTS_SCMP_LOAD_H
#define SG_TESTS_SCMP_LOAD_H

#include <stddef.h>

#include "arch/arch.h"
#include "gen/bpf/bpf.h"

struct sg_arena;

/* 1 when the tests were built with libseccomp. */
int scmp_available(void);

/* The names libseccomp did not know, which crun skips with a warning. */
struct scmp_skipped {
	const char **names;
	size_t n, cap;
};

/* Compiles the profile text as crun would on a machine of arch native
 * (libseccomp's filter starts with the native arch, whatever the
 * profile lists).  optimize: libseccomp's SCMP_FLTATR_CTL_OPTIMIZE (0:
 * not set, as crun leaves it; 2: the binary tree).  The program is in
 * a; skipped, if not NULL, gets the names skipped.  Returns 0, or -1
 * with what went wrong in err. */
int scmp_load(struct sg_arena *a, const char *text, size_t len, const struct sg_arch *native, int optimize,
	      struct sg_insn **prog, size_t *n, struct scmp_skipped *skipped, char *err, size_t errsize);

#endif
