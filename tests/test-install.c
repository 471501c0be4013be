/* <seccomp-gen/install.h> in the running kernel: each case runs in a
 * forked child, installs generated programs (the policies in
 * tests/install/, one table) and reports what the kernel then did, as an
 * exit code.
 *
 * This file includes install.h before the generated header; install-order.c
 * includes them the other way round, and both must compile. */
#include <seccomp-gen/install.h>

#include "tests/install_filters.h"

#include <errno.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/kernel.h"
#include "tests/tap.h"

/* From install-order.c. */
const struct sock_fprog *find_in_other_order(const char *name);

#define NTHREADS 3

/* Each child returns 0, or the number of the first check that failed. */
#define CHECK(n, cond)                 \
	do {                           \
		if (!(cond))           \
			return (n);    \
	} while (0)

static const struct sock_fprog *prog_named(const char *name)
{
	return seccomp_gen_find(seccomp_gen_filters, name);
}

static int nnp(void)
{
	return prctl(PR_GET_NO_NEW_PRIVS, 0UL, 0UL, 0UL, 0UL);
}

/* getppid() as the kernel answers it: -errno when denied. */
static long ppid_result(void)
{
	errno = 0;
	long r = syscall(SYS_getppid);
	return r < 0 ? -errno : r;
}

static long getsid_result(void)
{
	errno = 0;
	long r = syscall(SYS_getsid, 0L);
	return r < 0 ? -errno : r;
}

/* Runs fn in a child; its exit code, or 100 + signal number. */
static int in_child(int (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 99;
	if (WIFSIGNALED(status))
		return 100 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int installs_and_sets_nnp(void)
{
	CHECK(1, nnp() == 0);
	CHECK(2, ppid_result() > 0);
	CHECK(3, seccomp_gen_install_named(seccomp_gen_filters, "deny_getppid", 0) == 0);
	CHECK(4, ppid_result() == -EDOM);
	CHECK(5, nnp() == 1);
	CHECK(6, syscall(SYS_getpid) > 0);
	return 0;
}

static int unknown_name(void)
{
	CHECK(1, seccomp_gen_install_named(seccomp_gen_filters, "no_such_filter", 0) == -ENOENT);
	CHECK(2, nnp() == 0);
	CHECK(3, ppid_result() > 0);
	return 0;
}

static int bad_arguments(void)
{
	static const struct sock_fprog empty = { 0, NULL };
	CHECK(1, seccomp_gen_install(prog_named("deny_getppid"), 1u << 10) == -EINVAL);
	CHECK(2, seccomp_gen_install(NULL, 0) == -EINVAL);
	CHECK(3, seccomp_gen_install(&empty, 0) == -EINVAL);
	/* Nothing was changed on the way to those errors. */
	CHECK(4, nnp() == 0);
	CHECK(5, ppid_result() > 0);
	return 0;
}

static int log_and_spec_allow(void)
{
	CHECK(1, seccomp_gen_install(prog_named("deny_getppid"), SECCOMP_GEN_LOG) == 0);
	CHECK(2, ppid_result() == -EDOM);
	CHECK(3, seccomp_gen_install(prog_named("deny_getsid"), SECCOMP_GEN_SPEC_ALLOW) == 0);
	CHECK(4, getsid_result() == -ERANGE);
	CHECK(5, ppid_result() == -EDOM);
	return 0;
}

static int stacked(void)
{
	CHECK(1, seccomp_gen_install_named(seccomp_gen_filters, "deny_getppid", 0) == 0);
	CHECK(2, seccomp_gen_install_named(seccomp_gen_filters, "deny_getsid", 0) == 0);
	CHECK(3, ppid_result() == -EDOM);
	CHECK(4, getsid_result() == -ERANGE);
	return 0;
}

/* Clears every capability of the calling thread (capset(2)). */
static int drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	memset(data, 0, sizeof(data));
	return (int)syscall(SYS_capset, &hdr, data);
}

static int has_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return (data[CAP_SYS_ADMIN / 32].effective >> (CAP_SYS_ADMIN % 32)) & 1;
}

