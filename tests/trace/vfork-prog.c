/* The vfork round trip of seccomp-gen-trace: vfork(2), the child execs
 * the command given (e.g. /bin/true), the parent waits for it and prints
 * how it ended, then exits with the child's status.  With glibc on
 * x86_64 this is the vfork syscall itself (58); on arches without one
 * (aarch64, riscv64) glibc makes it clone(CLONE_VM|CLONE_VFORK). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: vfork-prog COMMAND [ARG...]\n");
		return 2;
	}
	/* The child may only exec or _exit: it runs on the parent's memory
	 * and stack until then. */
	pid_t pid = vfork();
	if (pid < 0) {
		perror("vfork");
		return 1;
	}
	if (pid == 0) {
		execv(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		return 1;
	}
	if (!WIFEXITED(status)) {
		printf("vfork child: killed by signal %d\n", WTERMSIG(status));
		return 1;
	}
	printf("vfork child: exit %d\n", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}
