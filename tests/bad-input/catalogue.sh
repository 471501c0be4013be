# The bad-input catalogue, sourced by tests/bad-input.sh.  Each case makes
# its inputs in $W with put/repeat (or uses the files beside this one,
# in $D), then states with `bad` the exit status and the message it must
# give.  Cases already covered by tests/diagnostics/ and tests/cli.sh are
# not repeated here.

# --- truncated lines ------------------------------------------------------
put p.policy 'read:\n'
bad "truncated after the colon" 1 "p.policy:1:6: error: unexpected end of line" --arch x86_64 $O p.policy
put p.policy 'read: arg0 =='
bad "truncated after an operator, no final newline" 1 "p.policy:1:12: error: unexpected end of line; expected name, number, '~' or '('" --arch x86_64 $O p.policy
put p.policy 'read: arg0\n'
bad "truncated after the argument" 1 "p.policy:1:11: error: unexpected end of line" --arch x86_64 $O p.policy
put p.policy 'read: {arg0 == 1; return 1,\n'
bad "truncated filter list" 1 "p.policy:1:28: error: unexpected end of line" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == (1\n'
bad "unclosed parenthesis" 1 "p.policy:1:17: error: unexpected end of line; expected '|' or ')'" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == 1)\n'
bad "unmatched closing parenthesis" 1 "p.policy:1:16: error: unexpected ')'" --arch x86_64 $O p.policy
put p.policy '{read, write\n'
bad "truncated syscall list" 1 "p.policy:1:13: error: unexpected end of line; expected '}' or ','" --arch x86_64 $O p.policy
put p.policy '{}: 1\n'
bad "empty syscall list" 1 "p.policy:1:2: error: unexpected '}'" --arch x86_64 $O p.policy
put p.policy '@include\n'
bad "@include without a path" 1 "p.policy:1:9: error: unexpected end of line; expected path" --arch x86_64 $O p.policy
put p.policy '@default\n'
bad "@default without an action" 1 "p.policy:1:9: error: unexpected end of line" --arch x86_64 $O p.policy
put p.policy 'read: return\n'
bad "return without a value" 1 "p.policy:1:13: error: unexpected end of line; expected name or number" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == 1;\n'
bad "semicolon without an action" 1 "p.policy:1:17: error: unexpected end of line" --arch x86_64 $O p.policy
put p.policy 'read: arg0 1\n'
bad "comparison without an operator" 1 "p.policy:1:12: error: unexpected '1'" --arch x86_64 $O p.policy
put p.policy 'read: arg0 === 1\n'
bad "a '===' operator" 1 "p.policy:1:14: error: unexpected '='" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == 1 &&\n'
bad "dangling '&&'" 1 "p.policy:1:19: error: unexpected end of line; expected argument" --arch x86_64 $O p.policy
put p.policy 'read: || arg0 == 1\n'
bad "leading '||'" 1 "p.policy:1:7: error: unexpected '||'" --arch x86_64 $O p.policy
put p.policy 'read[arch=x86_64: 1\n'
bad "unclosed metadata" 1 "p.policy:1:17: error: unexpected ':'" --arch x86_64 $O p.policy
put p.policy 'read[]: 1\n'
bad "empty metadata" 1 "p.policy:1:6: error: unexpected ']'; expected name" --arch x86_64 $O p.policy
put p.policy 'read[arch=]: 1\n'
bad "metadata without a value" 1 "p.policy:1:11: error: unexpected ']'; expected name" --arch x86_64 $O p.policy
put p.policy 'read: 1\nwrite: \\'
bad "line continuation at the end of the file" 1 "p.policy:2:8: error: invalid character '\\'" --arch x86_64 $O p.policy
put p.policy 'read: 1\rwrite: 1\r'
bad "CR-only line ends (one long line)" 1 "p.policy:1:9: error: unexpected 'write'" --arch x86_64 $O p.policy

