/* The seccomp-gen demo: a program that embeds its compiled filters (see
 * policies/demo*.policy and the rule in policies/local.mk), installs the
 * device filter in a child process, and shows what it allows and denies. */
#include <errno.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "policies/demo_filters.h"

static const struct sock_fprog *find(const char *name)
{
	for (const struct seccomp_gen_filter *f = seccomp_gen_filters; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->prog;
	return NULL;
}

static void say(const char *text)
{
	/* write(2) is allowed by the filter; stdio buffers are not needed. */
	if (write(1, text, strlen(text)) < 0)
		_exit(3);
}

static int device(const struct sock_fprog *prog)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog)) {
		perror("installing the filter");
		return 2;
	}
	char line[128];
	snprintf(line, sizeof(line), "device: filter installed; getpid() = %ld (allowed)\n", (long)syscall(SYS_getpid));
	say(line);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	snprintf(line, sizeof(line), "device: socket(AF_INET) = %d, errno %s (denied: socket: return EACCES)\n", fd,
		 errno == EACCES ? "EACCES" : strerror(errno));
	say(line);
	if (fd != -1 || errno != EACCES)
		return 1;
	say("device: now calling ptrace(), which the policy does not name...\n");
	syscall(SYS_ptrace, 0, 0, 0, 0);
	say("device: still alive: the filter did not work\n");
	return 1;
}

int main(void)
{
	const struct sock_fprog *prog = find("demo_device");
	if (!prog) {
		fprintf(stderr, "demo: no 'demo_device' filter in the table\n");
		return 1;
	}
	printf("demo: %u instructions in the embedded 'demo_device' filter\n", prog->len);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(device(prog));
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
		printf("demo: the device was killed by SIGSYS at ptrace(), as its policy says (@default kill-process)\n");
		return 0;
	}
	printf("demo: unexpected end of the device process (status 0x%x)\n", status);
	return 1;
}
