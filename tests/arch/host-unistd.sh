#!/bin/sh
# For the arch seccomp-gen is built for (sg_arch_host()), compares our
# syscall table with the build machine's installed <asm/unistd.h>: every
# __NR_ name both have must have the same number.  Names only one side has
# are reported as TAP diagnostics, not failures: the installed headers may be
# older or newer than the ones the tables were generated from.
#
# Environment (set by the test harness): CC, top_builddir; run from the top
# build directory.  Prints TAP.

set -u
CC=${CC:-cc}
dump=${abs_top_builddir:-${top_builddir:-.}}/tests/arch/sg-arch-dump

n=0
failed=0
check() { # check EXIT-STATUS DESCRIPTION: 0 passes
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
finish() {
	echo "1..$n"
	exit "$failed"
}

host=$("$dump" host name 2>/dev/null) || {
	skip "seccomp-gen is built for an arch it has no table for"
	finish
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sg-host-unistd.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# The __NR_ macros the installed header defines (with $CC's own target
# flags, so a -m32 CC sees the i386 table).  __ARM_NR_* are arm's private
# syscalls, which our arm table calls ARM_<name> as minijail does.
printf '#include <asm/unistd.h>\n' >"$tmp/u.c"
if ! $CC -E -dM "$tmp/u.c" >"$tmp/macros" 2>"$tmp/err"; then
	sed 's/^/# /' "$tmp/err"
	skip "no usable <asm/unistd.h> on this machine"
	finish
fi
awk '$1 == "#define" {
	if ($2 == "__NR_syscalls" || $2 == "__NR_arch_specific_syscall") next
	if ($2 ~ /^__NR_[a-z_][a-z0-9_]*$/) print substr($2, 6), $2
	else if ($2 ~ /^__ARM_NR_[a-z][a-z0-9_]*$/) print "ARM_" substr($2, 10), $2
}' "$tmp/macros" | LC_ALL=C sort >"$tmp/names"

# Let the compiler evaluate them: the header may define one through another.
{
	echo '#include <stdio.h>'
	echo '#include <asm/unistd.h>'
	echo 'int main(void)'
	echo '{'
	awk '{ printf "\tprintf(\"%%s %%lld\\n\", \"%s\", (long long)(%s));\n", $1, $2 }' "$tmp/names"
	echo '	return 0;'
	echo '}'
} >"$tmp/p.c"
if ! $CC -o "$tmp/p" "$tmp/p.c" 2>"$tmp/err" || ! "$tmp/p" >"$tmp/host.txt"; then
	sed 's/^/# /' "$tmp/err"
	check 1 "compile and run a program printing the installed __NR_ values"
	finish
fi
LC_ALL=C sort "$tmp/host.txt" >"$tmp/host"
"$dump" host syscalls | LC_ALL=C sort >"$tmp/ours"

nhost=$(wc -l <"$tmp/host")
check "$([ "$nhost" -gt 0 ] && echo 0 || echo 1)" "$host: the installed <asm/unistd.h> defines $nhost syscalls"

# name -> value on both sides; print "both", "host-only", "ours-only", "differ" lines.
awk 'FILENAME == ARGV[1] { h[$1] = $2; next }
     { o[$1] = $2 }
     END {
	for (k in h)
		if (!(k in o)) print "host-only", k, h[k]
		else if ((h[k] "") != (o[k] "")) print "differ", k, h[k], o[k]
		else print "both", k
	for (k in o) if (!(k in h)) print "ours-only", k, o[k]
     }' "$tmp/host" "$tmp/ours" | LC_ALL=C sort >"$tmp/cmp"

both=$(grep -c '^both ' "$tmp/cmp")
ndiff=$(grep -c '^differ ' "$tmp/cmp")
grep '^differ ' "$tmp/cmp" | while read -r _ k h o; do
	echo "# $k: installed header says $h, our $host table says $o"
done
grep '^host-only ' "$tmp/cmp" | while read -r _ k h; do
	echo "# only in the installed header: $k $h"
done
grep '^ours-only ' "$tmp/cmp" | while read -r _ k o; do
	echo "# only in our $host table (newer than the installed header?): $k $o"
done

# A working extraction shares hundreds of names (every arch has > 250
# syscalls since Linux 3.x); a handful would mean the comparison is broken.
check "$([ "$both" -ge 250 ] && echo 0 || echo 1)" "$host: $both syscalls are in both"
check "$([ "$ndiff" -eq 0 ] && echo 0 || echo 1)" "$host: every syscall in both has the same number"
finish