# --- unknown names ---------------------------------------------------------
put p.policy 're-ad: 1\n'
bad "syscall name with '-'" 1 "p.policy:1:1: error: unknown syscall 're-ad' on x86_64; did you mean 'read'?" --arch x86_64 $O p.policy
put p.policy 'read: return EFOO\n'
bad "unknown errno name" 1 "p.policy:1:14: error: unknown constant 'EFOO' on x86_64" --arch x86_64 $O p.policy
put p.policy 'mmap: arg2 in ~PROT_EXECUTE\n'
bad "unknown constant in a mask" 1 "p.policy:1:16: error: unknown constant 'PROT_EXECUTE' on x86_64; did you mean 'PROT_EXEC'?" --arch x86_64 $O p.policy
put p.policy 'read: arg99999999999 == 1\n'
bad "huge argument index" 1 "p.policy:1:7: error: no such argument: a syscall has six arguments, arg0 to arg5" --arch x86_64 $O p.policy
put p.policy 'read: arg6 == 1\n'
bad "arg6" 1 "p.policy:1:7: error: 'arg6' does not exist" --arch x86_64 $O p.policy
put p.policy 'read[abi=x86_64]: 1\n'
bad "unknown metadata key" 1 "p.policy:1:6: error: unknown metadata key 'abi'; expected 'arch'" --arch x86_64 $O p.policy
put p.policy 'read[arch=x86_64;arch=arm]: 1\n'
bad "duplicate metadata key" 1 "p.policy:1:18: error: duplicate metadata key 'arch'" --arch x86_64 $O p.policy
put p.policy 'mmap2[arch=x86_64]: 1\n'
bad "a syscall missing on the arch its metadata names" 1 "p.policy:1:1: error: unknown syscall 'mmap2' on x86_64" --arch x86_64 $O p.policy
{ repeat 100000 x; echo ': 1'; } >"$W/p.policy"
bad "a 100,000-character syscall name" 1 "p.policy:1:1: error: unknown syscall 'xxxxxxxx" --arch x86_64 $O p.policy
put p.policy 'sync_file_range2: arg0 == 1\narm_sync_file_range: return 5\n'
bad "two names of one number with different filters (arm)" 1 "error: 'arm_sync_file_range' and 'sync_file_range2' are the same syscall (341) on arm" --arch arm $O p.policy

# --- numbers -----------------------------------------------------------------
put p.policy 'read: arg0 == 18446744073709551616\n'
bad "decimal beyond 64 bits" 1 "p.policy:1:15: error: constant does not fit in a 64-bit word (the word size of x86_64)" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == -9223372036854775809\n'
bad "negative beyond 64 bits" 1 "p.policy:1:15: error: constant does not fit in a 64-bit word" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == 0x100000000\n'
bad "beyond 32 bits on arm" 1 "p.policy:1:15: error: constant does not fit in a 32-bit word (the word size of arm)" --arch arm $O p.policy
put p.policy 'read: arg0 == 0x\n'
bad "hexadecimal without digits" 1 "p.policy:1:15: error: hexadecimal constant '0x' has no digits" --arch x86_64 $O p.policy
put p.policy 'read: arg0 == 0xfg\n'
bad "invalid hexadecimal digit" 1 "p.policy:1:18: error: invalid digit 'g' in hexadecimal constant" --arch x86_64 $O p.policy
{ printf 'read: arg0 == '; repeat 100000 9; echo; } >"$W/p.policy"
bad "a 100,000-digit number" 1 "p.policy:1:15: error: constant does not fit in a 64-bit word" --arch x86_64 $O p.policy
put p.policy 'read: return -1\n'
bad "negative errno" 1 "p.policy:1:14: error: errno value must be 0 to 4095" --arch x86_64 $O p.policy
put p.policy 'read: return 0x10000\n'
bad "errno beyond 16 bits" 1 "p.policy:1:14: error: errno value must be 0 to 4095" --arch x86_64 $O p.policy

