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
# Every run uses the recorder SG_TRACE_RECORDER names (auto by default;
# tests/trace-ptrace.sh runs it all again with ptrace).
RECORDER=${SG_TRACE_RECORDER:-auto}
REAL_TRACE=$abs_top_builddir/seccomp-gen-trace
TRACE=$tmp/seccomp-gen-trace
printf '#!/bin/sh\nexec "%s" --recorder=%s "$@"\n' "$REAL_TRACE" "$RECORDER" >"$TRACE" && chmod +x "$TRACE"
echo "# recorder: $RECORDER"
PROG=$abs_top_builddir/tests/trace/traced-prog
RUNF=$abs_top_builddir/tests/trace/run-filtered
tr() { "$TRACE" "$@"; }
# kill_default NAME: NAME-kill.policy, NAME.policy with everything else killed.
kill_default() { printf '@include ./%s.policy\n@default kill\n' "$1" >"$1-kill.policy"; }

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

"$PROG" "$tmp" >plain.out
# README's "first policy in two commands", run as written there (./app
# is the test program).
sed -n '/^## A first policy in two commands/,/^`seccomp-gen-trace`/s/^    //p' "$abs_top_srcdir/README.md" >readme.cmds
printf '#!/bin/sh\nexec "%s" "%s"\n' "$PROG" "$tmp" >app && chmod +x app
check "README: the two commands are there" test "$(grep -c . readme.cmds)" -eq 2
check "README: the two commands run" sh -c 'PATH="$0:$PATH" sh -e readme.cmds >readme.out && cmp readme.out "$1"' "$abs_top_builddir" plain.out
check "README: they make a policy and a C filter that compiles" sh -c 'grep -q "^fcntl: " app.policy && "${CC:-cc}" -c app_filter.c -o app_filter.o'

# The manual: clean under mandoc, and the options of --help, both ways.
page=$abs_top_srcdir/man/seccomp-gen-trace.1
if command -v mandoc >/dev/null 2>&1; then
	check "seccomp-gen-trace(1): mandoc -T lint -W warning reports nothing" sh -c '! mandoc -T lint -W warning "$0" 2>&1 | grep .' "$page"
else
	skip "mandoc is not installed"
fi
"$TRACE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >help.opts
sed -n 's/.*Fl \\-\([a-z][a-z-]*\).*/--\1/p' "$page" | sort -u >man.opts
check "every option of --help is in seccomp-gen-trace(1), and nothing more" sh -c 'diff help.opts man.opts >opts.diff || { cat opts.diff; false; }'

# Streams and status pass through.
check "stdin passes through" sh -c 'echo hello | "$0" -o cat.policy -- cat >cat.out && grep -qx hello cat.out' "$TRACE"
check "stderr passes through" sh -c '"$0" -o e.policy -- sh -c "echo oops >&2" 2>e.err && grep -qx oops e.err' "$TRACE"
check "exit status passes through" status 7 tr -o s.policy -- sh -c 'exit 7'
check "a policy is written for a failing command" grep -q '^exit_group: 1$' s.policy
check "a command killed by a signal: the tracer dies of it" status 138 sh -c '"$0" -o k.policy -- sh -c "kill -USR1 \$\$"' "$TRACE"
check "a command killed by a signal: the policy is written" grep -q '^kill: 1$' k.policy
check "job control: a command that stops itself goes on after SIGCONT" sh -c 'timeout 20 "$0" -o stop.policy -- sh -c "(sleep 0.3; kill -CONT \$\$) & kill -STOP \$\$; echo resumed; wait" >stop.out && grep -qx resumed stop.out' "$TRACE"
check "SIGTERM to the tracer reaches the command; the tracer ends as it did" status 143 sh -c '"$0" -o term.policy -- sleep 10 & p=$!; sleep 0.3; kill -TERM $p; wait $p' "$TRACE"
check "SIGTERM: the policy of the run so far is written" grep -q '^nanosleep: 1$\|^clock_nanosleep: 1$' term.policy
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
	check "ptrace not permitted: exit 1" status 1 "$RUNF" noptrace.bpf "$REAL_TRACE" --recorder=ptrace -o np.policy -- true
	check "ptrace not permitted: says so" grep -q "cannot trace the command: ptrace: Operation not permitted" err.txt
	check "ptrace not permitted: mentions Yama's ptrace_scope" grep -q "ptrace_scope" err.txt
	check "ptrace not permitted: nothing written" test ! -e np.policy
