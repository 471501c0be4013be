/* What tests/kernels/kgen writes for the guest (cases.c) and what the
 * guest reads: one syscall to make under one generated program.  The
 * guest does not know what the answer should be; it prints what its
 * kernel did, and the host compares (tests/kernels/run.sh). */
#ifndef SG_TESTS_KERNELS_GUEST_H
#define SG_TESTS_KERNELS_GUEST_H

struct kcase {
	const char *prog; /* a name in kg_filters[] */
	unsigned long nr;
	unsigned long long args[6];
};

extern const struct kcase kcases[];
extern const unsigned nkcases;

#endif