# --- structure, nesting and size -------------------------------------------------
{ printf 'read: arg0 == '; repeat 100000 '('; printf 1; repeat 100000 ')'; echo; } >"$W/p.policy"
bad "100,000-deep parentheses" 1 "p.policy:1:271: error: expression nested too deeply: more than 256 levels of parentheses" --arch x86_64 $O p.policy
{ printf 'read: arg0 == '; repeat 257 '('; printf 1; repeat 257 ')'; printf '\nwrite: arg0 == 1 ||\n'; } >"$W/p.policy"
bad "257-deep parentheses, and the next line is still read" 1 "p.policy:2:20: error: unexpected end of line; expected argument" --arch x86_64 $O p.policy
{ printf 'read: arg0 == '; repeat 256 '('; printf 1; repeat 256 ')'; echo; } >"$W/p.policy"
put t.expect 'read(1) -> allow\nread(2) -> kill\n'
bad "256-deep parentheses compile" 0 "t.expect: 2 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
{ printf 'read: arg0 == '; repeat 256 '(~'; printf 1; repeat 256 ')'; echo; } >"$W/p.policy"
put t.expect 'read(1) -> allow\nread(2) -> kill\n'
bad "256 nested '(~' compile (an even count of '~')" 0 "t.expect: 2 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
# Every other value: runs of consecutive values with one action are one range.
{ printf 'read: arg0 == 0'; awk 'BEGIN { for (i = 1; i < 4096; i++) printf " || arg0 == %d", 2 * i }'; echo; } >"$W/p.policy"
bad "4,096 alternatives: too long a program" 1 "seccomp-gen: error: policy 'p' compiles to" --arch x86_64 $O p.policy
{ printf 'read: arg0 == 0'; awk 'BEGIN { for (i = 1; i < 5000; i++) printf " || arg0 == %d", i }'; echo; } >"$W/p.policy"
bad "5,000 alternatives: more comparisons than instructions" 1 \
	"p.policy:1:7: error: too many comparisons for syscall 'read': more than 4096, and each takes at least one of the 4096 instructions the kernel accepts" --arch x86_64 $O p.policy
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "read: arg0 == %d; return 1\n", i }' >"$W/p.policy"
bad "5,000 statements for one syscall: the 4,097th comparison" 1 "p.policy:4097:7: error: too many comparisons for syscall 'read'" --arch x86_64 $O p.policy
{ printf 'read: {'; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sarg0 == %d; return 1", i ? ", " : "", i }'; echo '}'; } >"$W/p.policy"
bad "100,000 filters in one statement" 1 "p.policy:1:97202: error: too many comparisons for syscall 'read'" --arch x86_64 $O p.policy
# A constant of 200,000 terms (1.2 MB) is one comparison: it compiles, in
# bounded stack (tests/stack.sh runs this file again with a 1 MiB stack).
{ printf 'read: arg0 == 1'; awk 'BEGIN { for (i = 1; i < 200000; i++) printf " | %d", 2 ^ (i % 16) }'; echo; } >"$W/p.policy"
put t.expect 'read(0xffff) -> allow\nread(0x7fff) -> kill\nread(0x1ffff) -> kill\n'
bad "a 200,000-term '|' constant compiles and decides" 0 "t.expect: 3 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
{ printf 'read: arg0 == 1'; awk 'BEGIN { for (i = 1; i < 200000; i++) printf " | %s", i == 150000 ? "O_BOGUS" : "1" }'; echo; } >"$W/p.policy"
bad "a 200,000-term '|' constant with an unknown name in it" 1 "p.policy:1:600015: error: unknown constant 'O_BOGUS' on x86_64" --arch x86_64 $O p.policy
{ printf 'read: arg0 == 0'; awk 'BEGIN { for (i = 1; i < 200000; i++) printf " || arg0 == %d", i }'; echo; } >"$W/p.policy"
bad "200,000 alternatives ('||')" 1 "p.policy:1:7: error: too many comparisons for syscall 'read': more than 4096" --arch x86_64 $O p.policy
{ printf 'read: arg0 != 0'; awk 'BEGIN { for (i = 1; i < 200000; i++) printf " && arg%d != %d", i % 6, i }'; echo; } >"$W/p.policy"
RSS_LIMIT=131072
bad "200,000 conjuncts ('&&')" 1 "p.policy:1:7: error: too many comparisons for syscall 'read': more than 4096" --arch x86_64 $O p.policy
{ printf 'read: arg0 == 0'; awk 'BEGIN { for (i = 1; i < 4096; i++) printf " && arg0 == %d", i }'; echo; } >"$W/p.policy"
put t.expect 'read(0) -> kill\nread(4095) -> kill\n'
bad "4,096 conjuncts on one argument compile and validate quickly" 0 "t.expect: 2 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
put p.policy 'read: 1\n'
{ printf 'read('; repeat 199999 '1|'; echo '2) -> allow'; } >"$W/t.expect"
bad "a test file with a 200,000-term argument" 0 "t.expect: 1 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
put p.policy 'read: 1\n'
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "read(%d) -> allow\n", i }' >"$W/t.expect"
RSS_LIMIT=131072
bad "a test file of 200,000 lines" 0 "t.expect: 200000 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
# Each @include reads its file again: 20 files that each include the next
# twice would read 2^20 files.
put b0.policy 'read: 1\n'
for i in $(seq 1 20); do put "b$i.policy" "@include ./b$((i - 1)).policy\n@include ./b$((i - 1)).policy\n"; done
bad "an include bomb (2^20 inclusions)" 1 \
	"error: too much included: more than 10000 files or 64 MiB read in all (a file is read again at each @include of it)" --arch x86_64 $O b20.policy
for i in $(seq 1 1000); do put "f$i.policy" "read: arg0 == $i\n"; done
RSS_LIMIT=262144
bad "1,000 policies on the command line" 0 "" --arch x86_64 $O $(for i in $(seq 1 1000); do printf 'f%s.policy ' "$i"; done)
awk 'BEGIN { printf "{\"main\": {\"default_action\": \"trap\", \"filter_action\": \"allow\", \"filter\": [{\"syscall\": \"read\", \"args\": [";
	for (i = 0; i < 100000; i++) printf "%s{\"index\": 0, \"type\": \"dword\", \"op\": \"ne\", \"val\": %d}", i ? ", " : "", i; print "]}]}}" }' >"$W/p.json"
