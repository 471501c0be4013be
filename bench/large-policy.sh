#!/bin/sh
# Writes a policy of N lines of argument filters to standard output, the
# kind a tracer or a generator makes: 40 syscalls, each with many lines
# (1,750 for 70,000: fewer than the 4,096 comparisons a syscall may have),
# each line its own action, so that every line is a rule of its own (the
# worst case for passes that compare rules).  Line kinds rotate:
# one equality, an '||' of equalities, an equality with '!=', a mask and
# a range.  Usage: large-policy.sh N
n=${1:?usage: large-policy.sh LINES}
awk -v n="$n" 'BEGIN {
	ns = split("ioctl fcntl futex mmap prctl socket setsockopt getsockopt mprotect madvise " \
		"clone tgkill socketpair openat read write pread64 pwrite64 lseek close " \
		"sendto recvfrom sendmsg recvmsg bind connect listen accept4 shutdown getsockname " \
		"epoll_ctl epoll_wait eventfd2 timerfd_create timerfd_settime dup3 pipe2 kill prlimit64 getrandom", sys, " ")
	printf "# %d lines of argument filters (bench/large-policy.sh)\n", n
	for (i = 1; i < n; i++) {
		s = sys[i % ns + 1]
		v = 4096 + i * 3
		e = i % 4000 + 1
		k = i % 5
		if (k == 0) printf "%s: arg1 == %d; return %d\n", s, v, e
		else if (k == 1) printf "%s: arg1 == %d || arg1 == %d; return %d\n", s, v, v + 1, e
		else if (k == 2) printf "%s: arg1 == %d && arg2 != %d; return %d\n", s, v, i % 7, e
		else if (k == 3) printf "%s: arg2 & 0x%x; return %d\n", s, 2 ^ (i % 31), e
		else printf "%s: arg1 >= %d && arg1 <= %d; return %d\n", s, v, v + 1, e
	}
}'
