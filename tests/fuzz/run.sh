#!/bin/sh
# run.sh FUZZER SECONDS SEED_DIR...: runs the libFuzzer harness for SECONDS
# from the seeds (read only: new inputs go to tests/fuzz/corpus in the
# build tree), and fails on any crash, leak, timeout or sanitizer report,
# showing the end of the log.  Prints the number of executions.
#
# FUZZ_MAX_LEN (65536) bounds the inputs libFuzzer makes; FUZZ_EXTRA adds
# options (make fuzz-long: a dictionary, a count of runs).  The stack is
# limited to FUZZ_STACK_KB (1024): stack use is part of the test (issue 17).
fuzzer=$1 seconds=$2
shift 2
mkdir -p tests/fuzz/corpus tests/fuzz/artifacts
log=tests/fuzz/fuzz.log
ulimit -s "${FUZZ_STACK_KB:-1024}" || exit 1
start=$(date +%s)
# shellcheck disable=SC2086 # FUZZ_EXTRA is options
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-65536}" \
	${FUZZ_EXTRA:-} -print_final_stats=1 -artifact_prefix=tests/fuzz/artifacts/ tests/fuzz/corpus "$@" >"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
	tail -n 60 "$log"
	echo "fuzz: FAIL after ${execs:-?} executions (exit $rc); the input is in tests/fuzz/artifacts/"
	exit 1
fi
echo "fuzz: ${execs:-0} executions in $(($(date +%s) - start)) s (stack $(ulimit -s) KiB), no crash, leak or sanitizer report ($(ls tests/fuzz/corpus | wc -l) inputs in the corpus)"