RSS_LIMIT=262144
bad "JSON: 100,000 conditions in one rule" 1 "p.json:1:86: error: too many comparisons for syscall 'read'" --arch x86_64 $O p.json
{ repeat 200000 '['; repeat 200000 ']'; } >"$W/p.json"
bad "JSON: 200,000-deep arrays" 1 "p.json:1:9999: error: JSON nested too deeply" --arch x86_64 $O p.json
put inc.policy 'read: 1\n'
awk 'BEGIN { for (i = 0; i < 5000; i++) print "@include ./inc.policy" }' >"$W/p.policy"
bad "one file included 5,000 times" 1 "inc.policy:1:1: error: syscall 'read' already has an unconditional action" --arch x86_64 $O p.policy
{ printf 'read: 1\n'; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "bogus%d: 1\n", i }'; } >"$W/p.policy"
bad "5,000 unknown syscalls: stops after 20 errors" 1 "seccomp-gen: too many errors, stopping" --arch x86_64 $O p.policy
for i in $(seq 1 40); do put "c$i.policy" "@include ./c$((i + 1)).policy\n"; done
put c41.policy 'read: 1\n'
bad "includes 40 deep" 1 "error: includes nested more than 32 levels deep" --arch x86_64 $O c1.policy
put p.policy '@include ./p.policy\n'
bad "a file that includes itself" 1 "p.policy:1:10: error: include cycle: p.policy -> p.policy" --arch x86_64 $O p.policy
put a.policy '@include ./b.policy\n'
put b.policy 'read: 1\n@include ./a.policy\n'
bad "an include cycle of two files" 1 "b.policy:2:10: error: include cycle: a.policy -> b.policy -> a.policy" --arch x86_64 $O a.policy

# --- files that cannot be read ---------------------------------------------------
put p.policy '@include /nonexistent/dir/x.policy\n'
bad "absolute include that does not exist" 1 "p.policy:1:10: error: cannot read included file '/nonexistent/dir/x.policy': No such file or directory" --arch x86_64 $O p.policy
put p.policy '@include ./sub\n'
mkdir "$W/sub"
bad "a directory included" 1 "p.policy:1:10: error: cannot read included file 'sub': Is a directory" --arch x86_64 $O p.policy
put p.policy 'read: 1\n'
put q.policy '@include ./p.policy/x.policy\n'
bad "an include through a file as if it were a directory" 1 "q.policy:1:10: error: cannot read included file 'p.policy/x.policy': Not a directory" --arch x86_64 $O q.policy
put p.policy '@include /dev/zero\n'
bad "an endless device included" 1 "p.policy:1:10: error: cannot read included file '/dev/zero': not a regular file" --arch x86_64 $O p.policy
put p.policy '@include /dev/null\n'
bad "a device included" 1 "p.policy:1:10: error: cannot read included file '/dev/null': not a regular file" --arch x86_64 $O p.policy
put p.policy '@frequency /dev/zero\nread: 1\n'
bad "an endless device as @frequency" 1 "p.policy:1:12: error: cannot read frequency file '/dev/zero': not a regular file" --arch x86_64 $O p.policy
put p.policy '@frequency ./none.frequency\nread: 1\n'
bad "missing @frequency file" 1 "p.policy:1:12: error: cannot read frequency file 'none.frequency': No such file or directory" --arch x86_64 $O p.policy
put p.policy '@frequency ./f.frequency\nread: 1\n'
put f.frequency 'read: -5\n'
bad "negative frequency" 1 "f.frequency:1:7: error: a frequency must not be negative" --arch x86_64 $O p.policy
put p.policy '@frequency ./f.frequency\nread: 1\n'
put f.frequency 'read: lots\n'
bad "frequency that is not a number" 1 "f.frequency:1:7: error: unexpected 'lots'; expected number" --arch x86_64 $O p.policy
put p.policy 'read: 1\n'
put secret.policy 'read: 1\n'
chmod 000 "$W/secret.policy"
put q.policy '@include ./secret.policy\n'
if [ "$(id -u)" = 0 ]; then
	skip "an unreadable include (root reads it anyway)"
	rm -rf "$W"; mkdir "$W"
else
	bad "an unreadable include" 1 "q.policy:1:10: error: cannot read included file 'secret.policy': Permission denied" --arch x86_64 $O q.policy
