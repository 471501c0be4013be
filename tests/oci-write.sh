#!/bin/sh
# -f oci: Docker/OCI seccomp profiles that mean what their policy means
# once libseccomp compiles them the way crun does.  Each profile written
# is loaded by tests/oci-check (libseccomp 2.5.4 driven as crun drives it,
# the program run in seccomp-gen's interpreter over the translation
# validation's inputs of every arch, against the policy's decision IR):
# zero differences, or the policy is refused with a located error and no
# output.  libseccomp gets 60 s a profile: a profile it cannot add in that
# time (it has hung on some rule orders) is a failure too.
#
#   - tests/oci/basic.policy is written as tests/oci/basic.json, byte for
#     byte, twice;
#   - tests/oci/*.policy and every tests/decisions case that compiles, for
#     each arch it names and for x86_64,i386 and aarch64,arm;
#   - 300 made-up policies for each of x86_64, i386, aarch64,arm and
#     x86_64,i386 (tests/oci-check --random);
#   - tests/seccompiler/*.json, each category, x86_64 and aarch64;
#   - crosvm's policies from the shared corpus, each arch, and Docker's
#     default profile read and written back (skipped without them);
#   - what a profile cannot say: exact messages, no output file.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
. "$srcdir/tests/lib.sh"
check_prog=${abs_top_builddir:-.}/tests/oci-check
srcdir=$(cd "$srcdir" && pwd)
cd "$tmp" || exit 99

if ! "$check_prog" --arch x86_64 "$srcdir/tests/oci/basic.policy" "$srcdir/tests/oci/basic.json" >/dev/null 2>&1 &&
	[ $? -eq 77 ]; then
	echo "1..0 # SKIP tests/oci-check was built without libseccomp (libseccomp-dev)"
	exit 0
fi

# round_trip LABEL ARCHES DIR POLICY OPTIONS...: writes the profile and
# checks it; counts in $trips, $refused, $failed (messages in $tmp/fail).
trips=0 refused=0 failed=0
round_trip() {
	label=$1 arches=$2 dir=$3 policy=$4
	shift 4
	if ! (cd "$dir" && "$SECCOMP_GEN" --arch "$arches" "$@" -f oci -o "$tmp/p.json" "$policy") 2>"$tmp/err"; then
		if grep -q "^[^:]*:[0-9]*:[0-9]*: error: .*cannot be written as" "$tmp/err" &&
			! grep -q 'internal error' "$tmp/err" && [ ! -e "$tmp/p.json" ]; then
			refused=$((refused + 1))
		elif grep -q 'error: .*libseccomp refuses' "$tmp/err" && [ ! -e "$tmp/p.json" ]; then
			refused=$((refused + 1))
		else
			failed=$((failed + 1))
			{ echo "$label ($arches): not written"; cat "$tmp/err"; } >>"$tmp/fail"
		fi
		return
	fi
	if (cd "$dir" && timeout 60 "$check_prog" --arch "$arches" "$@" "$policy" "$tmp/p.json") >"$tmp/res" 2>&1; then
		trips=$((trips + 1))
	else
		failed=$((failed + 1))
		{ echo "$label ($arches):"; head -12 "$tmp/res"; } >>"$tmp/fail"
	fi
	rm -f "$tmp/p.json"
}

report() { # description
	if [ "$failed" -eq 0 ] && [ "$trips" -gt 0 ]; then
		ok "$1: $trips profiles agree with libseccomp, $refused refused with a located error"
	else
		not_ok "$1: $failed failed, $trips agree, $refused refused"
		sed 's/^/# /' "$tmp/fail" | head -60
	fi
	trips=0 refused=0 failed=0
	rm -f "$tmp/fail"
}

# The format, pinned: what basic.policy (each construct commented) gives.
sg --arch x86_64 -f oci -o first.json "$srcdir/tests/oci/basic.policy" 2>err.txt
sg --arch x86_64 -f oci -o second.json "$srcdir/tests/oci/basic.policy" 2>>err.txt
check "basic.policy is written as tests/oci/basic.json" cmp first.json "$srcdir/tests/oci/basic.json"
check "the same input gives the same bytes" cmp first.json second.json

# tests/oci: every arch, and the compat pairs, or the arches a first
# line "# arches: ..." names.
for policy in "$srcdir"/tests/oci/*.policy; do
	list=$(sed -n '1s/^# arches: //p' "$policy")
	for arches in ${list:-x86_64 i386 aarch64 arm riscv64 x86_64,i386 aarch64,arm}; do
		round_trip "$(basename "$policy")" "$arches" "$srcdir/tests/oci" "$(basename "$policy")"
	done
done
report "tests/oci"

# The decision tables: every construct of the language.
dir="$srcdir/tests/decisions"
for expect in "$dir"/*.expect; do
	grep -q '^@error' "$expect" && continue
	name=$(basename "$expect" .expect)
	arches=$(sed -n 's/^@arch[ 	]*//p' "$expect")
	[ -n "$arches" ] || arches="x86_64 i386 aarch64 arm riscv64"
	options=$(sed -n 's/^@options[ 	]*//p' "$expect")
	for a in $arches x86_64,i386 aarch64,arm; do
		case $a in
		*,*) case " $arches " in *" ${a%,*} "*" ${a#*,} "*) ;; *) continue ;; esac ;;
		esac
		# shellcheck disable=SC2086 # options are words
		round_trip "$name" "$a" "$dir" "$name.policy" $options
	done
