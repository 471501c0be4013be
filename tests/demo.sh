#!/bin/sh
# The demo runs, shows the allowed and denied syscalls, and ends well.
: "${top_builddir:=.}"
demo="$top_builddir/policies/demo"
out=$("$demo" 2>&1); rc=$?
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
t "demo exits 0" '[ $rc -eq 0 ]'
t "getpid is allowed" 'echo "$out" | grep -q "getpid() = [0-9]* (allowed)"'
t "socket gets EACCES" 'echo "$out" | grep -q "socket(AF_INET) = -1, errno EACCES"'
t "ptrace kills the device" 'echo "$out" | grep -q "killed by SIGSYS at ptrace"'
echo "$out" | sed 's/^/# /'
echo "1..$n"