fi
bad "empty path as the policy" 1 "seccomp-gen: error: cannot read '': No such file or directory" --arch x86_64 $O ''
long=$(repeat 5000 a)
bad "a 5,000-character path" 1 "File name too long" --arch x86_64 $O "$long.policy"
bad "/dev/zero as the policy" 1 "seccomp-gen: error: cannot read '/dev/zero': File too large" --arch x86_64 $O /dev/zero

# --- bytes that are not text --------------------------------------------------------
head -c 65536 "$SECCOMP_GEN" >"$W/p.policy"
bad "binary garbage (an ELF file)" 1 "p.policy:1:1: error: invalid byte 0x7f" --arch x86_64 $O p.policy
head -c 4096 /dev/zero >"$W/p.policy"
bad "a file of NUL bytes" 1 "p.policy:1:1: error: invalid byte 0x00" --arch x86_64 $O p.policy
put p.policy '\0357\0273\0277read: 1\n'
bad "a UTF-8 byte order mark" 1 "p.policy:1:1: error: invalid byte 0xef" --arch x86_64 $O p.policy
put p.policy 'r\0303\0251ad: 1\n'
bad "UTF-8 in a name" 1 "p.policy:1:2: error: invalid byte 0xc3" --arch x86_64 $O p.policy
put p.policy 'read: 1 \033[31m\n'
bad "a terminal escape sequence (shown as '?')" 1 "p.policy:1:9: error: invalid byte 0x1b" --arch x86_64 $O p.policy
put p.policy '@include ./inc.policy\0/../../etc/passwd\n'
put inc.policy 'read: 1\n'
bad "a NUL byte inside an @include path" 1 "p.policy:1:22: error: invalid byte 0x00 in a path" --arch x86_64 $O p.policy
put p.policy 'read: 1 # comment with \0377 and \0000 bytes\nwrite: arg0 =\n'
bad "odd bytes in a comment are fine, the error is after" 1 "p.policy:2:13: error: unexpected '='" --arch x86_64 $O p.policy

# --- huge inputs ---------------------------------------------------------------------
head -c 100000000 /dev/zero | tr '\0' 'a' >"$W/p.policy"
RSS_LIMIT=65536
bad "a 100 MB line" 1 "seccomp-gen: error: cannot read 'p.policy': File too large" --arch x86_64 $O p.policy
{ printf '# '; head -c 8000000 /dev/zero | tr '\0' 'x'; printf '\nread: arg0 == FOO\n'; } >"$W/p.policy"
RSS_LIMIT=131072
bad "an 8 MB comment line, then an error" 1 "p.policy:2:15: error: unknown constant 'FOO' on x86_64" --arch x86_64 $O p.policy
{ head -c 2000000 /dev/zero | tr '\0' 'r'; printf ': 1\n'; } >"$W/p.policy"
RSS_LIMIT=131072
bad "a 2 MB syscall name" 1 "p.policy:1:1: error: unknown syscall 'rrrr" --arch x86_64 $O p.policy
# flex rescans a token from its start at each NUL byte in it: a comment,
# path or JSON string of NULs took quadratic time (80 kB: 31 s; 1 MB:
# hours) until no token could hold a NUL.
{ printf 'read: 1 #'; head -c 1000000 /dev/zero; printf '\nwrite: arg0 == 1\n'; } >"$W/p.policy"
put t.expect 'read -> allow\nwrite(1) -> allow\nwrite(2) -> kill\n'
bad "a 1 MB comment of NUL bytes compiles, quickly" 0 "t.expect: 3 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
{ printf '@include ./inc.policy'; head -c 1000000 /dev/zero; echo; } >"$W/p.policy"
bad "an @include path followed by 1 MB of NUL bytes" 1 "p.policy:1:22: error: invalid byte 0x00 in a path" --arch x86_64 $O p.policy
{ printf '{"main": {"default_action": "trap", "filter_action": "allow", "filter": [{"syscall": "'; head -c 1000000 /dev/zero; echo '"}]}}'; } >"$W/p.json"
bad "JSON: a string of 1 MB of NUL bytes" 1 "p.json:1:87: error: control character in a string" --arch x86_64 $O p.json
{ printf 'read -> allow #'; head -c 1000000 /dev/zero; echo; } >"$W/t.expect"
put p.policy 'read: 1\n'
bad "test file: a 1 MB comment of NUL bytes" 0 "t.expect: 1 passed, 0 failed (x86_64)" --arch x86_64 --test t.expect $O p.policy
head -c 8000000 /dev/zero | tr '\0' '\n' >"$W/p.policy"
RSS_LIMIT=131072
bad "8 million empty lines compile (to a program that kills)" 0 "" --arch x86_64 $O p.policy
awk 'BEGIN { printf "{\"arch_nr\": 3221225534, \"arch_name\": \"x86_64\", \"bits\": 64, \"syscalls\": {";
	for (i = 0; i < 20000; i++) printf "%s\"s%d\": %d", i ? ", " : "", i, i; print "}, \"constants\": {}}" }' >"$W/big.json"
