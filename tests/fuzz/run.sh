#!/bin/sh
# run.sh FUZZER SECONDS SEED_DIR...: runs the libFuzzer harness for SECONDS
# (0: no limit) from the seeds (read only: new inputs go to
# tests/fuzz/corpus in the build tree), and fails on any crash, leak,
# timeout or sanitizer report, showing the end of the log.  Prints the
# number of executions and adds it to tests/fuzz/executions.
#
# FUZZ_MAX_LEN (65536) bounds the inputs libFuzzer makes; FUZZ_EXTRA adds
# options (make fuzz-long: a dictionary, a count of runs); FUZZ_JOBS (1)
# runs that many fuzzers side by side on the same corpus, each with the
# same options.  The stack is limited to FUZZ_STACK_KB (1024): stack use
# is part of the test (issue 17).
fuzzer=$1 seconds=$2
shift 2
mkdir -p tests/fuzz/corpus tests/fuzz/artifacts
jobs=${FUZZ_JOBS:-1}
rm -f tests/fuzz/fuzz.log tests/fuzz/fuzz-*.log
ulimit -s "${FUZZ_STACK_KB:-1024}" || exit 1
start=$(date +%s)
if [ "$jobs" -gt 1 ]; then
	# libFuzzer writes each job's log to fuzz-N.log in its directory.
	parallel="-jobs=$jobs -workers=$jobs"
	# Seed directories are made absolute for the change of directory.
	top=$PWD
	for d; do
		shift
		case $d in /*) set -- "$@" "$d" ;; *) set -- "$@" "$top/$d" ;; esac
	done
	case $fuzzer in /*) ;; *) fuzzer=$top/$fuzzer ;; esac
	cd tests/fuzz || exit 1
	dirs=corpus art=artifacts/
else
	parallel=
	dirs=tests/fuzz/corpus art=tests/fuzz/artifacts/
fi
# shellcheck disable=SC2086 # FUZZ_EXTRA and parallel are options
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-65536}" \
	${FUZZ_EXTRA:-} $parallel -print_final_stats=1 -artifact_prefix=$art $dirs "$@" >fuzz.log 2>&1
rc=$?
[ "$jobs" -gt 1 ] || mv fuzz.log tests/fuzz/fuzz.log
[ "$jobs" -gt 1 ] && cd ../..
# With jobs, fuzz.log repeats what the jobs' own logs say: count theirs.
logs=$(ls tests/fuzz/fuzz.log tests/fuzz/fuzz-*.log 2>/dev/null)
counted=tests/fuzz/fuzz.log
[ "$jobs" -gt 1 ] && counted=$(ls tests/fuzz/fuzz-*.log 2>/dev/null)
execs=0
for log in $counted; do
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	execs=$((execs + ${n:-0}))
done
# shellcheck disable=SC2086 # one word per log
if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|exited with exit code [1-9]' $logs; then
	for log in $logs; do
		grep -qE 'ERROR|runtime error:|exit code [1-9]' "$log" && tail -n 60 "$log"
	done
	echo "fuzz: FAIL after $execs executions (exit $rc); the input is in tests/fuzz/artifacts/"
	exit 1
fi
echo "$execs" >>tests/fuzz/executions
echo "fuzz: $execs executions in $(($(date +%s) - start)) s with $jobs job(s) (stack $(ulimit -s) KiB), no crash, leak or sanitizer report ($(ls tests/fuzz/corpus | wc -l) inputs in the corpus)"
