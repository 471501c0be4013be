#!/bin/sh
# seccomp-gen-trace's two recorders compared (issue 25): each workload is
# recorded with --recorder=bpf and with --recorder=ptrace, and the two
# policies must hold the same statements (the counts may differ; no
# difference is expected on any workload here).  The eBPF recorder's
# policy, compiled with `@default kill`, then runs its workload again in
# the kernel: the same output and exit status, and a call the run never
# made is killed.  The workloads are the ways a recorder loses a call or
# counts another process's: threads, a pipeline, vfork, an execve from a
# thread that is not the leader, an i386 program, int 0x80, an orphaned
# background child, and programs that install their own seccomp filter
# (one answers a call with EPERM, one kills at a call), whose refused
# calls never reach the raw_syscalls:sys_enter tracepoint.
#
# Also: --recorder=auto says which recorder it took; without privileges
# --recorder=bpf fails clearly and auto falls back to ptrace; with only
# CAP_BPF and CAP_PERFMON the eBPF recorder runs and the command gets
# neither; and the recipe of README and seccomp-gen-trace(1) to try a
# traced policy with bubblewrap.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:=$PWD}"
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99
TRACE=$abs_top_builddir/seccomp-gen-trace
PROG=$abs_top_builddir/tests/trace/traced-prog
FOLLOW=$abs_top_builddir/tests/trace/follow-prog
VFP=$abs_top_builddir/tests/trace/vfork-prog
# Under a filter, a killed thread may leave its process waiting forever.
RUNF=$tmp/run-filtered
printf '#!/bin/sh\nexec timeout 30 "%s" "$@"\n' "$abs_top_builddir/tests/trace/run-filtered" >"$RUNF" && chmod +x "$RUNF"

# What this machine can do; each missing piece skips the whole test.
if ! "$TRACE" --version | grep -q '^recorders: bpf'; then
	echo "1..0 # SKIP seccomp-gen-trace has the ptrace recorder only: $("$TRACE" --version | sed -n 's/^recorders: ptrace (\(.*\))$/\1/p')"
	exit 0
fi
if ! "$TRACE" --recorder=bpf -o probe.policy -- true 2>probe.err; then
	echo "1..0 # SKIP the eBPF recorder cannot run here: $(sed 's/^seccomp-gen-trace: error: //' probe.err | head -n 1)"
	exit 0
fi
if ! "$TRACE" --recorder=ptrace -o probe.policy -- true 2>probe.err; then
	echo "1..0 # SKIP ptrace is not available here: $(head -n 1 probe.err)"
	exit 0
fi
printf '@denylist\nptrace: return EPERM\n' >probe.policy
"$SECCOMP_GEN" --denylist -f raw -o probe.bpf probe.policy
if "$RUNF" probe.bpf true; [ $? -eq 77 ]; then
	echo "1..0 # SKIP this kernel refuses seccomp filters"
	exit 0
fi

# The statements of a policy: no comments, no counts.
statements() { grep -v '^#' "$1" | grep .; }

# record NAME COMMAND...: NAME-bpf.policy and NAME-ptrace.policy, with
# the output and exit status of each run (NAME-bpf.out, NAME-bpf.status).
record() {
	name=$1; shift
	for r in bpf ptrace; do
		"$TRACE" --recorder=$r -o "$name-$r.policy" -- "$@" >"$name-$r.out" 2>"$name-$r.err" </dev/null
		echo $? >"$name-$r.status"
	done
}

# same NAME WHAT: the two recorders' policies have the same statements.
same() {
	check "$1 ($2): both recorders write the same statements" sh -c 'statements() { grep -v "^#" "$1" | grep .; }
		statements "$0-bpf.policy" >"$0-bpf.st"; statements "$0-ptrace.policy" >"$0-ptrace.st"
		diff "$0-ptrace.st" "$0-bpf.st"' "$1"
	check "$1: both runs had the same output and status" sh -c 'cmp "$0-bpf.out" "$0-ptrace.out" && cmp "$0-bpf.status" "$0-ptrace.status"' "$1"
}

# filtered NAME ARCHES: NAME.bpf, the eBPF recorder's policy with every
# other call killed, compiled for ARCHES.
filtered() {
	printf '@include ./%s-bpf.policy\n@default kill\n' "$1" >"$1-kill.policy"
	check "$1: seccomp-gen compiles the eBPF recorder's policy with @default kill" "$SECCOMP_GEN" --arch "$2" -f raw -o "$1.bpf" "$1-kill.policy"
}

