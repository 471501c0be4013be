#!/bin/sh
# The meson consumer: tests/consumer/meson.build (README's snippet) built
# with nothing but what `make install` put into a temporary prefix, found
# through PKG_CONFIG_PATH as README says.  The program runs under its
# filters; a second build does nothing; touching an included policy
# remakes the C file (the depfile) and the program but not the header;
# another arch (-Dseccomp_gen_arch) or flag (-Dseccomp_gen_flags) remakes
# both; a cross build takes the arch from its cross file's host_machine.
tools="make meson ninja pkg-config"
. "${srcdir:-.}/tests/consumer-lib.sh"

install_seccomp_gen
copy_project
other=aarch64
[ "$own_arch" = aarch64 ] && other=x86_64
b=$tmp/build
must "meson setup (dependency('seccomp-gen') through PKG_CONFIG_PATH)" \
	meson setup -Dc_args="-Wall -Wextra -Werror" "$b" "$tmp/proj"
must "ninja builds it" ninja -C "$b"
cd "$b" || exit 99
check "the program came from the pkg-config variable" grep -q "Program $inst/bin/seccomp-gen found: YES" meson-logs/meson-log.txt
check "sandbox.c has both programs and the table sandbox_filters" \
	sh -c 'grep -q "main_filter" sandbox.c && grep -q "worker_filter" sandbox.c && grep -q "sandbox_filters\[3\]" sandbox.c'
check "the filters are for this machine's arch ($own_arch)" test "$(arch_of sandbox.c)" = "$own_arch"
check_app meson

stamp
ninja >build2.log 2>&1
check "second build: ninja has no work to do" grep -q "ninja: no work to do" build2.log
check "second build: no file remade (remade: $(remade))" test -z "$(remade)"

check_touch_include "" ninja
ninja >build4.log 2>&1
check "and then ninja has no work to do" grep -q "ninja: no work to do" build4.log

stamp
must "meson configure -Dseccomp_gen_arch=$other, ninja" sh -c "meson configure -Dseccomp_gen_arch=$other . && ninja"
got=$(remade)
check_other_arch "" $other
must "back to the host's arch" sh -c "meson configure -Dseccomp_gen_arch= . && ninja"
check "host's arch: sandbox.c is for $own_arch again" test "$(arch_of sandbox.c)" = "$own_arch"
check "host's arch: sandbox.h is for $own_arch again" test "$(arch_of sandbox.h)" = "$own_arch"

stamp
must "meson configure -Dseccomp_gen_flags=--default-action,trap, ninja" \
	sh -c "meson configure -Dseccomp_gen_flags=--default-action,trap . && ninja"
got=$(remade)
check_new_flag ""
ninja >build5.log 2>&1
check "and then ninja has no work to do" grep -q "ninja: no work to do" build5.log
must "without the flag again" sh -c "meson configure -Dseccomp_gen_flags= . && ninja"
check "without the flag: no trap default" sh -c '! grep -q "/\* trap \*/" sandbox.c'
check_app "meson, rebuilt"

stamp
touch "$inst/bin/seccomp-gen"
ninja >build6.log 2>&1
got=$(remade)
check "a new program: sandbox.c and sandbox.h are remade (remade: $got)" was_remade sandbox.c sandbox.h

# A cross build: the arch from the cross file's host_machine.  This
# machine's compiler stands in for the cross compiler; only the filters
# are looked at.
cd "$tmp" || exit 99
cat >cross.ini <<EOF2
[binaries]
c = '${CC:-cc}'
pkgconfig = 'pkg-config'

[host_machine]
system = 'linux'
cpu_family = '$other'
cpu = '$other'
endian = 'little'
EOF2
must "cross build to $other: meson setup --cross-file, ninja" \
	sh -c "meson setup --cross-file cross.ini '$tmp/cross' '$tmp/proj' && ninja -C '$tmp/cross'"
check "cross build: sandbox.c is for $other (it says: $(arch_of "$tmp/cross/sandbox.c"))" test "$(arch_of "$tmp/cross/sandbox.c")" = $other
sed -e "s/^cpu_family = .*/cpu_family = 'arm'/" -e "s/^cpu = .*/cpu = 'armv7'/" -e "s/^endian = .*/endian = 'big'/" cross.ini >armeb.ini
meson setup --cross-file armeb.ini "$tmp/armeb" "$tmp/proj" >armeb.log 2>&1
check "cross build to big-endian arm: meson stops" test $? -ne 0
check "cross build to big-endian arm: and says why" grep -q "seccomp-gen has no arch for arm; set -Dseccomp_gen_arch" armeb.log

sg_install_lock make -C "$abs_top_builddir" uninstall prefix="$inst" ACLOCAL_SYSTEM_DIR= DESTDIR= >/dev/null 2>&1
echo "1..$n"
