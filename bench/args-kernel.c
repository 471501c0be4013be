/* The kernel time of the hot argument check (bench/args): an ioctl of
 * crosvm's xhci_device.policy on x86_64, the constant at the end of its
 * chain in policy order (the last a linear chain finds), on fd -1 so
 * that the call fails fast with EBADF once the filter allows it.  Rounds
 * in which no filter, minijail's program, libseccomp -O2's and
 * seccomp-gen's take turns, each in a fresh child that keeps its fastest
 * batch of calls; best (and median) of the rounds; the filter's overhead is the filtered time minus the
 * unfiltered one.  A fifth program, which loads an argument and allows
 * (so that the kernel's action cache cannot skip it), shows what running
 * any filter costs this call: the entry into seccomp, its copy of the
 * arguments, the call into the (JIT-compiled) program, and the
 * speculation barriers of a filtered task; the part above it is what the
 * instructions of each program cost. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/args.h"
#include "gen/bpf/interp.h"

#define CONFIGS 5
#define ROUNDS 21
/* Each child times BATCHES batches of CALLS calls and keeps the fastest:
 * on a machine shared with other jobs, the batch no other job interrupts
 * is the one that measures the filter. */
#define BATCHES 50
#define CALLS 2000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ns per ioctl(-1, cmd, 0) in a child under the filter (none if len is
 * 0); -1 if the filter did not load or did not let the call through. */
static double ioctl_ns(const struct prog *p, unsigned long cmd)
{
	volatile double *result = mmap(NULL, sizeof(double), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (result == MAP_FAILED)
		return -1;
	*result = -1;
	pid_t pid = fork();
	if (pid == 0) {
		if (p->len) {
			struct sock_fprog fp = { (unsigned short)p->len, (struct sock_filter *)p->insns };
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
			    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp))
				_exit(1);
		}
		/* The filter must let the call through to the fd check. */
		if (syscall(SYS_ioctl, -1, cmd, 0) != -1 || errno != EBADF)
			_exit(2);
		double best = -1;
		for (int b = 0; b < BATCHES; b++) {
			double t0 = now();
			for (int i = 0; i < CALLS; i++)
				syscall(SYS_ioctl, -1, cmd, 0);
			double t = (now() - t0) / CALLS * 1e9;
			if (best < 0 || t < best)
				best = t;
		}
		*result = best;
		/* exit_group may be refused by the policy: the result is in. */
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	double r = *result;
	munmap((void *)result, sizeof(double));
	return r;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void kernel_hot_ioctl(const struct prog *ours, const struct prog *mj, const struct prog *lib, unsigned long cmd)
{
	static const char *const names[CONFIGS] = { "no filter", "minijail", "libseccomp -O2", "seccomp-gen",
						    "ld arg; allow" };
	static struct sg_insn floor_insns[2] = { { SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, 0, 0, SG_OFF_ARGS },
						 { SG_BPF_RET | SG_BPF_K, 0, 0, SG_RET_ALLOW } };
	const struct prog none = { NULL, 0 }, floor = { floor_insns, 2 };
	const struct prog *progs[CONFIGS] = { &none, mj, lib, ours, &floor };
	double ns[CONFIGS][ROUNDS], best[CONFIGS], median[CONFIGS];
	for (int r = 0; r < ROUNDS; r++)
		for (int c = 0; c < CONFIGS; c++)
			ns[c][r] = c && !progs[c]->len ? -1 : ioctl_ns(progs[c], cmd);
	printf("\nkernel: ioctl(-1, 0x%lx, 0) under xhci_device.policy (x86_64), the last constant of its chain in "
	       "policy order;\n%d rounds taking turns, each a fresh child timing %d batches of %d calls (its fastest "
	       "batch); overhead = filtered - unfiltered\n",
	       cmd, ROUNDS, BATCHES, CALLS);
	printf("  %-15s %9s %9s %9s %9s %7s\n", "", "best ns", "overhead", "median", "overhead", "insns");
	for (int c = 0; c < CONFIGS; c++) {
		qsort(ns[c], ROUNDS, sizeof(double), by_double);
		best[c] = ns[c][0];
		median[c] = ns[c][ROUNDS / 2];
		if (best[c] < 0) {
			printf("  %-15s (could not run)\n", names[c]);
			continue;
		}
		printf("  %-15s %9.1f %9.1f %9.1f %9.1f", names[c], best[c], best[c] - best[0], median[c],
		       median[c] - median[0]);
		if (c) {
			struct sg_seccomp_data d = { .nr = SYS_ioctl, .arch = 0xc000003eu, .args = { (uint64_t)-1, cmd } };
			uint32_t ret;
			size_t steps = 0;
			sg_run(progs[c]->insns, progs[c]->len, &d, 0, &ret, &steps);
			printf(" %7zu", steps);
		}
		printf("\n");
	}
	if (best[1] > 0 && best[3] > 0) {
		double r = (best[3] - best[0]) / (best[1] - best[0]);
		printf("  seccomp-gen's overhead / minijail's: %.3fx best, %.3fx median (target <= 0.5: %s)\n", r,
		       (median[3] - median[0]) / (median[1] - median[0]), r <= 0.5 ? "met" : "NOT met");
		if (best[4] > 0)
			printf("  above the cost of any filter (ld arg; allow), best: seccomp-gen %+.1f ns, minijail %+.1f ns, "
			       "libseccomp %+.1f ns\n",
			       best[3] - best[4], best[1] - best[4], best[2] - best[4]);
	}
}
