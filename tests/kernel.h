/* Loading generated programs into the running kernel, in forked children,
 * to observe what the kernel decides. */
#ifndef SG_TESTS_KERNEL_H
#define SG_TESTS_KERNEL_H

#include "gen/backend/program.h"
#include "gen/bpf/interp.h"
#include "tests/tap.h"

enum kernel_outcome {
	KO_ALLOWISH, /* allow, log, trace or user-notify: ENOSYS through the backstop */
	KO_ERRNO,    /* the syscall failed with errno (or returned 0: errno 0) */
	KO_TRAP,     /* SIGSYS delivered to the handler */
	KO_KILLED,   /* killed by SIGSYS (kill-thread or kill-process) */
	KO_EXECUTED, /* the syscall ran (only exit and exit_group get through) */
	KO_BROKEN,   /* the test itself failed */
};

/* Can this machine load seccomp filters?  NULL if so, else why not. */
const char *kernel_unavailable(void);

/* Loads prog in a child; 0 if the kernel accepted it, else the errno. */
int kernel_load(const struct sg_program *prog);

/* Installs prog and a backstop filter in a child, makes the syscall of
 * data, and reports what happened.  *err gets the errno for KO_ERRNO. */
enum kernel_outcome kernel_decide(const struct sg_program *prog, const struct sg_seccomp_data *data, int *err);

/* The outcome the kernel must show for a seccomp return value. */
enum kernel_outcome kernel_expected(uint32_t ret, int *err);

/* "trap", "killed by SIGSYS", ... for messages. */
const char *kernel_outcome_name(enum kernel_outcome o);

/* Makes data's syscall under prog in a child: 1 if the kernel shows what
 * the return value want means, else 0 with the difference in why. */
int kernel_agrees(const struct sg_program *prog, const struct sg_seccomp_data *data, uint32_t want, char *why,
		  size_t size);

/* The host arch when its kernel can load filters; else NULL with the
 * reason in *why (for a TAP skip). */
const struct sg_arch *kernel_host(const char **why);

/* kernel_host for a test's main: when there is no such kernel, reports the
 * skip and why as the test's result and returns NULL (then return
 * tap_done()).  Inline here, not in kernel.c, since each test program
 * keeps its own TAP count. */
__attribute__((unused))
static const struct sg_arch *kernel_host_or_skip(void)
{
	const char *why;
	const struct sg_arch *host = kernel_host(&why);
	if (!host)
		tap_skip("%s", why);
	return host;
}

#endif
