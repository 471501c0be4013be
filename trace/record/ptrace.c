/* The runner: COMMAND under ptrace, every thread and child followed, every
 * syscall entry recorded with the ABI it came through.
 *
 * Facts relied on (ptrace(2), kernel/ptrace.c):
 *  - PTRACE_SEIZE with PTRACE_O_TRACE{FORK,VFORK,CLONE} attaches each new
 *    thread and child before it runs; PTRACE_O_TRACESYSGOOD marks syscall
 *    stops with SIGTRAP|0x80; PTRACE_O_EXITKILL kills the tracees if the
 *    tracer dies, so no half-traced program is left running.
 *  - PTRACE_GET_SYSCALL_INFO (Linux 5.3) tells an entry stop from an exit
 *    stop and gives the AUDIT_ARCH_* of the call: AUDIT_ARCH_I386 for an
 *    i386 process or `int 0x80` in an x86_64 one, which is what the
 *    seccomp filter's seccomp_data.arch holds for that call.
 *  - Under PTRACE_SEIZE a group-stop is reported as PTRACE_EVENT_STOP
 *    with the stopping signal, and PTRACE_LISTEN leaves the tracee stopped
 *    until SIGCONT, so job control keeps working.  Any other signal stop
 *    is a signal for the tracee and is passed on with the restart. */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/arena.h"
#include "trace/trace.h"

/* <linux/ptrace.h>'s values; glibc's <sys/ptrace.h> may lack the newer
 * ones and the two headers do not mix. */
#define TR_PTRACE_SEIZE 0x4206
#define TR_PTRACE_LISTEN 0x4208
#define TR_PTRACE_GET_SYSCALL_INFO 0x420e
#define TR_EVENT_STOP 128
#define TR_O_TRACESYSGOOD 0x01
#define TR_O_TRACEFORK 0x02
#define TR_O_TRACEVFORK 0x04
#define TR_O_TRACECLONE 0x08
#define TR_O_TRACEEXEC 0x10
#define TR_O_EXITKILL 0x100000
#define TR_INFO_ENTRY 1

/* struct ptrace_syscall_info (include/uapi/linux/ptrace.h), entry part. */
struct tr_syscall_info {
	uint8_t op;
	uint8_t reserved;
	uint16_t flags;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	uint64_t nr;
	uint64_t args[6];
	uint32_t ret_data;
	uint32_t pad;
};

extern char **environ;

static volatile sig_atomic_t main_pid;

/* SIGTERM and SIGHUP sent to the tracer are meant for the command. */
static void forward(int sig)
{
	if (main_pid > 0)
		kill((pid_t)main_pid, sig);
}

/* The child: stops itself until the tracer has seized it, then runs the
 * command.  An exec failure goes back through the close-on-exec pipe. */
static void child(const char *path, char **argv, int errfd, const struct sigaction *saved)
{
	sigaction(SIGINT, &saved[0], NULL);
	sigaction(SIGQUIT, &saved[1], NULL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	raise(SIGSTOP);
	execve(path, argv, environ);
	int e = errno;
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* The errno of a failed PTRACE_GET_SYSCALL_INFO other than ESRCH (a
 * tracee that died meanwhile): a kernel before 5.3 has no such request,
 * and then the run cannot be recorded. */
static int info_error;

static void record_entry(struct tr_recorder *rec, pid_t pid)
{
	struct tr_syscall_info info;
	memset(&info, 0, sizeof(info));
	if (ptrace((enum __ptrace_request)TR_PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info), &info) < 0) {
		if (errno != ESRCH && !info_error)
			info_error = errno;
		return;
	}
	if (info.op != TR_INFO_ENTRY)
		return;
	struct tr_call c = { .arch = tr_arch_by_audit(info.arch), .audit_arch = info.arch, .nr = info.nr,
			     .known = 0x3f, .count = 1 };
	memcpy(c.args, info.args, sizeof(c.args));
	tr_record(rec, &c);
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Waits for every tracee; returns 0 with the command's wait status. */
static int trace_loop(struct tr_recorder *rec, pid_t cmd, int *status)
{
	int have_status = 0;
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			fprintf(stderr, "seccomp-gen-trace: error: waitpid: %s\n", strerror(errno));
			return -1;
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (pid == cmd) {
				*status = st;
				have_status = 1;
				main_pid = 0;
			}
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		int sig = WSTOPSIG(st), event = (unsigned)st >> 16, inject = 0;
		if (sig == (SIGTRAP | 0x80)) {
			record_entry(rec, pid);
		} else if (event == TR_EVENT_STOP) {
			if (is_stop_signal(sig)) {
				ptrace((enum __ptrace_request)TR_PTRACE_LISTEN, pid, 0, 0);
				continue;
			}
		} else if (!event) {
			inject = sig;
		}
		/* fork, vfork, clone and exec events need nothing: the new
		 * tracee reports itself.  ESRCH: it died meanwhile. */
		ptrace(PTRACE_SYSCALL, pid, 0, (void *)(long)inject);
	}
	if (!have_status) {
		fprintf(stderr, "seccomp-gen-trace: error: lost track of the command\n");
		return -1;
	}
	return 0;
}

static void ptrace_refused(int err)
{
	fprintf(stderr, "seccomp-gen-trace: error: cannot trace the command: ptrace: %s\n", strerror(err));
	if (err == EPERM || err == EACCES) {
		FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "r");
		int scope = -1;
		if (f) {
			if (fscanf(f, "%d", &scope) != 1)
				scope = -1;
			fclose(f);
		}
		if (scope >= 2)
			fprintf(stderr, "seccomp-gen-trace: note: Yama's kernel.yama.ptrace_scope is %d: %s\n", scope,
				scope == 2 ? "only a process with CAP_SYS_PTRACE may trace; run as root or set it to 1"
					   : "ptrace is disabled until the next boot");
		else
			fprintf(stderr, "seccomp-gen-trace: note: ptrace is not permitted here: a container's seccomp "
				"profile or missing CAP_SYS_PTRACE can forbid it (Yama's kernel.yama.ptrace_scope "
				"is %s)\n", scope < 0 ? "not set" : scope == 0 ? "0" : "1");
	}
}

