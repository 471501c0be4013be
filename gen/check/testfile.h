/* Policy test files: lines "openat(AT_FDCWD, 0, O_RDONLY) -> allow"
 * checked against a compiled program (seccomp-gen --test FILE). */
#ifndef SG_TESTFILE_H
#define SG_TESTFILE_H

#include "gen/backend/program.h"

struct sg_arena;
struct sg_diag;

#include "gen/bpf/interp.h"

struct sg_test_result {
	unsigned passed, failed;
};

/* One expectation: the syscall as written, its seccomp_data, and the
 * return value expected.  Returns 0 if it holds; else reports it (the
 * text and location are for that) and returns 1. */
typedef int (*sg_test_check)(void *ctx, struct sg_diag *diag, const struct sg_loc *loc,
			     const char *call, const struct sg_seccomp_data *data, uint32_t want);

/* Reads the test file at path and calls check for each expectation;
 * malformed lines are reported and count as failures.  Lines starting
 * with '@' are directives for test harnesses and are skipped. */
int sg_test_file_foreach(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			 const struct sg_arch *arch, int use_kill_process, sg_test_check check,
			 void *ctx, struct sg_test_result *res);

/* The same for a program of several arches (gen/backend/multiarch.h).  A line
 * runs on each arch that has its syscall; "name[arch=x86,arm]" keeps
 * those of the arches named, as a policy's [arch=...] does (a line for
 * other targets is skipped), and "name[from=arm64,x86]" makes the call as
 * a process of each arch named that the program is not for, whose calls
 * must get the kill action. */
int sg_test_file_foreach_arches(struct sg_arena *arena, struct sg_diag *diag, const char *path,
				const struct sg_arch *const *arches, size_t narches, int use_kill_process,
				sg_test_check check, void *ctx, struct sg_test_result *res);

/* Evaluates every expectation of the file at path against prog.
 * Failures and malformed lines are reported to diag; lines starting with
 * '@' are directives for test harnesses and are skipped.  Returns 0 if the
 * file could be read. */
int sg_run_test_file(struct sg_arena *arena, struct sg_diag *diag, const char *path,
		     const struct sg_program *prog, int use_kill_process, struct sg_test_result *res);

#endif