fi

# Round trip 1: the test program.
check "traced: exit 0" status 0 tr -o prog.policy -- "$PROG" "$tmp"
check "traced: the same output as untraced" cmp out.txt plain.out
check "the policy says how often each call was made" grep -q '^# seen [0-9]* times\{0,1\}' prog.policy
check "the policy is sorted by syscall name" sh -c 'grep -v "^[#@]" prog.policy | grep . | LC_ALL=C sort -c'
check "the policy names fcntl's commands" grep -q '^fcntl: arg1 == F_GETFL || arg1 == F_SETFL$' prog.policy
check "the policy names the socket domain" grep -q '^socket: arg0 == AF_UNIX$' prog.policy
check "the ioctl request is filtered (FIONREAD has several names: a number)" grep -q '^ioctl: arg1 == 0x541b$' prog.policy
check "mremap's flags are filtered (arg3, as Android's media policies do)" grep -qx 'mremap: arg3 == MREMAP_MAYMOVE' prog.policy
check "the threads were followed (clone3 or clone, and exit)" sh -c 'grep -q "^clone3\{0,1\}: " prog.policy && grep -q "^exit: 1" prog.policy'
kill_default prog
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

# Write xor exec: the program maps a page PROT_READ|PROT_EXEC and one
# PROT_READ|PROT_WRITE, then makes the writable one PROT_READ|PROT_EXEC;
# no call asks for both bits, so the policy allows neither for one call.
wxform='arg2 in ~PROT_EXEC || arg2 in PROT_READ|PROT_EXEC'
check "W^X: mmap of a run with R|X and R|W mappings is written write-xor-exec" grep -qx "mmap: $wxform" prog.policy
check "W^X: so is mprotect's (R|W made R|X)" grep -qx "mprotect: $wxform" prog.policy
check "W^X: the comment lists both kinds of mapping" sh -c 'grep -B1 "^mmap: " prog.policy | grep "^# seen" | grep -q "PROT_READ|PROT_WRITE [0-9]*, PROT_READ|PROT_EXEC [0-9]*"'
check "W^X: no comment about writable and executable memory" sh -c '! grep -q "writable and executable" prog.policy'
if [ $rc -ne 77 ]; then
	check "W^X under the filter: the program's mappings work (R|X, R|W, mprotect to R|X)" sh -c '"$0" prog.bpf "$1" "$2" >wx0.out && grep -qx "mappings: 1" wx0.out' "$RUNF" "$PROG" "$tmp"
	check "W^X under the filter: an mmap with PROT_WRITE|PROT_EXEC is killed" status 159 sh -c '"$0" prog.bpf "$1" "$2" wx-mmap; exit $?' "$RUNF" "$PROG" "$tmp"
	check "W^X under the filter: ... after the rest of the run" sh -c 'grep -q "^file bytes: 10$" out.txt && ! grep -q "not killed" out.txt'
	check "W^X under the filter: an mprotect to PROT_READ|PROT_WRITE|PROT_EXEC is killed" status 159 sh -c '"$0" prog.bpf "$1" "$2" wx-mprotect; exit $?' "$RUNF" "$PROG" "$tmp"
