/* <seccomp-gen/install.h>: installing the programs seccomp-gen generates.
 *
 * Header-only: there is no library to link.  Include it in the file that
 * installs the filter, next to the header seccomp-gen wrote (-f header):
 *
 *     #include <seccomp-gen/install.h>
 *     #include "filters.h"
 *
 *     int rc = seccomp_gen_install_named(seccomp_gen_filters, "worker", 0);
 *     if (rc < 0)
 *             fprintf(stderr, "seccomp: %s\n", strerror(-rc));
 *
 * Every function returns 0 on success or a negative errno value; none
 * aborts, and none prints.  errno itself may be changed.
 *
 * Filters apply to the calling thread (and the threads and processes it
 * creates afterwards) unless SECCOMP_GEN_TSYNC is given.  A filter cannot
 * be removed; installing another one stacks it, and the kernel runs all of
 * them, the most restrictive result winning (Documentation/userspace-api/
 * seccomp_filter.rst). */
#ifndef SECCOMP_GEN_INSTALL_H
#define SECCOMP_GEN_INSTALL_H

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The same table entry the generated code defines, under the same
 * guards, so that this header and generated files can be included in
 * any order: a generated .c with a table defines SECCOMP_GEN_FILTER, a
 * generated header both, and older headers SECCOMP_GEN_FILTER_DEFINED. */
#ifndef SECCOMP_GEN_FILTER
#define SECCOMP_GEN_FILTER(name, prog) { (name), (prog) }
#ifndef SECCOMP_GEN_FILTER_DEFINED
#define SECCOMP_GEN_FILTER_DEFINED
/* One entry of a name-to-program table; the last has name NULL. */
struct seccomp_gen_filter {
	const char *name;
	const struct sock_fprog *prog;
};
#endif
#endif

/* Flags for seccomp_gen_install().  They are seccomp-gen's own bits, not
 * the kernel's, so that they exist whatever the age of <linux/seccomp.h>. */

/* Install in every thread of the process, not only the caller
 * (SECCOMP_FILTER_FLAG_TSYNC, Linux 3.17).  Fails with -ESRCH when another
 * thread has a filter that is not an ancestor of the caller's; then no
 * thread gets the new filter. */
#define SECCOMP_GEN_TSYNC (1u << 0)
/* Log every action except allow to the audit log
 * (SECCOMP_FILTER_FLAG_LOG, Linux 4.14). */
#define SECCOMP_GEN_LOG (1u << 1)
/* Do not turn on the speculative store bypass mitigation that installing
 * a filter may otherwise force (SECCOMP_FILTER_FLAG_SPEC_ALLOW, Linux 4.17). */
#define SECCOMP_GEN_SPEC_ALLOW (1u << 2)
/* Do not set no_new_privs first.  The kernel then requires CAP_SYS_ADMIN
 * (in the caller's user namespace) or no_new_privs already set, and fails
 * with -EACCES otherwise. */
#define SECCOMP_GEN_SKIP_NO_NEW_PRIVS (1u << 3)

/* Values from <linux/seccomp.h> and <linux/prctl.h>, for older headers.
 * They are kernel ABI and never change. */
#ifndef SECCOMP_SET_MODE_FILTER
#define SECCOMP_SET_MODE_FILTER 1
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC
#define SECCOMP_FILTER_FLAG_TSYNC (1UL << 0)
#endif
#ifndef SECCOMP_FILTER_FLAG_LOG
#define SECCOMP_FILTER_FLAG_LOG (1UL << 1)
#endif
#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif
#ifndef PR_SET_SECCOMP
#define PR_SET_SECCOMP 22
#endif
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#endif

/* glibc and musl declare syscall() only with their default (or GNU/BSD)
 * feature set; a file built with -std=c99 and no feature macro would not
 * see it.  The declaration is the same in both. */
#if !defined(__cplusplus) && !defined(__USE_MISC) && !defined(_GNU_SOURCE) && \
	!defined(_BSD_SOURCE) && !defined(_DEFAULT_SOURCE)
extern long syscall(long number, ...);
#endif

/* The null pointer constant of the language: C++11's
 * -Wzero-as-null-pointer-constant takes NULL for a 0. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define SECCOMP_GEN_NULL nullptr
#else
#define SECCOMP_GEN_NULL NULL
#endif

/* The program called name in a table seccomp-gen generated (several
 * policies in one run), or NULL. */
