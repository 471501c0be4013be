#!/bin/sh
# big-seeds.sh DIR: writes seeds of up to about 1 MB that reach the limits
# of issue 17 into DIR (made at fuzz time, not kept in the repository):
# long '|', '||' and '&&' chains, parentheses at and past the 256 limit,
# many filters of one syscall (past the 4096 comparisons), long lines and
# names, many statements, and test files of the same kinds.  libFuzzer
# mutates them from there.
dir=$1
mkdir -p "$dir" || exit 1
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
{ printf 'read: arg0 == 1'; rep 170000 ' | 1'; echo; } >"$dir/or-chain"
{ printf 'read: arg0 == 0'; awk 'BEGIN { for (i = 1; i < 4096; i++) printf " || arg%d == %d", i % 6, i }'; echo; } >"$dir/oror-4096"
{ printf 'read: arg0 != 0'; awk 'BEGIN { for (i = 1; i < 5000; i++) printf " && arg%d != %d", i % 6, i }'; echo; } >"$dir/andand-5000"
{ printf 'read: arg0 == '; rep 256 '('; printf 1; rep 256 ')'; echo; } >"$dir/parens-256"
{ printf 'read: arg0 == '; rep 257 '(~'; printf 1; rep 257 ')'; echo; } >"$dir/parens-257"
awk 'BEGIN { for (i = 0; i < 4097; i++) printf "read: arg0 == %d; return %d\n", i, i % 4000 + 1 }' >"$dir/one-syscall-4097"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{read, write}: arg%d == %d || arg1 & 0x%x\n", i % 6, i, i }' >"$dir/many-statements"
{ printf '# '; rep 1000000 x; printf '\nread: arg0 == FOO\n'; } >"$dir/long-comment"
{ rep 100000 r; echo ': 1'; } >"$dir/long-name"
{ printf 'read('; rep 150000 '1|'; echo '2) -> allow'; } >"$dir/test-or-chain"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "read(%d) -> allow\nwrite(%d, 0) -> errno EPERM\n", i, i }' >"$dir/test-many-lines"
awk 'BEGIN { for (i = 0; i < 2000; i++) print "@include ./common_device.policy" }' >"$dir/many-includes"
# NUL bytes in a comment, a path and a test line: flex rescanned a token
# at each NUL, so these took quadratic time before tokens stopped at NULs.
{ printf 'read: 1 #'; head -c 1000000 /dev/zero; echo; } >"$dir/nul-comment"
{ printf '@include ./a'; head -c 100000 /dev/zero; echo; } >"$dir/nul-path"
{ printf 'read(0) -> allow # '; head -c 500000 /dev/zero; echo; } >"$dir/test-nul-comment"
