#!/bin/sh
# compile_seccomp_policy: minijail's command line, seccomp-gen's programs.
# Every option minijail's compile_seccomp_policy.py takes is accepted and
# gives the program `seccomp-gen -f raw` gives for the same policy and
# options; then crosvm's jail/build.rs is done as it does it, on every
# arch of ../shared/corpus/crosvm (skipped without it).
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:?}"
CSP=$abs_top_builddir/compile_seccomp_policy
export CSP
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99
csp() { "$CSP" "$@"; }

# A target of six x86_64 syscalls (numbers from the kernel's table).
cat >constants.json <<'EOF'
{ "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64,
  "syscalls": { "read": 0, "write": 1, "openat": 257, "getpid": 39, "getppid": 110, "exit_group": 231 },
  "constants": { "EPERM": 1, "EACCES": 13, "O_RDONLY": 0, "O_CLOEXEC": 524288 } }
EOF
printf 'read: 1\nwrite: arg0 == 1 || arg0 == 2\nopenat: arg2 in O_RDONLY|O_CLOEXEC\ngetppid: return EACCES\nexit_group: 1\n' >app.policy
same() { # compile_seccomp_policy options (single words) -- seccomp-gen options: the same bytes for app.policy
	a=; while [ "$1" != -- ]; do a="$a $1"; shift; done; shift
	csp $a app.policy csp.bpf && sg --arch-json constants.json -f raw -o sg.bpf "$@" app.policy && cmp csp.bpf sg.bpf
}

check "--help exits 0 and names every minijail option" sh -c '"$CSP" --help >help.txt && for o in arch-json default-action denylist use-kill-process use-ret-log include-depth-limit optimization-strategy output-header-file; do grep -q -- "--$o" help.txt || exit 1; done'
check "no arguments: exit 2" status 2 csp
check "only POLICY: exit 2" status 2 csp app.policy
check "three positionals: exit 2" status 2 csp app.policy a.bpf b.bpf
check "unknown option: exit 2" status 2 csp --arch x86_64 app.policy out.bpf
mkdir elsewhere
check "no constants.json in the current directory: exit 2" sh -c 'cd elsewhere && "$CSP" ../app.policy out.bpf; test $? -eq 2'
check "no constants.json: says which file and how to give one" sh -c 'cd elsewhere && "$CSP" ../app.policy out.bpf 2>&1 | grep -q "constants.json.*--arch-json FILE"'
check "no constants.json: no output" test ! -e elsewhere/out.bpf
check "constants.json in the current directory by default" same -- --
check "--arch-json FILE" sh -c 'cd elsewhere && "$CSP" --arch-json ../constants.json ../app.policy out.bpf && cmp out.bpf ../csp.bpf'
check "--arch-json=FILE" sh -c 'cd elsewhere && "$CSP" --arch-json=../constants.json ../app.policy out2.bpf && cmp out2.bpf ../csp.bpf'
check "options after the positionals" sh -c '"$CSP" app.policy late.bpf --default-action trap && "$SECCOMP_GEN" --arch-json constants.json --default-action trap -f raw app.policy | cmp - late.bpf'
check "--default-action trap" same --default-action trap -- --default-action trap
check "--default-action 'return 1'" sh -c '"$CSP" --default-action "return 1" app.policy r1.bpf && "$SECCOMP_GEN" --arch-json constants.json --default-action "return 1" -f raw app.policy | cmp - r1.bpf'
check "--default-action kill is kill-process, as minijail" same --default-action kill -- --default-action kill-process
check "--default-action log (permissive)" same --default-action log -- --default-action log
check "--use-kill-process" same --use-kill-process -- --use-kill-process
check "--optimization-strategy linear: accepted, seccomp-gen's layout" same --optimization-strategy linear -- --
check "--optimization-strategy bst: accepted, seccomp-gen's layout" same --optimization-strategy=bst -- --
check "--optimization-strategy other: exit 2" status 2 csp --optimization-strategy fast app.policy x.bpf
check "--use-ret-log" same --use-ret-log -- --use-ret-log
printf '@denylist\ngetpid: return EPERM\n' >deny.policy
check "--denylist" sh -c '"$CSP" --denylist deny.policy d1.bpf && "$SECCOMP_GEN" --arch-json constants.json --denylist -f raw -o d2.bpf deny.policy && cmp d1.bpf d2.bpf'
check "a @denylist policy without --denylist: exit 1" status 1 csp deny.policy d3.bpf