# rerun NAME COMMAND...: the command under NAME.bpf, its output and status
# as in the traced run.
rerun() {
	name=$1; shift
	# Through a pipe, which waits for an orphan's output too (and, as a
	# file, makes stdio ask nothing of the terminal).
	{ "$RUNF" "$name.bpf" "$@" </dev/null; echo $? >"$name-rerun.status"; } | cat >"$name-rerun.out"
	check "$name: under its policy, the same output and status" sh -c 'cmp "$0-bpf.out" "$0-rerun.out" && cmp "$0-bpf.status" "$0-rerun.status"' "$name"
}

# killed NAME DESCRIPTION COMMAND...: the command makes a call the run
# never made; the policy kills it (SIGSYS: 128 + 31).
killed() {
	name=$1 what=$2; shift 2
	check "$name: under its policy, a call the run never made ($what) is killed" status 159 "$RUNF" "$name.bpf" "$@"
}

host=$(uname -m)
[ "$host" = x86_64 ] || { echo "1..0 # SKIP the eBPF recorder is x86_64's"; exit 0; }

# The test program: threads, pipes, sockets, ioctl, fcntl, mappings.
record prog "$PROG" "$tmp"
same prog "the test program"
check "prog: the policy filters the arguments it filters under ptrace" grep -q '^ioctl: arg1 == 0x541b$' prog-bpf.policy
filtered prog x86_64
rerun prog "$PROG" "$tmp"
killed prog ptrace "$PROG" "$tmp" ptrace

# A shell pipeline: fork, exec, pipes, wait.
record pipe /bin/sh -c 'echo a | cat'
same pipe "a shell pipeline"
check "pipe: the children's calls are there (execve twice, wait4)" sh -c 'grep -B1 "^execve: 1$" pipe-bpf.policy | grep -q "seen [2-9]" && grep -q "^wait4: 1$" pipe-bpf.policy'
filtered pipe x86_64
rerun pipe /bin/sh -c 'echo a | cat'
killed pipe chdir /bin/sh -c 'echo a | cat; cd /'

# Four threads, each with an argument value of its own.
record threads "$FOLLOW" threads
same threads "a threaded program"
check "threads: each thread's value is there" sh -c 'grep -q "^prctl: arg0 == \\(PR_GET_NAME\\|16\\)$" threads-bpf.policy && grep -q "^madvise: arg2 == MADV_DONTNEED$" threads-bpf.policy && grep -q "^socket: arg0 == AF_INET$" threads-bpf.policy && grep -q "^fcntl: arg1 == F_GETFD$" threads-bpf.policy'
filtered threads x86_64
rerun threads "$FOLLOW" threads
killed threads chdir "$FOLLOW" threads extra

# vfork(2): the child runs on the parent's memory until its exec.
record vfork "$VFP" /bin/true
same vfork "vfork and exec"
check "vfork: the child's exec is counted (execve seen 2 times)" sh -c 'grep -B1 -x "execve: 1" vfork-bpf.policy | grep -qx "# seen 2 times"'
filtered vfork x86_64
rerun vfork "$VFP" /bin/true
check "vfork: under its policy, a child's call the run never made (chdir) is killed" sh -c '"$0" vfork.bpf "$1" /bin/sh -c "cd /" >vfk.out; [ $? -eq 1 ] && grep -qx "vfork child: killed by signal 31" vfk.out' "$RUNF" "$VFP"

# execve from a thread that is not the leader: the process keeps the
# leader's pid, and what the new program does is counted.
record exec-thread "$FOLLOW" exec-thread
same exec-thread "execve from a thread"
check "exec-thread: the new program's call (uname) is there" grep -q '^uname: 1$' exec-thread-bpf.policy
check "exec-thread: the kernel kept the leader's pid" grep -q 'the leader.s pid kept' exec-thread-bpf.out
filtered exec-thread x86_64
rerun exec-thread "$FOLLOW" exec-thread
killed exec-thread chdir "$FOLLOW" exec-thread extra

