#!/bin/sh
# Issue 14, failure 3: a table's symbol is named after the table.  Two
# tables (SECCOMP_GEN_TABLES = main worker) link into one program with
# main_filters and worker_filters, where both were seccomp_gen_filters
# before ("multiple definition"), and a table of one policy has its table
# too (it had none: "undeclared").  On the command line, --table IDENT.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${CC:=cc}"
mk=$(cd "$srcdir/build-aux" && pwd)/seccomp-gen.mk || exit 99
inc=$(cd "$srcdir/include" && pwd) || exit 99
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SECCOMP_GEN_FLAGS SECCOMP_GEN_ARCH

printf 'read: 1\nwrite: 1\n' >main.policy
"$SECCOMP_GEN" --help >help.txt
printf 'write: 1\n' >worker.policy
printf 'getpid: 1\n' >helper.policy
printf 'getppid: 1\n' >helper2.policy

# The command line.
check "--table with one policy writes the table t_filters[2]" \
	sh -c '"$SECCOMP_GEN" --table t main.policy | grep -q "^const struct seccomp_gen_filter t_filters\[2\] = {"'
check "--table with one policy: the header declares it" \
	sh -c '"$SECCOMP_GEN" --table t -f header main.policy | grep -q "^extern const struct seccomp_gen_filter t_filters\[2\];"'
check "--table with two policies names the table" \
	sh -c '"$SECCOMP_GEN" --table t main.policy worker.policy | grep -q "^const struct seccomp_gen_filter t_filters\[3\] = {"'
check "without --table, one policy has no table (as before)" \
	sh -c '! "$SECCOMP_GEN" main.policy | grep -q seccomp_gen_filter'
check "without --table, two policies: seccomp_gen_filters (as before)" \
	sh -c '"$SECCOMP_GEN" main.policy worker.policy | grep -q "seccomp_gen_filters\[3\]"'
check "--table wins over -n for the table's name" \
	sh -c '"$SECCOMP_GEN" -n x --table t main.policy worker.policy | grep -q "t_filters\[3\]"'
check "--table 'a-b' is a usage error (status 2)" status 2 "$SECCOMP_GEN" --table a-b main.policy
check "--table 'a-b': the message says why" grep -q "not a C identifier" err.txt

# The make rules: two tables in one program, the issue's example, and
# a table of one policy.
cat >Makefile <<EOF2
SECCOMP_GEN = $SECCOMP_GEN
SECCOMP_GEN_ARCH = x86_64
srcdir = .
SECCOMP_GEN_TABLES = main worker helpers
main_POLICIES = main.policy
worker_POLICIES = worker.policy
helpers_POLICIES = helper.policy helper2.policy
SOURCES = app.c
all: main.c main.h worker.c worker.h helpers.c helpers.h
include $mk
EOF2
cat >app.c <<'EOF2'
#include <seccomp-gen/install.h>
#include "main.h"
#include "worker.h"
#include "helpers.h"
int main(void)
{
	return !(seccomp_gen_find(main_filters, "main") == &main_filter &&
		 seccomp_gen_find(worker_filters, "worker") == &worker_filter &&
		 seccomp_gen_find(helpers_filters, "helper") == &helper_filter &&
		 seccomp_gen_find(helpers_filters, "helper2") == &helper2_filter);
}
EOF2
check "make: the three tables" make
check "main.c defines main_filters, worker.c worker_filters, helpers.c helpers_filters" \
	sh -c 'grep -q "^const struct seccomp_gen_filter main_filters\[2\]" main.c &&
	       grep -q "^const struct seccomp_gen_filter worker_filters\[2\]" worker.c &&
	       grep -q "^const struct seccomp_gen_filter helpers_filters\[3\]" helpers.c'
cat >app2.c <<'EOF2'
#include <seccomp-gen/install.h>
#include "main.h"
#include "worker.h"
int main(void)
{
	return !(seccomp_gen_find(main_filters, "main") == &main_filter &&
		 seccomp_gen_find(worker_filters, "worker") == &worker_filter &&
		 main_filters[1].name == 0 && worker_filters[1].name == 0);
}
EOF2
check "main_filters and worker_filters in one program: it links" \
	$CC -Wall -Wextra -Werror -I"$inc" -o app2 app2.c main.c worker.c
check "main_filters and worker_filters in one program: each finds its filter" ./app2
check "and helpers_filters, of two policies, with them: it links" \
	$CC -Wall -Wextra -Werror -I"$inc" -o app app.c main.c worker.c helpers.c
check "and helpers_filters, of two policies, with them: each table finds its filters" ./app

# README's one-policy example, as written there (tests/readme-snippets.sh
# checks that README shows these lines), built by the rules and run: the
# filter goes in, and an allowed call works under it.
mkdir one && cd one || exit 99
printf 'write: 1\nexit_group: 1\n' >worker.policy
cat >Makefile <<EOF2
SECCOMP_GEN = $SECCOMP_GEN
SECCOMP_GEN_ARCH = $(sed -n 's/.*(default: \([a-z0-9_]*\)).*/\1/p' "$tmp/help.txt" | head -n 1)
srcdir = .
SECCOMP_GEN_TABLES = worker
worker_POLICIES = worker.policy
nodist_app_SOURCES = worker.c worker.h
BUILT_SOURCES = worker.h
SOURCES = \$(nodist_app_SOURCES)
all: \$(nodist_app_SOURCES)
include $mk
EOF2
cat >app.c <<'EOF2'
#include <string.h>
#include <unistd.h>
#include <seccomp-gen/install.h>
#include "worker.h"
int main(void)
{
	int rc = seccomp_gen_install_named(worker_filters, "worker", 0);
	if (rc < 0)
		return 2;
	const char msg[] = "filtered write\n";
	_exit(write(1, msg, strlen(msg)) == (ssize_t)strlen(msg) ? 0 : 1);
}
EOF2
check "one policy: make writes worker.c and worker.h" make
check "one policy: the example compiles as written" $CC -Wall -Wextra -Werror -I"$inc" -o app app.c worker.c
./app >out.txt 2>&1
rc=$?
if [ $rc -eq 2 ]; then
	skip "one policy: this kernel refuses filters"
else
	check "one policy: under its filter, write() works and the program exits 0 (status $rc)" \
		sh -c "test $rc -eq 0 && grep -qx 'filtered write' out.txt"
fi
echo "1..$n"
