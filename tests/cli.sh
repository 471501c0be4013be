#!/bin/sh
# The command line as make sees it: exit statuses, messages, output files
# that are complete or absent, byte-identical output for the same input,
# and generated C that compiles cleanly with gcc and clang.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99

printf 'read: 1\nwrite: arg0 == 1 || arg0 == 2\nopenat: arg2 in O_RDONLY|O_CLOEXEC\nclose: 1\nexit_group: 1\n' >good.policy
printf 'read: 1\nbogus: 1\n' >bad.policy
printf 'getpid: 1\n' >worker.policy

check "--help exits 0 and lists --arch" sh -c 'sg() { "$SECCOMP_GEN" "$@"; }; sg --help | grep -q -- "--arch ARCH"'
check "--version exits 0" sh -c '"$SECCOMP_GEN" --version | grep -q "^seccomp-gen "'
check "unknown arch: exit 2" status 2 sg --arch sparc good.policy
check "unknown arch: lists the supported ones" grep -q "unknown arch 'sparc'; supported: x86_64, i386, aarch64, arm, riscv64" err.txt
check "no policy: exit 2" status 2 sg --arch x86_64
check "unknown format: exit 2" status 2 sg --arch x86_64 -f pdf good.policy
check "bad --name: exit 2" status 2 sg --arch x86_64 -n 9lives good.policy
check "missing policy: exit 1" status 1 sg --arch x86_64 missing.policy
check "missing policy: says why" grep -q "cannot read 'missing.policy': No such file or directory" err.txt
mkdir adir
check "a directory as policy: exit 1" status 1 sg --arch x86_64 adir
check "a directory as policy: says why" grep -q "Is a directory" err.txt
check "output in a missing directory: exit 1" status 1 sg --arch x86_64 -o nodir/out.c good.policy
check "output in a missing directory: says why" grep -q "cannot create 'nodir/out.c'" err.txt
check "output in a missing directory: nothing created" test ! -e nodir
if [ -w /dev/full ]; then
	check "output to /dev/full: exit 1" status 1 sg --arch x86_64 -o /dev/full good.policy
	check "output to /dev/full: says why" grep -q "No space left on device" err.txt
else
	n=$((n + 1)); echo "ok $n # SKIP /dev/full not writable"
fi
echo 'previous contents' >keep.c
check "bad policy: exit 1" status 1 sg --arch x86_64 -o keep.c bad.policy
check "bad policy: the old output is untouched" grep -q 'previous contents' keep.c
check "bad policy: no temporary file left" sh -c '! ls keep.c.tmp.* 2>/dev/null'
check "good policy: exit 0" status 0 sg --arch x86_64 -o good.c good.policy
check "good policy: no temporary file left" sh -c '! ls good.c.tmp.* 2>/dev/null'
check "output file mode follows the umask" sh -c 'umask 022; "$SECCOMP_GEN" --arch x86_64 -o m.c good.policy && [ "$(stat -c %a m.c)" = 644 ]'
for f in c header raw dump; do
	sg --arch x86_64 -f $f -o a.$f good.policy
	sg --arch x86_64 -f $f good.policy >b.$f
	check "format $f: the same bytes on every run" cmp a.$f b.$f
done
check "raw: 8 bytes an instruction" sh -c 'test $(( $(wc -c <a.raw) % 8 )) -eq 0 && test $(wc -c <a.raw) -gt 16'
check "dump: one line an instruction" sh -c 'test $(( $(wc -c <a.raw) / 8 )) -eq $(grep -c "^ *[0-9]*: " a.dump)'
# Eight syscalls at the odd numbers 57..71 (asm-generic): one JSET on nr
# tells them from the even numbers between (tests/decisions has the
# decisions; this checks the dispatch takes the shortcut).
check "every other number allowed: the dispatch tests a bit of nr" sh -c '"$SECCOMP_GEN" --arch aarch64 -f dump "$abs_top_srcdir/tests/decisions/dispatch-alternate-numbers.policy" | grep -q "jset *#0x1, .*; nr & 0x1"'
check "policy from standard input" sh -c '"$SECCOMP_GEN" --arch x86_64 -n stdin_policy - <good.policy | grep -q "stdin_policy_filter"'
check "empty policy compiles" sh -c ': >empty.policy && "$SECCOMP_GEN" --arch x86_64 empty.policy | grep -q "empty_filter"'
check "two policies: a name-to-program table" sh -c '"$SECCOMP_GEN" --arch x86_64 good.policy worker.policy | grep -q "SECCOMP_GEN_FILTER(\"worker\", &worker_filter),"'
check "two policies: -n names the table" sh -c '"$SECCOMP_GEN" --arch x86_64 -n vmm good.policy worker.policy | grep -q "seccomp_gen_filter vmm_filters\[3\]"'
check "two policies with one name: exit 1" status 1 sg --arch x86_64 good.policy ./good.policy
check "raw with two policies: exit 1" status 1 sg --arch x86_64 -f raw good.policy worker.policy
check "--test with a failing expectation: exit 1" sh -c 'echo "read -> errno 1" >t.expect; ! "$SECCOMP_GEN" --arch x86_64 --test t.expect good.policy 2>/dev/null'

# The generated C compiles without warnings and links into a program that
# sees the right lengths.
sg --arch x86_64 -o two.c good.policy worker.policy
sg --arch x86_64 -f header -o two.h good.policy worker.policy
cat >main.c <<'EOC'
#include <stdio.h>
#include <string.h>
#include "two.h"
int main(void)
{
	const struct seccomp_gen_filter *f;
	int n = 0;
	for (f = seccomp_gen_filters; f->name; f++)
		n++;
	return !(n == 2 && strcmp(seccomp_gen_filters[1].name, "worker") == 0 &&
		 seccomp_gen_filters[1].prog == &worker_filter && good_filter.len > 5);
}
EOC
for cc in gcc clang; do
	if command -v $cc >/dev/null; then
		check "$cc: the generated C compiles with -std=c99 -Wall -Wextra -pedantic -Werror" \
			$cc -std=c99 -Wall -Wextra -pedantic -Werror -c two.c -o two-$cc.o
		check "$cc: the header compiles and the table links" \
			sh -c "$cc -std=c99 -Wall -Wextra -pedantic -Werror main.c two-$cc.o -o main-$cc && ./main-$cc"
	else
		n=$((n + 1)); echo "ok $n # SKIP $cc not installed"
		n=$((n + 1)); echo "ok $n # SKIP $cc not installed"
	fi
done
if command -v g++ >/dev/null; then
	check "the header works from C++" sh -c 'printf "#include \"two.h\"\nint main() { return worker_filter.len == 0; }\n" >m.cc && g++ -Wall -Wextra -Werror m.cc two-gcc.o -o m && ./m'
fi
echo "1..$n"
