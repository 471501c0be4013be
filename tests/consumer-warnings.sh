#!/bin/sh
# Issue 26: what seccomp-gen writes is compiled with the consumer's flags,
# not ours, so every generated form and <seccomp-gen/install.h> compile
# without one diagnostic (stderr empty, not only exit 0) under strict
# warning sets, with every compiler and standard this machine has:
#
#   C    gcc, clang x c99 c11 c17 gnu11, $strict_c below; and clang
#        -Weverything less -Wpadded ($everything_c).
#   C++  g++, clang++ x c++11 c++17, $strict_cxx; and clang++ -Weverything
#        less -Wpadded and -Wc++98-compat ($everything_cxx).  Only what a
#        C++ file includes: the generated headers, minijail's header and
#        install.h (the .c files are C).
#
# The forms: -f c of one program (-n solo), a table of two (--table app),
# a multi-arch program (--arch x86_64,i386 -n multi), the -f header of
# each, the header compile_seccomp_policy --output-header-file writes, and
# install.h alone.  Every object made from a generated .c must keep the
# instructions in .rodata (objdump -t), never in writable .data; and the
# objects link into a program that reads the programs through the
# declared names (as C and as C++).
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:?}"
inc=$(cd "$srcdir/include" && pwd) || exit 99
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99

strict_c="-Wall -Wextra -Wpedantic -Wcast-qual -Wconversion -Wsign-conversion -Wshadow
	-Wstrict-prototypes -Wmissing-prototypes -Wmissing-declarations -Wredundant-decls
	-Wwrite-strings -Werror"
# The issue's C++ set, with the C set's flags that C++ has too.
# -Wuseless-cast is g++'s alone (clang++ would warn that it does not know it).
strict_cxx="-Wall -Wextra -Wpedantic -Wold-style-cast -Wzero-as-null-pointer-constant
	-Wcast-qual -Wconversion -Wsign-conversion -Wshadow -Wredundant-decls
	-Wmissing-declarations -Werror"
# Less only: -Wpadded (struct sock_fprog itself has padding after len:
# it reports the layout, not a fault), and for C++ -Wc++98-compat, which
# reports what C++98 lacks: nullptr, where -Wzero-as-null-pointer-constant
# reports NULL.  Nothing else fires (clang 14).
everything_c="-Weverything -Werror -Wno-padded"
everything_cxx="-Weverything -Werror -Wno-padded -Wno-c++98-compat"

printf 'read: 1\nwrite: arg0 == 1 || arg0 == 2\nopenat: arg2 & 3\nexit_group: 1\n' >main.policy
printf 'write: 1\ngetppid: return 1\nexit_group: 1\n' >worker.policy
cat >constants.json <<'EOF'
{ "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64,
  "syscalls": { "read": 0, "write": 1, "openat": 257, "exit_group": 231 }, "constants": {} }
EOF
gen() { "$SECCOMP_GEN" --arch x86_64 "$@"; }
{ gen -n solo -o solo.c main.policy && gen -n solo -f header -o solo.h main.policy &&
	gen --table app -o app.c main.policy worker.policy &&
	gen --table app -f header -o app.h main.policy worker.policy &&
	"$SECCOMP_GEN" --arch x86_64,i386 -n multi -o multi.c main.policy &&
	"$SECCOMP_GEN" --arch x86_64,i386 -n multi -f header -o multi.h main.policy &&
	"$abs_top_builddir/compile_seccomp_policy" --arch-json constants.json --output-header-file \
		main.policy mjprog; } || exit 99
solo_len=$(sed -n 's/^.* for x86_64: \([0-9]*\) instructions\. \*\/$/\1/p' solo.c)
[ -n "$solo_len" ] || exit 99

# What a consumer writes: the headers in both orders around install.h, a
# lookup in the table, the programs read through their names.  Valid C
# and C++; main() checks the values once linked.
cat >use.c <<'EOF'
#include "solo.h"
#include <seccomp-gen/install.h>
#include "app.h"
#include "multi.h"

int sandbox(const char *name);
int sandbox(const char *name)
{
	if (name[0] == 's')
		return seccomp_gen_install(&solo_filter, SECCOMP_GEN_TSYNC);
	if (name[0] == 'm')
		return seccomp_gen_install(&multi_filter, 0);
	return seccomp_gen_install_named(app_filters, name, SECCOMP_GEN_LOG);
}