fi
# -Wdangerous-syscall reads the tracer's "# seen" lines as counts, not
# reasons, so it reviews the traced policy as written; the same policy
# with the combined mask is the control that it would warn.
check "W^X: -Wdangerous-syscall gives no mmap or mprotect warning" sh -c '"$0" -Wdangerous-syscall -f raw -o lint.bpf prog-kill.policy 2>lint.err && ! grep -q "'"'"'mmap'"'"'\|'"'"'mprotect'"'"'" lint.err' "$SECCOMP_GEN"
sed 's/^mmap: .*/mmap: arg2 in PROT_READ|PROT_WRITE|PROT_EXEC/' prog.policy >prog-wx.policy
kill_default prog-wx
check "W^X: ... where the combined mask gets one" sh -c '"$0" -Wdangerous-syscall -f raw -o lint.bpf prog-wx-kill.policy 2>lint.err && grep -q "'"'"'mmap'"'"' is allowed with PROT_WRITE|PROT_EXEC in arg2" lint.err' "$SECCOMP_GEN"
# A run that asks for W+X: the combined mask, and a comment that says so.
check "W+X: traced" status 0 tr -o wx.policy -- "$PROG" "$tmp" wx-mmap
check "W+X: the combined mask" grep -qx 'mmap: arg2 in PROT_READ|PROT_WRITE|PROT_EXEC' wx.policy
check "W+X: a comment above it says which call asked for it" sh -c 'grep -B2 "^mmap: " wx.policy | head -n 1 | grep -qx "# Allows memory both writable and executable (no write-xor-exec): a call asked for PROT_WRITE|PROT_EXEC."'
check "W+X: mprotect stays write-xor-exec" grep -qx "mprotect: $wxform" wx.policy
kill_default wx
check "W+X: seccomp-gen compiles it" "$SECCOMP_GEN" -f raw -o wx.bpf wx-kill.policy
if [ $rc -ne 77 ]; then
	check "W+X under its filter: the W+X mmap runs" sh -c '"$0" wx.bpf "$1" "$2" wx-mmap >wx1.out && grep -qx "wx-mmap: 1, not killed" wx1.out' "$RUNF" "$PROG" "$tmp"
	check "W+X under its filter: the W+X mprotect is still killed" status 159 sh -c '"$0" wx.bpf "$1" "$2" wx-mprotect; exit $?' "$RUNF" "$PROG" "$tmp"
fi
# --merge keeps each mask apart: W^X outputs merge to W^X.
printf '7 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000\n7 mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000002000\n' >wx.st
check "W^X: an strace log with one R|X and one R|W mmap gives the form" sh -c '"$0" --from-strace wx.st -o wxst.policy && grep -qx "mmap: $1" wxst.policy && ! grep -q "writable and executable" wxst.policy' "$TRACE" "$wxform"
check "W^X: ... on a 32-bit arch too (arm's mmap2)" sh -c 'sed "s/ mmap(/ mmap2(/" wx.st >wx2.st && "$0" -a arm --from-strace wx2.st -o wxarm.policy && grep -qx "mmap2: $1" wxarm.policy' "$TRACE" "$wxform"
check "W^X: --merge of two such outputs keeps the form" sh -c '"$0" --merge prog.policy --merge wxst.policy -o wxm.policy && grep -qx "mmap: $1" wxm.policy && grep -qx "mprotect: $1" wxm.policy && ! grep -q "writable and executable" wxm.policy' "$TRACE" "$wxform"
check "W^X: --merge of the merge keeps it again" sh -c '"$0" --merge wxm.policy --merge prog.policy -o wxm2.policy && grep -qx "mmap: $1" wxm2.policy' "$TRACE" "$wxform"
kill_default wxm
check "W^X: seccomp-gen compiles the merge" "$SECCOMP_GEN" -f raw -o wxm.bpf wxm-kill.policy
if [ $rc -ne 77 ]; then
	check "W^X merged: the program runs under it" sh -c '"$0" wxm.bpf "$1" "$2" >wxm.out && cmp wxm.out plain.out' "$RUNF" "$PROG" "$tmp"
	check "W^X merged: the W+X mmap is killed" status 159 sh -c '"$0" wxm.bpf "$1" "$2" wx-mmap; exit $?' "$RUNF" "$PROG" "$tmp"
