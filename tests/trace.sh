#!/bin/sh
# seccomp-gen-trace (issue 15): round trips through the real kernel.  A
# program is traced, its policy compiled by seccomp-gen with the default
# action kill, and the program run again under that filter: the same
# output and exit status; a call the traced run never made is killed.
# Also: the command's streams and exit status pass through, compat calls
# are recorded per arch, and failures write nothing.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:=$PWD}"
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99
TRACE=$abs_top_builddir/seccomp-gen-trace
PROG=$abs_top_builddir/tests/trace/traced-prog
RUNF=$abs_top_builddir/tests/trace/run-filtered
tr() { "$TRACE" "$@"; }

check "--help exits 0 and shows the usage" sh -c '"$0" --help | grep -q "seccomp-gen-trace \[OPTIONS\] \[--\] COMMAND"' "$TRACE"
check "--version exits 0" sh -c '"$0" --version | grep -q "^seccomp-gen-trace "' "$TRACE"
check "no command: exit 2" status 2 tr -o x.policy
check "command not found: exit 127" status 127 tr -o nf.policy -- no-such-command-here
check "command not found: says so" grep -q "seccomp-gen-trace: error: no-such-command-here: command not found" err.txt
check "command not found: nothing written" test ! -e nf.policy
printf 'text\n' >notexec && chmod 644 notexec
check "not executable: exit 126" status 126 tr -o ne.policy -- ./notexec
check "not executable: nothing written" test ! -e ne.policy

# Can this machine trace at all?  (A container may forbid ptrace.)
if ! "$TRACE" -o probe.policy -- true 2>probe.err; then
	skip "ptrace is not available here: $(head -n 1 probe.err)"
	echo "1..$n"
	exit 0
fi

# Streams and status pass through.
check "stdin passes through" sh -c 'echo hello | "$0" -o cat.policy -- cat >cat.out && grep -qx hello cat.out' "$TRACE"
check "stderr passes through" sh -c '"$0" -o e.policy -- sh -c "echo oops >&2" 2>e.err && grep -qx oops e.err' "$TRACE"
check "exit status passes through" status 7 tr -o s.policy -- sh -c 'exit 7'
check "a policy is written for a failing command" grep -q '^exit_group: 1$' s.policy
check "a command killed by a signal: the tracer dies of it" status 138 sh -c '"$0" -o k.policy -- sh -c "kill -USR1 \$\$"' "$TRACE"
check "a command killed by a signal: the policy is written" grep -q '^kill: 1$' k.policy
echo 'previous contents' >keep.policy
check "a failure leaves the old output untouched" sh -c '! "$0" -o keep.policy -- no-such-command-here 2>/dev/null && grep -q "previous contents" keep.policy && ! ls keep.policy.tmp.* 2>/dev/null' "$TRACE"

# ptrace refused (here by a seccomp filter that fails ptrace with EPERM):
# a clear error that names Yama's ptrace_scope, and nothing written.
printf '@denylist\nptrace: return EPERM\n' >noptrace.policy
"$SECCOMP_GEN" --denylist -f raw -o noptrace.bpf noptrace.policy
"$RUNF" noptrace.bpf true; rc=$?
if [ $rc -eq 77 ]; then
	skip "this kernel refuses seccomp filters"
else
	check "ptrace not permitted: exit 1" status 1 "$RUNF" noptrace.bpf "$TRACE" -o np.policy -- true
	check "ptrace not permitted: says so" grep -q "cannot trace the command: ptrace: Operation not permitted" err.txt
	check "ptrace not permitted: mentions Yama's ptrace_scope" grep -q "ptrace_scope" err.txt
	check "ptrace not permitted: nothing written" test ! -e np.policy
fi

