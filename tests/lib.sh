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