awk 'BEGIN { for (i = 0; i < 20000; i += 2) printf "s%d: return %d\n", i, i % 7 + 1 }' >"$W/p.policy"
RSS_LIMIT=131072
bad "20,000 ranges of numbers (an arch from JSON): too long for the kernel, said quickly" 1 \
	"error: policy 'p' compiles to" --arch-json big.json $O p.policy

# --- output paths --------------------------------------------------------------------
put p.policy 'read: 1\n'
mkdir "$W/dir.c"
bad "output path is a directory" 1 "seccomp-gen: error: cannot write 'dir.c': Is a directory" --arch x86_64 -o dir.c p.policy
put p.policy 'read: 1\n'
bad "output path through a file" 1 "seccomp-gen: error: cannot create 'p.policy/out.c': Not a directory" --arch x86_64 -o p.policy/out.c p.policy

# --- command line ---------------------------------------------------------------------
put p.policy 'read: 1\n'
bad "--include-map without OLD" 2 "seccomp-gen: --include-map takes OLD=NEW, not '=x'" --arch x86_64 --include-map =x $O p.policy
put p.policy 'read: 1\n'
bad "--include-map without NEW" 2 "seccomp-gen: --include-map takes OLD=NEW, not 'a='" --arch x86_64 --include-map a= $O p.policy
put p.policy 'read: 1\n'
bad "17 --include-map options" 2 "seccomp-gen: too many --include-map options" --arch x86_64 $(for i in $(seq 1 17); do printf -- '--include-map a%s=b ' "$i"; done) $O p.policy
put p.policy 'read: 1\n'
bad "unknown --default-action" 1 "seccomp-gen: error: invalid --default-action 'bogus'" --arch x86_64 --default-action bogus $O p.policy
put p.policy 'read: 1\n'
bad "--default-action with too big an errno" 1 "seccomp-gen: error: invalid --default-action 'return 99999'" --arch x86_64 --default-action 'return 99999' $O p.policy
put p.policy 'read: 1\n'
bad "unknown warning option" 2 "seccomp-gen: unknown warning '-Wbogus'" --arch x86_64 -Wbogus $O p.policy
put p.policy 'read: return 1\n'
bad "--denylist on a policy without @denylist" 1 "seccomp-gen: error: --denylist was given but p.policy has no @denylist line" --arch x86_64 --denylist $O p.policy
put p.policy '@denylist\nread: return 1\n'
bad "@denylist without --denylist" 1 "p.policy:1:1: error: the policy is a denylist (@denylist) but --denylist was not given" --arch x86_64 $O p.policy
put p.policy 'read: arg1 & O_RDONLY\n'
bad "-Werror makes a lint an error" 1 "p.policy:1:7: error: the mask is 0 on x86_64, so '&' never holds; to test for 0, write '== 0' [-Werror=zero-mask]" --arch x86_64 -Werror $O p.policy

# --- test files (--test) ----------------------------------------------------------------
# bad_test NAME 'TEXT' DIAGNOSTIC: a test file holding TEXT, against 'read: 1' on x86_64.
bad_test() {
	put p.policy 'read: 1\n'
	put t.expect "$2"
	bad "test file: $1" 1 "$3" --arch x86_64 --test t.expect p.policy
}
put p.policy 'read: 1\nwrite: arg0 == 1\n'
put t.expect 'read -> allow\0junk\n'
bad "test file: a NUL byte hiding text" 1 "t.expect:1:14: error: invalid byte 0x00" --arch x86_64 --test t.expect p.policy
bad_test "no '->'" 'read allow\n' "t.expect:1:6: error: expected '->' and the expected result"
bad_test "unknown result" 'read -> maybe\n' "t.expect:1:9: error: invalid result 'maybe'"
bad_test "unclosed '('" 'read(1, 2 -> allow\n' "t.expect:1:5: error: unclosed '('"
bad_test "seven arguments" 'read(1,2,3,4,5,6,7) -> allow\n' "t.expect:1:18: error: a syscall has at most 6 arguments"
bad_test "unknown syscall" 'raed -> allow\n' "t.expect:1:1: error: unknown syscall 'raed' on x86_64"
bad_test "syscall number beyond 32 bits" '99999999999 -> allow\n' "t.expect:1:1: error: invalid syscall number '99999999999'"
bad_test "unknown constant in an argument" 'read(FOO) -> allow\n' "t.expect:1:6: error: unknown constant 'FOO' on x86_64"
bad_test "a failed expectation" 'read -> errno 1\n' "t.expect:1:1: error: read: expected errno 1, got allow"
put p.policy 'read: 1\n'
head -c 65536 "$SECCOMP_GEN" >"$W/t.expect"
bad "test file: binary garbage" 1 "t.expect:1:1: error: invalid byte 0x7f" --arch x86_64 --test t.expect p.policy
put p.policy 'read: 1\n'
mkdir "$W/t.expect"
bad "test file: a directory" 1 "seccomp-gen: error: cannot read test file 't.expect': Is a directory" --arch x86_64 --test t.expect p.policy
put p.policy 'read: 1\n'
bad "test file: missing" 1 "seccomp-gen: error: cannot read test file 'none.expect': No such file or directory" --arch x86_64 --test none.expect p.policy

