#!/bin/sh
# Multi-arch programs, judged by the interpreter: for each
# tests/multiarch/NAME.expect, NAME.policy is compiled as one program for
# each arch list its "@arches A,B" lines give, and every "call -> result"
# line is checked on each arch of the list that has the call (--test).
# One TAP line per file and list.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
dir="$srcdir/tests/multiarch"
n=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

for expect in "$dir"/*.expect; do
	name=$(basename "$expect" .expect)
	lists=$(sed -n 's/^@arches[ 	]*//p' "$expect")
	[ -n "$lists" ] || { n=$((n + 1)); echo "not ok $n - $name: no @arches line"; continue; }
	for list in $lists; do
		(cd "$dir" && "$SECCOMP_GEN" --arch "$list" --test "$name.expect" "$name.policy") >"$tmp/out" 2>&1
		rc=$?
		n=$((n + 1))
		if [ $rc -eq 0 ]; then
			echo "ok $n - $name ($list): $(sed -n 's/.*: \([0-9]*\) passed.*/\1/p' "$tmp/out") calls"
		else
			echo "not ok $n - $name ($list) (exit $rc)"
			sed 's/^/# /' "$tmp/out"
		fi
	done
done
echo "1..$n"
