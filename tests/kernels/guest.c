/* The guest side of make check-kernels: /init of a qemu-system boot of a
 * Debian kernel of another arch (or, with the argument "compat-arm", a
 * 32-bit arm program run by the arm64 guest, through the kernel's compat
 * path).  It makes the calls of cases.c under the programs seccomp-gen
 * compiled for this arch (filters.c, installed with
 * <seccomp-gen/install.h>), checks the log, trap and user-notify actions
 * and runs the tracer's round trip, and prints what it saw as lines
 * starting with "@@ " on the console; tests/kernels/run.sh reads them.
 *
 *   @@ R RUN ID CLASS ERR   case ID: A allowed (ENOSYS through the backstop),
 *                           X exited (exit or exit_group was allowed),
 *                           E errno ERR, T trap, K killed by SIGSYS,
 *                           L the kernel refused the program (ERR), B broken
 *   @@ L RUN NAME ERR       program NAME loaded (ERR 0) or refused
 *   @@ ok RUN TEXT / @@ not ok RUN TEXT   a check judged here
 *   @@ # TEXT               a diagnostic
 *   @@ done RUN             the run finished */
#define _GNU_SOURCE
#include <seccomp-gen/install.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/kernels/guest.h"

extern const struct seccomp_gen_filter kg_filters[];

#if defined(__aarch64__)
#define KG_AUDIT_ARCH AUDIT_ARCH_AARCH64
#define KG_ARCH "aarch64"
#elif defined(__arm__)
#define KG_AUDIT_ARCH AUDIT_ARCH_ARM
#define KG_ARCH "arm"
#elif defined(__riscv) && __riscv_xlen == 64
#define KG_AUDIT_ARCH AUDIT_ARCH_RISCV64
#define KG_ARCH "riscv64"
#else
#error "tests/kernels/guest.c: an arch check-kernels does not boot"
#endif

static const char *run = KG_ARCH;

__attribute__((format(printf, 2, 3))) static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("@@ %s %s ", ok ? "ok" : "not ok", run);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

/* What a child reports through memory it shares with this process: no
 * syscall of the child after the filter is trusted to report anything. */
struct shared {
	volatile int installed, done, trapped, loaderr, finished;
	volatile unsigned cur;
	volatile long ret;
	/* The trap test's siginfo. */
	volatile int t_signo, t_code, t_errno, t_syscall, after;
	volatile unsigned t_arch;
	volatile int listener;
};
static struct shared *sh;

static void sys_exit_group(int code)
{
	syscall(__NR_exit_group, code);
	syscall(__NR_exit, code);
	for (;;) /* both denied: reap() kills us */
		;
}

static int check_and(int ok, const char *tag, const char *text)
{
	check(ok, "%s: %s", tag, text);
	return ok;
}

/* Everything but exit, exit_group and this process's own installation
 * of prog is SECCOMP_RET_TRACE, which without a tracer fails the call
 * with ENOSYS instead of running it, so an allowed call shows as ENOSYS
 * and never runs.  The filter under test's kill, trap and errno take
 * precedence over trace; user-notify too, which without a listener is
 * ENOSYS as well (kernel/seccomp.c: the most restrictive action of all
 * filters wins).  The installation is matched on its exact arguments,
 * so that a sampled seccomp() call is not let through. */
