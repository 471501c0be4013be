#!/bin/sh
# Dependency files (-MD, -MF, -MT, -MQ, -MP), as gcc writes them: what
# they list, how names are escaped, that make reads them back as written,
# and that they are written only by a run that succeeds.
: "${SECCOMP_GEN:?}"
# make is run below on its own; the suite's jobserver is not for it.
unset MAKEFLAGS MFLAGS MAKELEVEL
. "${srcdir:-.}/tests/lib.sh"
cd "$tmp" || exit 99
sg() { "$SECCOMP_GEN" --arch x86_64 "$@"; }
same() { # file, expected text
	printf '%s' "$2" >expected.txt
	cmp -s "$1" expected.txt || { diff expected.txt "$1" | sed 's/^/# /' >&2; return 1; }
}

mkdir inc deps
printf '@include ./inc/common.policy\n@frequency ./main.frequency\nread: 1\n' >main.policy
printf 'write: 1\n' >inc/common.policy
printf 'read: 10\n' >main.frequency
printf '@include ./inc/common.policy\nclose: 1\n' >second.policy

check "-MD: exit 0" status 0 sg -MD -o out.c main.policy
check "-MD: OUTPUT.d lists the policy, its include and its frequency file, in the order read" \
	same out.d 'out.c: main.policy inc/common.policy main.frequency
'
check "-MD: the output is written too" grep -q main_filter out.c
check "-MD -MP: exit 0" status 0 sg -MD -MP -o out.c main.policy
check "-MD -MP: an empty rule for each file the policy reads, none for the policy" \
	same out.d 'out.c: main.policy inc/common.policy main.frequency

inc/common.policy:

main.frequency:
'
check "-MF: the dependency file goes there" status 0 sg -MD -MF deps/x.d -o other.c main.policy
check "-MF: its target is still the output" grep -q '^other.c: main.policy' deps/x.d
check "-MF: no OUTPUT.d beside the output" test ! -e other.d
check "-o without a suffix: OUTPUT.d" status 0 sg -MD -o plain main.policy
check "-o without a suffix: plain.d" grep -q '^plain: ' plain.d
check "two policies: one rule, each file once" status 0 sg -MD -o two.c main.policy second.policy
check "two policies: contents" same two.d 'two.c: main.policy inc/common.policy main.frequency second.policy
'
check "--include-map: the file actually read is listed" \
	sh -c 'printf "@include /virtual/common.policy\n" >mapped.policy &&
		"$SECCOMP_GEN" --arch x86_64 --include-map /virtual=inc -MD -o mapped.c mapped.policy &&
		grep -qx "mapped.c: mapped.policy inc/common.policy" mapped.d'
check "a policy from standard input is not a prerequisite" \
	sh -c 'printf "@include ./inc/common.policy\n" | "$SECCOMP_GEN" --arch x86_64 -MD -o stdin.c - &&
		grep -qx "stdin.c: inc/common.policy" stdin.d'

# Targets: -MT as given, -MQ escaped, several of them.
check "-MT twice: both targets, as given" status 0 sg -MD -MT 'a b' -MTc -o t.c main.policy
check "-MT twice: contents" grep -qx 'a b c: main.policy inc/common.policy main.frequency' t.d
check "-MQ: escaped for make" status 0 sg -MD -MQ 'x y$#' -o q.c main.policy
check "-MQ: contents" grep -qx 'x\\ y\$\$\\#: main.policy inc/common.policy main.frequency' q.d

# Names with characters make treats specially.  A policy's own name may
# hold anything; an @include path holds no space or '#'.
mkdir 'odd dir'
printf '@include ../inc/dol$lar.policy\n' >'odd dir/sp ace#$.policy'
printf 'read: 1\n' >'inc/dol$lar.policy'
printf 'read: 1\n' >'back\ slash.policy'
check "odd names: exit 0" status 0 sg -MD -MP -MF odd.d -o 'o ut.c' 'odd dir/sp ace#$.policy' 'back\ slash.policy'
check "odd names: space, # and \$ escaped as gcc does, a backslash before a space doubled" \
	same odd.d 'o\ ut.c: odd\ dir/sp\ ace\#$$.policy inc/dol$$lar.policy \
 back\\\ slash.policy

