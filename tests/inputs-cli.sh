#!/bin/sh
# The command line of the new inputs and targets (--arch-json, seccompiler
# JSON, --category, --input-format, --arch A,B): usage errors, the files
# written, and generated C that compiles.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
src=$(cd "$srcdir" && pwd)
. "$src/tests/lib.sh"
cd "$tmp" || exit 99
json="$src/tests/seccompiler/vmm.json"
mips="$src/tests/arch-json/mips.json"
printf 'read: 1\nwrite: arg0 == 1\nexit_group: 1\n' >rw.policy

# Usage errors: exit 2, a message, nothing written.
check "--arch x86_64,x86_64: exit 2" status 2 sg --arch x86_64,x86_64 -o o.c rw.policy
check "--arch x86_64,x86_64: says so" grep -q -- "--arch names x86_64 twice" err.txt
check "--arch x86_64,: exit 2" status 2 sg --arch x86_64, rw.policy
check "--arch x86_64,sparc: exit 2" status 2 sg --arch x86_64,sparc rw.policy
check "--arch x86_64,sparc: names it" grep -q "unknown arch 'sparc'" err.txt
check "--arch with --arch-json: exit 2" status 2 sg --arch x86_64 --arch-json "$mips" rw.policy
check "--input-format yaml: exit 2" status 2 sg --arch x86_64 --input-format yaml rw.policy
check "no output after usage errors" test ! -e o.c

# JSON filters: a program per category and the table.
check "JSON: exit 0" status 0 sg --arch x86_64 -o fc.c "$json"
check "JSON: one program per category" sh -c 'grep -c "^const struct sock_fprog [a-z]*_filter = {" fc.c | grep -qx 3'
check "JSON: the table, in file order" sh -c 'grep -A4 "seccomp_gen_filters\[4\]" fc.c | tr -d "\n\t " | grep -q "SECCOMP_GEN_FILTER(\"vmm\",&vmm_filter),SECCOMP_GEN_FILTER(\"api\",&api_filter),SECCOMP_GEN_FILTER(\"vcpu\",&vcpu_filter),SECCOMP_GEN_FILTER(0,0)"'
check "JSON: masked_eq is BPF_ALU | BPF_AND | BPF_K" grep -q "BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xfff0)" fc.c
check "JSON: the comments quote the filter's lines" grep -q '/\* .*vmm.json:[0-9]*: .*"val": 44672' fc.c
check "JSON: -n names the table" sh -c '"$SECCOMP_GEN" --arch x86_64 -n fc "$0" | grep -q "fc_filters\[4\]"' "$json"
check "JSON: the same bytes on every run" sh -c '"$SECCOMP_GEN" --arch x86_64 "$0" | cmp -s - fc.c' "$json"
check "JSON: a header with the three declarations" sh -c '"$SECCOMP_GEN" --arch x86_64 -f header -o fc.h "$0" && grep -c "^extern const struct sock_fprog" fc.h | grep -qx 3' "$json"
check "--category: one program" sh -c '"$SECCOMP_GEN" --arch x86_64 --category vcpu "$0" | grep -c "^const struct sock_fprog" | grep -qx 1' "$json"
check "--category: raw output" sh -c '"$SECCOMP_GEN" --arch x86_64 --category api -f raw -o api.raw "$0" && test $(( $(wc -c <api.raw) % 8 )) -eq 0 && test -s api.raw' "$json"
check "raw with three categories: exit 1" status 1 sg --arch x86_64 -f raw -o x.raw "$json"
check "--category of a policy file: exit 1" status 1 sg --arch x86_64 --category vmm rw.policy
check "--category of a policy file: says why" grep -q "rw.policy is a policy file, which has no thread categories" err.txt
check "--category that is not there: exit 1" status 1 sg --arch x86_64 --category io "$json"
check "--category that is not there: lists the categories" grep -q "has no thread category 'io'; it has vmm, api, vcpu" err.txt
check "--test of three categories: exit 1" status 1 sg --arch x86_64 --test "$src/tests/seccompiler/vmm.vmm.expect" "$json"
check "--test of three categories: says to give --category" grep -q "give --category" err.txt
cp "$json" filters.txt
check "--input-format json for another file name" sh -c '"$SECCOMP_GEN" --arch x86_64 --input-format json filters.txt | grep -q vcpu_filter'
check "--input-format policy for a .json name: read as a policy" status 1 sg --arch x86_64 --input-format policy "$json"
printf '{ "0-api": { "default_action": "trap", "filter_action": "allow", "filter": [] },\n  "vcpu 1": { "default_action": "trap", "filter_action": "allow", "filter": [] } }\n' >names.json
check "category names made identifiers" sh -c \
	'"$SECCOMP_GEN" --arch x86_64 names.json | tr -d "\n\t " | grep -q "SECCOMP_GEN_FILTER(\"filter_0_api\",&filter_0_api_filter),SECCOMP_GEN_FILTER(\"vcpu_1\",&vcpu_1_filter)"'