/* Without no_new_privs and without CAP_SYS_ADMIN the kernel refuses
 * (kernel/seccomp.c, seccomp_prepare_filter). */
static int skip_nnp_unprivileged(void)
{
	CHECK(1, drop_capabilities() == 0);
	CHECK(2, seccomp_gen_install(prog_named("deny_getppid"), SECCOMP_GEN_SKIP_NO_NEW_PRIVS) == -EACCES);
	CHECK(3, nnp() == 0);
	CHECK(4, ppid_result() > 0);
	/* The default sets no_new_privs, which is what makes it work. */
	CHECK(5, seccomp_gen_install(prog_named("deny_getppid"), 0) == 0);
	CHECK(6, nnp() == 1);
	CHECK(7, ppid_result() == -EDOM);
	return 0;
}

static int skip_nnp_privileged(void)
{
	CHECK(1, seccomp_gen_install(prog_named("deny_getppid"), SECCOMP_GEN_SKIP_NO_NEW_PRIVS) == 0);
	CHECK(2, nnp() == 0);
	CHECK(3, ppid_result() == -EDOM);
	return 0;
}

/* Threads started before the filter is installed. */
struct worker {
	pthread_t thread;
	pthread_barrier_t *ready, *installed;
	long result;
	int nnp, own_filter;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	if (w->own_filter)
		w->result = seccomp_gen_install_named(seccomp_gen_filters, "deny_getsid", 0);
	pthread_barrier_wait(w->ready);
	pthread_barrier_wait(w->installed);
	w->nnp = nnp();
	w->result = w->own_filter && w->result ? w->result : ppid_result();
	return NULL;
}

/* Starts NTHREADS threads (the first with its own filter if asked),
 * installs deny_getppid with flags in the main thread while they wait,
 * then lets them call getppid().  Returns the install result. */
static int with_threads(unsigned flags, int first_has_filter, struct worker *w)
{
	pthread_barrier_t ready, installed;
	pthread_barrier_init(&ready, NULL, NTHREADS + 1);
	pthread_barrier_init(&installed, NULL, NTHREADS + 1);
	for (int i = 0; i < NTHREADS; i++) {
		w[i] = (struct worker){ .ready = &ready, .installed = &installed };
		w[i].own_filter = first_has_filter && i == 0;
		if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]))
			_exit(90);
	}
	pthread_barrier_wait(&ready);
	int rc = seccomp_gen_install(prog_named("deny_getppid"), flags);
	pthread_barrier_wait(&installed);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(w[i].thread, NULL);
	return rc;
}

static int tsync_filters_every_thread(void)
{
	struct worker w[NTHREADS];
	CHECK(1, with_threads(SECCOMP_GEN_TSYNC, 0, w) == 0);
	CHECK(2, ppid_result() == -EDOM);
	for (int i = 0; i < NTHREADS; i++) {
		CHECK(10 + i, w[i].result == -EDOM);
		/* TSYNC carries no_new_privs over too (seccomp_sync_threads). */
		CHECK(20 + i, w[i].nnp == 1);
	}
	return 0;
}

/* The control: without TSYNC the same threads are not filtered, so the
 * test above does observe TSYNC. */
static int without_tsync_other_threads_are_free(void)
{
	struct worker w[NTHREADS];
	CHECK(1, with_threads(0, 0, w) == 0);
	CHECK(2, ppid_result() == -EDOM);
	for (int i = 0; i < NTHREADS; i++)
		CHECK(10 + i, w[i].result > 0);
	return 0;
}

/* A thread whose filter is not an ancestor of the caller's cannot be
 * synced; the kernel then installs nothing anywhere. */
static int tsync_conflict_is_esrch(void)
{
	struct worker w[NTHREADS];
	CHECK(1, with_threads(SECCOMP_GEN_TSYNC, 1, w) == -ESRCH);
	CHECK(2, ppid_result() > 0);
	for (int i = 1; i < NTHREADS; i++)
		CHECK(10 + i, w[i].result > 0);
	return 0;
}

