#!/bin/sh
# The tracer's overhead: wall time of a run under seccomp-gen-trace against
# the same run untraced, median of ROUNDS (default 11) rounds in which the
# two take turns.  Run from the build directory after `make check` has
# built the test program (`make bench-trace` does both).  Prints figures,
# asserts nothing.
top=${1:-.}
rounds=${ROUNDS:-11}
trace=$top/seccomp-gen-trace
prog=$top/tests/trace/traced-prog
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # label, then the command
	label=$1; shift
	: >"$tmp/plain"; : >"$tmp/traced"
	i=0
	while [ $i -lt "$rounds" ]; do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
		"$trace" -o "$tmp/p.policy" -- "$@" >/dev/null 2>&1; t2=$(now)
		echo $(( (t1 - t0) / 1000 )) >>"$tmp/plain"
		echo $(( (t2 - t1) / 1000 )) >>"$tmp/traced"
		i=$((i + 1))
	done
	p=$(median <"$tmp/plain"); t=$(median <"$tmp/traced")
	calls=$(sed -n 's/.*(\([0-9]*\) calls.*/\1/p' "$tmp/p.policy")
	awk -v l="$label" -v p="$p" -v t="$t" -v c="$calls" 'BEGIN {
		printf "%-34s %9.1f ms %9.1f ms %6.2fx %8d %8.2f us\n", l, p / 1000, t / 1000, t / p, c, (t - p) / c }'
}
printf "%-34s %12s %12s %7s %8s %11s\n" "command" "untraced" "traced" "ratio" "calls" "per call"
measure "tests/trace/traced-prog" "$prog" "$tmp"
measure "sh -c 'echo a | cat'" /bin/sh -c 'echo a | cat'
measure "dd bs=1 count=100000 (200k calls)" dd if=/dev/zero of=/dev/null bs=1 count=100000