static int install_backstop(const struct sock_fprog *prog)
{
	uint64_t p = (uintptr_t)prog;
	enum { TRACE = 10, ALLOW = 11 }; /* the two returns, at the end */
	struct sock_filter f[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit_group, ALLOW - 2, 0),
		/* 2 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit, ALLOW - 3, 0),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 0, TRACE - 4),
		/* 4 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_SET_MODE_FILTER, 0, TRACE - 6),
		/* 6 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2])),
		/* 7 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)p, 0, TRACE - 8),
		/* 8 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2]) + 4),
		/* 9 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(p >> 32), ALLOW - 10, TRACE - 10),
		/* 10 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		/* 11 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fp = { sizeof(f) / sizeof(f[0]), f };
	return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp);
}

/* The calls of one program are made by one child, one after the other,
 * each result written to shared memory before the next call: a trap
 * jumps out of the SIGSYS handler (SA_NODEFER and no saved mask, so that
 * no syscall is needed to go on), an errno or the backstop's ENOSYS is
 * simply returned.  Only a kill, or an allowed exit, ends the child; the
 * parent then records it and starts a new child at the next call. */
struct result {
	char cls;
	int err;
};
static struct result *res;
static sigjmp_buf trapped;

static void on_sigsys(int sig)
{
	(void)sig;
	res[sh->cur].cls = 'T';
	siglongjmp(trapped, 1);
}

/* Ends the child whatever the filters say: a fault is no syscall. */
static void die(void)
{
	for (;;)
		__builtin_trap();
}

static void case_child(const struct sock_fprog *prog, unsigned from, unsigned to)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigsys;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSYS, &sa, NULL);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) || install_backstop(prog)) {
		sh->loaderr = -1;
		die();
	}
	/* no_new_privs is set, and the backstop would refuse prctl. */
	int rc = seccomp_gen_install(prog, SECCOMP_GEN_SKIP_NO_NEW_PRIVS);
	sh->installed = 1;
	if (rc) {
		sh->loaderr = -rc;
		die();
	}
	for (volatile unsigned i = from; i < to; i++) {
		const struct kcase *c = &kcases[i];
		sh->cur = i;
		if (sigsetjmp(trapped, 0))
			continue;
		errno = 0;
		long r = syscall((long)c->nr, (unsigned long)c->args[0], (unsigned long)c->args[1],
				 (unsigned long)c->args[2], (unsigned long)c->args[3], (unsigned long)c->args[4],
				 (unsigned long)c->args[5]);
		res[i].err = r == 0 ? 0 : errno;
		res[i].cls = r == -1 && errno == ENOSYS ? 'A' : 'E';
	}
	sh->finished = 1;
	die();
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* waitpid, or kill after 20 s: -1 for a timeout. */
static int reap(pid_t pid)
{
	int status = 0;
	alarm(20);
	if (waitpid(pid, &status, 0) != pid) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		status = -1;
	}
	alarm(0);
	return status;
}

static const struct sock_fprog *find(const char *name)
{
	return seccomp_gen_find(kg_filters, name);
}

/* The calls from..to-1, all under one program: the first child's
 * installation says whether the kernel loads it ("@@ L"). */
static unsigned forks;
static void run_program(const char *name, unsigned from, unsigned to)
{
	const struct sock_fprog *prog = find(name);
	int first = 1;
	while (prog && from < to) {
		memset((void *)sh, 0, sizeof(*sh));
		sh->cur = from;
		fflush(stdout);
		forks++;
		pid_t pid = fork();
		if (pid == 0)
			case_child(prog, from, to);
		int status = pid < 0 ? -1 : reap(pid);
		if (first)
			printf("@@ L %s %s %d\n", run, name, sh->installed ? sh->loaderr : -1);
		first = 0;
		if (sh->finished || sh->loaderr || !sh->installed)
			break;
		unsigned cur = sh->cur;
		if (!res[cur].cls) {
			if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
				res[cur].cls = 'K';
			else if (status != -1 && WIFEXITED(status))
				res[cur].cls = 'X';
		}
		from = cur + 1;
	}
}