# An orphaned background child: it outlives the command, and both
# recorders wait for it.
record orphan "$FOLLOW" orphan
same orphan "an orphaned background child"
check "orphan: its call, made after the command ended, is there (uname)" grep -q '^uname: 1$' orphan-bpf.policy
check "orphan: its output came before the tracer returned" grep -qx 'orphan: uname 0' orphan-bpf.out
filtered orphan x86_64
rerun orphan "$FOLLOW" orphan
check "orphan: under its policy, its call the run never made (chdir) is killed" sh -c '"$0" orphan.bpf "$1" orphan extra | cat >ok.out; grep -qx "orphan: uname 0" ok.out && ! grep -q "not killed" ok.out' "$RUNF" "$FOLLOW"

# A program whose own filter answers getpgid with EPERM: seccomp runs
# before raw_syscalls:sys_enter, and the eBPF recorder finds the call at
# sys_exit; ptrace stops before seccomp.
record sandbox-errno "$FOLLOW" sandbox-errno
same sandbox-errno "its own filter returns EPERM"
check "sandbox-errno: the refused call is in the policy (getpgid)" grep -q '^getpgid: 1$' sandbox-errno-bpf.policy
check "sandbox-errno: the program saw EPERM" grep -q 'EPERM' sandbox-errno-bpf.out
filtered sandbox-errno x86_64
rerun sandbox-errno "$FOLLOW" sandbox-errno
killed sandbox-errno chdir "$FOLLOW" sandbox-errno extra

# A program whose own filter kills it at getsid: the eBPF recorder finds
# the call at sched_process_exit (seccomp marks the thread dead and
# leaves the call in its registers).
record sandbox-kill "$FOLLOW" sandbox-kill
same sandbox-kill "its own filter kills"
check "sandbox-kill: the killing call is in the policy (getsid)" grep -q '^getsid: 1$' sandbox-kill-bpf.policy
check "sandbox-kill: the tracer died as the program did (SIGSYS)" grep -qx 159 sandbox-kill-bpf.status
filtered sandbox-kill x86_64
rerun sandbox-kill "$FOLLOW" sandbox-kill
check "sandbox-kill: under its policy, a call the run never made (chdir) is killed before its own filter's" sh -c '"$0" sandbox-kill.bpf "$1" sandbox-kill extra >sk.out; [ $? -eq 159 ] && ! grep -q . sk.out' "$RUNF" "$FOLLOW"

# The same with a filter that kills only the thread that calls getsid.
record sandbox-kill-thread "$FOLLOW" sandbox-kill-thread
same sandbox-kill-thread "its own filter kills a thread"
check "sandbox-kill-thread: the killing call is in the policy (getsid)" grep -q '^getsid: 1$' sandbox-kill-thread-bpf.policy
check "sandbox-kill-thread: the process went on" grep -q 'the process goes on' sandbox-kill-thread-bpf.out
filtered sandbox-kill-thread x86_64
rerun sandbox-kill-thread "$FOLLOW" sandbox-kill-thread
killed sandbox-kill-thread chdir "$FOLLOW" sandbox-kill-thread extra

# The tracer itself under a seccomp filter (a container's profile, say),
# which the command inherits: every call of the command now goes through
# the eBPF recorder's sys_exit check.  Neither the call its child was
# blocked in before the command's execve nor a child's return from fork
# may be counted as a call the filter refused.
printf '@denylist\nkexec_load: return EPERM\n' >container.policy
"$SECCOMP_GEN" --denylist -f raw -o container.bpf container.policy
printf 'int main(void) { return 0; }\n' >static.c
if "${CC:-cc}" -static -o static-true static.c 2>/dev/null; then
	for r in bpf ptrace; do
		"$RUNF" container.bpf "$TRACE" --recorder=$r -o static-$r.policy -- ./static-true
	done
	check "under a filter: a static program, the same statements from both recorders" sh -c 'grep -v "^#" static-ptrace.policy | grep . >a.st; grep -v "^#" static-bpf.policy | grep . >b.st; diff a.st b.st'
	check "under a filter: no read counted (the tracer's child's, before the execve)" sh -c '! grep -q "^read: " static-bpf.policy'
else
	skip "no static linking here (cc -static)"
fi
for r in bpf ptrace; do
	"$RUNF" container.bpf "$TRACE" --recorder=$r -o forks-$r.policy -- "$FOLLOW" orphan >/dev/null
done
seen() { grep -B1 "^$1: " "$2" | sed -n 's/^# seen \([0-9]*\).*/\1/p'; }
check "under a filter: a program's forks, counted once each (clone seen 2 times by both)" sh -c '[ "$0" = 2 ] && [ "$1" = 2 ]' "$(seen clone forks-bpf.policy)" "$(seen clone forks-ptrace.policy)"