# Round trip 1: the test program.
"$PROG" "$tmp" >plain.out
check "traced: exit 0" status 0 tr -o prog.policy -- "$PROG" "$tmp"
check "traced: the same output as untraced" cmp out.txt plain.out
check "the policy says how often each call was made" grep -q '^# seen [0-9]* times\{0,1\}' prog.policy
check "the policy is sorted by syscall name" sh -c 'grep -v "^[#@]" prog.policy | grep . | LC_ALL=C sort -c'
check "the policy names fcntl's commands" grep -q '^fcntl: arg1 == F_GETFL || arg1 == F_SETFL$' prog.policy
check "the policy names the socket domain" grep -q '^socket: arg0 == AF_UNIX$' prog.policy
check "the ioctl request is filtered (FIONREAD has several names: a number)" grep -q '^ioctl: arg1 == 0x541b$' prog.policy
check "the threads were followed (clone3 or clone, and exit)" sh -c 'grep -q "^clone3\{0,1\}: " prog.policy && grep -q "^exit: 1" prog.policy'
printf '@include ./prog.policy\n@default kill\n' >prog-kill.policy
check "seccomp-gen compiles it" "$SECCOMP_GEN" -f raw -o prog.bpf prog-kill.policy
"$RUNF" prog.bpf true; rc=$?
if [ $rc -eq 77 ]; then
	skip "this kernel refuses seccomp filters"
else
	check "under the filter: exit 0" status 0 "$RUNF" prog.bpf "$PROG" "$tmp"
	check "under the filter: the same output" cmp out.txt plain.out
	check "under the filter: a call the run never made (ptrace) is killed" status 159 sh -c '"$0" prog.bpf "$1" "$2" ptrace; exit $?' "$RUNF" "$PROG" "$tmp"
	check "under the filter: the program got as far as that call" grep -q '^file bytes: 10$' out.txt
fi

# Round trip 2: a shell pipeline (fork, exec, pipes, wait).
check "a pipeline traced: exit 0" status 0 tr -o sh.policy -- /bin/sh -c 'echo a | cat'
check "a pipeline traced: its output" sh -c '[ "$(cat out.txt)" = a ]'
check "the children were followed (clone flags, execve, wait4)" sh -c 'grep -q "^clone: arg0 == " sh.policy && grep -q "^execve: 1" sh.policy && grep -q "^wait4: 1" sh.policy'
printf '@include ./sh.policy\n@default kill\n' >sh-kill.policy
check "seccomp-gen compiles the pipeline's policy" "$SECCOMP_GEN" -f raw -o sh.bpf sh-kill.policy
if [ $rc -ne 77 ]; then
	check "the pipeline under the filter: exit 0" status 0 "$RUNF" sh.bpf /bin/sh -c 'echo a | cat'
	check "the pipeline under the filter: its output" sh -c '[ "$(cat out.txt)" = a ]'
	check "the pipeline under the filter: a call the run never made (chdir) is killed" status 159 sh -c '"$0" sh.bpf /bin/sh -c "echo a | cat; cd /"; exit $?' "$RUNF"
fi