static void run_cases(void)
{
	res = mmap(NULL, (nkcases + 1) * sizeof(*res), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	for (unsigned i = 0, j; i < nkcases; i = j) {
		for (j = i + 1; j < nkcases && strcmp(kcases[j].prog, kcases[i].prog) == 0; j++)
			;
		run_program(kcases[i].prog, i, j);
	}
	for (unsigned i = 0; i < nkcases; i++)
		printf("@@ R %s %u %c %d\n", run, i, res[i].cls ? res[i].cls : 'B', res[i].err);
}

/* SECCOMP_RET_LOG: "the system call being executed after it is logged"
 * (Documentation/userspace-api/seccomp_filter.rst); the record is the
 * audit type 1326 (AUDIT_SECCOMP) with the action's code. */
static void test_log(void)
{
	const struct sock_fprog *prog = find("a_log");
	memset((void *)sh, 0, sizeof(*sh));
	klogctl(5 /* SYSLOG_ACTION_CLEAR */, NULL, 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int rc = seccomp_gen_install(prog, 0);
		if (rc) {
			sh->loaderr = -rc;
			sys_exit_group(0);
		}
		sh->ret = syscall(__NR_getppid);
		sh->done = 1;
		sys_exit_group(0);
	}
	int status = reap(pid);
	check(sh->done && status != -1 && WIFEXITED(status) && sh->ret == getpid(),
	      "log: getppid runs under the log action and returns the parent's pid (%ld, want %d)", sh->ret,
	      (int)getpid());
	/* Without auditd the record reaches the kernel log through the
	 * kauditd thread, a little later: look for up to 5 s. */
	static char buf[1 << 16];
	char want_nr[32], want_pid[32];
	snprintf(want_nr, sizeof(want_nr), " syscall=%d ", (int)__NR_getppid);
	snprintf(want_pid, sizeof(want_pid), " pid=%d ", (int)pid);
	int found = 0, n = 0;
	for (int tries = 0; tries < 100 && !found; tries++) {
		if (tries)
			nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
		n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
			if (strstr(line, "type=1326") && strstr(line, want_nr) && strstr(line, want_pid) &&
			    strstr(line, " code=0x7ffc0000"))
				found = 1;
	}
	check(found, "log: the kernel logged it (type=1326, syscall=%d, code=0x7ffc0000)", (int)__NR_getppid);
	if (!found) {
		n = klogctl(3, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
			if (strstr(line, "audit") || strstr(line, "seccomp"))
				printf("@@ # %s: kernel log: %s\n", run, line);
	}
}

static void on_sigsys_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	sh->t_signo = sig;
	sh->t_code = si->si_code;
	sh->t_errno = si->si_errno;
	sh->t_syscall = si->si_syscall;
	sh->t_arch = si->si_arch;
	sh->trapped = 1;
}

/* SECCOMP_RET_TRAP: SIGSYS with si_code SYS_SECCOMP, si_syscall and
 * si_arch the call's, si_errno the action's data; the call does not run
 * and the program goes on after the handler. */
static void test_trap(void)
{
	const struct sock_fprog *prog = find("a_trap");
	memset((void *)sh, 0, sizeof(*sh));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_sigsys_info;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSYS, &sa, NULL);
		int rc = seccomp_gen_install(prog, 0);
		if (rc) {
			sh->loaderr = -rc;
			sys_exit_group(0);
		}
		syscall(__NR_getpgid, 0UL);
		sh->after = 1;
		sys_exit_group(0);
	}
	int status = reap(pid);
	check(status != -1 && WIFEXITED(status) && sh->trapped && sh->after,
	      "trap: getpgid raises SIGSYS and the program goes on after the handler");
	check(sh->t_signo == SIGSYS && sh->t_code == 1 /* SYS_SECCOMP */ && sh->t_syscall == __NR_getpgid &&
		      sh->t_arch == KG_AUDIT_ARCH && sh->t_errno == 0,
	      "trap: siginfo says SYS_SECCOMP (%d), syscall %d (want %d), arch 0x%x (want 0x%x), data %d",
	      sh->t_code, sh->t_syscall, (int)__NR_getpgid, sh->t_arch, (unsigned)KG_AUDIT_ARCH, sh->t_errno);
}

/* SECCOMP_RET_USER_NOTIF: the call waits for the listener, which sees its
 * number, arch and arguments and answers for it.  <seccomp-gen/install.h>
 * has no flag for a listener, so this one program is installed with
 * seccomp() and SECCOMP_FILTER_FLAG_NEW_LISTENER directly; the parent
 * takes the listener with pidfd_getfd (Linux 5.6). */
