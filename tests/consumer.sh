#!/bin/sh
# A project that embeds filters (tests/consumer/), built with nothing but
# what `make install` put into a temporary prefix: the program, the
# header, the pkg-config file, the autoconf macro and the make rules.
# The program runs and its filters deny what they must; make remakes
# exactly what an edit of an included policy affects, nothing on a second
# run, and survives the deletion of an included file; `make uninstall`
# leaves nothing behind.
: "${SECCOMP_GEN:?}" "${abs_top_builddir:?}" "${srcdir:=.}"
n=0
for tool in make autoreconf aclocal automake autoconf pkg-config; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed"
		exit 0
	fi
done
src=$(cd "$srcdir" && pwd) || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
inst=$tmp/inst
# The suite's own make must not leak into these: its jobserver, its
# variables, or the seccomp-gen of the build tree (configure would take
# SECCOMP_GEN from the environment).
own_seccomp_gen=$SECCOMP_GEN
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SECCOMP_GEN SECCOMP_GEN_ARCH DESTDIR
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@" >"$tmp/check.log" 2>&1; then ok "$d"; else not_ok "$d"; sed 's/^/# /' "$tmp/check.log"; fi
}
# Stops the test when a step the rest depends on fails.
must() {
	d=$1; shift
	if "$@" >"$tmp/step.log" 2>&1; then
		ok "$d"
	else
		not_ok "$d"
		tail -n 40 "$tmp/step.log" | sed 's/^/# /'
		echo "1..$n"
		exit 1
	fi
}

# 1. Install seccomp-gen into the prefix.
must "make install into a temporary prefix" make -C "$abs_top_builddir" install prefix="$inst" DESTDIR=
for f in bin/seccomp-gen include/seccomp-gen/install.h share/pkgconfig/seccomp-gen.pc \
	share/aclocal/seccomp-gen.m4 share/seccomp-gen/seccomp-gen.mk \
	share/man/man1/seccomp-gen.1 share/man/man5/seccomp-gen-policy.5; do
	check "installed: $f" test -s "$inst/$f"
done
PATH=$inst/bin:$PATH
PKG_CONFIG_PATH=$inst/share/pkgconfig
ACLOCAL_PATH=$inst/share/aclocal
export PATH PKG_CONFIG_PATH ACLOCAL_PATH
check "pkg-config --variable=seccomp_gen names the installed program" \
	test "$(pkg-config --variable=seccomp_gen seccomp-gen)" = "$inst/bin/seccomp-gen"
check "pkg-config --cflags gives the installed include directory" \
	test "$(pkg-config --cflags seccomp-gen | sed 's/ *$//')" = "-I$inst/include"

# 2. The project, outside the source tree (which may be read-only), built
#    in a directory of its own.
cp -R "$src/tests/consumer" "$tmp/proj" && chmod -R u+w "$tmp/proj" || exit 99
must "autoreconf finds SECCOMP_GEN_INIT through ACLOCAL_PATH" sh -c "cd '$tmp/proj' && autoreconf -fi"
mkdir "$tmp/build" && cd "$tmp/build" || exit 99
must "configure" "$tmp/proj/configure" CFLAGS="-g -O2 -Wall -Wextra -Werror"
own_arch=$("$own_seccomp_gen" --help | sed -n 's/^ *(default: \([a-z0-9_]*\)).*/\1/p' | head -n 1)
check "configure chose the installed program" grep -qx "SECCOMP_GEN = $inst/bin/seccomp-gen" Makefile
check "configure chose this machine's arch ($own_arch)" grep -qx "SECCOMP_GEN_ARCH = $own_arch" Makefile
must "make builds it with -Wall -Wextra -Werror" make
check "filters.c holds both programs and the table" \
	sh -c 'grep -q "main_filter" filters.c && grep -q "worker_filter" filters.c && grep -q "seccomp_gen_filters\[3\]" filters.c'
check "filters.d names both policies and the included one" \
	sh -c 'grep -q "main.policy" filters.d && grep -q "worker.policy" filters.d && grep -q "common.policy" filters.d'

# 3. The program works, and its filters deny.
./app >run.out 2>&1
rc=$?
if grep -q "no filter\|cannot install" run.out; then
	for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP this kernel refuses filters: $(head -n 1 run.out)"; done
