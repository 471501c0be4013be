/* seccomp-gen's benchmark: compile time over the crosvm corpus, and the
 * quality of the programs (length; instructions executed per allowed
 * syscall, uniform and @frequency-weighted) side by side with libseccomp
 * given the same allow set, against the lower bound; and, in the running
 * kernel, the cost of an allowed getppid() under each filter.  Prints
 * figures; asserts nothing. */
#define _GNU_SOURCE
#include <dirent.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <malloc.h>
#include <math.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/scmp-arch.h"
#include "gen/backend/dispatch.h"
#include "gen/bpf/interp.h"
#include "gen/driver/compile.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/suite.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct quality {
	size_t len;
	double mean, weighted, worst;
};

/* Instructions executed for each syscall in allowed[] (all must allow). */
static int measure(const struct sg_insn *insns, size_t len, const struct sg_arch *arch,
		   const struct sg_ir_program *ir, const unsigned char *allowed, struct quality *q)
{
	double sum = 0, wsum = 0, wtot = 0;
	size_t n = 0;
	q->len = len;
	q->worst = 0;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		if (!allowed[s])
			continue;
		struct sg_seccomp_data d = { .nr = ir->syscalls[s].nr, .arch = arch->audit_arch };
		uint32_t ret;
		size_t steps;
		if (sg_run(insns, len, &d, arch->big_endian, &ret, &steps) || ret != SG_RET_ALLOW)
			return -1;
		sum += (double)steps;
		wsum += (double)steps * (double)ir->syscalls[s].weight;
		wtot += (double)ir->syscalls[s].weight;
		n++;
		if ((double)steps > q->worst)
			q->worst = (double)steps;
	}
	q->mean = n ? sum / (double)n : 0;
	q->weighted = wtot ? wsum / wtot : 0;
	return 0;
}

/* libseccomp's program for the same syscalls, default trap.  Each
 * syscall with one action gets that action (allow, errno, ...); one with
 * argument checks becomes an unconditional allow (they are not
 * translated).  all_allow: every syscall named becomes an allow, which
 * gives libseccomp fewer, wider ranges than the policy has. */
static struct sg_insn *libseccomp_program(const struct sg_arch *arch, const struct sg_ir_program *ir,
					  int optimize, int all_allow, size_t *len)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	uint32_t token = scmp_arch(arch);
	if (!ctx)
		return NULL;
	if (token != seccomp_arch_native()) {
		seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		seccomp_arch_add(ctx, token);
	}
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, (uint32_t)optimize);
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		if (d->nrules == 1 && d->rules[0].ret == SG_RET_TRAP)
			continue;
		/* libseccomp's actions are the kernel's SECCOMP_RET_* values. */
		uint32_t action = d->nrules == 1 && !all_allow ? d->rules[0].ret : SCMP_ACT_ALLOW;
		/* libseccomp takes native numbers (negative pseudo-numbers for
		 * syscalls the build machine lacks) and maps them by name. */
		int nr = seccomp_syscall_resolve_name(ir->syscalls[s].name);
		if (nr != __NR_SCMP_ERROR)
			seccomp_rule_add(ctx, action, nr, 0);
	}
	int fd = memfd_create("bpf", 0);
	struct sg_insn *prog = NULL;
	if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
		off_t size = lseek(fd, 0, SEEK_END);
		prog = malloc((size_t)size);
		if (prog && pread(fd, prog, (size_t)size, 0) == size)
			*len = (size_t)size / 8;
	}
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return prog;
}

struct totals {
	double ours, lib1, lib2, bound, weighted, time;
	double w_ours, w_lib; /* policies with @frequency weights */
	double u_ours;        /* the programs compiled with uniform weights */
	double all_allow;     /* best libseccomp, every named syscall an allow */
	double own_ours, own_lib; /* each policy under its own weights */
	size_t n, compiled, nweighted;
};

/* Every syscall the same weight: the layout as if the policy gave no
 * @frequency. */
static uint64_t uniform(const struct sg_ir_syscall *s)
{
	(void)s;
	return 1;
}