check "a policy and a JSON file together" sh -c '"$SECCOMP_GEN" --arch x86_64 rw.policy "$0" | grep -q "seccomp_gen_filters\[5\]"' "$json"
check "a rule without args beside rules with args: exit 0" status 0 sg --arch x86_64 -o m.c "$src/tests/seccompiler/merge.json"
check "... with a warning that seccompiler reads it differently" grep -q "warning: a rule without args matches every 'fcntl' call" err.txt

# The generated C compiles, with a program per category and multi-arch.
sg --arch x86_64,i386 -o multi.c rw.policy
sg --arch x86_64,i386 -f header -o multi.h rw.policy
for cc in gcc clang; do
	if command -v $cc >/dev/null; then
		check "$cc: the C of JSON filters compiles with -std=c99 -pedantic -Werror" \
			$cc -std=c99 -Wall -Wextra -pedantic -Werror -c fc.c -o fc-$cc.o
		check "$cc: the C of a multi-arch program compiles" \
			$cc -std=c99 -Wall -Wextra -pedantic -Werror -c multi.c -o multi-$cc.o
	else
		n=$((n + 2)); echo "ok $((n - 1)) # SKIP $cc not installed"; echo "ok $n # SKIP $cc not installed"
	fi
done

# Multi-arch programs.
check "multi-arch: the comments name both arches" grep -q "rw.policy for x86_64, i386: [0-9]* instructions" multi.c
check "multi-arch: the dump shows the dispatch" sh -c '"$SECCOMP_GEN" --arch x86_64,i386 -f dump rw.policy | grep -q "arch == i386"'
check "multi-arch: the same bytes on every run" sh -c '"$SECCOMP_GEN" --arch x86_64,i386 rw.policy | cmp -s - multi.c'
printf 'socketcall: 1\n' >sc.policy
check "multi-arch: socketcall without [arch=x86] fails on x86_64" status 1 sg --arch i386,x86_64 -o x.c sc.policy
check "... and says where" grep -q "unknown syscall 'socketcall' on x86_64" err.txt
check "... and writes nothing" test ! -e x.c
check "multi-arch with --test: the arches in the summary" sh -c 'echo "read -> allow" >r.expect && "$SECCOMP_GEN" --arch x86_64,i386 --test r.expect rw.policy 2>&1 | grep -q "2 passed, 0 failed (x86_64, i386)"'

# --arch-json
check "--arch-json: an arch seccomp-gen has no table for (mips)" sh -c 'cd "$0" && "$SECCOMP_GEN" --arch-json mips.json --test mips.expect mips.policy' "$src/tests/arch-json"
check "--arch-json: big-endian: the low word of arg0 is at offset 20" sh -c '"$SECCOMP_GEN" --arch-json "$0" -f dump "$1" | grep -q "ld   \[20\].*args\[0\] lo"' "$mips" "$src/tests/arch-json/mips.policy"
check "--arch-json: big-endian raw output" sh -c '"$SECCOMP_GEN" --arch-json "$0" -f raw "$1" | od -An -tx1 -N8 | tr -d " \n" | grep -qx 0020000000000004' "$mips" "$src/tests/arch-json/mips.policy"
check "--arch-json: constants that only the file has" sh -c 'cd "$0" && "$SECCOMP_GEN" --arch-json x86_64-own.json --test x86_64-own.expect x86_64-own.policy' "$src/tests/arch-json"
check "--arch-json twice: a multi-arch program" sh -c '"$SECCOMP_GEN" --arch-json "$0" --arch-json "$0" rw.policy; test $? -eq 1' "$mips"
if [ -d "$SG_SHARED/corpus/crosvm/x86_64" ] && [ -d "$SG_SHARED/corpus/crosvm/aarch64" ]; then
	c=$SG_SHARED/corpus/crosvm
	check "--arch-json x86_64 and aarch64 from the corpus: one program" sh -c \
		'"$SECCOMP_GEN" --arch-json "$0/x86_64/constants.json" --arch-json "$0/aarch64/constants.json" -f dump rw.policy | grep -q "for x86_64, aarch64"' "$c"
	check "-MD lists the constants.json read" sh -c \
		'"$SECCOMP_GEN" --arch-json "$0/x86_64/constants.json" -MD -o dep.c rw.policy && grep -q "constants.json" dep.d' "$c"
else
	n=$((n + 2)); echo "ok $((n - 1)) # SKIP ../shared/corpus/crosvm not found"; echo "ok $n # SKIP ../shared/corpus/crosvm not found"
fi
echo "1..$n"
