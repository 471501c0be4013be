# Shared by the consumer tests (tests/consumer-*.sh): seccomp-gen installed
# into a temporary prefix as README's "Use it in your project" says for a
# prefix other than /usr/local, the project tests/consumer/ copied out of
# the source tree, TAP helpers, and the checks every build system must
# pass: the program runs under its filters, and which files a build remade.
# Set `tools` (the programs the test needs) before sourcing it.
: "${SECCOMP_GEN:?}" "${abs_top_builddir:?}" "${srcdir:=.}"
n=0
for tool in $tools; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed (sh build-aux/install-deps.sh installs it)"
		exit 0
	fi
done
src=$(cd "$srcdir" && pwd) || exit 99
# The temporary directory, removed on exit, and sg_install_lock.
. "$srcdir/tests/lib.sh"
inst=$tmp/inst
# The suite's own make must not leak into these: its jobserver, its
# variables, or the seccomp-gen of the build tree (configure would take
# SECCOMP_GEN from the environment).
own_seccomp_gen=$SECCOMP_GEN
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SECCOMP_GEN SECCOMP_GEN_ARCH DESTDIR
unset PKG_CONFIG_PATH ACLOCAL_PATH CMAKE_PREFIX_PATH
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
