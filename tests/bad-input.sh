#!/bin/sh
# The bad-input catalogue (tests/bad-input/catalogue.sh): malformed and
# hostile inputs, each with its expected diagnostic and exit status.  For
# every case: the exit status, the message (file:line:col and text), no
# output file left behind (nor a temporary one) and nothing on standard
# output when it fails, no crash, sanitizer report or internal error, a
# bounded run time, and bounded memory (peak RSS, measured by
# tests/bad-input/sg-run).  Large inputs are made at test time in a
# temporary directory.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${top_builddir:=.}"
RUN="$top_builddir/tests/bad-input/sg-run"
D="$srcdir/tests/bad-input"
case $D in /*) ;; *) D="$PWD/$D" ;; esac
case $RUN in /*) ;; *) RUN="$PWD/$RUN" ;; esac
T=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
W="$T/work" # each case's directory: its inputs, and out/ for the output
mkdir "$W"
n=0 failed=0
# Sanitizers map shadow memory: allow them more.
if [ "${SG_SANITIZERS:-no}" = yes ]; then SCALE=6 TIMEOUT=120; else SCALE=1 TIMEOUT=20; fi
RSS_DEFAULT=65536 # KiB
RSS_LIMIT=$RSS_DEFAULT
O="-o out/out.c"

result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# bad NAME STATUS EXPECTED ARG...: runs seccomp-gen ARG... in $W.
# EXPECTED is a fixed string stderr must contain ("" for none).
bad() {
	name=$1 status=$2 expected=$3
	shift 3
	mkdir -p "$W/out"
	(cd "$W" && "$RUN" "$T/report" "$TIMEOUT" "$SECCOMP_GEN" "$@") >"$T/stdout" 2>"$T/stderr"
	read -r got rss <"$T/report" || got=none
	limit=$((RSS_LIMIT * SCALE))
	why=
	[ "$got" = "$status" ] || why="$why exit $got, not $status;"
	if [ -n "$expected" ]; then
		grep -qF -- "$expected" "$T/stderr" || why="$why message missing;"
	fi
	if grep -qE 'internal error|Sanitizer|runtime error|Segmentation' "$T/stderr"; then
		why="$why crash or internal error;"
	fi
	[ "${rss:-0}" -le "$limit" ] || why="$why peak RSS ${rss} KiB > ${limit} KiB;"
	if [ "$status" != 0 ]; then
		[ -z "$(ls -A "$W/out")" ] || why="$why left behind: $(ls -A "$W/out");"
		[ ! -s "$T/stdout" ] || why="$why wrote to standard output;"
	fi
	if [ -z "$why" ]; then
		result ok "$name (exit $got, ${rss} KiB)"
	else
		result not-ok "$name:$why"
		echo "# expected: $expected"
		head -c 2000 "$T/stderr" | head -n 12 | sed 's/^/# /'
	fi
	chmod -R u+rwx "$W" 2>/dev/null
	rm -rf "$W"
	mkdir "$W"
	RSS_LIMIT=$RSS_DEFAULT
}

skip() { # description
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

# put FILE TEXT: FILE in $W holds TEXT (printf %b: \n, \t, \0NNN escapes).
put() {
	mkdir -p "$(dirname "$W/$1")"
	printf '%b' "$2" >"$W/$1"
}

# repeat COUNT TEXT: TEXT COUNT times on standard output.
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

. "$D/catalogue.sh"
echo "1..$n"