done
report "tests/decisions"

# Made-up policies (tests/oci-check --random: a fixed seed; every action,
# every operator on three arguments, values at the 32-bit and sign
# boundaries), each written in the checker's process.
for a in x86_64 i386 aarch64,arm x86_64,i386; do
	timeout 300 "$check_prog" --random 300 --arch "$a" >random.out 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		ok "$a: $(sed -n 's/^oci-check: //p' random.out | tail -n 1)"
	else
		not_ok "$a: random policies (exit $rc)"
		head -20 random.out | sed 's/^/# /'
	fi
done

# seccompiler's JSON, each thread category.
for json in "$srcdir"/tests/seccompiler/*.json; do
	name=$(basename "$json" .json)
	for expect in "$srcdir/tests/seccompiler/$name".*.expect; do
		[ -e "$expect" ] || continue
		cat=${expect#"$srcdir/tests/seccompiler/$name."}
		cat=${cat%.expect}
		for a in x86_64 aarch64; do
			round_trip "$name.json --category $cat" "$a" "$srcdir/tests/seccompiler" "$name.json" --category "$cat"
		done
	done
done
report "tests/seccompiler"

# crosvm's policies as crosvm's build compiles them.
if [ -d "$SG_SHARED/corpus/crosvm" ]; then
	for a in x86_64 aarch64 arm riscv64; do
		d="$SG_SHARED/corpus/crosvm/$a"
		for policy in "$d"/*.policy; do
			round_trip "crosvm/$a/$(basename "$policy")" "$a" "$d" "$(basename "$policy")" \
				--default-action trap --include-map "/usr/share/policy/crosvm=$d"
		done
	done
	report "crosvm corpus"
else
	skip "crosvm corpus: $SG_SHARED/corpus/crosvm not found (set SG_SHARED)"
fi

# seccomp-gen-trace --format oci: the profile of the policy it would
# write, as -f oci writes it, from an strace log (W^X mmap masks, ioctl
# requests, an fcntl command).
trace=$(dirname "$SECCOMP_GEN")/seccomp-gen-trace
cat >run.st <<'EOF'
7 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000
7 mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000002000
7 ioctl(1, TCGETS, {B38400 opost isig icanon echo ...}) = 0
7 ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0
7 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)
7 write(1, "hi\n", 3) = 3
7 exit_group(0) = ?
EOF
"$trace" --arch x86_64 --from-strace run.st -o traced.policy 2>trace.err
"$trace" --arch x86_64 --from-strace run.st --format oci -o traced.json 2>>trace.err
sg --arch x86_64 -f oci -o expected.json traced.policy 2>>trace.err
check "seccomp-gen-trace --format oci writes what -f oci makes of its policy" cmp traced.json expected.json
check "... which agrees with libseccomp" timeout 60 "$check_prog" --arch x86_64 traced.policy traced.json
check "... and allows the ioctl requests of the run only" grep -q '"value": 21505' traced.json
check "--format oci with --frequency is a usage error" status 2 "$trace" --from-strace run.st --format oci \
	--frequency f.txt -o x.json

# Docker's default profile, read (grammar/oci.c) and written back: the
# same meaning under libseccomp, but for the syscalls libseccomp 2.5.4
# does not know, which crun skips (oci-check counts them apart).
if [ -f "$SG_SHARED/corpus/oci/docker-default.json" ]; then
	for a in x86_64 aarch64 riscv64 x86_64,i386; do
		round_trip "docker-default.json" "$a" "$SG_SHARED/corpus/oci" docker-default.json
	done
	report "Docker's default profile written back"
else
	skip "Docker's default profile: $SG_SHARED/corpus/oci not found (set SG_SHARED)"
fi

# What a profile cannot say: the message at the policy line, no output,
# and an existing output left alone.
refused() { # description, policy, arches, expected message, caret line
	echo old >out.json
	if status 1 sg --arch "$3" -f oci -o out.json "$srcdir/tests/oci/$2" && grep -qF "$4" err.txt &&
		grep -qF "$5" err.txt && [ "$(cat out.json)" = old ]; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/# /' err.txt
	fi
}
refused "errno 4095, which libseccomp refuses, is a located error" errno-4095.policy x86_64 \
	"errno-4095.policy:2:8: error: 'close' cannot be written as a profile: libseccomp refuses errno 4095 (it takes up to 4094)" \
	"      |        ^~~~~~~~~~~"
refused "more than 128 rules for one syscall is a located error" too-many.policy x86_64 \
	"too-many.policy:5:9: error: 'ioctl' cannot be written as a profile: its filters need more than 128 libseccomp rules" \
	"    5 | ioctl: {arg1 == 0x5401; allow"
refused "filters that differ between the arches of one profile are a located error" arch-differs.policy \
	x86_64,aarch64 \
	"arch-differs.policy:3:9: error: 'openat' cannot be written as one profile for x86_64 and aarch64: its filters decide differently there" \
	"      |         ^~~~~~~~~~~~~~~~~~~"
check "-f oci takes one policy" status 1 sg --arch x86_64 -f oci "$srcdir/tests/oci/basic.policy" \
	"$srcdir/tests/oci/order.policy"
echo "1..$n"