static void bench_policy(const char *path, const struct sg_arch *arch, const char *map_dir, struct totals *t)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	FILE *devnull = fopen("/dev/null", "w");
	sg_diag_init(&diag, devnull, a);
	struct sg_compiled out;
	if (compile_crosvm(a, devnull, path, map_dir, arch, &out)) {
		printf("%-34s %-8s does not compile\n", strrchr(path, '/') + 1, arch->name);
		goto done;
	}
	/* Compile time: the whole pipeline, repeated for a stable figure. */
	int reps = 20;
	double t0 = now();
	for (int r = 0; r < reps; r++) {
		struct sg_arena *b = sg_arena_new();
		struct sg_compiled o2;
		compile_crosvm(b, devnull, path, map_dir, arch, &o2);
		sg_arena_free(b);
	}
	double us = (now() - t0) / reps * 1e6;

	struct sg_ir_program *ir = out.ir;
	unsigned char *allowed = calloc(ir->nsyscalls + 1, 1);
	for (size_t s = 0; s < ir->nsyscalls; s++)
		allowed[s] = ir->syscalls[s].decision->nrules == 1 && ir->syscalls[s].decision->rules[0].ret == SG_RET_ALLOW;
	struct quality ours, uni = { 0 }, lib1 = { 0 }, lib2 = { 0 };
	measure(out.prog.insns, out.prog.len, arch, ir, allowed, &ours);
	struct sg_program up;
	program_with_weights(a, &diag, ir, uniform, &up);
	measure(up.insns, up.len, arch, ir, allowed, &uni);
	size_t len1 = 0, len2 = 0;
	struct sg_insn *p1 = libseccomp_program(arch, ir, 1, 0, &len1);
	struct sg_insn *p2 = libseccomp_program(arch, ir, 2, 0, &len2);
	int ok1 = p1 && measure(p1, len1, arch, ir, allowed, &lib1) == 0;
	int ok2 = p2 && measure(p2, len2, arch, ir, allowed, &lib2) == 0;
	/* The earlier comparison: every named syscall an allow. */
	struct quality all1 = { 0 }, all2 = { 0 };
	size_t alen1 = 0, alen2 = 0;
	struct sg_insn *a1 = libseccomp_program(arch, ir, 1, 1, &alen1);
	struct sg_insn *a2 = libseccomp_program(arch, ir, 2, 1, &alen2);
	int oka = a1 && a2 && measure(a1, alen1, arch, ir, allowed, &all1) == 0 &&
		  measure(a2, alen2, arch, ir, allowed, &all2) == 0;
	free(a1);
	free(a2);
	struct sg_dispatch *dsp = sg_dispatch_build(a, ir);
	double bound = 4 + log2((double)dsp->nranges);
	double best = ok1 && ok2 ? fmin(lib1.mean, lib2.mean) : ok1 ? lib1.mean : lib2.mean;
	printf("%-34s %-8s %7.1f %5zu %6.2f %6.2f %5.0f %6.2f | %5zu %6.2f %5.0f | %5zu %6.2f %5.0f | %5.2f | %5.2f %5.2f\n",
	       strrchr(path, '/') + 1, arch->name, us, ours.len, ours.mean, ours.weighted, ours.worst, uni.mean, len1,
	       lib1.mean, lib1.worst, len2, lib2.mean, lib2.worst, bound, uni.mean / best, uni.mean / bound);
	if (ok1 && ok2 && ours.mean > 0) {
		int weighted = ours.weighted != ours.mean;
		t->u_ours += uni.mean;
		/* Under its own weights: what the policy says its workload is. */
		t->own_ours += weighted ? ours.weighted : uni.mean;
		t->own_lib += weighted ? fmin(lib1.weighted, lib2.weighted) : best;
		t->ours += ours.mean;
		t->all_allow += oka ? fmin(all1.mean, all2.mean) : best;
		t->lib1 += lib1.mean;
		t->lib2 += lib2.mean;
		t->bound += bound;
		t->weighted += ours.weighted;
		t->n++;
		if (weighted) {
			t->w_ours += ours.weighted;
			t->w_lib += fmin(lib1.weighted, lib2.weighted);
			t->nweighted++;
		}
	}
	t->time += us;
	t->compiled++;
	free(p1);
	free(p2);
	free(allowed);
done:
	fclose(devnull);
	sg_arena_free(a);
}

/* ns per getppid() over n calls in a child with the given filter (NULL:
 * none); -1 if the filter could not be loaded. */