int main(int argc, char **argv)
{
	const struct sock_fprog *worker = seccomp_gen_find(app_filters, "worker");
	/* Link the install calls too, but run them only when asked. */
	if (argc > 1)
		return sandbox(argv[1]) != 0;
	return !(solo_filter.len == SOLO_LEN && solo_filter.filter[0].code == (BPF_LD | BPF_W | BPF_ABS) &&
		 solo_filter.filter[SOLO_LEN - 1].code == (BPF_RET | BPF_K) && worker == &worker_filter &&
		 worker->filter[0].code == (BPF_LD | BPF_W | BPF_ABS) &&
		 seccomp_gen_find(app_filters, "main") == &main_filter && !app_filters[2].name &&
		 multi_filter.len > solo_filter.len);
}
EOF
cat >mj.c <<'EOF'
#include "mjprog.h"

unsigned int mj_count(void);
unsigned int mj_count(void)
{
	return mjprog_seccomp_bpf_program.bpf == mjprog_binary_seccomp_policy ? mjprog_seccomp_bpf_program.cnt : 0u;
}
EOF
cat >alone.c <<'EOF'
#include <seccomp-gen/install.h>

int install_table(const struct seccomp_gen_filter *table);
int install_table(const struct seccomp_gen_filter *table)
{
	return seccomp_gen_install_named(table, "main", SECCOMP_GEN_SPEC_ALLOW);
}
EOF
# A unity build (CMake's UNITY_BUILD, meson's --unity): the .c files, the
# headers and install.h in one file, in both orders; the shared types are
# defined once.  (-Wredundant-decls would report a header's extern after
# the .c's, as it always has.)
cat >unity.c <<'EOF'
#include "app.c"
#include <seccomp-gen/install.h>
#include "app.h"
#include "solo.h"
#include "solo.c"
#include "multi.c"
#include "multi.h"

int unity(void);
int unity(void)
{
	return seccomp_gen_find(app_filters, "main") == &main_filter && solo_filter.len == SOLO_LEN &&
	       multi_filter.len > solo_filter.len;
}
EOF
# Code that declares a program itself, without the header, as another
# language's FFI does: NAME_filter is an object of the kernel's type.
cat >ffi.c <<'EOF'
#include <linux/filter.h>

extern const struct sock_fprog solo_filter;
int main(void)
{
	return !(solo_filter.len == SOLO_LEN && solo_filter.filter[0].code == (BPF_LD | BPF_W | BPF_ABS));
}
EOF
for f in use mj alone; do cp $f.c $f.cc; done

# compile TAG COMPILER FLAGS... -- SOURCES: each source to TAG-SOURCE.o;
# fails on a non-zero exit or any output on stderr, which it shows.
compiled=0
compile() {
	tag=$1; shift
	flags=
	while [ "$1" != -- ]; do flags="$flags $1"; shift; done; shift
	failed=0
	for src; do
		compiled=$((compiled + 1))
		out=$tag-${src%.*}
		# shellcheck disable=SC2086
		$flags -DSOLO_LEN="$solo_len" -I"$inc" -I. -c "$src" -o "$out.o" 2>"$out.err" || failed=1
		[ -s "$out.err" ] && failed=1
		cat "$out.err"
	done
	return $failed
}
# rodata TAG: in each object of a generated .c, every NAME_insns array is
# in a read-only section (.rodata, or .rodata.* with -fdata-sections).
rodata() {
	for o in "$1"-solo.o "$1"-app.o "$1"-multi.o; do
		objdump -t "$o" >syms.txt || return 1
		# NAME_insns's line: ADDRESS FLAGS... SECTION SIZE NAME.
		awk '$NF ~ /_insns$/ { print $(NF - 2), $NF }' syms.txt >insns.txt
		[ -s insns.txt ] || { echo "$o: no _insns symbol"; return 1; }
		if grep -v '^\.rodata\(\.[^ ]*\)\{0,1\} ' insns.txt; then
			echo "$o: the instructions above are not in .rodata"
			return 1
		fi
		# NAME_filter and the table hold addresses: .rodata, or with
		# -fPIC/-fPIE .data.rel.ro, read-only once relocated (RELRO).
		awk '$NF ~ /_(filter|filters)$/ { print $(NF - 2), $NF }' syms.txt >progs.txt
		[ -s progs.txt ] || { echo "$o: no _filter symbol"; return 1; }
		if grep -v '^\.\(rodata\|data\.rel\.ro\)\(\.[^ ]*\)\{0,1\} ' progs.txt; then
			echo "$o: the programs above are in writable memory"
			return 1
		fi
	done
}
pic() { # a shared library's objects
	compile "pic-$1" "$1" -std=c11 -fPIC $strict_c -- solo.c app.c multi.c && rodata "pic-$1"
}
has_std() { # compiler, language, standard: whether the compiler takes it
	echo 'int x;' >probe.$2 && $1 -std="$3" -c probe.$2 -o probe.o 2>/dev/null
}

