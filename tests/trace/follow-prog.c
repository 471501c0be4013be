/* The workloads on which tests/trace-recorders.sh compares the eBPF and
 * ptrace recorders, each a way to lose a call or count another process's:
 *
 *   threads          four threads, each with calls of its own (a prctl,
 *                    an fcntl, a madvise and a socket of a value no other
 *                    thread uses)
 *   exec-thread      a thread that is not the leader runs execve (of this
 *                    program, "after-exec"); the kernel gives it the
 *                    leader's pid
 *   orphan           a grandchild outlives the command: reparented, it
 *                    sleeps, then makes a call of its own (uname)
 *   sandbox-errno    installs a seccomp filter that answers getpgid with
 *                    EPERM, then calls it: the call never reaches
 *                    raw_syscalls:sys_enter
 *   sandbox-kill     installs a filter that kills the process at getsid,
 *                    then calls it
 *   sandbox-kill-thread  the same with a filter that kills the thread: a
 *                    thread calls getsid and dies, the process goes on
 *
 * Each prints what it saw, the same every run.  A last argument "extra"
 * makes one more call no traced run made (chdir), which a traced policy
 * must kill. */
#define _GNU_SOURCE /* pthread, syscall */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int extra;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void extra_call(void)
{
	if (extra) {
		fflush(stdout);
		printf("chdir: %d, not killed\n", chdir("/"));
	}
}

static pid_t leader;

/* Whether the thread tid is blocked in syscall nr (/proc's syscall file
 * starts with the number of the call a blocked thread is in). */
static int blocked_in(pid_t tid, long nr)
{
	char path[64], buf[64] = "";
	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 && atol(buf) == nr;
}

/* Each worker starts once the leader waits in pthread_join (its futex),
 * so that every run makes the same calls. */
static void *worker(void *arg)
{
	do
		sleep_ms(1);
	while (!blocked_in(leader, SYS_futex));
	long i = (long)arg;
	long r = -1;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	switch (i) {
	case 0: {
		char name[16];
		r = prctl(PR_GET_NAME, name, 0, 0, 0);
		break;
	}
	case 1: r = fcntl(1, F_GETFD) >= 0 ? 0 : -1; break;
	case 2: {
		void *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		r = p == MAP_FAILED ? -1 : madvise(p, page, MADV_DONTNEED);
		if (p != MAP_FAILED)
			munmap(p, page);
		break;
	}
	case 3: {
		int s = socket(AF_INET, SOCK_DGRAM, 0);
		r = s >= 0 ? close(s) : -1;
		break;
	}
	}
	return (void *)r;
}

static int threads(void)
{
	pthread_t t[4];
	leader = getpid();
	for (long i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return 1;
	int failed = 0;
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf("thread %d: %s\n", i, r ? "failed" : "ok");
		failed |= r != NULL;
	}
	extra_call();
	return failed;
}

static char **exec_argv;

/* Execs only once the leader is blocked in its read, so that both
 * recorders see the same calls of the leader in every run. */
static void *exec_from_thread(void *arg)
{
	do /* at least once: the same calls whatever the timing */
		sleep_ms(1);
	while (!blocked_in(leader, SYS_read));
	execv("/proc/self/exe", exec_argv);
	perror("execv");
	exit(1);
}

static int exec_thread(char **argv)
{
	static char pid[32];
	leader = getpid();
	snprintf(pid, sizeof(pid), "%d", (int)leader);
	static char *args[5]; /* NULL-terminated */
	args[0] = argv[0];
	args[1] = "after-exec";
	args[2] = pid;
	args[3] = extra ? "extra" : NULL;
	exec_argv = args;
	int fd[2];
	pthread_t t;
	if (pipe(fd) || pthread_create(&t, NULL, exec_from_thread, NULL))
		return 1;
	char c;
	if (read(fd[0], &c, 1) < 0) /* never returns: the exec ends this thread */
		return 1;
	return 1;
}

static int after_exec(const char *pid)
{
	struct utsname u;
	printf("after exec: the leader's pid %s, uname %d\n", atoi(pid) == (int)getpid() ? "kept" : "lost",
	       uname(&u));
	extra_call();
	return 0;
}

static int orphan(void)
{
	fflush(stdout);
	pid_t child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		if (fork() == 0) {
			sleep_ms(300);
			struct utsname u;
			printf("orphan: uname %d\n", uname(&u));
			extra_call();
			fflush(stdout);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("command: done\n");
	return 0;
}

/* A filter for x86_64 that answers nr with action and allows the rest
 * (an i386 call is allowed: this program makes none). */
static int sandbox(long nr, unsigned action)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("seccomp");
		return -1;
	}
	return 0;
}

static int sandbox_errno(void)
{
	if (sandbox(SYS_getpgid, SECCOMP_RET_ERRNO | EPERM))
		return 1;
	long r = syscall(SYS_getpgid, 0);
	printf("getpgid under its own filter: %ld, %s\n", r, r < 0 && errno == EPERM ? "EPERM" : "not refused");
	extra_call();
	return 0;
}

static int sandbox_kill(void)
{
	if (sandbox(SYS_getsid, SECCOMP_RET_KILL_PROCESS))
		return 1;
	extra_call();
	printf("getsid under its own filter: next\n");
	fflush(stdout);
	syscall(SYS_getsid, 0);
	printf("getsid: not killed\n");
	return 0;
}

/* Calls getsid once the leader waits in pthread_join (its futex), so
 * that every run makes the same calls. */
static void *getsid_thread(void *arg)
{
	do
		sleep_ms(1);
	while (!blocked_in(leader, SYS_futex));
	printf("getsid in a thread under the filter: next\n");
	fflush(stdout);
	syscall(SYS_getsid, 0);
	printf("getsid: not killed\n");
	return NULL;
}

static int sandbox_kill_thread(void)
{
	leader = getpid();
	if (sandbox(SYS_getsid, SECCOMP_RET_KILL_THREAD))
		return 1;
	extra_call();
	pthread_t t;
	if (pthread_create(&t, NULL, getsid_thread, NULL))
		return 1;
	pthread_join(t, NULL);
	printf("the thread was killed, the process goes on\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: follow-prog threads|exec-thread|orphan|sandbox-errno|sandbox-kill|"
			"sandbox-kill-thread [extra]\n");
		return 2;
	}
	extra = strcmp(argv[argc - 1], "extra") == 0;
	const char *mode = argv[1];
	if (strcmp(mode, "threads") == 0)
		return threads();
	if (strcmp(mode, "exec-thread") == 0)
		return exec_thread(argv);
	if (strcmp(mode, "after-exec") == 0 && argc > 2)
		return after_exec(argv[2]);
	if (strcmp(mode, "orphan") == 0)
		return orphan();
	if (strcmp(mode, "sandbox-errno") == 0)
		return sandbox_errno();
	if (strcmp(mode, "sandbox-kill") == 0)
		return sandbox_kill();
	if (strcmp(mode, "sandbox-kill-thread") == 0)
		return sandbox_kill_thread();
	fprintf(stderr, "follow-prog: unknown mode '%s'\n", mode);
	return 2;
}