/* A kernel without seccomp() but with filters (Linux 3.5 to 3.16),
 * simulated by a filter that fails seccomp() with ENOSYS. */
static int prctl_fallback(void)
{
	struct sock_filter no_seccomp[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fp = { sizeof(no_seccomp) / sizeof(no_seccomp[0]), no_seccomp };
	CHECK(1, seccomp_gen_install(&fp, 0) == 0);
	errno = 0;
	CHECK(2, syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0UL, &fp) == -1 && errno == ENOSYS);
	/* prctl cannot pass flags: refuse rather than drop them. */
	CHECK(3, seccomp_gen_install(prog_named("deny_getppid"), SECCOMP_GEN_TSYNC) == -ENOSYS);
	CHECK(4, ppid_result() > 0);
	CHECK(5, seccomp_gen_install(prog_named("deny_getppid"), 0) == 0);
	CHECK(6, ppid_result() == -EDOM);
	return 0;
}

static void kernel_case(const char *what, int (*fn)(void))
{
	int rc = in_child(fn);
	tap_ok(rc == 0, "%s%s", what, rc ? " (see the child's exit code)" : "");
	if (rc)
		tap_diag("child exited with %d: the failed check's number, or 100 + signal", rc);
}

int main(void)
{
	tap_ok(seccomp_gen_filters[0].name && seccomp_gen_filters[2].name == NULL,
	       "the generated table has two entries and a terminator");
	tap_ok(prog_named("deny_getppid") == &deny_getppid_filter, "lookup finds a program by name");
	tap_ok(prog_named("deny_getsid") == &deny_getsid_filter, "lookup finds the second program");
	tap_ok(prog_named("deny") == NULL && prog_named("deny_getppid2") == NULL,
	       "lookup does not match prefixes or extensions of a name");
	tap_ok(seccomp_gen_find(seccomp_gen_filters, NULL) == NULL && seccomp_gen_find(NULL, "x") == NULL,
	       "lookup with a null table or name is NULL");
	tap_ok(find_in_other_order("deny_getsid") == &deny_getsid_filter,
	       "the headers work included in the other order");

	const char *why = kernel_unavailable();
	if (why) {
		for (int i = 0; i < 11; i++)
			tap_skip("%s", why);
		return tap_done();
	}
	kernel_case("install by name: the filter works and no_new_privs is set", installs_and_sets_nnp);
	kernel_case("an unknown name is -ENOENT and changes nothing", unknown_name);
	kernel_case("unknown flags, a null or an empty program: -EINVAL, nothing changed", bad_arguments);
	kernel_case("SECCOMP_GEN_LOG and SECCOMP_GEN_SPEC_ALLOW are accepted and the filters work",
		    log_and_spec_allow);
	kernel_case("two programs from the table stack", stacked);
	kernel_case("SKIP_NO_NEW_PRIVS without CAP_SYS_ADMIN: -EACCES, nothing installed",
		    skip_nnp_unprivileged);
	if (has_cap_sys_admin())
		kernel_case("SKIP_NO_NEW_PRIVS with CAP_SYS_ADMIN: installed, no_new_privs left unset",
			    skip_nnp_privileged);
	else
		tap_skip("SKIP_NO_NEW_PRIVS with CAP_SYS_ADMIN: not running with CAP_SYS_ADMIN");
	kernel_case("TSYNC filters the threads started before it, and sets their no_new_privs",
		    tsync_filters_every_thread);
	kernel_case("without TSYNC those threads stay unfiltered", without_tsync_other_threads_are_free);
	kernel_case("TSYNC with a thread that has its own filter: -ESRCH, nothing installed",
		    tsync_conflict_is_esrch);
	kernel_case("no seccomp(): falls back to prctl, refuses flags with -ENOSYS", prctl_fallback);
	return tap_done();
}