static double getppid_ns(const struct sg_insn *insns, size_t len, int n)
{
	double *result = mmap(NULL, sizeof(double), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid = fork();
	if (pid == 0) {
		if (insns) {
			struct sock_fprog fp = { (unsigned short)len, (struct sock_filter *)insns };
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp))
				_exit(1);
		}
		double t0 = now();
		for (int i = 0; i < n; i++)
			syscall(SYS_getppid);
		*result = (now() - t0) / n * 1e9;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	double r = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? *result : -1;
	munmap(result, sizeof(double));
	return r;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The configurations take turns, round after round, so that a slow spell
 * of the machine (a VM's neighbours) hits each alike; each gets its best
 * and its median round. */
#define KERNEL_CONFIGS 4
#define KERNEL_ROUNDS 15
#define KERNEL_CALLS 500000

static void kernel_rounds(const struct sg_insn *const progs[], const size_t lens[], double best[], double median[])
{
	double ns[KERNEL_CONFIGS][KERNEL_ROUNDS];
	for (int r = 0; r < KERNEL_ROUNDS; r++)
		for (int c = 0; c < KERNEL_CONFIGS; c++)
			ns[c][r] = c && !progs[c] ? -1 : getppid_ns(progs[c], lens[c], KERNEL_CALLS);
	for (int c = 0; c < KERNEL_CONFIGS; c++) {
		qsort(ns[c], KERNEL_ROUNDS, sizeof(double), by_double);
		best[c] = ns[c][0];
		median[c] = ns[c][KERNEL_ROUNDS / 2];
	}
}

static void kernel_timing(const char *corpus)
{
	const struct sg_arch *host = sg_arch_host();
	if (!host || strcmp(host->name, "x86_64") != 0) {
		printf("\nkernel timing: skipped (needs an x86_64 host)\n");
		return;
	}
	char dir[4096], path[4200];
	snprintf(dir, sizeof(dir), "%s/x86_64", corpus);
	/* The policy below is in /tmp: its include needs the absolute path. */
	char *abs = realpath(dir, NULL);
	if (abs) {
		snprintf(dir, sizeof(dir), "%s", abs);
		free(abs);
	}
	snprintf(path, sizeof(path), "/tmp/seccomp-gen-bench-%d.policy", (int)getpid());
	FILE *f = fopen(path, "w");
	fprintf(f, "@include %s/net_device.policy\ngetppid: 1\n", dir);
	fclose(f);
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled out;
	if (compile_crosvm(a, stderr, path, dir, host, &out) == 0) {
		size_t len2 = 0;
		struct sg_insn *p2 = libseccomp_program(host, out.ir, 2, 0, &len2);
		/* A filter of one RET ALLOW: what any filter costs a syscall the
		 * kernel's action cache lets through (its entry work), the floor
		 * for the other two. */
		static const struct sg_insn allow_only[1] = { { SG_BPF_RET | SG_BPF_K, 0, 0, SG_RET_ALLOW } };
		const struct sg_insn *const progs[KERNEL_CONFIGS] = { NULL, allow_only, out.prog.insns, p2 };
		const size_t lens[KERNEL_CONFIGS] = { 0, 1, out.prog.len, len2 };
		double best[KERNEL_CONFIGS], median[KERNEL_CONFIGS];
		kernel_rounds(progs, lens, best, median);
		printf("\nkernel: getppid() under net_device.policy + 'getppid: 1' (x86_64), %d rounds of %dk calls, "
		       "taking turns\n",
		       KERNEL_ROUNDS, KERNEL_CALLS / 1000);
		printf("                      best               median\n");
		static const char *const names[KERNEL_CONFIGS] = { "no filter", "RET ALLOW only", "seccomp-gen",
								   "libseccomp -O2" };
		for (int c = 0; c < KERNEL_CONFIGS; c++) {
			printf("  %-15s %7.1f ns (%.3fx) %7.1f ns (%.3fx)", names[c], best[c], best[c] / best[0],
			       median[c], median[c] / median[0]);
			if (c)
				printf("  %zu instructions", lens[c]);
			printf("\n");
		}
		free(p2);
	}
	unlink(path);
	sg_arena_free(a);
}

static int by_number(const void *a, const void *b)
{
	const struct sg_ir_syscall *x = a, *y = b;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

/* The dispatch layout alone for n syscalls that cannot merge (each with
 * its own decision).  stride 0: the first n syscalls of x86_64's table,
 * by number, with the table's own gaps (what 400 syscalls of a real
 * policy give); stride 1: numbers 0..n-1, a dense table (n + 1 ranges);
 * stride 2: a gap between every two syscalls (2n + 1 ranges), a worst
 * case no arch's table has.  Prints the mean over repetitions (only the
 * first faults the tables' memory in: see main) and the best. */
static void dispatch_timing(size_t n, uint32_t stride)
{
	struct sg_arena *a = sg_arena_new();
	const struct sg_arch *x86 = sg_arch_find("x86_64");
	struct sg_ir_program ir = { .name = "synthetic", .arch = x86, .default_ret = SG_RET_TRAP,
				    .kill_ret = SG_RET_KILL_THREAD };
	ir.syscalls = sg_alloc_array(a, x86->nsyscalls, sizeof(*ir.syscalls));
	for (size_t i = 0; i < x86->nsyscalls; i++)
		ir.syscalls[i].nr = (uint32_t)x86->syscalls[i].value;
	qsort(ir.syscalls, x86->nsyscalls, sizeof(*ir.syscalls), by_number);
	ir.nsyscalls = n < x86->nsyscalls ? n : x86->nsyscalls;
	for (size_t i = 0; i < ir.nsyscalls; i++) {
		struct sg_ir_decision *d = sg_alloc(a, sizeof(*d));
		d->rules = sg_alloc(a, sizeof(*d->rules));
		d->rules[0].ret = SG_RET_ERRNO | (uint32_t)(i % 4000);
		d->nrules = 1;
		uint32_t nr = stride ? (uint32_t)(stride * i) : ir.syscalls[i].nr;
		ir.syscalls[i] = (struct sg_ir_syscall){ "s", nr, 1 + i % 7, d };
	}
	int reps = 20;
	double sum = 0, best = 1e9;
	struct sg_dispatch *dsp = NULL;
	for (int r = 0; r < reps; r++) {
		double t0 = now();
		dsp = sg_dispatch_build(a, &ir);
		double t = now() - t0;
		sum += t;
		best = t < best ? t : best;
	}
	printf("dispatch layout for %zu syscalls, %s (%zu ranges): %.0f us mean, %.0f us best\n", ir.nsyscalls,
	       stride == 0 ? "x86_64's numbers" : stride == 1 ? "dense" : "a gap between each", dsp->nranges,
	       sum / reps * 1e6, best * 1e6);
	sg_arena_free(a);
}

static void dispatch_timings(void)
{
	dispatch_timing(400, 0);
	dispatch_timing(400, 1);
	dispatch_timing(400, 2);
}

int main(int argc, char **argv)
{
	/* The compile times repeat each compilation: without this, glibc
	 * gives the heap's top back to the kernel after each one and faults
	 * it in again in the next, a cost that one compilation per process
	 * pays once, not per repetition. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	if (argc > 1 && strcmp(argv[1], "--dispatch-only") == 0) {
		dispatch_timings();
		return 0;
	}
	const char *corpus = argc > 1 ? argv[1] : "../shared/corpus/crosvm";
	static const char *const dirs[] = { "x86_64", "aarch64", "arm", "riscv64" };
	printf("Executed instructions per unconditionally allowed syscall (mean, worst); wmean: @frequency-weighted;\n"
	       "umean: the program compiled with uniform weights (as if no @frequency), which /lib and /bnd compare\n");
	printf("%-34s %-8s %7s %5s %6s %6s %5s %6s | %5s %6s %5s | %5s %6s %5s | %5s | %5s %5s\n", "policy", "arch",
	       "us", "len", "mean", "wmean", "worst", "umean", "len", "mean", "worst", "len", "mean", "worst", "bound",
	       "/lib", "/bnd");
	printf("%-34s %-8s %7s %33s | %18s | %18s |\n", "", "", "compile", "seccomp-gen", "libseccomp -O1",
	       "libseccomp -O2");
	struct totals t = { 0 };
	double t0 = now();
	for (size_t d = 0; d < 4; d++) {
		char dir[4096], path[8192];
		snprintf(dir, sizeof(dir), "%s/%s", corpus, dirs[d]);
		struct dirent **names;
		int n = scandir(dir, &names, is_policy, by_name);
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			bench_policy(path, sg_arch_find(dirs[d]), dir, &t);
			free(names[i]);
		}
		if (n > 0)
			free(names);
	}
	if (!t.n) {
		printf("no corpus at %s\n", corpus);
		return 1;
	}
	printf("\n%zu policies: compile %.1f ms in total (%.1f us each on average, in process)\n", t.compiled,
	       t.time / 1000, t.time / (double)t.compiled);
	printf("%zu policies with allowed syscalls compared with libseccomp\n", t.n);
	double n = (double)t.n;
	printf("mean executed instructions, uniform weights: seccomp-gen %.2f, libseccomp -O1 %.2f, -O2 %.2f, lower "
	       "bound %.2f\n",
	       t.u_ours / n, t.lib1 / n, t.lib2 / n, t.bound / n);
	printf("  ratio seccomp-gen / best libseccomp: %.3f;  seccomp-gen / lower bound: %.3f\n",
	       t.u_ours / fmin(t.lib1, t.lib2), t.u_ours / t.bound);
	printf("  with every named syscall given to libseccomp as an allow: best libseccomp %.2f, ratio %.3f\n",
	       t.all_allow / n, t.u_ours / t.all_allow);
	printf("each policy under its own weights (@frequency where it has them): seccomp-gen %.2f, best libseccomp "
	       "%.2f, ratio %.3f\n",
	       t.own_ours / n, t.own_lib / n, t.own_ours / t.own_lib);
	printf("the programs as compiled (tuned to @frequency where given), counted with uniform weights: "
	       "seccomp-gen %.2f, ratio %.3f\n",
	       t.ours / n, t.ours / fmin(t.lib1, t.lib2));
	if (t.nweighted)
		printf("@frequency-weighted mean over the %zu policies that have weights: seccomp-gen %.2f, best "
		       "libseccomp %.2f, ratio %.3f\n",
		       t.nweighted, t.w_ours / (double)t.nweighted, t.w_lib / (double)t.nweighted, t.w_ours / t.w_lib);
	dispatch_timings();
	printf("benchmark wall time %.1f s\n", now() - t0);
	kernel_timing(corpus);
	return 0;
}
