#!/bin/sh
# Stack use is part of the test: the bad-input catalogue (its 200,000-term
# constants and test-file arguments, 200,000-deep JSON, 100,000-deep
# parentheses, include bombs and long lines) again, with the stack of
# every seccomp-gen run limited to 1 MiB instead of the usual 8.  A
# recursion over an input-sized structure shows here as a crash.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
if ! ulimit -s 1024 2>/dev/null || [ "$(ulimit -s)" != 1024 ]; then
	echo "1..0 # SKIP cannot set a 1 MiB stack (ulimit -s 1024)"
	exit 0
fi
exec sh "$srcdir/tests/bad-input.sh"