static void test_notify(void)
{
	const struct sock_fprog *prog = find("a_notify");
	memset((void *)sh, 0, sizeof(*sh));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL))
			sys_exit_group(1);
		long fd = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, prog);
		if (fd < 0) {
			sh->loaderr = errno;
			sys_exit_group(1);
		}
		sh->listener = (int)fd;
		sh->ret = syscall(__NR_getsid, 0x1234UL);
		sh->done = 1;
		sys_exit_group(0);
	}
	for (int i = 0; i < 100000 && !sh->listener && !sh->loaderr; i++)
		nanosleep(&(struct timespec){ 0, 50000 }, NULL);
	int fd = -1, pidfd = -1, answered = 0;
	struct seccomp_notif req;
	memset(&req, 0, sizeof(req));
	if (sh->listener > 0)
		pidfd = (int)syscall(__NR_pidfd_open, pid, 0);
	if (pidfd >= 0)
		fd = (int)syscall(__NR_pidfd_getfd, pidfd, sh->listener, 0);
	struct pollfd pfd = { fd, POLLIN, 0 };
	if (fd >= 0 && poll(&pfd, 1, 5000) == 1 && ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) == 0) {
		struct seccomp_notif_resp resp;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.val = 4242;
		answered = ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0;
	}
	int status = reap(pid);
	check(answered && req.data.nr == __NR_getsid && req.data.arch == KG_AUDIT_ARCH && req.data.args[0] == 0x1234 &&
		      (pid_t)req.pid == pid,
	      "user-notify: the listener sees getsid (%d), arch 0x%x, arg0 0x%llx, pid %u (listener %d, errno %d)",
	      req.data.nr, req.data.arch, (unsigned long long)req.data.args[0], req.pid, sh->listener, sh->loaderr);
	check(status != -1 && WIFEXITED(status) && sh->done && sh->ret == 4242,
	      "user-notify: the call returns the listener's answer (%ld, want 4242)", sh->ret);
	if (fd >= 0)
		close(fd);
	if (pidfd >= 0)
		close(pidfd);
}

/* Runs argv with stdout (and stderr) to out; returns the wait status, or
 * -1.  With bpf, the child first installs that raw program (seccomp-gen
 * -f raw) with <seccomp-gen/install.h>. */
static int spawn(char *const argv[], const char *out, const char *bpf)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		if (bpf) {
			static struct sock_filter insns[4096];
			int b = open(bpf, O_RDONLY);
			ssize_t n = b < 0 ? -1 : read(b, insns, sizeof(insns));
			struct sock_fprog prog = { (unsigned short)(n / 8), insns };
			if (n < 8 || seccomp_gen_install(&prog, 0))
				_exit(125);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	return pid < 0 || waitpid(pid, &status, 0) != pid ? -1 : status;
}

static char *slurp(const char *path)
{
	static char bufs[4][16384];
	static int next;
	char *b = bufs[next++ % 4];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, b, sizeof(bufs[0]) - 1);
	b[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return b;
}

static void show(const char *what, const char *path)
{
	char *text = slurp(path);
	printf("@@ # %s: %s:\n", run, what);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		printf("@@ # %s:   %s\n", run, line);
}

