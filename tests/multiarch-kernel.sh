#!/bin/sh
# A multi-arch program in the real kernel: tests/multiarch/kernel.policy
# compiled as one filter for x86_64 and i386 is installed by
# tests/multiarch/kernel-child.c built as an x86_64 program and, with
# gcc -m32 (Debian: gcc-multilib), as an i386 one.  Each makes an allowed
# call, a call that fails with EPERM, and a call the filter kills.  As a
# control, the filter compiled for the other arch alone must kill each at
# its first call.  Runs on x86_64 hosts; what the machine cannot do (build
# or run i386 programs, load filters) is skipped with the reason.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${CC:=cc}"
dir="$srcdir/tests/multiarch"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { # count reason
	i=0
	while [ $i -lt "$1" ]; do n=$((n + 1)); i=$((i + 1)); echo "ok $n # SKIP $2"; done
}

if [ "$(uname -m)" != x86_64 ]; then
	skip 8 "the host is $(uname -m), not x86_64"
	echo "1..$n"
	exit 0
fi

# build DIR ARCHES CFLAGS...: the child with the filter for ARCHES.
build() {
	d=$1 arches=$2
	shift 2
	mkdir -p "$tmp/$d" &&
		"$SECCOMP_GEN" --arch "$arches" -n kernel -o "$tmp/$d/kernel_filter.c" "$dir/kernel.policy" &&
		"$SECCOMP_GEN" --arch "$arches" -n kernel -f header -o "$tmp/$d/kernel_filter.h" "$dir/kernel.policy" &&
		$CC -std=gnu99 -Wall -Wextra -Werror "$@" -I"$tmp/$d" -o "$tmp/$d/child" "$dir/kernel-child.c" \
			"$tmp/$d/kernel_filter.c" 2>"$tmp/$d/cc.log"
}

# run DIR MODE: prints "exit N", "signal NAME" or "cannot run".
run() {
	"$tmp/$1/child" "$2" 2>"$tmp/run.err"
	rc=$?
	if [ $rc -eq 126 ] || grep -q 'Exec format error' "$tmp/run.err"; then
		echo "cannot run"
	elif [ $rc -gt 128 ]; then
		echo "signal $(kill -l $rc 2>/dev/null || echo $((rc - 128)))"
	else
		echo "exit $rc"
	fi
}

# check DIR ARCH: the three calls under the x86_64,i386 filter.
check() {
	d=$1 arch=$2
	r=$(run "$d" allow)
	if [ "$r" = "exit 100" ]; then
		skip 3 "this kernel refuses seccomp filters"
		return 1
	fi
	[ "$r" = "exit 0" ] && ok "$arch process, x86_64,i386 filter: getpid and dup(0) are allowed" ||
		not_ok "$arch process, x86_64,i386 filter: allowed calls ($r)"
	r=$(run "$d" errno)
	[ "$r" = "exit 0" ] && ok "$arch process, x86_64,i386 filter: getppid fails with EPERM" ||
		not_ok "$arch process, x86_64,i386 filter: getppid ($r)"
	r=$(run "$d" kill)
	[ "$r" = "signal SYS" ] && ok "$arch process, x86_64,i386 filter: dup(1) is killed by SIGSYS" ||
		not_ok "$arch process, x86_64,i386 filter: dup(1) ($r)"
	return 0
}

# control DIR ARCH OTHER: a filter for OTHER alone kills an ARCH process.
control() {
	r=$(run "$1" allow)
	[ "$r" = "signal SYS" ] && ok "$2 process, $3-only filter: killed at its first call" ||
		not_ok "$2 process, $3-only filter: must be killed ($r)"
}

if build x86_64 x86_64,i386 && build x86_64-only i386; then
	check x86_64 x86_64 && control x86_64-only x86_64 i386
else
	not_ok "the x86_64 child builds"
	sed 's/^/# /' "$tmp"/*/cc.log
fi

if ! build i386 x86_64,i386 -m32 || ! build i386-only x86_64 -m32; then
	skip 4 "cannot build i386 programs with $CC -m32 (Debian: gcc-multilib)"
elif [ "$(run i386 allow)" = "cannot run" ]; then
	skip 4 "this kernel cannot run i386 programs (Exec format error: no IA32 emulation)"
else
	check i386 i386 && control i386-only i386 x86_64
fi
echo "1..$n"