# --frequency: the counts as @frequency weights, named in the policy.
check "--frequency: traced" status 0 tr -o fq.policy --frequency fq.frequency -- /bin/sh -c 'echo a | cat'
check "--frequency: the policy names the file" grep -qx '@frequency ./fq.frequency' fq.policy
check "--frequency: a weight for each syscall, as counted" sh -c 'w=$(sed -n "s/^read: //p" fq.frequency) && grep -B1 "^read: 1$" fq.policy | grep -qx "# seen $w times\{0,1\}"'
check "--frequency: seccomp-gen compiles the pair" "$SECCOMP_GEN" -f raw -o fq.bpf fq.policy
# --base: what a policy allows is left out.
check "--base: everything the base allows is left out" status 0 tr --base sh.policy -o none.policy -- /bin/sh -c 'echo a | cat'
check "--base: no statement is left" sh -c '! grep -v "^#" none.policy | grep -q .'
check "--base: the header says how many calls the base covered" grep -q 'of which [0-9]* the base policies allow' none.policy
printf 'read: 1\nwrite: arg0 == 1\nclone: arg0 == 0\n' >part.policy
check "--base: a partial base" status 1 tr --base part.policy -o part-out.policy -- /bin/sh -c 'echo a | cat; cat no-such-file'
check "--base: its unconditional syscalls are left out" sh -c '! grep -q "^read:" part-out.policy'
check "--base: a filtered one is kept where its filter refuses the call" grep -q '^clone: arg0 == ' part-out.policy
"$TRACE" -o full.policy -- /bin/sh -c 'echo a | cat; cat no-such-file' >/dev/null 2>&1
seen() { grep -B1 "^$1: " "$2" | sed -n 's/^# seen \([0-9]*\).*/\1/p'; }
check "--base: the calls its filter allows are left out (write to fd 1, not to fd 2)" sh -c '[ "$0" -gt 0 ] && [ "$0" -lt "$1" ]' "$(seen write part-out.policy)" "$(seen write full.policy)"
printf 'read: 1\nbogus_call: 1\n' >badbase.policy
check "--base: a bad base is an error before the run" status 1 tr --base badbase.policy -o bb.policy -- sh -c 'echo ran'
check "--base: located" grep -q "badbase.policy:2:1: error: unknown syscall 'bogus_call'" err.txt
check "--base: the command did not run, nothing written" sh -c '! grep -q ran out.txt && test ! -e bb.policy'
check "--no-arg-filters: every syscall unconditional" sh -c '"$0" --no-arg-filters -o na.policy -- /bin/sh -c "echo a | cat" && ! grep -q "arg[0-9]" na.policy' "$TRACE"

# Compat calls: int 0x80 in an x86_64 process is recorded as i386.
if [ "$(uname -m)" = x86_64 ] && "$PROG" "$tmp" int80 >int80.plain 2>/dev/null && grep -q 'int80 getppid: 1' int80.plain; then
	check "compat: traced" status 0 tr -o compat.policy -- "$PROG" "$tmp" int80
	check "compat: i386's getppid recorded for its arch" grep -q '^getppid\[arch=x86\]: 1$' compat.policy
	check "compat: x86_64 calls tagged with theirs" grep -q '^execve\[arch=x86_64,x86\]: 1$\|^execve\[arch=x86_64\]: 1$' compat.policy
	check "compat: the policy says to compile for both" grep -q 'seccomp-gen --arch x86_64,i386' compat.policy
	printf '@include ./compat.policy\n@default kill\n' >compat-kill.policy
	check "compat: seccomp-gen compiles it for x86_64,i386" "$SECCOMP_GEN" --arch x86_64,i386 -f raw -o compat.bpf compat-kill.policy
	if [ $rc -ne 77 ]; then
		check "compat: under the filter, the same output" sh -c '"$0" compat.bpf "$1" "$2" int80 >c.out && cmp c.out int80.plain' "$RUNF" "$PROG" "$tmp"
	fi
	check "compat: -a x86_64 leaves the i386 calls out, and says so" sh -c '"$0" -a x86_64 -o c64.policy -- "$1" "$2" int80 >/dev/null 2>c64.err && grep -q "i386 calls (getppid) not written" c64.err && ! grep -q "arch=" c64.policy' "$TRACE" "$PROG" "$tmp"
	if [ $rc -ne 77 ]; then
		printf '@include ./c64.policy\n@default kill\n' >c64-kill.policy
		"$SECCOMP_GEN" --arch x86_64 -f raw -o c64.bpf c64-kill.policy
		check "compat: without them, the compat call is killed" status 159 sh -c '"$0" c64.bpf "$1" "$2" int80 >/dev/null; exit $?' "$RUNF" "$PROG" "$tmp"
	fi
else
	skip "no int 0x80 here (not x86_64, or no IA-32 emulation)"
fi
echo "1..$n"