static int exited0(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* seccomp-gen-trace on the workload (threads, fork, exec), the policy it
 * wrote compiled here with seccomp-gen and @default kill, and the
 * workload again under it: the same output, and killed for a call the
 * traced run never made. */
static void test_trace(const char *tracer, const char *sg, const char *workload, const char *arches,
		       const char *tag)
{
	char policy[64], kill_policy[64], bpf[64];
	snprintf(policy, sizeof(policy), "/tmp/%s.policy", tag);
	snprintf(kill_policy, sizeof(kill_policy), "/tmp/%s-kill.policy", tag);
	snprintf(bpf, sizeof(bpf), "/tmp/%s.bpf", tag);
	char *plain[] = { (char *)workload, NULL };
	char *traced[] = { (char *)tracer, "--recorder", "ptrace", "-o", policy, "--", (char *)workload, NULL };
	int st = spawn(plain, "/tmp/plain.out", NULL);
	check(exited0(st), "%s: the workload runs (status 0x%x)", tag, st);
	if (!exited0(st))
		show("its output", "/tmp/plain.out");
	st = spawn(traced, "/tmp/traced.out", NULL);
	int ok = check_and(exited0(st), tag, "traced: exit 0");
	if (!ok)
		show("the tracer's output", "/tmp/traced.out");
	check(strcmp(slurp("/tmp/plain.out"), slurp("/tmp/traced.out")) == 0, "%s: traced: the same output", tag);
	FILE *f = fopen(kill_policy, "w");
	if (f) {
		fprintf(f, "@include ./%s.policy\n@default kill\n", tag);
		fclose(f);
	}
	char *compile[] = { (char *)sg, "--arch", (char *)arches, "-f", "raw", "-o", bpf, kill_policy, NULL };
	st = spawn(compile, "/tmp/compile.out", NULL);
	if (!check_and(exited0(st), tag, "seccomp-gen compiles the policy with @default kill here")) {
		show("seccomp-gen says", "/tmp/compile.out");
		show("the policy", policy);
		return;
	}
	st = spawn(plain, "/tmp/filtered.out", bpf);
	ok = check_and(exited0(st), tag, "under the policy: exit 0");
	ok &= check_and(strcmp(slurp("/tmp/plain.out"), slurp("/tmp/filtered.out")) == 0, tag,
			"under the policy: the same output");
	char *forbidden[] = { (char *)workload, "forbidden", NULL };
	st = spawn(forbidden, "/tmp/forbidden.out", bpf);
	ok &= check_and(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, tag,
			"under the policy: a call the traced run never made (umask) is killed by SIGSYS");
	if (!ok) {
		printf("@@ # %s: status 0x%x\n", run, st);
		show("the policy", policy);
		show("output under the policy", "/tmp/filtered.out");
	}
}

/* PID 1 of the guest: a console, /proc, and /tmp (the initramfs root is
 * writable, but a tmpfs keeps the test's files apart). */
static void init_system(void)
{
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	int fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	mkdir("/proc", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mkdir("/tmp", 01777);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	/* Without auditd, audit records reach the kernel log through
	 * printk_ratelimit() (kernel/audit.c), 10 in 5 s: the kill records of
	 * the calls before the log test would hide its record. */
	fd = open("/proc/sys/kernel/printk_ratelimit", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "0\n", 2) != 2)
			printf("@@ # %s: cannot turn printk_ratelimit off\n", run);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	int init = getpid() == 1;
	if (init)
		init_system();
	if (argc > 1)
		run = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("@@ begin %s\n", run);
	/* The actions first: the cases' kills fill the kernel log. */
	test_log();
	test_trap();
	test_notify();
	run_cases();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("@@ # %s: %u cases, %u children, in %.2f s\n", run, nkcases, forks,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* The tools sit beside the guest: /init's in /bin, the compat
	 * guest's in /compat. */
	const char *bin = init ? "/bin" : "/compat";
	char tracer[64], workload[64], sg[64];
	snprintf(tracer, sizeof(tracer), "%s/seccomp-gen-trace", bin);
	snprintf(workload, sizeof(workload), "%s/workload", bin);
	snprintf(sg, sizeof(sg), "%s/seccomp-gen", bin);
	struct stat st;
	if (stat(tracer, &st) == 0)
		test_trace(tracer, sg, workload, KG_ARCH, init ? "trace-" KG_ARCH : "trace-arm-compat");
	/* The arm64 guest runs the 32-bit arm one through the compat path,
	 * and traces the arm workload as a compat process of its own. */
	if (init && stat("/compat/guest", &st) == 0) {
		char *argv2[] = { "/compat/guest", "compat-arm", NULL };
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			execv(argv2[0], argv2);
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the compat guest exits 0 (status 0x%x)", status);
		if (stat(tracer, &st) == 0 && stat("/compat/workload", &st) == 0)
			test_trace(tracer, sg, "/compat/workload", KG_ARCH ",arm", "trace-aarch64-of-arm");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("@@ # %s: all in %.2f s\n", run, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("@@ done %s\n", run);
	if (init) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
