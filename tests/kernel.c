#include "tests/kernel.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct shared {
	volatile int done, trapped, err;
	volatile long ret;
};

static struct shared *shared;

static int install(const struct sock_filter *insns, size_t len)
{
	struct sock_fprog fp = { (unsigned short)len, (struct sock_filter *)insns };
	return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp);
}

static struct sock_filter *to_kernel(const struct sg_program *prog)
{
	struct sock_filter *f = calloc(prog->len, sizeof(*f));
	for (size_t i = 0; f && i < prog->len; i++) {
		f[i].code = prog->insns[i].code;
		f[i].jt = prog->insns[i].jt;
		f[i].jf = prog->insns[i].jf;
		f[i].k = prog->insns[i].k;
	}
	return f;
}

const char *kernel_unavailable(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return "fork failed";
	if (pid == 0) {
		struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || install(&allow, 1))
			_exit(1);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? NULL
							     : "this kernel refuses seccomp filters";
}

int kernel_load(const struct sg_program *prog)
{
	struct sock_filter *f = to_kernel(prog);
	pid_t pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(100);
		_exit(install(f, prog->len) ? (errno & 0x7f) : 0);
	}
	free(f);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	/* The filter is in force after install(): _exit itself may be denied
	 * by it, so death by SIGSYS after a successful load also counts. */
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		return 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void on_sigsys(int sig)
{
	(void)sig;
	shared->trapped = 1;
	shared->done = 1;
	for (;;) /* no syscall can be trusted now; the parent kills us */
		;
}

static void child(const struct sock_filter *f, size_t len, const struct sg_seccomp_data *d)
{
	/* Backstop: everything but exit, exit_group and seccomp is TRACE, which
	 * without a tracer fails the syscall with ENOSYS instead of running it.
	 * Kill, trap and errno from the filter under test take precedence
	 * (kernel/seccomp.c: the most restrictive action of all filters wins).
	 * It is installed first, so that installing the filter under test is
	 * not subject to that filter. */
	struct sock_filter backstop[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit_group, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigsys;
	sigaction(SIGSYS, &sa, NULL);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    install(backstop, sizeof(backstop) / sizeof(backstop[0])) || install(f, len))
		_exit(100);
	errno = 0;
	long r = syscall((long)d->nr, d->args[0], d->args[1], d->args[2], d->args[3], d->args[4], d->args[5]);
	shared->err = errno;
	shared->ret = r;
	shared->done = 1;
	for (;;)
		;
}

enum kernel_outcome kernel_decide(const struct sg_program *prog, const struct sg_seccomp_data *data, int *err)
{
	if (!shared) {
		shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (shared == MAP_FAILED)
			return KO_BROKEN;
	}
	memset((void *)shared, 0, sizeof(*shared));
	struct sock_filter *f = to_kernel(prog);
	pid_t pid = fork();
	if (pid == 0)
		child(f, prog->len, data);
	free(f);
	if (pid < 0)
		return KO_BROKEN;
	int status = 0, exited = 0;
	for (int i = 0; i < 5000 && !shared->done; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = 1;
			break;
		}
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	if (!exited) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	if (shared->trapped)
		return KO_TRAP;
	if (shared->done) {
		*err = shared->ret == 0 ? 0 : shared->err;
		return shared->ret == -1 && shared->err == ENOSYS ? KO_ALLOWISH : KO_ERRNO;
	}
	if (exited && WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		return KO_KILLED;
	if (exited && WIFEXITED(status) && WEXITSTATUS(status) != 100)
		return KO_EXECUTED;
	return KO_BROKEN;
}

enum kernel_outcome kernel_expected(uint32_t ret, int *err)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
	case SECCOMP_RET_KILL_THREAD:
		return KO_KILLED;
	case SECCOMP_RET_TRAP:
		return KO_TRAP;
	case SECCOMP_RET_ERRNO:
		/* The kernel clamps to MAX_ERRNO. */
		*err = (int)(ret & SECCOMP_RET_DATA) > 4095 ? 4095 : (int)(ret & SECCOMP_RET_DATA);
		return *err == ENOSYS ? KO_ALLOWISH : KO_ERRNO;
	default:
		return KO_ALLOWISH;
	}
}

const char *kernel_outcome_name(enum kernel_outcome o)
{
	static const char *const names[] = { "allow (ENOSYS through the backstop)", "errno", "trap",
					     "killed by SIGSYS", "executed", "test failure" };
	return names[o];
}

int kernel_agrees(const struct sg_program *prog, const struct sg_seccomp_data *data, uint32_t want, char *why,
		  size_t size)
{
	int want_err = 0, got_err = 0;
	enum kernel_outcome expected = kernel_expected(want, &want_err);
	enum kernel_outcome got = kernel_decide(prog, data, &got_err);
	/* Only exit and exit_group get past the backstop, and they allow. */
	if (got == KO_EXECUTED && expected == KO_ALLOWISH)
		return 1;
	if (got == expected && (got != KO_ERRNO || got_err == want_err))
		return 1;
	snprintf(why, size, "the kernel gave %s %d, expected %s %d", kernel_outcome_name(got), got_err,
		 kernel_outcome_name(expected), want_err);
	return 0;
}

const struct sg_arch *kernel_host(const char **why)
{
	const struct sg_arch *host = sg_arch_host();
	*why = host ? kernel_unavailable() : "the host is not a supported arch";
	return *why ? NULL : host;
}
