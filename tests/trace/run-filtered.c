/* run-filtered FILE.bpf COMMAND [ARG...]: installs the raw program (host
 * byte order, seccomp-gen -f raw) with no_new_privs and execs COMMAND
 * under it, so that the command and all it starts run in the real
 * kernel's seccomp.  Exit 77 where this machine cannot load filters. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: run-filtered FILE.bpf COMMAND [ARG...]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	static struct sock_filter insns[4096];
	size_t n = f ? fread(insns, sizeof(insns[0]), 4096, f) : 0;
	if (!f || n == 0) {
		fprintf(stderr, "run-filtered: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);
	struct sock_fprog prog = { (unsigned short)n, insns };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("run-filtered: no_new_privs");
		return 77;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		fprintf(stderr, "run-filtered: seccomp: %s\n", strerror(errno));
		return errno == EINVAL || errno == ENOSYS ? 77 : 1;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "run-filtered: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