fi
printf 'mmap: arg2 in ~PROT_EXEC || arg2 in ~PROT_WRITE\n' >android.policy
check "W^X: an input written Android's way merges as it is" sh -c '"$0" --merge android.policy --merge prog.policy -o wxa.policy && grep -qx "mmap: arg2 in ~PROT_EXEC || arg2 in ~PROT_WRITE" wxa.policy' "$TRACE"
check "W+X: merged with a W^X output, the W+X input's mask joins, and nothing wider" sh -c '"$0" --merge prog.policy --merge wx.policy -o wxx.policy && grep -qx "mmap: arg2 in ~PROT_EXEC || arg2 in PROT_READ|PROT_WRITE|PROT_EXEC" wxx.policy && grep -B2 "^mmap: " wxx.policy | grep -q "^# Allows memory both writable and executable"' "$TRACE"

# Round trip 2: a shell pipeline (fork, exec, pipes, wait).
check "a pipeline traced: exit 0" status 0 tr -o sh.policy -- /bin/sh -c 'echo a | cat'
check "a pipeline traced: -Wdangerous-syscall reports its execve under the '# seen' line" sh -c '"$0" -Wdangerous-syscall -o lint.c sh.policy 2>lint.err; grep -q "^sh.policy:[0-9]*:9: warning: '"'"'execve'"'"' is allowed" lint.err' "$SECCOMP_GEN"
check "a pipeline traced: its output" sh -c '[ "$(cat out.txt)" = a ]'
check "the children were followed (clone flags, execve, wait4)" sh -c 'grep -q "^clone: arg0 == " sh.policy && grep -q "^execve: 1" sh.policy && grep -q "^wait4: 1" sh.policy'
kill_default sh
check "seccomp-gen compiles the pipeline's policy" "$SECCOMP_GEN" -f raw -o sh.bpf sh-kill.policy
if [ $rc -ne 77 ]; then
	check "the pipeline under the filter: exit 0" status 0 "$RUNF" sh.bpf /bin/sh -c 'echo a | cat'
	check "the pipeline under the filter: its output" sh -c '[ "$(cat out.txt)" = a ]'
	check "the pipeline under the filter: a call the run never made (chdir) is killed" status 159 sh -c '"$0" sh.bpf /bin/sh -c "echo a | cat; cd /"; exit $?' "$RUNF"
fi

# Round trip 3: vfork(2) and exec.  The child runs on the parent's memory
# until its exec, and is traced from its first instruction; its exec and
# /bin/true's calls are in the policy, and run under it.
VFP=$abs_top_builddir/tests/trace/vfork-prog
"$VFP" /bin/true >vf.plain
check "vfork traced: exit 0 and the same output as untraced" sh -c '"$0" -o vf.policy -- "$1" /bin/true >vf.out && cmp vf.out vf.plain && grep -qx "vfork child: exit 0" vf.out' "$TRACE" "$VFP"
if [ "$(uname -m)" = x86_64 ]; then
	check "vfork: the policy names vfork (x86_64's syscall 58)" grep -qx 'vfork: 1' vf.policy
else
	check "vfork: the policy names clone with CLONE_VFORK (no vfork syscall here)" grep -q '^clone: .*CLONE_VFORK' vf.policy
fi
check "vfork: the child was followed (execve seen 2 times: the program's and the child's)" sh -c 'grep -B1 -x "execve: 1" vf.policy | grep -qx "# seen 2 times"'
kill_default vf
check "vfork: seccomp-gen compiles it" "$SECCOMP_GEN" -f raw -o vf.bpf vf-kill.policy
if [ $rc -ne 77 ]; then
	check "vfork under the filter: exit 0 and the same output" sh -c '"$0" vf.bpf "$1" /bin/true >vf2.out && cmp vf2.out vf.plain' "$RUNF" "$VFP"
	check "vfork under the filter: a child that makes a call the run never made (sh) is killed, the parent sees SIGSYS" sh -c '"$0" vf.bpf "$1" /bin/sh -c "cd /" >vf3.out; [ $? -eq 1 ] && grep -qx "vfork child: killed by signal 31" vf3.out' "$RUNF" "$VFP"
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

