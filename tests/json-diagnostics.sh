#!/bin/sh
# Expected diagnostics for the JSON inputs, as tests/diagnostics.sh checks
# them for policies: compiling tests/seccompiler/errors/NAME.json for
# x86_64, or tests/arch-json/read.policy with --arch-json
# tests/arch-json/errors/NAME.json, must fail with exit status 1, print
# exactly NAME.err on standard error, and leave no output file (nor a
# temporary one) behind.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0

check() { # dir name command...
	dir=$1 name=$2
	shift 2
	mkdir "$tmp/out"
	(cd "$dir" && "$@") 2>"$tmp/err"
	rc=$?
	n=$((n + 1))
	if [ $rc -eq 1 ] && cmp -s "$tmp/err" "$dir/$name.err" && [ -z "$(ls -A "$tmp/out")" ]; then
		echo "ok $n - $(basename "$(dirname "$dir")")/$name"
	else
		echo "not ok $n - $(basename "$(dirname "$dir")")/$name (exit $rc)"
		diff "$dir/$name.err" "$tmp/err" | sed 's/^/# /'
		ls -A "$tmp/out" | sed 's/^/# left behind: /'
	fi
	rm -rf "$tmp/out"
}

dir="$srcdir/tests/seccompiler/errors"
for json in "$dir"/*.json; do
	name=$(basename "$json" .json)
	check "$dir" "$name" "$SECCOMP_GEN" --arch x86_64 -o "$tmp/out/$name.c" "$name.json"
done
dir="$srcdir/tests/arch-json/errors"
for json in "$dir"/*.json; do
	name=$(basename "$json" .json)
	check "$dir" "$name" "$SECCOMP_GEN" --arch-json "$name.json" -o "$tmp/out/$name.c" ../read.policy
done

# Nesting deep enough to exhaust the parser's stack is an error, not a crash.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "["; print "" }' >"$tmp/deep.json"
"$SECCOMP_GEN" --arch x86_64 -o "$tmp/deep.c" "$tmp/deep.json" 2>"$tmp/err"
rc=$?
n=$((n + 1))
if [ $rc -eq 1 ] && grep -q 'deep.json:1:[0-9]*: error: JSON nested too deeply' "$tmp/err" && [ ! -e "$tmp/deep.c" ]; then
	echo "ok $n - 20000 nested arrays: an error"
else
	echo "not ok $n - 20000 nested arrays (exit $rc)"
	head -c 300 "$tmp/err" | sed 's/^/# /'
fi
echo "1..$n"