inc/dol$$lar.policy:
'
if command -v make >/dev/null 2>&1; then
	# make must read the names back: the rule is up to date, and goes out
	# of date when the file with the odd name changes.
	printf 'include odd.d\no\\ ut.c:\n\t@echo remade\n' >Makefile.odd
	check "make reads the escaped rule: up to date" make -q -f Makefile.odd 'o ut.c'
	touch -d '+1 hour' 'odd dir/sp ace#$.policy'
	check "make reads the escaped rule: out of date after touching 'sp ace#\$.policy'" \
		sh -c 'make -q -f Makefile.odd "o ut.c"; [ $? -eq 1 ]'
	touch -d '+2 hour' 'o ut.c'
	rm 'inc/dol$lar.policy'
	# The empty rule makes the missing file count as remade: the output
	# is out of date (1), where without it make would stop (2).
	check "-MP: a deleted include makes the output out of date, not an error" \
		sh -c 'make -q -f Makefile.odd "o ut.c"; [ $? -eq 1 ]'
	sed '/^inc\/dol/,$d' odd.d >nophony.d
	sed 's/odd.d/nophony.d/' Makefile.odd >Makefile.nophony
	check "without -MP, the same deletion stops make (the test above can fail)" \
		sh -c 'make -q -f Makefile.nophony "o ut.c"; [ $? -eq 2 ]'
else
	for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP make not installed"; done
fi

# Long lists are continued with backslashes and stay readable to make.
i=0; : >long.policy
while [ $i -lt 12 ]; do
	printf 'getpid: arg0 == %d; return 1\n' $i >"inc/a_rather_long_file_name_$i.policy"
	echo "@include ./inc/a_rather_long_file_name_$i.policy" >>long.policy
	i=$((i + 1))
done
check "long lists: exit 0" status 0 sg -MD -o long.c long.policy
check "long lists: no line longer than 80 columns" sh -c '! awk "length > 80" long.d | grep -q .'
check "long lists: continued with backslashes" grep -q ' \\$' long.d
check "long lists: every file listed" sh -c '[ $(tr " " "\n" <long.d | grep -c "^inc/a_rather") -eq 12 ]'

# --test: the test file is a prerequisite too; the dependency file is
# written only when the expectations hold.
printf 'read -> allow\nwrite -> allow\n' >good.expect
printf 'read -> errno 1\n' >bad.expect
check "--test -MD: exit 0" status 0 sg --test good.expect -MD -MF t.stamp.d -MT t.stamp main.policy
check "--test -MD: lists the test file" grep -qx 't.stamp: main.policy inc/common.policy main.frequency good.expect' t.stamp.d
check "--test -MD with a failing expectation: exit 1" status 1 sg --test bad.expect -MD -MF bad.stamp.d -MT bad.stamp main.policy
check "--test -MD with a failing expectation: no dependency file" test ! -e bad.stamp.d

# Failures write nothing.
printf 'read: 1\nbogus: 1\n' >bad.policy
echo 'old rule' >bad.d
check "bad policy with -MD: exit 1" status 1 sg -MD -o bad.c bad.policy
check "bad policy with -MD: the old dependency file is untouched" grep -qx 'old rule' bad.d
check "bad policy with -MD: no output" test ! -e bad.c
check "bad policy with -MD: no temporary files" sh -c '! ls bad.*.tmp.* 2>/dev/null | grep -q .'
check "-MF in a missing directory: exit 1" status 1 sg -MD -MF nodir/x.d -o nd.c main.policy
check "-MF in a missing directory: says why" grep -q "seccomp-gen: error: cannot create 'nodir/x.d'" err.txt
check "-MF in a missing directory: no output either" test ! -e nd.c
check "a dependency file that would be the output: exit 1" status 1 sg -MD -o same.d main.policy
check "a dependency file that would be the output: says so" grep -q "would overwrite the output" err.txt
check "a dependency file that would be the output: nothing written" test ! -e same.d

# Usage errors.
check "-MF without -MD: exit 2" status 2 sg -MF x.d -o u.c main.policy
check "-MP without -MD: exit 2" status 2 sg -MP -o u.c main.policy
check "-MD without -o or -MF: exit 2" status 2 sg -MD main.policy
check "-MD without -o or -MF: says what is missing" grep -q -- "-MD needs -o FILE or -MF FILE" err.txt
check "-MD -MF without a target: exit 2" status 2 sg -MD -MF x.d main.policy
check "-MD -MF -MT to standard output: exit 0" status 0 sg -MD -MF so.d -MT so main.policy
check "-MD -MF -MT to standard output: the program went to standard output" grep -q main_filter out.txt
check "-MD -o - needs -MF: exit 2" status 2 sg -MD -o - main.policy
check "-M D (separate): exit 2" status 2 sg -M D -o u.c main.policy
check "-MX: exit 2" status 2 sg -MX -o u.c main.policy
check "-MX: names the option" grep -q "unknown option '-MX'" err.txt
check "-MF as the last word: exit 2" status 2 sg -o u.c main.policy -MD -MF
check "no stray files from usage errors" test ! -e u.c -a ! -e u.d -a ! -e x.d
check "the other options still work around -M options" status 0 sg -MD -f header -o h.h -n hname main.policy
check "the other options still work: a header named hname, h.d beside it" \
	sh -c 'grep -q hname_filter h.h && grep -q "^h.h: main.policy" h.d'
echo "1..$n"