# --merge: earlier outputs read back; several runs make one policy.
check "--merge: an output read back is the same policy" sh -c '"$0" --merge prog.policy -o again.policy && diff -u prog.policy again.policy | grep "^[-+][^-+]" | grep -v "^[-+]# Written by" | { ! grep -q .; }' "$TRACE"
check "--merge: two runs in one policy" status 0 tr --merge prog.policy --merge sh.policy -o merged.policy
check "--merge: the counts add up" test "$(seen read merged.policy)" -eq $(( $(seen read prog.policy) + $(seen read sh.policy) ))
check "--merge and a run in one call" status 0 tr --merge sh.policy -o both.policy -- "$PROG" "$tmp"
check "--merge and a run: the run's output" cmp out.txt plain.out
kill_default merged
kill_default both
check "--merge: seccomp-gen compiles the merged policies" sh -c '"$0" -f raw -o merged.bpf merged-kill.policy && "$0" -f raw -o both.bpf both-kill.policy' "$SECCOMP_GEN"
if [ $rc -ne 77 ]; then
	for p in merged both; do
		check "--merge ($p): the program under the filter, same output" sh -c '"$0" "$1" "$2" "$3" >m.out && cmp m.out plain.out' "$RUNF" $p.bpf "$PROG" "$tmp"
		check "--merge ($p): the pipeline under the filter" sh -c '[ "$("$0" "$1" /bin/sh -c "echo a | cat")" = a ]' "$RUNF" $p.bpf
	done
fi
printf '# seen 2 times\nread: 1\nopenat: arg2 == 0\n' >foreign.policy
check "--merge: a filter it does not write is an error" status 1 tr --merge foreign.policy -o foreign-out.policy
check "--merge: located, and says what it reads" grep -q "foreign.policy:3:9: error: cannot merge this filter of 'openat': seccomp-gen-trace filters no argument of it" err.txt
check "--merge: nothing written" test ! -e foreign-out.policy
printf 'read: return 1\n' >ret.policy
check "--merge: an action other than allow is an error" sh -c '! "$0" --merge ret.policy -o r.policy 2>r.err && grep -q "ret.policy:1:7: error: cannot merge this filter of .read.: its action is not allow" r.err' "$TRACE"

# --from-strace: strace -f logs, with and without -tt, -y and -X.
if command -v strace >/dev/null 2>&1 && strace -f -o probe.log true 2>/dev/null; then
	for opts in "-f" "-f -tt -y -X verbose" "-f -ttt -X raw"; do
		strace $opts -o st.log "$PROG" "$tmp" >st.out
		check "strace $opts: converted" status 0 tr --from-strace st.log -o st.policy
		check "strace $opts: the arguments are read (fcntl, socket, ioctl)" sh -c 'grep -q "^fcntl: arg1 == F_GETFL || arg1 == F_SETFL$" st.policy && grep -q "^socket: arg0 == AF_UNIX$" st.policy && grep -q "^ioctl: arg1 == .*0x541b" st.policy'
		check "strace $opts: mmap's protection write-xor-exec, as the ptrace run's" grep -qx "mmap: $wxform" st.policy
		check "strace $opts: the same syscalls as the ptrace run" sh -c 'sed -n "s/^\([a-z0-9_]*\):.*/\1/p" prog.policy >a.names; sed -n "s/^\([a-z0-9_]*\):.*/\1/p" st.policy >b.names; ! comm -23 a.names b.names | grep -v "^ioctl$" | grep .'
		kill_default st
		check "strace $opts: seccomp-gen compiles it" "$SECCOMP_GEN" -f raw -o st.bpf st-kill.policy
		if [ $rc -ne 77 ]; then
			check "strace $opts: under the filter, exit 0 and the same output" sh -c '"$0" st.bpf "$1" "$2" >st2.out && cmp st.out st2.out' "$RUNF" "$PROG" "$tmp"
			check "strace $opts: under the filter, ptrace is killed" status 159 sh -c '"$0" st.bpf "$1" "$2" ptrace; exit $?' "$RUNF" "$PROG" "$tmp"
		fi
	done
	strace -f -o sh.log /bin/sh -c 'echo a | cat' >/dev/null
	check "strace: a pipeline's log converted, clone's flags= read" sh -c '"$0" --from-strace sh.log -o shs.policy && grep -q "^clone: arg0 == CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD$" shs.policy' "$TRACE"
	kill_default shs
	"$SECCOMP_GEN" -f raw -o shs.bpf shs-kill.policy
	if [ $rc -ne 77 ]; then
		check "strace: the pipeline under its filter" sh -c '[ "$("$0" shs.bpf /bin/sh -c "echo a | cat")" = a ]' "$RUNF"
	fi
