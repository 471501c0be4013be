# Shared by the consumer tests (tests/consumer-*.sh): seccomp-gen installed
# into a temporary prefix as README's "Use it in your project" says for a
# prefix other than /usr/local, the project tests/consumer/ copied out of
# the source tree, TAP helpers, and the checks every build system must
# pass: the program runs under its filters, and which files a build remade.
# Set `tools` (the programs the test needs) before sourcing it.
: "${SECCOMP_GEN:?}" "${abs_top_builddir:?}" "${srcdir:=.}"
src=$(cd "$srcdir" && pwd) || exit 99
# The temporary directory, removed on exit, the TAP helpers (ok, not_ok,
# check) and sg_install_lock.
. "$srcdir/tests/lib.sh"
# shellcheck disable=SC2086 # a list of words
need_tools $tools
inst=$tmp/inst
# The suite's own make must not leak into these: its jobserver, its
# variables, or the seccomp-gen of the build tree (configure would take
# SECCOMP_GEN from the environment).
own_seccomp_gen=$SECCOMP_GEN
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SECCOMP_GEN SECCOMP_GEN_ARCH DESTDIR
unset PKG_CONFIG_PATH ACLOCAL_PATH CMAKE_PREFIX_PATH
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
# This machine's arch, as seccomp-gen names it.
own_arch=$("$own_seccomp_gen" --help | sed -n 's/^ *(default: \([a-z0-9_]*\)).*/\1/p' | head -n 1)

# seccomp-gen into the prefix, and the variables README names for it.
install_seccomp_gen() {
	must "make install into a temporary prefix" \
		sg_install_lock make -C "$abs_top_builddir" install prefix="$inst" ACLOCAL_SYSTEM_DIR= DESTDIR=
	PATH=$inst/bin:$PATH
	PKG_CONFIG_PATH=$inst/share/pkgconfig
	ACLOCAL_PATH=$inst/share/aclocal
	export PATH PKG_CONFIG_PATH ACLOCAL_PATH
}

# The project, outside the source tree (which may be read-only).
copy_project() {
	cp -R "$src/tests/consumer" "$tmp/proj" && chmod -R u+w "$tmp/proj" || exit 99
}

# The program in the current directory runs under its filters: the
# worker's socket() gets EACCES (its policy's errno), and open() kills
# the process with SIGSYS in either thread.
check_app() { # what built it
	./app >run.out 2>&1
	rc=$?
	if grep -q "no filter\|cannot install" run.out; then
		for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP this kernel refuses filters: $(head -n 1 run.out)"; done
	else
		check "$1: app runs and exits 0" test $rc -eq 0
		check "$1: the worker's socket() is denied with EACCES by its filter" grep -q "socket() = -1 (EACCES" run.out
		check "$1: the main thread finishes under its filter" grep -qx "app: ok" run.out
		./app open-main >/dev/null 2>&1
		rc_main=$?
		./app open-worker >/dev/null 2>&1
		rc_worker=$?
		# 128 + SIGSYS (31): the shell's status for a process killed by it.
		check "$1: open() in the main thread kills the process with SIGSYS (status $rc_main)" test $rc_main -eq 159
		check "$1: open() in the worker thread kills the process with SIGSYS (status $rc_worker)" test $rc_worker -eq 159
	fi
	sed 's/^/# /' run.out
}

# Which files under the current directory a step remade: a stamp file
# older than anything the step writes (on a file system with coarse time
# stamps, wait for the next second), and the files newer than it, but
# for the build systems' own logs and state.
stamp() {
	touch "$tmp/stamp"
	case $(stat -c %y "$tmp/stamp") in *.000000000*) sleep 1 ;; esac
}
remade() {
	find . -type f -newer "$tmp/stamp" ! -path './.deps/*' ! -path './CMakeFiles/*' ! -path './meson-*' \
		! -name '*.log' ! -name '.ninja_*' ! -name '*.out' -print | sed 's|^\./||' | sort | tr '\n' ' '
}
# A generated file's target, from its first line.
arch_of() { sed -n '1s/.* for \([a-z0-9_, ]*\) from .*/\1/p' "$1"; }

# Whether the last remade() list, $got, names each file given, and none
# given as !FILE.
was_remade() {
	for f; do
		case $f in
		!*) case " $got" in *" ${f#!} "*) return 1 ;; esac ;;
		*) case " $got" in *" $f "*) ;; *) return 1 ;; esac ;;
		esac
	done
}

# Touching the included policy remakes the C file (its depfile names the
# policy) and the program, but not the header.  The build's output goes
# to build3.log.
check_touch_include() { # test-name prefix, then the build command
	pfx=$1; shift
	stamp
	touch "$tmp/proj/common.policy"
	"$@" >build3.log 2>&1
	got=$(remade)
	check "${pfx}touch common.policy: sandbox.c and app remade, sandbox.h not (remade: $got)" \
		was_remade sandbox.c app '!sandbox.h'
}

# After a build for another arch ($got: what it remade): both files are
# for it, and the program is relinked.
check_other_arch() { # test-name prefix, the arch
	check "${1}arch $2: sandbox.c is for $2 (it says: $(arch_of sandbox.c))" test "$(arch_of sandbox.c)" = "$2"
	check "${1}arch $2: sandbox.h is for $2 (it says: $(arch_of sandbox.h))" test "$(arch_of sandbox.h)" = "$2"
	check "${1}arch $2: the program is relinked (remade: $got)" was_remade app
}

# After a build with --default-action trap added to the flags ($got: what
# it remade): both files are remade, and the C file has the new default.
check_new_flag() { # test-name prefix
	check "${1}a new flag: sandbox.c and sandbox.h are remade (remade: $got)" was_remade sandbox.c sandbox.h
	check "${1}a new flag: sandbox.c has the trap default" grep -q "/\* trap \*/" sandbox.c
}
