#!/bin/sh
# The CMake consumer: tests/consumer/CMakeLists.txt (README's snippet)
# built with nothing but what `make install` put into a temporary prefix,
# found through PATH as README says, with the Makefile and the Ninja
# generators.  For each: the program runs under its filters; a second
# build does nothing; touching an included policy remakes the C file (the
# depfile) and the program but not the header; another arch
# (SECCOMP_GEN_ARCH) or flag (SECCOMP_GEN_FLAGS) remakes both; a cross
# build takes the arch from CMAKE_SYSTEM_PROCESSOR.
tools="make cmake ninja pkg-config"
. "${srcdir:-.}/tests/consumer-lib.sh"

install_seccomp_gen
for f in lib/cmake/SeccompGen/SeccompGenConfig.cmake lib/cmake/SeccompGen/SeccompGenConfigVersion.cmake; do
	check "installed: $f" test -s "$inst/$f"
done
check "SeccompGenConfig.cmake names the installed program" \
	grep -q "\"$inst/bin/seccomp-gen\" CACHE FILEPATH" "$inst/lib/cmake/SeccompGen/SeccompGenConfig.cmake"
copy_project
other=aarch64
[ "$own_arch" = aarch64 ] && other=x86_64

for gen in "Unix Makefiles" Ninja; do
	g=$(echo "$gen" | tr -d ' ')
	b=$tmp/build-$g
	must "$g: cmake configures the project (find_package(SeccompGen 0.1) through PATH)" \
		cmake -S "$tmp/proj" -B "$b" -G "$gen" -DCMAKE_C_FLAGS="-Wall -Wextra -Werror"
	must "$g: cmake --build" cmake --build "$b"
	cd "$b" || exit 99
	check "$g: sandbox.c has both programs and the table sandbox_filters" \
		sh -c 'grep -q "main_filter" sandbox.c && grep -q "worker_filter" sandbox.c && grep -q "sandbox_filters\[3\]" sandbox.c'
	check "$g: the filters are for this machine's arch ($own_arch)" test "$(arch_of sandbox.c)" = "$own_arch"
	check_app "$g"

	stamp
	cmake --build "$b" >build2.log 2>&1
	check "$g: second build: exit 0" test $? -eq 0
	check "$g: second build: no file remade (remade: $(remade))" test -z "$(remade)"

	check_touch_include "$g: " cmake --build "$b"
	stamp
	cmake --build "$b" >build4.log 2>&1
	check "$g: and then a build does nothing (remade: $(remade))" test -z "$(remade)"

	stamp
	must "$g: cmake -DSECCOMP_GEN_ARCH=$other, build" sh -c "cmake -DSECCOMP_GEN_ARCH=$other '$b' && cmake --build '$b'"
	got=$(remade)
	check_other_arch "$g: " $other
	must "$g: back to the default arch" sh -c "cmake -DSECCOMP_GEN_ARCH= '$b' && cmake --build '$b'"
	check "$g: default arch: sandbox.c and sandbox.h are for $own_arch again" \
		sh -c "test '$(arch_of sandbox.c)' = '$own_arch' && test \"\$(sed -n '1s/.* for \([a-z0-9_, ]*\) from .*/\1/p' sandbox.h)\" = '$own_arch'"

	stamp
	must "$g: cmake -DSECCOMP_GEN_FLAGS='--default-action;trap', build" \
		sh -c "cmake '-DSECCOMP_GEN_FLAGS=--default-action;trap' '$b' && cmake --build '$b'"
	got=$(remade)
	check_new_flag "$g: "
	stamp
	cmake --build "$b" >build5.log 2>&1
	check "$g: and then a build does nothing (remade: $(remade))" test -z "$(remade)"
	must "$g: without the flag again" sh -c "cmake -DSECCOMP_GEN_FLAGS= '$b' && cmake --build '$b'"
	check "$g: without the flag: no trap default" sh -c '! grep -q "/\* trap \*/" sandbox.c'
	check_app "$g, rebuilt"
	cd "$tmp" || exit 99
done

# A cross build: the arch from CMAKE_SYSTEM_PROCESSOR.  This machine's
# compiler stands in for the cross compiler; only the filters are looked at.
b=$tmp/build-cross
must "cross build to $other: cmake -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=$other" \
	sh -c "cmake -S '$tmp/proj' -B '$b' -G Ninja -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=$other && cmake --build '$b'"
check "cross build: sandbox.c is for $other (it says: $(arch_of "$b/sandbox.c"))" test "$(arch_of "$b/sandbox.c")" = $other
b=$tmp/build-armeb
cmake -S "$tmp/proj" -B "$b" -G Ninja -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=armeb >"$tmp/armeb.log" 2>&1
check "cross build to armeb: cmake stops" test $? -ne 0
check "cross build to armeb: and says why" \
	sh -c "tr '\\n' ' ' <'$tmp/armeb.log' | tr -s ' ' | grep -q \"seccomp-gen has no arch for CMAKE_SYSTEM_PROCESSOR 'armeb'; set SECCOMP_GEN_ARCH\""

# find_package's version check.
mkdir "$tmp/v" && printf 'cmake_minimum_required(VERSION 3.20)\nproject(v NONE)\nfind_package(SeccompGen 9.0 REQUIRED)\n' >"$tmp/v/CMakeLists.txt"
cmake -S "$tmp/v" -B "$tmp/v/b" >"$tmp/v.log" 2>&1
check "find_package(SeccompGen 9.0) fails: the installed one is older" test $? -ne 0

sg_install_lock make -C "$abs_top_builddir" uninstall prefix="$inst" ACLOCAL_SYSTEM_DIR= DESTDIR= >/dev/null 2>&1
left=$(find "$inst" -type f -o -type l | sed "s|^$inst/||" | tr '\n' ' ')
check "nothing left in the prefix after make uninstall${left:+ (left: $left)}" test -z "$left"
echo "1..$n"
