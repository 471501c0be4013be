#!/bin/sh
# Counts the results of the last `make check` from automake's .trs files
# (one :test-result: line per TAP point) and prints the closing line
# "N passed, N failed, N skipped".  A test script that crashed before its
# plan is an ERROR and counts as failed.
dir=${1:-.}
find "$dir" -name '*.trs' -newer "$dir/config.status" 2>/dev/null |
	xargs -r cat | awk '
	/^:test-result: (PASS|XFAIL)/ { pass++ }
	/^:test-result: (FAIL|XPASS|ERROR)/ { fail++ }
	/^:test-result: SKIP/ { skip++ }
	END { printf "%d passed, %d failed, %d skipped\n", pass, fail, skip }'
