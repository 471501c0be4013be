/* libseccomp's arch token for one of seccomp-gen's arches (bench/bench.c
 * and bench/args.c build libseccomp's programs for the same policies). */
#ifndef SG_BENCH_SCMP_ARCH_H
#define SG_BENCH_SCMP_ARCH_H

#include <seccomp.h>
#include <string.h>

#include "arch/arch.h"

static inline uint32_t scmp_arch(const struct sg_arch *a)
{
	if (!strcmp(a->name, "x86_64")) return SCMP_ARCH_X86_64;
	if (!strcmp(a->name, "i386")) return SCMP_ARCH_X86;
	if (!strcmp(a->name, "aarch64")) return SCMP_ARCH_AARCH64;
	if (!strcmp(a->name, "arm")) return SCMP_ARCH_ARM;
	return SCMP_ARCH_RISCV64;
}

#endif
