/* bench/args: argument checks against minijail's and libseccomp's
 * programs (args.c), and the kernel time of the hot one (args-kernel.c). */
#ifndef SG_BENCH_ARGS_H
#define SG_BENCH_ARGS_H

#include <stddef.h>

#include "gen/bpf/bpf.h"

struct prog {
	struct sg_insn *insns;
	size_t len;
};

/* Times ioctl(-1, cmd, 0) in the running kernel (x86_64) under no
 * filter and each of the programs, and prints the overheads. */
void kernel_hot_ioctl(const struct prog *ours, const struct prog *mj, const struct prog *lib, unsigned long cmd);

#endif