static inline const struct sock_fprog *seccomp_gen_find(const struct seccomp_gen_filter *table,
							 const char *name)
{
	if (!table || !name)
		return SECCOMP_GEN_NULL;
	for (; table->name; table++)
		if (strcmp(table->name, name) == 0)
			return table->prog;
	return SECCOMP_GEN_NULL;
}

/* Installs prog for the calling thread, or with SECCOMP_GEN_TSYNC for the
 * whole process.  Returns 0, or a negative errno:
 *   -EINVAL  prog is NULL or empty, flags has an unknown bit, or the
 *            kernel refused the program or a flag it does not know;
 *   -EACCES  SECCOMP_GEN_SKIP_NO_NEW_PRIVS without CAP_SYS_ADMIN or
 *            no_new_privs;
 *   -ESRCH   SECCOMP_GEN_TSYNC, and another thread could not be synced;
 *   -ENOSYS  no seccomp() system call and flags were asked for, or no
 *            seccomp filtering in the kernel at all;
 *   -EFAULT, -ENOMEM  as the kernel reports them.
 * Nothing is changed when the arguments are invalid. */
static inline int seccomp_gen_install(const struct sock_fprog *prog, unsigned int flags)
{
	const unsigned int known = SECCOMP_GEN_TSYNC | SECCOMP_GEN_LOG | SECCOMP_GEN_SPEC_ALLOW |
				   SECCOMP_GEN_SKIP_NO_NEW_PRIVS;
	/* The modes as unsigned long without a cast (C++'s -Wold-style-cast). */
	const unsigned long mode_filter = SECCOMP_MODE_FILTER;
#ifdef __NR_seccomp
	const unsigned long set_filter = SECCOMP_SET_MODE_FILTER;
#endif
	unsigned long kflags = 0;
	long rc;
	if (!prog || !prog->filter || prog->len == 0 || (flags & ~known))
		return -EINVAL;
	if (flags & SECCOMP_GEN_TSYNC)
		kflags |= SECCOMP_FILTER_FLAG_TSYNC;
	if (flags & SECCOMP_GEN_LOG)
		kflags |= SECCOMP_FILTER_FLAG_LOG;
	if (flags & SECCOMP_GEN_SPEC_ALLOW)
		kflags |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	/* The variadic arguments are read as unsigned long: an int would
	 * leave the upper half of the register undefined on 64-bit targets,
	 * and the kernel rejects PR_SET_NO_NEW_PRIVS with nonzero extras.
	 * no_new_privs lets an unprivileged process install a filter: it
	 * guarantees that execve cannot raise privileges under a filter the
	 * set-uid program did not expect (prctl(2), PR_SET_NO_NEW_PRIVS). */
	if (!(flags & SECCOMP_GEN_SKIP_NO_NEW_PRIVS) && prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) != 0)
		return errno ? -errno : -EINVAL;
#ifdef __NR_seccomp
	rc = syscall(__NR_seccomp, set_filter, kflags, prog);
	if (rc == 0)
		return 0;
	/* With TSYNC the kernel reports a thread it could not sync by
	 * returning that thread's id (kernel/seccomp.c, seccomp_set_mode_filter). */
	if (rc > 0)
		return -ESRCH;
	if (errno != ENOSYS)
		return errno ? -errno : -EINVAL;
#endif
	/* seccomp() is Linux 3.17; filters themselves are 3.5, through prctl,
	 * which has no way to pass flags. */
	if (kflags)
		return -ENOSYS;
	if (prctl(PR_SET_SECCOMP, mode_filter, prog, 0UL, 0UL) != 0) {
		/* prctl says EINVAL when the kernel has no CONFIG_SECCOMP_FILTER. */
		return errno ? -errno : -EINVAL;
	}
	return 0;
}

/* seccomp_gen_find() then seccomp_gen_install(); -ENOENT when the table
 * has no program called name (and nothing is installed). */
static inline int seccomp_gen_install_named(const struct seccomp_gen_filter *table, const char *name,
					    unsigned int flags)
{
	const struct sock_fprog *prog = seccomp_gen_find(table, name);
	return prog ? seccomp_gen_install(prog, flags) : -ENOENT;
}

#endif
