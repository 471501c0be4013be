#!/bin/sh
# The Autotools consumer: tests/consumer/ (configure.ac, Makefile.am, the
# snippets README shows) built with nothing but what `make install` put
# into a temporary prefix, found through the variables README names for
# such a prefix.  The program runs under its filters; make remakes exactly
# what an edit of an included policy affects, everything that a new arch,
# a new flag or a new program decides, nothing on a second run, and
# survives the deletion of an included file; `make uninstall` leaves
# nothing behind.
tools="make autoreconf aclocal automake autoconf pkg-config"
. "${srcdir:-.}/tests/consumer-lib.sh"

# 1. Install seccomp-gen into the prefix.
install_seccomp_gen
for f in bin/seccomp-gen include/seccomp-gen/install.h share/pkgconfig/seccomp-gen.pc \
	share/aclocal/seccomp-gen.m4 share/seccomp-gen/seccomp-gen.mk \
	share/man/man1/seccomp-gen.1 share/man/man5/seccomp-gen-policy.5; do
	check "installed: $f" test -s "$inst/$f"
done
check "pkg-config --variable=seccomp_gen names the installed program" \
	test "$(pkg-config --variable=seccomp_gen seccomp-gen)" = "$inst/bin/seccomp-gen"
check "pkg-config --cflags gives the installed include directory" \
	test "$(pkg-config --cflags seccomp-gen | sed 's/ *$//')" = "-I$inst/include"

# 2. The project, built in a directory of its own.
copy_project
must "autoreconf finds SECCOMP_GEN_INIT through ACLOCAL_PATH" sh -c "cd '$tmp/proj' && autoreconf -fi"
mkdir "$tmp/build" && cd "$tmp/build" || exit 99
must "configure" "$tmp/proj/configure" CFLAGS="-g -O2 -Wall -Wextra -Werror"
check "configure chose the installed program" grep -qx "SECCOMP_GEN = $inst/bin/seccomp-gen" Makefile
check "configure chose this machine's arch ($own_arch)" grep -qx "SECCOMP_GEN_ARCH = $own_arch" Makefile
must "make builds it with -Wall -Wextra -Werror" make
check "sandbox.c holds both programs and the table sandbox_filters" \
	sh -c 'grep -q "main_filter" sandbox.c && grep -q "worker_filter" sandbox.c && grep -q "sandbox_filters\[3\]" sandbox.c'
check "sandbox.d names both policies and the included one" \
	sh -c 'grep -q "main.policy" sandbox.d && grep -q "worker.policy" sandbox.d && grep -q "common.policy" sandbox.d'
check "sandbox.c.cmd records the command that made sandbox.c" \
	grep -q "^seccomp_gen_savedcmd_sandbox.c := $inst/bin/seccomp-gen --arch $own_arch .*-o sandbox.c" sandbox.c.cmd

# 3. The program works, and its filters deny.
check_app autotools

# 4. A second make has nothing to do.
stamp
make >make2.log 2>&1
check "second make: exit 0" test $? -eq 0
check "second make: no file remade (remade: $(remade))" test -z "$(remade)"
check "second make: 'Nothing to be done'" grep -q "Nothing to be done" make2.log
check "second make: no recipe ran (make -q all-am is 0)" make -q all-am sandbox.h

# 5. Touching the included policy remakes the filters, their object and
#    the program, and nothing else: not the header, not app.o.
stamp
touch "$tmp/proj/common.policy"
make >make3.log 2>&1
check "touch common.policy; make: exit 0" test $? -eq 0
got=$(remade)
check "touch common.policy; make: remade exactly app sandbox.c sandbox.c.cmd sandbox.d sandbox.o (remade: $got)" \
	test "$got" = "app sandbox.c sandbox.c.cmd sandbox.d sandbox.o "
check "touch common.policy; make: the table still holds exactly the two policies" \
	sh -c 'grep -q "sandbox_filters\[3\]" sandbox.c && ! grep -q common_filter sandbox.c'

# 6. A new seccomp-gen (or new syscall tables, which are built into it)
#    remakes both generated files.
stamp
touch "$inst/bin/seccomp-gen"
make >make4.log 2>&1
got=$(remade)
check "touch the program; make: the filters and the header are remade (remade: $got)" \
	sh -c "echo '$got' | grep -q 'sandbox.c' && echo '$got' | grep -q 'sandbox.h' && echo '$got' | grep -q 'app.o'"