int tr_run(char **argv, struct tr_recorder *rec, int *status)
{
	struct sg_arena *a = sg_arena_new();
	int rc = 1;
	char *path = tr_find_command(a, argv[0], &rc);
	if (!path) {
		sg_arena_free(a);
		return rc;
	}
	int errpipe[2];
	if (pipe2(errpipe, O_CLOEXEC) < 0) {
		fprintf(stderr, "seccomp-gen-trace: error: pipe: %s\n", strerror(errno));
		sg_arena_free(a);
		return 1;
	}
	/* As system() does: the terminal's SIGINT and SIGQUIT reach the
	 * command directly; the tracer waits for it to react. */
	struct sigaction ign = { .sa_handler = SIG_IGN }, saved[2];
	sigaction(SIGINT, &ign, &saved[0]);
	sigaction(SIGQUIT, &ign, &saved[1]);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "seccomp-gen-trace: error: fork: %s\n", strerror(errno));
		sg_arena_free(a);
		return 1;
	}
	if (pid == 0) {
		close(errpipe[0]);
		child(path, argv, errpipe[1], saved);
	}
	close(errpipe[1]);
	int st;
	rc = 1;
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st)) {
		fprintf(stderr, "seccomp-gen-trace: error: the command's process did not start\n");
		goto out;
	}
	long opts = TR_O_TRACESYSGOOD | TR_O_TRACEFORK | TR_O_TRACEVFORK | TR_O_TRACECLONE | TR_O_TRACEEXEC |
		    TR_O_EXITKILL;
	if (ptrace((enum __ptrace_request)TR_PTRACE_SEIZE, pid, 0, (void *)opts) < 0) {
		ptrace_refused(errno);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		goto out;
	}
	main_pid = pid;
	struct sigaction fwd = { .sa_handler = forward };
	sigaction(SIGTERM, &fwd, NULL);
	sigaction(SIGHUP, &fwd, NULL);
	kill(pid, SIGCONT);
	int traced = trace_loop(rec, pid, status) == 0;
	if (traced && info_error) {
		fprintf(stderr, "seccomp-gen-trace: error: PTRACE_GET_SYSCALL_INFO: %s (it needs Linux 5.3 or later); "
			"nothing recorded\n", strerror(info_error));
	} else if (traced) {
		int err = 0;
		if (read(errpipe[0], &err, sizeof(err)) == (ssize_t)sizeof(err)) {
			fprintf(stderr, "seccomp-gen-trace: error: cannot run %s: %s\n", path, strerror(err));
			rc = err == ENOENT ? 127 : 126;
		} else {
			rc = 0;
		}
	}
out:
	close(errpipe[0]);
	sigaction(SIGINT, &saved[0], NULL);
	sigaction(SIGQUIT, &saved[1], NULL);
	sg_arena_free(a);
	return rc;
}