else
	skip "strace is not installed or cannot trace here"
fi
printf '1234  read(0, "", 1) = 0\n1234  frobnicate(1, 2) = 0\n' >badst.log
check "strace: an unknown syscall is a located error" sh -c '! "$0" -a x86_64 --from-strace badst.log -o bs.policy 2>bs.err && grep -q "badst.log:2:7: error: unknown syscall .frobnicate. on x86_64" bs.err && test ! -e bs.policy' "$TRACE"
printf '[pid 7] 12:00:00.000001 ioctl(3</dev/pts/0>, TCGETS, {c_iflag=ICRNL}) = 0\n[pid 7] ioctl(3, 0x5413 /* TIOCGWINSZ */, 0x7ffd) = 0\nhello(world)\n7 mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE, -1, 0 <unfinished ...>\n7 <... mmap resumed>) = 0x7f\n' >forms.st
check "strace: -y, -X verbose, unfinished calls, other lines" sh -c '"$0" -a x86_64 --from-strace forms.st -o forms.policy && grep -q "^ioctl: arg1 == TCGETS || arg1 == TIOCGWINSZ$" forms.policy && grep -q "^mmap: arg2 in ~PROT_EXEC$" forms.policy && [ "$(grep -c "^[a-z]" forms.policy)" = 2 ]' "$TRACE"
printf '7 mremap(0x7f0000000000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7e0000000000) = 0x7e0000000000\n7 mremap(0x7f0000000000, 4096, 8192, 0) = 0x7f0000000000\n7 mremap(0x7f0000000000, 4096, 16384, MREMAP_MAYMOVE) = 0x7d0000000000\n' >mremap.st
check "strace: mremap's flags, named and combined, read back by --merge" sh -c '"$0" -a x86_64 --from-strace mremap.st -o mr.policy && grep -qx "mremap: arg3 == 0 || arg3 == MREMAP_MAYMOVE || arg3 == MREMAP_MAYMOVE|MREMAP_FIXED" mr.policy && "$0" -a x86_64 --merge mr.policy -o mr2.policy && grep -qx "mremap: arg3 == 0 || arg3 == MREMAP_MAYMOVE || arg3 == MREMAP_MAYMOVE|MREMAP_FIXED" mr2.policy' "$TRACE"

# --from-audit: the kernel's seccomp records of a run under a policy
# whose socketpair, pipe2 and unlink are 'log', merged with the rest.
grep -v '^socketpair:\|^pipe2:\|^unlink:' prog.policy >rest.policy
printf '@include ./rest.policy\nsocketpair: log\npipe2: log\nunlink: log\n@default kill\n' >logged.policy
"$SECCOMP_GEN" -f raw -o logged.bpf logged.policy
audit=
if [ $rc -ne 77 ]; then
	sh -c 'echo $$ >logged.pid; exec "$0" logged.bpf "$1" "$2" >logged.out' "$RUNF" "$PROG" "$tmp"
	pid=$(cat logged.pid)
	i=0
	while [ $i -lt 20 ]; do
		dmesg 2>/dev/null | grep "type=1326" | grep " pid=$pid " | grep -F "exe=\"$PROG\"" >kernel-audit.log
		[ "$(grep -c . kernel-audit.log)" -ge 3 ] && break
		sleep 0.1; i=$((i + 1))
	done
	# Every record, or none: the kernel drops records past printk's rate
	# limit when no audit daemon reads them.
	[ "$(grep -c . kernel-audit.log)" -ge 3 ] && audit=kernel-audit.log
fi
if [ -n "$audit" ]; then
	echo "# the audit round trip reads the kernel's own records (dmesg)"
