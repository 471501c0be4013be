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
# Issue 14: Firecracker files, syscall groups, compile_seccomp_policy.
vg "-f firecracker from seccompiler JSON" 0 --arch x86_64 -f firecracker -o "$tmp/fc.bin" "$srcdir/tests/seccompiler/vmm.json"
vg "-f firecracker-bincode refusing one category" 1 --arch x86_64 --category vcpu -f firecracker-bincode -o "$tmp/fc.bin" "$srcdir/tests/seccompiler/vmm.json"
printf '{ "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64, "syscalls": { "read": 0, "write": 1 }, "constants": {},\n  "syscall_groups": { "io": { "rw": ["read", "write"] }, "x": { "y": ["nope"] } } }\n' >"$tmp/groups.json"
printf 'rw@io: 1\n' >"$tmp/rw.policy"
vg "a malformed syscall group, named" 1 --arch-json "$tmp/groups.json" -o "$tmp/g.c" "$tmp/rw.policy"
SECCOMP_GEN=${abs_top_builddir:-.}/compile_seccomp_policy
vg "compile_seccomp_policy" 0 --arch-json "$srcdir/tests/arch-json/x86_64-own.json" --use-ret-log "$srcdir/tests/arch-json/x86_64-own.policy" "$tmp/o.bpf"
vg "compile_seccomp_policy --output-header-file" 0 --arch-json "$srcdir/tests/arch-json/x86_64-own.json" --output-header-file "$srcdir/tests/arch-json/x86_64-own.policy" "$tmp/own"
vg "compile_seccomp_policy with errors" 1 --arch-json "$srcdir/tests/arch-json/x86_64-own.json" "$srcdir/tests/diagnostics/recovery.policy" "$tmp/o.bpf"
echo "1..$n"