# --use-ret-log: what would kill or return an errno logs instead, a wrong
# arch included (as minijail: its kill action is SECCOMP_RET_LOG).
cat >retlog.expect <<'EOF'
read -> allow
write(1) -> allow
write(3) -> log
getppid -> log
getpid -> log
read[from=x86] -> log
EOF
check "--use-ret-log: kills and errnos log" sg --arch-json constants.json --use-ret-log --test retlog.expect app.policy
check "--use-ret-log: differs from the program without it" sh -c '"$CSP" app.policy plain.bpf && "$CSP" --use-ret-log app.policy log.bpf && ! cmp -s plain.bpf log.bpf'
check "MINIJAIL_DEFAULT_RET_LOG set (even empty) is --use-ret-log" sh -c 'MINIJAIL_DEFAULT_RET_LOG= "$CSP" app.policy env.bpf 2>env.err && cmp env.bpf log.bpf'
check "MINIJAIL_DEFAULT_RET_LOG: warns that the policy stops nothing" grep -q "warning: MINIJAIL_DEFAULT_RET_LOG" env.err

# --include-depth-limit N: at most N files open at once (minijail's
# default 10); beyond, a located error.
i=1
while [ $i -le 11 ]; do
	printf '@include ./d%d.policy\n' $((i + 1)) >d$i.policy
	i=$((i + 1))
done
echo 'read: 1' >d12.policy
check "11 nested includes (12 files): refused by default" status 1 csp d1.policy deep.bpf
check "the error is at the include that goes too deep" grep -q "^d10.policy:1:10: error: includes nested more than 10 levels deep" err.txt
check "--include-depth-limit 12 accepts them" status 0 csp --include-depth-limit 12 d1.policy deep.bpf
check "--include-depth-limit 2 refuses d1 -> d2 -> d3" sh -c '"$CSP" --include-depth-limit 2 d10.policy x.bpf 2>&1 | grep -q "^d11.policy:1:10: error: includes nested more than 2 levels deep"'
check "--include-depth-limit 0: exit 2" status 2 csp --include-depth-limit 0 d1.policy x.bpf
check "--include-depth-limit x: exit 2" status 2 csp --include-depth-limit x d1.policy x.bpf

# Errors keep seccomp-gen's located form, and leave no output.
printf 'read: 1\nbogus: 1\n' >bad.policy
echo 'previous' >keep.bpf
check "a bad policy: exit 1" status 1 csp bad.policy keep.bpf
check "a bad policy: file:line:col: error: with the line and a caret" sh -c 'grep -q "^bad.policy:2:1: error: unknown syscall .bogus." err.txt && grep -q "^ *2 | bogus: 1" err.txt && grep -q "^ *| \^~~~~$" err.txt'
check "a bad policy: the old output is untouched" grep -qx previous keep.bpf