# The tracer in a pid namespace of its own (a container's): the pids it
# sees are not the kernel's, which the program keys its table on; the
# command registers itself from inside, so its calls and those of its
# orphan are there.
if timeout 10 unshare --pid --fork --mount-proc true 2>/dev/null; then
	check "in a pid namespace: the eBPF recorder runs and ends" status 0 timeout 60 unshare --pid --fork --mount-proc "$TRACE" --recorder=bpf -o ns.policy -- "$FOLLOW" orphan
	check "in a pid namespace: the same statements as outside" sh -c 'grep -v "^#" ns.policy | grep . >ns.st; grep -v "^#" orphan-bpf.policy | grep . >out.st; diff out.st ns.st'
else
	skip "unshare --pid cannot make a pid namespace here"
fi

# Full tables are never silent (SG_TRACE_BPF_TABLES=PROCS,VALUES makes
# them small): processes not followed fail the run; values not kept are
# a warning, and their syscalls are written without a filter, which still
# lets the program run.
check "a full table of processes: the run fails" status 1 env SG_TRACE_BPF_TABLES=2,16384 "$TRACE" --recorder=bpf -o fullp.policy -- /bin/sh -c 'sleep 0.5 & sleep 0.5 & sleep 0.5 & wait'
check "a full table of processes: says how many were not followed" grep -q "^seccomp-gen-trace: error: [1-9][0-9]* processes of the command were not followed: the eBPF recorder's table of processes (2) was full; their calls are missing$" err.txt
check "a full table of processes: nothing written" test ! -e fullp.policy
check "a full table of values: the run goes on" status 0 env SG_TRACE_BPF_TABLES=32768,3 "$TRACE" --recorder=bpf -o fullv.policy -- "$PROG" "$tmp"
check "a full table of values: a warning with the count" grep -q "^seccomp-gen-trace: warning: [1-9][0-9]* argument values were not kept: the eBPF recorder's table of values (3) was full; their syscalls are written without a filter$" err.txt
check "a full table of values: syscalls written without a filter" sh -c '[ "$(grep -c "^[a-z0-9_]*: 1$" fullv.policy)" -gt "$(grep -c "^[a-z0-9_]*: 1$" prog-bpf.policy)" ]'
cp fullv.policy fullv-bpf.policy
cp prog-bpf.out fullv-bpf.out
cp prog-bpf.status fullv-bpf.status
filtered fullv x86_64
rerun fullv "$PROG" "$tmp"

# int 0x80 in an x86_64 process: i386's getppid, for i386.
if "$PROG" "$tmp" int80 2>/dev/null | grep -q 'int80 getppid: 1'; then
	record int80 "$PROG" "$tmp" int80
	same int80 "int 0x80"
	check "int80: i386's getppid recorded for its arch" grep -q '^getppid\[arch=x86\]: 1$' int80-bpf.policy
	filtered int80 x86_64,i386
	rerun int80 "$PROG" "$tmp" int80
	killed int80 ptrace "$PROG" "$tmp" ptrace
else
	skip "no int 0x80 here (no IA-32 emulation)"
fi

# An i386 program: its execve is x86_64's, the rest i386's.
cat >m32.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	printf("ppid %d\n", getppid() > 0);
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "extra") == 0)
		printf("chdir %d, not killed\n", chdir("/"));
	return 3;
}
EOF
if "${CC:-cc}" -m32 -o m32 m32.c 2>/dev/null && ./m32 >/dev/null; [ $? -eq 3 ]; then
	record m32 ./m32
	same m32 "an i386 program"
	check "m32: its calls are i386's, its exec x86_64's" sh -c 'grep -q "^getppid\[arch=x86\]: 1$" m32-bpf.policy && grep -q "^execve\[arch=x86_64\]: 1$" m32-bpf.policy'
	filtered m32 x86_64,i386
	rerun m32 ./m32
	killed m32 chdir ./m32 extra
else
	skip "no i386 programs here (gcc -m32)"
fi

