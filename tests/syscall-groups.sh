#!/bin/sh
# Syscall groups: `name@namespace` in a policy is every syscall of group
# name in namespace, from the "syscall_groups" object of the target's
# constants.json (--arch-json), as minijail reads it.  The built-in
# tables have no groups.  Judged by the interpreter (--test), by equality
# with the policy that lists the syscalls, and by the diagnostics.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:?}"
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99

cat >groups.json <<'EOF'
{ "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64,
  "syscalls": { "read": 0, "write": 1, "openat": 257, "getpid": 39, "getppid": 110, "exit_group": 231 },
  "constants": { "EPERM": 1 },
  "syscall_groups": {
    "io": { "rw": ["read", "write"], "open": ["openat"] },
    "proc": { "ids": ["getpid", "getppid"] } } }
EOF
cat >app.policy <<'EOF'
rw@io: 1
ids@proc: return EPERM
{open@io, exit_group}: 1
EOF
cat >app.expect <<'EOF'
read -> allow
write -> allow
openat -> allow
getpid -> errno 1
getppid -> errno EPERM
exit_group -> allow
EOF
check "groups expand to their syscalls (--test)" sg --arch-json groups.json --test app.expect app.policy
printf 'read: 1\nwrite: 1\ngetpid: return EPERM\ngetppid: return EPERM\n{openat, exit_group}: 1\n' >listed.policy
check "the program is the one for the syscalls written out" sh -c '"$SECCOMP_GEN" --arch-json groups.json -f raw app.policy >a.bpf && "$SECCOMP_GEN" --arch-json groups.json -f raw listed.policy | cmp - a.bpf'
printf 'rw@io: arg0 == 0\nwrite: 1\n' >cond.policy
printf 'read(0) -> allow\nread(1) -> kill\nwrite(0) -> allow\nwrite(5) -> allow\n' >cond.expect
check "a group's filter is appended to each syscall, in source order" sg --arch-json groups.json --test cond.expect cond.policy
printf 'rw@io[arch=arm64]: 1\nread: return 1\n' >meta.policy
check "[arch=...] on a group: skipped on other arches" sh -c 'printf "read -> errno 1\nwrite -> kill\n" >meta.expect && "$SECCOMP_GEN" --arch-json groups.json --test meta.expect meta.policy'
printf 'rw@io: 1\n' >rw.policy
# open@io weighs 1000: openat is tested before exit_group, unlike without.
printf 'open@io: 1000\n' >group.frequency
printf 'openat: 1000\n' >listed.frequency
for f in group listed; do
	printf '@frequency ./%s.frequency\n' $f >freq-$f.policy
	cat app.policy >>freq-$f.policy
done
check "@frequency takes groups: the weight of each of the group's syscalls" sh -c '"$SECCOMP_GEN" --arch-json groups.json -f raw freq-group.policy >f.bpf && "$SECCOMP_GEN" --arch-json groups.json -f raw freq-listed.policy | cmp - f.bpf && ! cmp -s f.bpf a.bpf'
check "compile_seccomp_policy reads groups from its constants.json" sh -c '"$0" --arch-json groups.json app.policy c.bpf && cmp c.bpf a.bpf' "$abs_top_builddir/compile_seccomp_policy"

# Located errors, with the caret under the unknown part.
err() { # name, policy text, expected message lines (grep -F, each)
	name=$1 text=$2; shift 2
	printf '%b' "$text" >"$name.policy"
	check "$name: exit 1" status 1 sg --arch-json groups.json -o "$name.c" "$name.policy"
	for want in "$@"; do
		check "$name: $want" grep -qF -- "$want" err.txt
	done
	check "$name: no output" test ! -e "$name.c"
}
err unknown-namespace 'read: 1\nrw@iox: 1\n' \
	"unknown-namespace.policy:2:4: error: unknown syscall group namespace 'iox' on x86_64" \
	'    2 | rw@iox: 1' '      |    ^~~'
err unknown-group 'rx@io: 1\n' \
	"unknown-group.policy:1:1: error: unknown syscall group 'rx' in namespace 'io' on x86_64" '      | ^~'
err two-ats 'ids@proc@x: 1\n' \
	"two-ats.policy:1:1: error: 'ids@proc@x' is not a syscall group: those are written name@namespace"
err no-name '@io: 1\n' "no-name.policy:1:1: error:"
check "built-in tables have no groups: a located error that says where groups come from" sh -c \
	'"$SECCOMP_GEN" --arch x86_64 rw.policy 2>&1 | grep -qF "rw.policy:1:1: error: '"'"'rw@io'"'"' is a syscall group, and x86_64 has none: groups come from the \"syscall_groups\" of a constants.json (--arch-json)"'
check "a constants.json without syscall_groups has none either" sh -c \
	'sed "/syscall_groups/,\$d" groups.json | sed "s/\"EPERM\": 1 },/\"EPERM\": 1 } }/" >plain.json && "$SECCOMP_GEN" --arch-json plain.json rw.policy 2>&1 | grep -q "x86_64 has none"'

# What the file may hold.  As in minijail, a malformed syscall_groups is
# an error only once a policy names a group: then at that name, with a
# note where the file is wrong.
printf 'read: 1\n' >nogroup.policy
json_err() { # name, syscall_groups value, expected note
	printf '{ "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64, "syscalls": { "read": 0, "write": 1 }, "constants": {},\n  "syscall_groups": %s }\n' "$2" >"$1.json"
	check "constants.json $1: a policy that names a group: exit 1" status 1 sg --arch-json "$1.json" rw.policy
	check "constants.json $1: error at the group" grep -qF "rw.policy:1:1: error: 'rw@io' is a syscall group, but the syscall_groups of x86_64's constants.json are malformed" err.txt
	check "constants.json $1: $3" grep -qF -- "$3" err.txt
	check "constants.json $1: a policy without groups compiles" status 0 sg --arch-json "$1.json" nogroup.policy
}
json_err not-object '[]' "not-object.json:2:21: note: 'syscall_groups' must be an object from namespaces to objects"
json_err list-namespace '{ "io": ["read"] }' "list-namespace.json:2:29: note: 'syscall_groups' must be an object from namespaces to objects from group names to arrays of syscall names; namespace 'io' is an array"
json_err unknown-member '{ "io": { "rw": ["read", "pread64"] } }' "unknown-member.json:2:46: note: syscall group 'rw' names 'pread64', which is not in 'syscalls'"
json_err twice '{ "io": { "rw": ["read", "read"] } }' "twice.json:2:46: note: 'read' is in syscall group 'rw' twice"
json_err not-string '{ "io": { "rw": [0] } }' "not-string.json:2:38: note: a syscall group holds syscall names (strings), not a number"
json_err at-in-name '{ "io": { "r@w": ["read"] } }' "at-in-name.json:2:31: note: a syscall group name must be non-empty, without '@' or NUL"
echo "1..$n"
