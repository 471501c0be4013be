/* A process under the filter of kernel.policy compiled as one program for
 * x86_64 and i386 (tests/multiarch-kernel.sh builds it both ways from this
 * source, so the same calls reach the filter with each ABI's numbers):
 *
 *   kernel-child allow   getpid() and dup(0) succeed: exit 0
 *   kernel-child errno   getppid() fails with EPERM: exit 0
 *   kernel-child kill    dup(1): the filter kills the process with SIGSYS
 *
 * Exit 100: the filter could not be installed; 1 to 99: a check failed.
 * Nothing but the calls under test is made after the filter is in. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/seccomp.h>

#include "kernel_filter.h"

int main(int argc, char **argv)
{
	if (argc != 2)
		return 99;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &kernel_filter))
		return 100;
	if (strcmp(argv[1], "allow") == 0) {
		if (syscall(SYS_getpid) <= 0)
			_exit(1);
		if (syscall(SYS_dup, 0) < 0)
			_exit(2);
		_exit(0);
	}
	if (strcmp(argv[1], "errno") == 0) {
		errno = 0;
		if (syscall(SYS_getppid) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	if (strcmp(argv[1], "kill") == 0) {
		syscall(SYS_dup, 1);
		_exit(4);
	}
	_exit(99);
}
