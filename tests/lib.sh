# Shared by the shell tests: a temporary directory to work in (removed on
# exit) and TAP helpers.  Source it after setting srcdir; it cds there.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
check() { # description, then a command that must succeed
	d=$1; shift
	n=$((n + 1))
	if "$@" >"$tmp/check.log" 2>&1; then
		echo "ok $n - $d"
	else
		echo "not ok $n - $d"
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