elif [ "$(uname -m)" = x86_64 ]; then
	skip "the kernel's audit records cannot be read here (dmesg); the round trip uses the recorded sample tests/trace/audit-sample.log"
	audit=$abs_top_srcdir/tests/trace/audit-sample.log
fi
if [ -n "$audit" ]; then
	check "audit: converted and merged with the rest" status 0 tr --from-audit "$audit" --merge rest.policy -o audit.policy
	check "audit: the logged calls are in" sh -c 'grep -q "^socketpair\(\[arch=x86_64\]\)\{0,1\}: 1$" audit.policy && grep -q "^pipe2\(\[arch=x86_64\]\)\{0,1\}: 1$" audit.policy && grep -q "^unlink\(\[arch=x86_64\]\)\{0,1\}: 1$" audit.policy'
	kill_default audit
	check "audit: seccomp-gen compiles it" "$SECCOMP_GEN" --arch "$(sed -n 's/.*seccomp-gen --arch \([a-z0-9_,]*\);.*/\1/p' audit.policy | grep . || uname -m)" -f raw -o audit.bpf audit-kill.policy
	if [ $rc -ne 77 ]; then
		check "audit: under the filter, exit 0 and the same output" sh -c '"$0" audit.bpf "$1" "$2" >au.out && cmp au.out plain.out' "$RUNF" "$PROG" "$tmp"
		check "audit: under the filter, ptrace is killed" status 159 sh -c '"$0" audit.bpf "$1" "$2" ptrace; exit $?' "$RUNF" "$PROG" "$tmp"
	fi
else
	skip "no audit records and no recorded sample for $(uname -m)"
fi
check "audit: the recorded sample, compat record included" sh -c '"$0" --from-audit "$1" -o sample.policy && grep -q "^getppid\[arch=x86\]: 1$" sample.policy && grep -q "^pipe2\[arch=x86_64\]: 1$" sample.policy' "$TRACE" "$abs_top_srcdir/tests/trace/audit-sample.log"
printf 'type=SECCOMP msg=audit(1700000000.123:45): auid=0 uid=0 gid=0 ses=1 pid=9 comm="a" exe="/a" sig=0 arch=c00000b7 syscall=172 compat=0 ip=0x4 code=0x7ffc0000\ntype=SYSCALL msg=audit(1700000000.123:46): arch=c00000b7 syscall=1\n' >auditd.log
check "audit: audit.log's form, its arch from the record (aarch64's getpid is 172)" sh -c '"$0" --from-audit auditd.log -o ad.policy && grep -qx "getpid: 1" ad.policy && grep -q "through aarch64 (1 calls)" ad.policy' "$TRACE"
printf 'x\naudit: type=1326 audit(1.2:3): pid=1 sig=0 arch=c00000ff syscall=4 compat=0 ip=0x1 code=0x7ffc0000\n' >badarch.log
check "audit: an unknown arch is a located error" sh -c '! "$0" --from-audit badarch.log -o ba.policy 2>ba.err && grep -q "badarch.log:2:49: error: unknown arch .c00000ff. in a seccomp audit record" ba.err && grep -q "\^~~~~~~~" ba.err && test ! -e ba.policy' "$TRACE"

# An i386 process started from x86_64: its execve is x86_64's, the rest
# i386's; the filter for both lets it run, with its exit status.
printf '#include <stdio.h>\n#include <unistd.h>\nint main(void) { printf("ppid %%d\\n", getppid() > 0); return 3; }\n' >m32.c
if [ "$(uname -m)" = x86_64 ] && "${CC:-cc}" -m32 -o m32 m32.c 2>/dev/null && ./m32 >m32.plain; [ $? -eq 3 ]; then
	check "i386 process: traced, its exit status" status 3 tr -o m32.policy -- ./m32
	check "i386 process: its calls are i386's, the exec x86_64's" sh -c 'grep -q "^getppid\[arch=x86\]: 1$" m32.policy && grep -q "^execve\[arch=x86_64\]: 1$" m32.policy'
	check "i386 process: seccomp-gen compiles it for x86_64,i386" "$SECCOMP_GEN" --arch x86_64,i386 -f raw -o m32.bpf m32.policy
	if [ $rc -ne 77 ]; then
		check "i386 process: under the filter, same output and status" sh -c '"$0" m32.bpf ./m32 >m32.out; [ $? -eq 3 ] && cmp m32.out m32.plain' "$RUNF"
	fi
