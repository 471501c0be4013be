#!/bin/sh
# -f firecracker and -f firecracker-bincode: Firecracker's --seccomp-filter
# files, read back by tests/fc-decode (sharing no code with the writer)
# to the programs that `-f raw` writes, category by category, and by
# Firecracker's own crates where cargo is (tests/firecracker/oracle.sh).
# One worked example is spelled out byte by byte; tests/test-firecracker
# has one for each packing.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
DECODE=$abs_top_builddir/tests/fc-decode
export DECODE
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99

# The worked example: three categories of seccompiler JSON.
cat >fc.json <<'EOF'
{
  "vmm": { "default_action": "trap", "filter_action": "allow",
           "filter": [ { "syscall": "read" }, { "syscall": "write" } ] },
  "api": { "default_action": "trap", "filter_action": "allow", "filter": [ { "syscall": "read" } ] },
  "vcpu": { "default_action": { "errno": 1 }, "filter_action": "allow", "filter": [ { "syscall": "ioctl" } ] }
}
EOF
for c in api vcpu vmm; do
	sg --arch x86_64 --category $c -f raw -o $c.bpf fc.json || exit 99
done
check "-f firecracker: exit 0" sg --arch x86_64 -f firecracker -o fc.bin fc.json
# The example's programs have 8, 9 and 8 instructions (api, vcpu, vmm);
# if seccomp-gen's layout changes, the lengths' bytes below change too.
check "worked example: api, vcpu, vmm have 8, 9, 8 instructions" \
	test "$(wc -c <api.bpf) $(wc -c <vcpu.bpf) $(wc -c <vmm.bpf)" = "64 72 64"
# bitcode, column by column (the map is written in key order):
#   03                 the map's length: 3 (one length: the byte itself)
#   04 87              key lengths 3, 4, 3: header 4 = 2 x packing 2
#                      (values below 6, three to a byte): 3 + 4*6 + 3*36 = 0x87
#   "apivcpuvmm"       the keys' bytes
#   02 98 08           program lengths 8, 9, 8: header 2 = 2 x packing 1
#                      (below 16, two to a byte): 8 + 9*16 = 0x98, then 8
#   00                 the 25 instructions' column: header 0, 8 bytes each
#                      (their values span more than 32 bits)
#   api.bpf vcpu.bpf vmm.bpf   each u64 is the little-endian bytes of one
#                      struct sock_filter: the raw program's bytes
{ printf '\003\004\207apivcpuvmm\002\230\010\000'; cat api.bpf vcpu.bpf vmm.bpf; } >expected.bin
check "worked example: the bitcode file, byte for byte" cmp fc.bin expected.bin
check "worked example: fc-decode reads api, vcpu, vmm with 8, 9, 8 instructions" \
	sh -c '"$DECODE" fc.bin >dec.txt && cut -d" " -f1,2 dec.txt | tr "\n" " " | grep -qx "api 8 vcpu 9 vmm 8 "'
mkdir dec
check "worked example: fc-decode's programs are the raw ones" \
	sh -c '"$DECODE" fc.bin dec >/dev/null && cmp dec/api.bpf api.bpf && cmp dec/vcpu.bpf vcpu.bpf && cmp dec/vmm.bpf vmm.bpf'
# bincode: u64 count, then per entry u64 key length, key, u64 program
# length, the instructions; every u64 little endian.
u64() { printf "\\$(printf %03o "$1")\\000\\000\\000\\000\\000\\000\\000"; }
{
	u64 3
	u64 3; printf api; u64 8; cat api.bpf
	u64 4; printf vcpu; u64 9; cat vcpu.bpf
	u64 3; printf vmm; u64 8; cat vmm.bpf
} >expected-bincode.bin
check "-f firecracker-bincode: the file, byte for byte" \
	sh -c '"$SECCOMP_GEN" --arch x86_64 -f firecracker-bincode -o fcb.bin fc.json && cmp fcb.bin expected-bincode.bin'
check "-f firecracker-bincode: fc-decode --bincode reads the raw programs" \
	sh -c 'rm -f dec/* && "$DECODE" --bincode fcb.bin dec >/dev/null && cmp dec/api.bpf api.bpf && cmp dec/vcpu.bpf vcpu.bpf && cmp dec/vmm.bpf vmm.bpf'
check "the same input and options give the same bytes" \
	sh -c '"$SECCOMP_GEN" --arch x86_64 -f firecracker fc.json | cmp - fc.bin'

