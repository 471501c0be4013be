#!/bin/sh
# arch/tbl2c.awk must refuse bad tables loudly (the lookups binary-search,
# so an unsorted or duplicated table would silently lose names), and accept
# the committed ones.  Prints TAP.

set -u
top=${top_srcdir:-${srcdir:-.}}
AWK=${AWK:-awk}
tbl2c=$top/arch/tbl2c.awk

n=0
failed=0
check() { # check EXIT-STATUS DESCRIPTION: 0 passes
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sg-tbl2c.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

run() { # run FILES...: tbl2c's exit status; its stderr goes to $tmp/err
	LC_ALL=C $AWK -f "$tbl2c" "$@" >"$tmp/out.c" 2>"$tmp/err"
}

# The committed tables, in sg_arches[] order.
set --
for a in x86_64 i386 aarch64 arm riscv64; do
	set -- "$@" "$top/arch/$a/arch.tbl" "$top/arch/$a/syscalls.tbl" "$top/arch/$a/constants.tbl"
done
run "$@"
check $? "the committed tables convert"
sed 's/^/# /' "$tmp/err"

# A tiny arch to break in different ways.
mkdir -p "$tmp/t"
printf 'name t\nminijail_name t\naudit_arch 0x40000003\nbits 32\nbyte_order little\n' >"$tmp/t/arch.tbl"
printf '# comment\nread 0\nwrite 1\n' >"$tmp/t/syscalls.tbl"
ok_tables="$tmp/t/arch.tbl $tmp/t/syscalls.tbl $tmp/t/constants.tbl"

printf 'AT_FDCWD -100\nEPERM 1\nINT64_MIN -9223372036854775808\n' >"$tmp/t/constants.tbl"
# shellcheck disable=SC2086
run $ok_tables
check $? "a good table converts"

rejects() { # rejects DESCRIPTION CONSTANTS-TEXT
	printf '%b' "$2" >"$tmp/t/constants.tbl"
	# shellcheck disable=SC2086
	if run $ok_tables; then
		check 1 "rejects $1"
	else
		check 0 "rejects $1: $(head -n 1 "$tmp/err")"
	fi
}
rejects "an unsorted table" 'EPERM 1\nAT_FDCWD -100\n'
rejects "a duplicate name" 'EPERM 1\nEPERM 1\n'
rejects "lower case sorted before upper case (not byte order)" 'a 1\nB 2\n'
rejects "a value that is not decimal" 'EPERM 0x1\n'
rejects "a value outside int64" 'BIG 9223372036854775808\n'
rejects "a line with three fields" 'EPERM 1 2\n'
rejects "an empty table" ''

printf 'EPERM 1\n' >"$tmp/t/constants.tbl"
if run "$tmp/t/arch.tbl" "$tmp/t/syscalls.tbl"; then
	check 1 "rejects an arch without constants.tbl"
else
	check 0 "rejects an arch without constants.tbl"
fi

echo "1..$n"
exit "$failed"
