#!/bin/sh
# No leaks and no invalid accesses under valgrind, on success and on
# error paths.  Skipped in the sanitizer build (valgrind cannot run it)
# and where valgrind is not installed.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
if [ "${SG_SANITIZERS:-no}" = yes ] || ! command -v valgrind >/dev/null 2>&1; then
	echo "ok 1 # SKIP valgrind not usable here"
	echo "1..1"
	exit 0
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
vg() { # description, expected exit status, seccomp-gen arguments...
	d=$1 want=$2; shift 2
	n=$((n + 1))
	valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$SECCOMP_GEN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq "$want" ]; then echo "ok $n - $d"; else echo "not ok $n - $d (exit $rc)"; sed 's/^/# /' "$tmp/err"; fi
}
dec="$srcdir/tests/decisions"
vg "compile a policy with includes" 0 --arch x86_64 -o "$tmp/a.c" --include-map /usr/share/policy/test="$dec/inc" "$dec/crosvm-block-device.policy"
vg "compile for a 32-bit arch, dump format" 0 --arch arm -f dump -o "$tmp/a.txt" "$dec/op-eq.policy"
vg "a policy with errors" 1 --arch x86_64 -o "$tmp/b.c" "$srcdir/tests/diagnostics/recovery.policy"
vg "an include cycle" 1 --arch x86_64 -o "$tmp/b.c" "$dec/error-include-cycle.policy"
vg "a test file" 0 --arch x86_64 --test "$dec/op-eq.expect" "$dec/op-eq.policy"
vg "too many errors" 1 --arch x86_64 "$srcdir/tests/diagnostics/too-many-errors.policy"
echo "1..$n"
