#!/bin/sh
# Lints (gen/lint/lint.c): compiling tests/lint/NAME.policy (with the options
# in NAME.args, default --arch x86_64) must succeed and print exactly
# NAME.err; the output must be the same bytes with every lint turned off
# (warnings never change it); and with -Werror a policy that warns must
# fail with exit status 1, its warnings as errors, and no output file.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
dir="$srcdir/tests/lint"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
off="-Wno-zero-mask -Wno-constant-comparison -Wno-unreachable-filter -Wno-arch-syscall -Wno-return-after-condition -Wno-dangerous-syscall"
for policy in "$dir"/*.policy; do
	name=$(basename "$policy" .policy)
	args="--arch x86_64"
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	rm -f "$tmp"/out*
	# shellcheck disable=SC2086 # args are words
	(cd "$dir" && "$SECCOMP_GEN" $args -o "$tmp/out1.c" "$name.policy") 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && cmp -s "$tmp/err" "$dir/$name.err"; then
		result ok "$name: the warnings"
	else
		result not-ok "$name: the warnings (exit $rc)"
		diff "$dir/$name.err" "$tmp/err" | sed 's/^/# /'
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && "$SECCOMP_GEN" $args $off -o "$tmp/out2.c" "$name.policy") 2>"$tmp/err2"
	if [ $? -eq 0 ] && [ ! -s "$tmp/err2" ] && cmp -s "$tmp/out1.c" "$tmp/out2.c"; then
		result ok "$name: the same output with every lint off, and no warning"
	else
		result not-ok "$name: the same output with every lint off, and no warning"
	fi
	if [ -s "$dir/$name.err" ]; then
		# shellcheck disable=SC2086
		(cd "$dir" && "$SECCOMP_GEN" $args -Werror -o "$tmp/out3.c" "$name.policy") 2>"$tmp/err3"
		rc=$?
		if [ $rc -eq 1 ] && [ ! -e "$tmp/out3.c" ] && grep -q '\[-Werror=' "$tmp/err3" &&
			! grep -q 'warning:' "$tmp/err3"; then
			result ok "$name: -Werror makes them errors, and there is no output"
		else
			result not-ok "$name: -Werror makes them errors, and there is no output (exit $rc)"
		fi
	fi
done
echo "1..$n"
