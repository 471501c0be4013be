/* bench/oci: Docker's default profile (issue 27), seccomp-gen's program
 * against libseccomp's (seccomp_export_bpf, as crun builds it:
 * tests/oci-libseccomp.c) with SCMP_FLTATR_CTL_OPTIMIZE 1 (its default)
 * and 2 (a binary tree), on x86_64 and aarch64, with Docker's default
 * capabilities: program length; instructions executed per allowed syscall
 * (every syscall the profile allows without looking at arguments, each
 * called once with zero arguments: mean and worst); the share of those
 * allows the kernel's action cache proves (tests/test-cache.c's
 * emulation); the compile time of each (in process, mean of 50).
 * Targets: a mean at most 0.8x libseccomp -O2's, and every allow proven.
 * It prints figures and asserts nothing. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen/bpf/interp.h"
#include "gen/driver/inputs.h"
#include "gen/ir/oci_lower.h"
#include "grammar/load.h"
#include "grammar/oci.h"
#include "support/arena.h"
#include "tests/oci-libseccomp.h"
#include "tests/suite.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

struct figures {
	size_t len, worst;
	double mean, proven;
	unsigned allows;
};

static uint32_t ret_of(const struct sg_program *p, const struct sg_seccomp_data *d, size_t *steps)
{
	uint32_t ret = 0;
	if (sg_run(p->insns, p->len, d, p->arch->big_endian, &ret, steps))
		return 0xffffffffu;
	return ret;
}

/* Over the syscalls allowed without arguments by both p and other (the
 * ones libseccomp 2.5.4 cannot name are left out of both columns). */
static void measure(const struct sg_program *p, const struct sg_program *other, const struct sg_ir_program *ir,
		    struct figures *f)
{
	memset(f, 0, sizeof(*f));
	f->len = p->len;
	double sum = 0, proven = 0;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		if (d->nrules != 1 || d->rules[0].ret != SG_RET_ALLOW)
			continue;
		struct sg_seccomp_data data;
		memset(&data, 0, sizeof(data));
		data.arch = ir->arch->audit_arch;
		data.nr = ir->syscalls[s].nr;
		size_t steps = 0, ignored;
		if (ret_of(p, &data, &steps) != SG_RET_ALLOW || ret_of(other, &data, &ignored) != SG_RET_ALLOW)
			continue;
		f->allows++;
		sum += (double)steps;
		if (steps > f->worst)
			f->worst = steps;
		proven += cache_const_allow(p, data.nr);
	}
	f->mean = f->allows ? sum / f->allows : 0;
	f->proven = f->allows ? proven / f->allows : 0;
}

int main(int argc, char **argv)
{
	const char *shared = argc > 1 ? argv[1] : getenv("SG_SHARED") ? getenv("SG_SHARED") : "../shared";
	char path[4096];
	snprintf(path, sizeof(path), "%s/corpus/oci/docker-default.json", shared);
	size_t len;
	struct sg_arena *file = sg_arena_new();
	char *text = sg_read_file(file, path, &len);
	if (!text) {
		printf("bench/oci: %s not found; skipped\n", path);
		sg_arena_free(file);
		return 0;
	}
	printf("\nDocker's default profile (%s), Docker's default capabilities:\n", path);
	printf("%-8s %-22s %7s %10s %6s %9s %12s\n", "arch", "program", "length", "mean/allow", "worst", "proven",
	       "compile ms");
	static const char *const arches[] = { "x86_64", "aarch64" };
	struct scmp_env env = { sg_oci_default_caps(), 0, 0, 0 };
	for (size_t a = 0; a < 2; a++) {
		const struct sg_arch *arch = sg_arch_find(arches[a]);
		struct sg_options opts;
		memset(&opts, 0, sizeof(opts));
		opts.arch = arch;
		struct sg_arena *arena = sg_arena_new();
		struct sg_json *top;
		struct sg_compiled out;
		if (compile_oci_text(arena, stderr, path, text, len, "docker_default", &opts, &top, &out)) {
			printf("%s: seccomp-gen failed\n", arch->name);
			return 1;
		}
		const int runs = 50;
		double t0 = now();
		for (int r = 0; r < runs; r++) {
			struct sg_arena *ar = sg_arena_new();
			struct sg_json *t;
			struct sg_compiled o;
			compile_oci_text(ar, stderr, path, text, len, "docker_default", &opts, &t, &o);
			sg_arena_free(ar);
		}
		double sg_ms = (now() - t0) * 1000 / runs;
		const struct sg_arch *one[1] = { arch };
		struct scmp_program ref;
		if (scmp_build(top, one, 1, &env, 1, &ref)) {
			printf("%s: libseccomp refused: %s\n", arch->name, ref.why);
			return 1;
		}
		struct sg_program refprog = out.prog;
		refprog.insns = ref.insns;
		refprog.len = ref.len;
		struct figures sg;
		measure(&out.prog, &refprog, out.ir, &sg);
		printf("%-8s %-22s %7zu %10.2f %6zu %8.1f%% %12.3f\n", arch->name, "seccomp-gen", sg.len, sg.mean, sg.worst,
		       sg.proven * 100, sg_ms);
		double means[3] = { 0 };
		for (int opt = 1; opt <= 2; opt++) {
			struct scmp_program lp;
			if (scmp_build(top, one, 1, &env, opt, &lp)) {
				printf("%s: libseccomp refused: %s\n", arch->name, lp.why);
				continue;
			}
			t0 = now();
			for (int r = 0; r < runs; r++) {
				struct scmp_program x;
				scmp_build(top, one, 1, &env, opt, &x);
				scmp_program_free(&x);
			}
			double l_ms = (now() - t0) * 1000 / runs;
			struct sg_program prog = out.prog;
			prog.insns = lp.insns;
			prog.len = lp.len;
			struct figures lf;
			measure(&prog, &out.prog, out.ir, &lf);
			means[opt] = lf.mean;
			printf("%-8s %-22s %7zu %10.2f %6zu %8.1f%% %12.3f\n", arch->name,
			       opt == 1 ? "libseccomp (default)" : "libseccomp -O2 (tree)", lf.len, lf.mean, lf.worst,
			       lf.proven * 100, l_ms);
			scmp_program_free(&lp);
		}
		if (means[2] > 0)
			printf("%-8s seccomp-gen's mean is %.2fx libseccomp -O2's (target: at most 0.8x), %.2fx its default's; "
			       "over the %u syscalls both allow without arguments\n",
			       arch->name, sg.mean / means[2], means[1] > 0 ? sg.mean / means[1] : 0, sg.allows);
		scmp_program_free(&ref);
		sg_arena_free(arena);
	}
	sg_arena_free(file);
	return 0;
}