# 7. Another arch, as issue 14 found it: configure again with
#    SECCOMP_GEN_ARCH, then make.  Both files say the new arch; back to the
#    default arch, both say this machine's again.
other=aarch64
[ "$own_arch" = aarch64 ] && other=x86_64
must "configure SECCOMP_GEN_ARCH=$other" "$tmp/proj/configure" CFLAGS="-g -O2 -Wall -Wextra -Werror" SECCOMP_GEN_ARCH=$other
stamp
must "make after the arch changed" make
got=$(remade)
check_other_arch "" $other
must "configure with the default arch again" "$tmp/proj/configure" CFLAGS="-g -O2 -Wall -Wextra -Werror"
must "make after the arch changed back" make
check "default arch: sandbox.c is for $own_arch again" test "$(arch_of sandbox.c)" = "$own_arch"
check "default arch: sandbox.h is for $own_arch again" test "$(arch_of sandbox.h)" = "$own_arch"

# 8. A table's flags, added to Makefile.am as issue 14 tried: make remakes
#    the table, with the flag; then a second make does nothing.
printf 'sandbox_SECCOMP_GEN_FLAGS = --default-action trap\n' >>"$tmp/proj/Makefile.am"
stamp
must "make after sandbox_SECCOMP_GEN_FLAGS was added" make
got=$(remade)
check_new_flag ""
check "a new flag: the command in sandbox.c.cmd has it" grep -q -- "--default-action trap" sandbox.c.cmd
check "a new flag: then make -q says all is up to date" make -q all-am sandbox.h
stamp
check "a flag on make's command line (SECCOMP_GEN_FLAGS=-Wno-zero-mask) remakes both files" \
	sh -c "make SECCOMP_GEN_FLAGS=-Wno-zero-mask >/dev/null && test sandbox.c -nt '$tmp/stamp' && test sandbox.h -nt '$tmp/stamp'"
check "and without it again, make remakes them again" sh -c '! make -q all-am sandbox.h && make >/dev/null && ! grep -q Wno-zero-mask sandbox.c.cmd'

# 9. A policy with an error: make fails, says where, and the last good
#    output stays as it was.
cp sandbox.c sandbox.c.good
cp "$tmp/proj/worker.policy" "$tmp/worker.policy.good"
echo 'bogus_syscall: 1' >>"$tmp/proj/worker.policy"
make >make5.log 2>&1
check "a bad policy: make fails" test $? -ne 0
check "a bad policy: the error names the file and line" grep -q "worker.policy:[0-9]*:[0-9]*: error: unknown syscall 'bogus_syscall'" make5.log
check "a bad policy: sandbox.c is untouched" cmp -s sandbox.c sandbox.c.good
cp "$tmp/worker.policy.good" "$tmp/proj/worker.policy"
rm -f sandbox.c.good

# 10. The include goes away (its statements inlined, the file deleted):
#     the rules -MP wrote keep make going.
for p in main worker; do
	{ grep -v '^@include' "$tmp/proj/$p.policy"; grep -v '^#' "$tmp/proj/common.policy"; } >"$tmp/$p.new"
	mv "$tmp/$p.new" "$tmp/proj/$p.policy"
done
rm "$tmp/proj/common.policy"
must "include removed and file deleted: make still works" make
check "include removed: sandbox.d no longer names it" sh -c '! grep -q common.policy sandbox.d'
check "include removed: the program still runs" sh -c './app | grep -qx "app: ok"'
make clean >/dev/null 2>&1
check "make clean removes the generated files and the recorded commands" \
	sh -c 'test -z "$(ls sandbox.* 2>/dev/null)"'

# 11. make uninstall leaves nothing in the prefix.
cd "$tmp" || exit 99
check "make uninstall" sg_install_lock make -C "$abs_top_builddir" uninstall prefix="$inst" ACLOCAL_SYSTEM_DIR= DESTDIR=
left=$(find "$inst" -type f -o -type l | sed "s|^$inst/||" | tr '\n' ' ')
check "nothing left in the prefix after make uninstall${left:+ (left: $left)}" test -z "$left"
echo "1..$n"