# --- hints: what to write instead (issue 17) -------------------------------------------
put p.policy '@default kill-proces\n'
bad "hint: a misspelt action" 1 \
	"p.policy:1:10: error: unexpected 'kill-proces'; did you mean 'kill-process'? (an action is allow, kill, kill-process, kill-thread, trap, trace, log, user-notify or return ERRNO)" \
	--arch x86_64 $O p.policy
put p.policy 'read: arg0 == 1; retrun 1\n'
bad "hint: a misspelt 'return'" 1 "p.policy:1:18: error: unexpected 'retrun'; did you mean 'return'? (an action is" --arch x86_64 $O p.policy
put p.policy 'read: frob\n'
bad "hint: neither a comparison nor an action" 1 \
	"p.policy:1:7: error: unexpected 'frob'; expected a comparison (argN OP VALUE) or an action (allow, kill, kill-process, kill-thread, trap, trace, log, user-notify or return ERRNO)" \
	--arch x86_64 $O p.policy
put p.policy 'ioctl: arg1 = TCGETS\n'
bad "hint: '=' for '=='" 1 "p.policy:1:13: error: unexpected '='; did you mean '=='?" --arch x86_64 $O p.policy
put p.policy 'open: 1\n'
bad "hint: open on aarch64" 1 \
	"p.policy:1:1: error: unknown syscall 'open' on aarch64, which has 'openat' in its place; 'open[arch=x86_64,x86,arm]' limits a line to the arches that have 'open'" \
	--arch aarch64 $O p.policy
put p.policy 'stat: 1\n'
bad "hint: stat on riscv64 is newfstatat (not fstat)" 1 \
	"p.policy:1:1: error: unknown syscall 'stat' on riscv64, which has 'newfstatat' in its place; 'stat[arch=x86_64,x86,arm]'" \
	--arch riscv64 $O p.policy
put p.policy 'fork: 1\n'
bad "hint: fork on aarch64 is clone" 1 "p.policy:1:1: error: unknown syscall 'fork' on aarch64, which has 'clone' in its place" --arch aarch64 $O p.policy
put p.policy 'dup2: 1\n'
bad "hint: dup2 on riscv64 is dup3" 1 "p.policy:1:1: error: unknown syscall 'dup2' on riscv64, which has 'dup3' in its place" --arch riscv64 $O p.policy
put p.policy 'poll: 1\n'
bad "hint: poll on aarch64 is ppoll" 1 "p.policy:1:1: error: unknown syscall 'poll' on aarch64, which has 'ppoll' in its place" --arch aarch64 $O p.policy
put p.policy 'select: 1\n'
bad "hint: select on arm is pselect6" 1 \
	"p.policy:1:1: error: unknown syscall 'select' on arm, which has 'pselect6' in its place; 'select[arch=x86_64,x86]'" --arch arm $O p.policy
