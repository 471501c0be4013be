#!/bin/sh
# Decision tables: for each tests/decisions/NAME.expect, compile NAME.policy
# for every arch the file names (@arch; default all five) with its
# @options, and check each "call -> result" line in seccomp-gen's
# interpreter (--test).  With @error the policy must be rejected: exit
# status 1 and an "error:" diagnostic, no crash.  One TAP line per file
# and arch.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
dir="$srcdir/tests/decisions"
n=0 failed=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

for expect in "$dir"/*.expect; do
	name=$(basename "$expect" .expect)
	arches=$(sed -n 's/^@arch[ 	]*//p' "$expect")
	[ -n "$arches" ] || arches="x86_64 i386 aarch64 arm riscv64"
	options=$(sed -n 's/^@options[ 	]*//p' "$expect")
	want_error=$(grep -c '^@error' "$expect")
	for arch in $arches; do
		# shellcheck disable=SC2086 # options are words
		(cd "$dir" && "$SECCOMP_GEN" --arch "$arch" $options --test "$name.expect" "$name.policy") \
			>"$tmp/out" 2>&1
		rc=$?
		if [ "$want_error" -gt 0 ]; then
			if [ $rc -eq 1 ] && grep -q 'error:' "$tmp/out" && ! grep -q 'internal error' "$tmp/out"; then
				result ok "$name ($arch) is rejected"
			else
				result not-ok "$name ($arch) must be rejected (exit $rc)"
				sed 's/^/# /' "$tmp/out"
			fi
		elif [ $rc -eq 0 ]; then
			result ok "$name ($arch)"
		else
			result not-ok "$name ($arch) (exit $rc)"
			sed 's/^/# /' "$tmp/out"
		fi
	done
done
echo "1..$n"