# --output-header-file: OUTPUT.h holds OUTPUT_binary_seccomp_policy[] and
# OUTPUT_seccomp_bpf_program, as minijail's header; the bytes are the
# raw program's.
check "--output-header-file writes OUTPUT.h, not OUTPUT" sh -c '"$CSP" --output-header-file app.policy app_filter && test -f app_filter.h && test ! -e app_filter'
cat >dump.c <<'EOF'
#include <stdio.h>
#include "app_filter.h"
int main(void)
{
	fwrite(app_filter_seccomp_bpf_program.bpf, 8, app_filter_seccomp_bpf_program.cnt, stdout);
	return app_filter_seccomp_bpf_program.cnt != sizeof(app_filter_binary_seccomp_policy) / 8;
}
EOF
check "the header compiles cleanly and holds the raw program" sh -c '${CC:-cc} -Wall -Wextra -Werror -o dump dump.c && ./dump >h.bpf && "$CSP" app.policy raw.bpf && cmp h.bpf raw.bpf'
check "the header's include guard is minijail's (MJ_SECCOMP_APP_FILTER_H)" grep -q "^#ifndef MJ_SECCOMP_APP_FILTER_H" app_filter.h
mkdir out
check "OUTPUT in a directory: OUTPUT.h there, symbols from the last part" sh -c '"$CSP" --output-header-file app.policy out/app_filter && grep -q "app_filter_seccomp_bpf_program = {" out/app_filter.h'
check "OUTPUT whose last part is no C identifier: exit 2" status 2 csp --output-header-file app.policy out/app-filter

# The manual: no mandoc warnings, every option of --help in it.
page=${abs_top_srcdir:-$PWD}/man/compile_seccomp_policy.1
if command -v mandoc >/dev/null 2>&1; then
	check "compile_seccomp_policy.1: mandoc -T lint -W warning reports nothing" sh -c '! mandoc -T lint -W warning "$0" | grep .' "$page"
else
	skip "compile_seccomp_policy.1: mandoc is not installed"
fi
check "compile_seccomp_policy.1 documents every option of --help" sh -c 'for o in $(grep -o -- "--[a-z][a-z-]*" help.txt | sort -u); do grep -q -- "Fl \\\\-${o#--}" "$0" || { echo "missing $o"; exit 1; }; done' "$page"

# crosvm's jail/build.rs, done as it does it: the policies copied with
# /usr/share/policy/crosvm rewritten to ".", then every *.policy compiled
# by the compile_seccomp_policy found on PATH, from another directory:
#   compile_seccomp_policy --arch-json IN/constants.json --default-action trap IN/P.policy OUT/P.bpf
# Each program must be the one seccomp-gen writes for the same policy.
corpus=$SG_SHARED/corpus/crosvm
if [ ! -d "$corpus" ]; then
	skip "crosvm's build.rs emulation: ../shared/corpus/crosvm not found (skipped)"
else
	mkdir crate
	for dir in "$corpus"/*/; do
		arch=$(basename "$dir")
		[ -f "$dir/constants.json" ] || continue
		in=$tmp/$arch/policy_input out=$tmp/$arch/policy_output
		mkdir -p "$in" "$out" "$tmp/$arch/own"
		for f in "$dir"*; do
			sed 's|/usr/share/policy/crosvm|.|g' "$f" >"$in/$(basename "$f")"
		done
		total=0 bad=0
		for p in "$in"/*.policy; do
			name=$(basename "$p" .policy)
			total=$((total + 1))
			if ! (cd crate && PATH="$abs_top_builddir:$PATH" compile_seccomp_policy \
				--arch-json "$in/constants.json" --default-action trap "$p" "$out/$name.bpf") 2>>"$tmp/$arch.err" ||
			   ! "$SECCOMP_GEN" --arch-json "$in/constants.json" --default-action trap -f raw \
				-o "$tmp/$arch/own/$name.bpf" "$p" 2>>"$tmp/$arch.err" ||
			   ! cmp "$out/$name.bpf" "$tmp/$arch/own/$name.bpf" >>"$tmp/$arch.err" 2>&1; then
				bad=$((bad + 1))
				echo "$name" >>"$tmp/$arch.err"
			fi
		done
		n=$((n + 1))
		if [ $bad -eq 0 ] && [ $total -gt 0 ]; then
			echo "ok $n - crosvm build.rs on $arch: $total policies, each the program seccomp-gen writes"
		else
			echo "not ok $n - crosvm build.rs on $arch: $bad of $total differ or fail"
			sed 's/^/# /' "$tmp/$arch.err"
		fi
	done
fi
echo "1..$n"