put p.policy 'epoll_wait: 1\n'
bad "hint: epoll_wait on aarch64 is epoll_pwait" 1 "p.policy:1:1: error: unknown syscall 'epoll_wait' on aarch64, which has 'epoll_pwait' in its place" --arch aarch64 $O p.policy
put p.policy 'rename: 1\n'
bad "hint: rename on riscv64 is renameat2 (it has no renameat)" 1 "p.policy:1:1: error: unknown syscall 'rename' on riscv64, which has 'renameat2' in its place" --arch riscv64 $O p.policy
put p.policy 'mmap2: 1\n'
bad "hint: mmap2 on x86_64 is mmap" 1 "p.policy:1:1: error: unknown syscall 'mmap2' on x86_64, which has 'mmap' in its place; 'mmap2[arch=x86,arm]'" --arch x86_64 $O p.policy
put p.policy 'opne: 1\n'
bad "hint: a transposition is one edit" 1 "p.policy:1:1: error: unknown syscall 'opne' on x86_64; did you mean 'open'?" --arch x86_64 $O p.policy
put p.policy 'mmap: arg2 in (PROT_READ|PROT_WRITE\n'
bad "hint: an unclosed '(' (the error)" 1 "p.policy:1:36: error: unexpected end of line; expected '|' or ')'" --arch x86_64 $O p.policy
put p.policy 'mmap: arg2 in (PROT_READ|PROT_WRITE\n'
bad "hint: an unclosed '(' (a note at it)" 1 "p.policy:1:15: note: this '(' is not closed" --arch x86_64 $O p.policy
put p.policy 'mmap: arg2 in ((PROT_READ)|(PROT_WRITE\n'
bad "hint: the innermost unclosed '('" 1 "p.policy:1:28: note: this '(' is not closed" --arch x86_64 $O p.policy
put common_device.policy 'read: 1\n'
put p.policy '@include ./comon_device.policy\n'
bad "hint: a misspelt include" 1 \
	"p.policy:1:10: error: cannot read included file 'comon_device.policy': No such file or directory; did you mean 'common_device.policy'?" \
	--arch x86_64 $O p.policy
put sub/common_device.policy 'read: 1\n'
put sub/p.policy '@include ./comon_device.policy\n'
bad "hint: a misspelt include, relative to the including file" 1 \
	"sub/p.policy:1:10: error: cannot read included file 'sub/comon_device.policy': No such file or directory; did you mean 'sub/common_device.policy'?" \
	--arch x86_64 $O sub/p.policy
put p.policy 'read: 1\n'
bad "hint: -a x86-64" 2 "seccomp-gen: unknown arch 'x86-64'; did you mean 'x86_64'? supported: x86_64, i386, aarch64, arm, riscv64" -a x86-64 $O p.policy
put p.policy 'read: 1\n'
bad "hint: -a riscv" 2 "seccomp-gen: unknown arch 'riscv'; did you mean 'riscv64'?" -a riscv $O p.policy
put p.policy 'read: 1\n'
bad "-a amd64 is x86_64" 0 "" -a amd64 $O p.policy
put p.policy 'read[arch=x86-64]: 1\n'
bad "hint: [arch=x86-64]" 1 "p.policy:1:11: error: unknown arch 'x86-64'; did you mean 'x86_64'? expected x86_64, x86, arm64, arm or riscv64" --arch x86_64 $O p.policy
bad_test "hint: a misspelt syscall" 'opneat -> allow\n' "t.expect:1:1: error: unknown syscall 'opneat' on x86_64; did you mean 'openat'?"
put p.policy 'read: 1\n'
put t.expect 'read -> allow\nopen -> kill\n'
bad "test file: hint: a syscall the arch does not have" 1 \
	"t.expect:2:1: error: unknown syscall 'open' on aarch64, which has 'openat' in its place; 'open[arch=x86_64,x86,arm]' limits a line to the arches that have 'open'" \
	--arch aarch64 --test t.expect p.policy
bad_test "hint: a misspelt errno name" 'read -> errno EACES\n' \
	"t.expect:1:15: error: invalid result 'errno EACES': unknown errno name 'EACES' on x86_64; did you mean 'EACCES'?"

# --- documented differences from minijail (README: "differs from minijail on purpose") ---
put p.policy 'read: return 4096\n'
bad "return 4096 (minijail keeps it; the kernel would cap it at 4095)" 1 "p.policy:1:14: error: errno value must be 0 to 4095" --arch x86_64 $O p.policy
put p.policy 'read: return 65535\n'
bad "return 65535" 1 "p.policy:1:14: error: errno value must be 0 to 4095" --arch x86_64 $O p.policy
put p.policy '@denylist\n@default kill\nptrace: arg0 == 1; return 1\n'
put t.expect 'ptrace(1) -> errno 1\nptrace(0) -> kill-thread\nread -> allow\nptrace[from=x86] -> kill-thread\n'
bad "--denylist: the arch check and @default kill kill (minijail: EPERM)" 0 "t.expect: 4 passed, 0 failed (x86_64)" --arch x86_64 --denylist --test t.expect $O p.policy
put p.policy 'read: arg0 == 1\n'
put t.expect 'read(0) -> kill-thread\n'
bad "--default-action kill is kill-thread (minijail: kill-process)" 0 "t.expect: 1 passed, 0 failed (x86_64)" --arch x86_64 --default-action kill --test t.expect $O p.policy
put p.policy 'read: arg0 == 1\n'
put t.expect 'read(0) -> kill-process\n'
bad "--default-action kill with --use-kill-process is kill-process" 0 "t.expect: 1 passed, 0 failed (x86_64)" --arch x86_64 --use-kill-process --default-action kill --test t.expect $O p.policy