else
	check "app runs and exits 0" test $rc -eq 0
	check "app: the worker's socket() is denied with EACCES by its filter" grep -q "socket() = -1 (EACCES" run.out
	check "app: the main thread finishes under its filter" grep -qx "app: ok" run.out
	./app open-main >/dev/null 2>&1
	rc_main=$?
	./app open-worker >/dev/null 2>&1
	rc_worker=$?
	# 128 + SIGSYS (31): the shell's status for a process killed by it.
	check "open() in the main thread kills the process with SIGSYS (status $rc_main)" test $rc_main -eq 159
	check "open() in the worker thread kills the process with SIGSYS (status $rc_worker)" test $rc_worker -eq 159
fi
sed 's/^/# /' run.out

# Which files of the build directory a step remade.  A stamp file older
# than anything the step writes; on a file system with coarse time stamps
# wait for the next second.
stamp() {
	touch "$tmp/stamp"
	case $(stat -c %y "$tmp/stamp") in *.000000000*) sleep 1 ;; esac
}
remade() { find . -type f -newer "$tmp/stamp" ! -path './.deps/*' ! -name '*.log' -print | sed 's|^\./||' | sort | tr '\n' ' '; }

# 4. A second make has nothing to do.
stamp
make >make2.log 2>&1
check "second make: exit 0" test $? -eq 0
check "second make: no file remade (remade: $(remade))" test -z "$(remade)"
check "second make: 'Nothing to be done'" grep -q "Nothing to be done" make2.log
check "second make: no recipe ran (make -q all-am is 0)" make -q all-am filters.h

# 5. Touching the included policy remakes the filters, their object and
#    the program, and nothing else: not the header, not app.o.
stamp
touch "$tmp/proj/common.policy"
make >make3.log 2>&1
check "touch common.policy; make: exit 0" test $? -eq 0
got=$(remade)
check "touch common.policy; make: remade exactly app filters.c filters.d filters.o (remade: $got)" \
	test "$got" = "app filters.c filters.d filters.o "
check "touch common.policy; make: the table still holds exactly the two policies" \
	sh -c 'grep -q "seccomp_gen_filters\[3\]" filters.c && ! grep -q common_filter filters.c'

# 6. A new seccomp-gen (or new syscall tables, which are built into it)
#    remakes both generated files.
stamp
touch "$inst/bin/seccomp-gen"
make >make4.log 2>&1
got=$(remade)
check "touch the program; make: the filters and the header are remade (remade: $got)" \
	sh -c "echo '$got' | grep -q 'filters.c' && echo '$got' | grep -q 'filters.h' && echo '$got' | grep -q 'app.o'"

# 7. A policy with an error: make fails, says where, and the last good
#    output stays as it was.
cp filters.c filters.c.good
cp "$tmp/proj/worker.policy" "$tmp/worker.policy.good"
echo 'bogus_syscall: 1' >>"$tmp/proj/worker.policy"
make >make5.log 2>&1
check "a bad policy: make fails" test $? -ne 0
check "a bad policy: the error names the file and line" grep -q "worker.policy:[0-9]*:[0-9]*: error: unknown syscall 'bogus_syscall'" make5.log
check "a bad policy: filters.c is untouched" cmp -s filters.c filters.c.good
cp "$tmp/worker.policy.good" "$tmp/proj/worker.policy"
rm -f filters.c.good

# 8. The include goes away (its statements inlined, the file deleted):
#    the rules -MP wrote keep make going.
for p in main worker; do
	{ grep -v '^@include' "$tmp/proj/$p.policy"; grep -v '^#' "$tmp/proj/common.policy"; } >"$tmp/$p.new"
	mv "$tmp/$p.new" "$tmp/proj/$p.policy"
done
rm "$tmp/proj/common.policy"
must "include removed and file deleted: make still works" make
check "include removed: filters.d no longer names it" sh -c '! grep -q common.policy filters.d'
check "include removed: the program still runs" sh -c './app | grep -qx "app: ok"'
make clean >/dev/null 2>&1
check "make clean removes the generated files" test ! -e filters.c -a ! -e filters.h -a ! -e filters.d

# 9. make uninstall leaves nothing in the prefix.
cd "$tmp" || exit 99
check "make uninstall" make -C "$abs_top_builddir" uninstall prefix="$inst" DESTDIR=
left=$(find "$inst" -type f -o -type l | sed "s|^$inst/||" | tr '\n' ' ')
check "nothing left in the prefix after make uninstall${left:+ (left: $left)}" test -z "$left"
echo "1..$n"
