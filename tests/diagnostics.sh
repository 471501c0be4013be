#!/bin/sh
# Expected diagnostics: compiling tests/diagnostics/NAME.policy for x86_64
# (with the options in NAME.args, if any) must fail with exit status 1,
# print exactly NAME.err on standard error, and leave no output file (nor
# a temporary one) behind.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
dir="$srcdir/tests/diagnostics"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
for policy in "$dir"/*.policy; do
	name=$(basename "$policy" .policy)
	args=
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	mkdir "$tmp/out"
	# shellcheck disable=SC2086
	(cd "$dir" && "$SECCOMP_GEN" --arch x86_64 $args -o "$tmp/out/$name.c" "$name.policy") 2>"$tmp/err"
	rc=$?
	n=$((n + 1))
	if [ $rc -eq 1 ] && cmp -s "$tmp/err" "$dir/$name.err" && [ -z "$(ls -A "$tmp/out")" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name (exit $rc)"
		diff "$dir/$name.err" "$tmp/err" | sed 's/^/# /'
		ls -A "$tmp/out" | sed 's/^/# left behind: /'
	fi
	rm -rf "$tmp/out"
done
echo "1..$n"