for cc in gcc clang; do
	if ! command -v $cc >/dev/null 2>&1; then
		skip "$cc not installed (sh build-aux/install-deps.sh installs it)"
		continue
	fi
	for std in c99 c11 c17 gnu11; do
		if ! has_std $cc c $std; then
			skip "$cc has no -std=$std"
			continue
		fi
		check "$cc -std=$std strict: solo.c app.c multi.c, the headers, minijail's, install.h" \
			compile "$cc-$std" $cc -std=$std $strict_c -- solo.c app.c multi.c use.c mj.c alone.c
		if command -v objdump >/dev/null 2>&1; then
			check "$cc -std=$std: every NAME_insns is in .rodata, every NAME_filter read-only" \
				rodata "$cc-$std"
		else
			skip "no objdump (binutils) to read the sections"
		fi
		if [ $cc = clang ]; then
			check "clang -std=$std -Weverything: the same six files" \
				compile "ev-$std" clang -std=$std $everything_c -- solo.c app.c multi.c use.c mj.c alone.c
		fi
	done
	if command -v objdump >/dev/null 2>&1; then
		check "$cc -fPIC: the instructions are still in .rodata" pic $cc
	else
		skip "no objdump (binutils) to read the sections"
	fi
	check "$cc -Wall -Wextra -Wpedantic: a unity build of the .c files, headers and install.h" \
		compile "unity-$cc" $cc -std=c11 -Wall -Wextra -Wpedantic -Werror -- unity.c
	check "$cc: linked, the names read the programs" \
		sh -c "$cc $cc-c11-use.o $cc-c11-solo.o $cc-c11-app.o $cc-c11-multi.o -o use-$cc && ./use-$cc"
	check "$cc: NAME_filter is a symbol of the kernel's type, for code that declares it itself" \
		sh -c "$cc -DSOLO_LEN=$solo_len ffi.c $cc-c11-solo.o -o ffi-$cc && ./ffi-$cc"
done

for cxx in g++ clang++; do
	if ! command -v $cxx >/dev/null 2>&1; then
		skip "$cxx not installed (sh build-aux/install-deps.sh installs it)"
		continue
	fi
	extra=
	[ $cxx = g++ ] && extra=-Wuseless-cast
	for std in c++11 c++17; do
		if ! has_std $cxx cc $std; then
			skip "$cxx has no -std=$std"
			continue
		fi
		check "$cxx -std=$std strict: the headers, minijail's, install.h" \
			compile "$cxx-$std" $cxx -std=$std $strict_cxx $extra -- use.cc mj.cc alone.cc
		if [ $cxx = clang++ ]; then
			check "clang++ -std=$std -Weverything: the same three files" \
				compile "evxx-$std" clang++ -std=$std $everything_cxx -- use.cc mj.cc alone.cc
		fi
	done
	if command -v gcc >/dev/null 2>&1 && [ -f gcc-c11-solo.o ]; then
		check "$cxx: linked with the C objects, the names read the programs" \
			sh -c "$cxx $cxx-c++17-use.o gcc-c11-solo.o gcc-c11-app.o gcc-c11-multi.o -o use-$cxx && ./use-$cxx"
	fi
done
echo "# $compiled compilations"
echo "1..$n"