else
	skip "no i386 programs here (gcc -m32)"
fi
check "the same log and options give the same bytes" sh -c '"$0" -a x86_64 --from-strace forms.st -o d1.policy && "$0" -a x86_64 --from-strace forms.st -o d2.policy && cmp d1.policy d2.policy' "$TRACE"
check "a log for another arch: the header says --arch" sh -c '"$0" -a aarch64 --from-audit auditd.log -o a64.policy && grep -q "Compile it with seccomp-gen --arch aarch64;" a64.policy' "$TRACE"

# No leaks and no invalid accesses under valgrind (not in the sanitizer
# build), on success and on an error path.
if [ "${SG_SANITIZERS:-no}" != yes ] && command -v valgrind >/dev/null 2>&1; then
	vg() { valgrind -q --suppressions="$abs_top_srcdir/tests/trace/libbpf.supp" --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 "$REAL_TRACE" --recorder="$RECORDER" "$@" >vg.out 2>vg.err; }
	check "valgrind: a traced run with --base and --frequency" status 0 vg --base part.policy --frequency vg.freq -o vg1.policy -- /bin/sh -c 'echo a | cat'
	check "valgrind: --merge and --from-audit" status 0 vg --merge prog.policy --from-audit "$abs_top_srcdir/tests/trace/audit-sample.log" -o vg2.policy
	check "valgrind: --from-strace" status 0 vg -a x86_64 --from-strace forms.st -o vg3.policy
	check "valgrind: an error in a log" status 1 vg --from-audit badarch.log -o vg4.policy
else
	skip "valgrind not usable here"
fi

# Compat calls: int 0x80 in an x86_64 process is recorded as i386.
if [ "$(uname -m)" = x86_64 ] && "$PROG" "$tmp" int80 >int80.plain 2>/dev/null && grep -q 'int80 getppid: 1' int80.plain; then
	check "compat: traced" status 0 tr -o compat.policy -- "$PROG" "$tmp" int80
	check "compat: i386's getppid recorded for its arch" grep -q '^getppid\[arch=x86\]: 1$' compat.policy
	check "compat: x86_64 calls tagged with theirs" grep -q '^execve\[arch=x86_64,x86\]: 1$\|^execve\[arch=x86_64\]: 1$' compat.policy
	check "compat: the policy says to compile for both" grep -q 'seccomp-gen --arch x86_64,i386' compat.policy
	kill_default compat
	check "compat: seccomp-gen compiles it for x86_64,i386" "$SECCOMP_GEN" --arch x86_64,i386 -f raw -o compat.bpf compat-kill.policy
	if [ $rc -ne 77 ]; then
		check "compat: under the filter, the same output" sh -c '"$0" compat.bpf "$1" "$2" int80 >c.out && cmp c.out int80.plain' "$RUNF" "$PROG" "$tmp"
	fi
	check "compat: -a x86_64 leaves the i386 calls out, and says so" sh -c '"$0" -a x86_64 -o c64.policy -- "$1" "$2" int80 >/dev/null 2>c64.err && grep -q "i386 calls (getppid) not written" c64.err && ! grep -q "arch=" c64.policy' "$TRACE" "$PROG" "$tmp"
	if [ $rc -ne 77 ]; then
		kill_default c64
		"$SECCOMP_GEN" --arch x86_64 -f raw -o c64.bpf c64-kill.policy
		check "compat: without them, the compat call is killed" status 159 sh -c '"$0" c64.bpf "$1" "$2" int80 >/dev/null; exit $?' "$RUNF" "$PROG" "$tmp"
	fi
else
	skip "no int 0x80 here (not x86_64, or no IA-32 emulation)"
fi
echo "1..$n"