# Firecracker's own kind of filters (tests/seccompiler/vmm.json), for its
# two arches, and one policy per category (named after the files).
json=$abs_top_srcdir/tests/seccompiler/vmm.json
for arch in x86_64 aarch64; do
	for f in firecracker firecracker-bincode; do
		flag=; [ $f = firecracker-bincode ] && flag=--bincode
		check "vmm.json on $arch, -f $f: each category decodes to its -f raw program" sh -c '
			"$SECCOMP_GEN" --arch "$0" -f "$1" -o v-$0-$1.bin "$2" && rm -rf d && mkdir d &&
			"$DECODE" $3 v-$0-$1.bin d >/dev/null &&
			for c in vmm api vcpu; do "$SECCOMP_GEN" --arch "$0" --category $c -f raw -o v-$0-$c.bpf "$2" &&
				cmp v-$0-$c.bpf d/$c.bpf || exit 1; done &&
			test "$(ls d | wc -l)" -eq 3' "$arch" "$f" "$json" "$flag"
	done
done
mkdir pol
printf 'read: 1\nwrite: 1\nexit_group: 1\n' >pol/vmm.policy
printf 'read: 1\naccept4: 1\n' >pol/api.policy
printf 'ioctl: arg1 == 0xae80\n' >pol/vcpu.policy
check "policies vmm, api, vcpu: each decodes to its -f raw program" sh -c '
	"$SECCOMP_GEN" --arch x86_64 -f firecracker -o p.bin pol/vmm.policy pol/api.policy pol/vcpu.policy &&
	rm -rf d && mkdir d && "$DECODE" p.bin d >/dev/null &&
	for c in vmm api vcpu; do "$SECCOMP_GEN" --arch x86_64 -f raw -o p-$c.bpf pol/$c.policy && cmp p-$c.bpf d/$c.bpf || exit 1; done'

# Firecracker's own crates read every file above to the same programs,
# and write the same bytes from them (see tests/firecracker-oracle.sh).
. "$abs_top_srcdir/tests/firecracker/oracle.sh"
listed() { # FORMAT FILE RAW-PREFIX: one file and its vmm, api, vcpu
	printf 'file\t%s\t%s\n' "$1" "$2"
	for c in vmm api vcpu; do printf 'prog\t%s\t%s%s.bpf\n' $c "$3" $c; done
}
{
	listed bitcode fc.bin ""
	listed bincode fcb.bin ""
	for arch in x86_64 aarch64; do
		listed bitcode v-$arch-firecracker.bin v-$arch-
		listed bincode v-$arch-firecracker-bincode.bin v-$arch-
	done
	listed bitcode p.bin p-
} >suite.list
fc_oracle_build
case $? in
0) check "the 7 files above: bitcode and bincode read their programs and write the same bytes" \
	sh -c '"$0" check suite.list >suite.out; s=$?; cat suite.out; [ $s = 0 ] && grep -q "^7 files (4 bitcode), 0 failed; 21 programs," suite.out' "$FC_ORACLE"
	sed -n '$s/^/# /p' suite.out ;;
1) skip "Firecracker's crates: $FC_ORACLE_SKIP" ;;
*) not_ok "fc-oracle builds (offline, Debian's crates)" ;;
esac

# Refusals: not exactly vmm, api and vcpu; a big-endian arch.  No file.
printf 'getpid: 1\n' >pol/worker.policy
refused() { # description, expected message part, seccomp-gen arguments...
	what=$1 msg=$2; shift 2
	check "$what: exit 1" status 1 sg -o out.bin "$@"
	check "$what: says so" grep -qF -- "$msg" err.txt
	check "$what: no file" test ! -e out.bin
}
refused "vcpu missing" "exactly the thread categories vmm, api and vcpu; the programs here are 'vmm', 'api'" \
	--arch x86_64 -f firecracker pol/vmm.policy pol/api.policy
refused "a fourth category" "the programs here are 'vmm', 'api', 'vcpu', 'worker'" \
	--arch x86_64 -f firecracker-bincode pol/vmm.policy pol/api.policy pol/vcpu.policy pol/worker.policy
refused "one JSON category" "the programs here are 'vcpu'" --arch x86_64 --category vcpu -f firecracker fc.json
mkdir be
for c in vmm api vcpu; do echo 'read: 1' >be/$c.policy; done
refused "a big-endian arch" "Firecracker runs on little-endian hosts; 'vmm' is for mips" \
	--arch-json "$abs_top_srcdir/tests/arch-json/mips.json" -f firecracker be/vmm.policy be/api.policy be/vcpu.policy
echo "1..$n"
