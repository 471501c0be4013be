# Shared by the shell tests: a temporary directory to work in (removed on
# exit) and TAP helpers.  Source it after setting srcdir; it cds there.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@" >"$tmp/check.log" 2>&1; then
		ok "$d"
	else
		not_ok "$d"
		sed 's/^/# /' "$tmp/check.log"
	fi
}
status() { # expected status, command...: output in out.txt and err.txt
	want=$1; shift
	"$@" >out.txt 2>err.txt
	[ $? -eq "$want" ]
}
skip() { # reason
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
sg() { "$SECCOMP_GEN" "$@"; }
# `make install` and `make uninstall` of the build tree, one at a time:
# tests that install into prefixes of their own run in parallel, and each
# remakes the build tree's seccomp-gen.pc for its prefix.
sg_install_lock() {
	if command -v flock >/dev/null 2>&1; then
		flock "${abs_top_builddir:-.}/tests/install.lock" "$@"
	else
		"$@"
	fi
}
# The programs a test needs: without one of them, the whole test is
# skipped, saying which.
need_tools() {
	for tool; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "1..0 # SKIP $tool not installed (sh build-aux/install-deps.sh installs it)"
			exit 0
		fi
	done
}
