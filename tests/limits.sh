#!/bin/sh
# The kernel's limits: programs with jumps longer than a conditional
# jump's 8 bits reach their targets through JA and still decide right (on
# every arch, and in the kernel on the host), and a policy that needs more
# than 4096 instructions is refused with a message naming it and its size,
# and notes naming the syscalls that take the most, where their filters are.
: "${SECCOMP_GEN:?}" "${top_builddir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else notok "$d"; fi; }

# Every syscall name an arch has, from its table (via the dump of a policy
# is not possible: use the committed table).
for arch in x86_64 i386 aarch64 arm riscv64; do
	table="${srcdir:-.}/arch/$arch/syscalls.tbl"
	# Each syscall its own errno, so no two share a decision and the
	# program is long; every third also tests arg1 != 7.
	awk '!/^#/ && !seen[$2]++ { i++; printf "%s: arg0 == %d%s; return %d\n", $1, i, i % 3 ? "" : " && arg1 != 7", i % 4000 + 1 }' \
		"$table" >"$tmp/long-$arch.policy"
	awk '!/^#/ && !seen[$2]++ { i++; if (i % 37 == 1 || i % 37 == 3) {
		printf "%s(%d, 0) -> errno %d\n", $1, i, i % 4000 + 1
		if (i % 3) printf "%s(%d, 7) -> errno %d\n", $1, i, i % 4000 + 1
		else printf "%s(%d, 7) -> kill-thread\n", $1, i
		printf "%s(%d, 0) -> kill-thread\n", $1, i + 1 } }' "$table" >"$tmp/long-$arch.expect"
	"$SECCOMP_GEN" --arch "$arch" -f dump -o "$tmp/long-$arch.dump" "$tmp/long-$arch.policy"
	len=$(grep -c '^ *[0-9]*: ' "$tmp/long-$arch.dump")
	check "$arch: a long program ($len instructions) compiles" test "$len" -gt 1000
	check "$arch: it uses JA for jumps longer than 255" grep -q ' ja ' "$tmp/long-$arch.dump"
	check "$arch: it still decides right" "$SECCOMP_GEN" --arch "$arch" --test "$tmp/long-$arch.expect" "$tmp/long-$arch.policy"
done

host=$("$SECCOMP_GEN" --help | sed -n 's/.*(default: \([a-z0-9_]*\)).*/\1/p' | head -1)
if [ -n "$host" ] && [ -x "$top_builddir/tests/sg-kernel-load" ]; then
	"$SECCOMP_GEN" --arch "$host" -f raw -o "$tmp/long.bpf" "$tmp/long-$host.policy"
	"$top_builddir/tests/sg-kernel-load" "$tmp/long.bpf"
	case $? in
	0) ok "$host: the kernel accepts the long program" ;;
	77) n=$((n + 1)); echo "ok $n # SKIP this kernel refuses seccomp filters" ;;
	*) notok "$host: the kernel accepts the long program" ;;
	esac
fi

# Too long: eight clauses for every syscall.
awk '!/^#/ { i++; printf "%s: ", $1; for (c = 0; c < 8; c++) printf "%sarg%d == %d && arg5 != %d", c ? " || " : "", c % 5, i * 10 + c, c; printf "; return 1\n" }' \
	"${srcdir:-.}/arch/x86_64/syscalls.tbl" >"$tmp/huge.policy"
"$SECCOMP_GEN" --arch x86_64 -o "$tmp/huge.c" "$tmp/huge.policy" 2>"$tmp/err"
rc=$?
check "over 4096 instructions: exit 1" test $rc -eq 1
check "over 4096 instructions: the message names the policy and its size" \
	grep -q "policy 'huge' compiles to [0-9]* instructions for x86_64; the kernel accepts at most 4096" "$tmp/err"
check "over 4096 instructions: no output file" test ! -e "$tmp/huge.c"
check "over 4096 instructions: five notes name the syscalls that take the most, with their lines" \
	test "$(grep -c "/huge.policy:[0-9]*:[0-9]*: note: '[a-z0-9_]*' takes [0-9]* instructions; its filters start here" "$tmp/err")" -eq 5
# The notes' figures add up to the program's length.
total=$(sed -n "s/.*compiles to \([0-9]*\) instructions.*/\1/p" "$tmp/err")
sum=$(sed -n -e "s/.* takes \([0-9]*\) instructions.*/\1/p" \
	-e "s/.* take \([0-9]*\) instructions; the arch check and the syscall-number dispatch \([0-9]*\)$/\1 \2/p" "$tmp/err" |
	tr ' ' '\n' | awk '{ s += $1 } END { print s + 0 }')
check "over 4096 instructions: the notes account for all $total instructions ($sum)" test "$sum" -eq "$total"

# One syscall takes most: it is named first, at its first filter's line,
# and syscalls that share its filters are counted with it.
{
	echo "read: 1"
	echo "write: arg0 == 1 || arg0 == 2"
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "ioctl: arg1 == %d; return %d\n", 1000 + 7 * i, i % 4000 + 1 }'
	echo "{fcntl, fstat}: arg1 == 3 || arg1 == 4 || arg1 == 5"
} >"$tmp/hot.policy"
(cd "$tmp" && "$SECCOMP_GEN" --arch x86_64 -o hot.c hot.policy) 2>"$tmp/err"
check "one hot syscall: exit 1" test $? -eq 1
check "one hot syscall: the first note names it at its first filter" \
	sh -c "sed -n 2p '$tmp/err' | grep -q \"^hot.policy:3:8: note: 'ioctl' takes [0-9]* instructions; its filters start here\$\""
check "one hot syscall: the note shows the line with a caret" \
	sh -c "sed -n 3,4p '$tmp/err' | tr -d '\n' | grep -q '3 | ioctl: arg1 == 1000; return 1 *|  *^~'"
check "one hot syscall: syscalls with the same filters are counted together" \
	grep -q "^hot.policy:[0-9]*:[0-9]*: note: 'fstat' and 1 more syscalls with the same filters take [0-9]* instructions; their filters start here" "$tmp/err"
check "one hot syscall: the last note gives the dispatch's share" \
	grep -q "^seccomp-gen: note: the arch check and the syscall-number dispatch take [0-9]* instructions$" "$tmp/err"
echo "1..$n"