# --recorder=auto says which recorder, and why, in one line.
check "auto: one line on stderr says it took bpf" sh -c '"$0" -o auto.policy -- true 2>auto.err && [ "$(grep -c . auto.err)" = 1 ] && grep -q "^seccomp-gen-trace: recorder: bpf, loaded and attached in [0-9]* ms$" auto.err' "$TRACE"
check "--recorder=bpf and ptrace say nothing" sh -c '"$0" --recorder=bpf -o b.policy -- true 2>b.err && "$0" --recorder=ptrace -o p.policy -- true 2>p.err && ! grep -q . b.err p.err' "$TRACE"
check "--recorder=other: a usage error" status 2 "$TRACE" --recorder=kprobe -o x.policy -- true
check "--recorder=other: says what it takes" grep -q "recorder takes bpf, ptrace or auto, not 'kprobe'" err.txt

# Privileges: an unprivileged caller, and one with CAP_BPF and
# CAP_PERFMON only (setpriv(1) from util-linux; root needed to switch).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	check "unprivileged, --recorder=bpf: exit 1" status 1 nobody "$TRACE" --recorder=bpf -o - -- true
	check "unprivileged, --recorder=bpf: says what it needs" grep -q "^seccomp-gen-trace: error: the eBPF recorder cannot run: .*Operation not permitted (it needs root, or CAP_BPF and CAP_PERFMON)$" err.txt
	check "unprivileged, auto: falls back to ptrace and writes the policy" status 0 nobody "$TRACE" -o - -- true
	check "unprivileged, auto: one line says ptrace, and why" sh -c '[ "$(grep -c . err.txt)" = 1 ] && grep -q "^seccomp-gen-trace: recorder: ptrace, as the eBPF recorder cannot run: .*it needs root, or CAP_BPF and CAP_PERFMON" err.txt'
	check "unprivileged, auto: the policy is there" grep -q '^exit_group: 1$' out.txt
	caps() { nobody --inh-caps=+bpf,+perfmon --ambient-caps=+bpf,+perfmon "$@"; }
	if caps sh -c 'grep -q "^CapAmb:.*[1-9a-f]" /proc/self/status'; then
		check "CAP_BPF and CAP_PERFMON only: the eBPF recorder runs" status 0 caps "$TRACE" -o - -- sh -c 'grep "^Cap" /proc/self/status'
		check "CAP_BPF and CAP_PERFMON only: auto took bpf" grep -q "recorder: bpf" err.txt
		check "CAP_BPF and CAP_PERFMON only: the command has no capability (effective, permitted, ambient)" sh -c 'grep -qx "CapEff:	0000000000000000" out.txt && grep -qx "CapPrm:	0000000000000000" out.txt && grep -qx "CapAmb:	0000000000000000" out.txt'
		check "CAP_BPF and CAP_PERFMON only: the command runs as the caller" status 0 caps "$TRACE" -o /dev/null -- id -u
		check "CAP_BPF and CAP_PERFMON only: ... (uid 65534)" grep -qx 65534 out.txt
	else
		skip "setpriv cannot give ambient capabilities here"
	fi
else
	skip "privilege checks need root and setpriv(1)"
fi

# README's and seccomp-gen-trace(1)'s recipe: a traced policy tried on
# the command with bubblewrap, no code written (bwrap --seccomp FD).
sed -n '/^### Trying a traced policy/,/^## /s/^    //p' "$abs_top_srcdir/README.md" >recipe.sh
check "README: the bubblewrap recipe is there" grep -q 'bwrap .*--seccomp 3' recipe.sh
awk '/^\.Bd/ { n = 0; block = "" } /^\.Bd/, /^\.Ed/ { if (!/^\.(Bd|Ed)/) block = block $0 "\n" } /^\.Ed/ && block ~ /bwrap/ { printf "%s", block }' \
	"$abs_top_srcdir/man/seccomp-gen-trace.1" | sed 's/\\e/\\/g' >man-recipe.sh
check "seccomp-gen-trace(1) gives the same recipe" diff recipe.sh man-recipe.sh
if command -v bwrap >/dev/null 2>&1 && bwrap --dev-bind / / true 2>/dev/null; then
	# The recipe traces ./app; here the test program is the app.
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$PROG" "$tmp" >app && chmod +x app
	check "recipe: runs as written, the app's output under its policy" sh -c 'PATH="$0:$PATH" sh -e recipe.sh >recipe.out 2>recipe.err && grep -qx "file bytes: 10" recipe.out' "$abs_top_builddir"
	check "recipe: under the same policy, a call the run never made (ptrace) is killed" status 159 bwrap --dev-bind / / --seccomp 3 ./app ptrace 3<app.bpf
else
	skip "bubblewrap is not installed or cannot run here"
fi
echo "1..$n"
