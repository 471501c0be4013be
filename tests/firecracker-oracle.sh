#!/bin/sh
# Firecracker's filter files, judged by Firecracker's own crates (issue
# 23): fc-oracle (tests/firecracker/oracle/main.rs) reads each file the way
# Firecracker does (bitcode 0.6.9, or bincode with Firecracker's options,
# under its 100,000-byte limit), must find exactly the programs
# `seccomp-gen -f raw` writes (or the map's own), and must write the same
# bytes from them the way Firecracker's seccompiler does.  The files:
#  - Firecracker's own filters (HEAD and v1.14.4, x86_64 and aarch64), in
#    both formats;
#  - fc-maps' maps: program lengths from 0 to 4096 with the edges 254,
#    255, 256 and 4096, the largest files the writer makes, other keys,
#    maps of exactly 100,000 bytes, and of 100,001, which must be refused;
#  - tests/test-firecracker's worked examples and random maps.
# fc-decode, the suite's reader in C, must read every file the same.
# Skipped where no cargo and rustc (Debian's cargo-web, rustc-web) or no
# bitcode sources ($SG_SHARED/oracles/firecracker) are at hand.
: "${SECCOMP_GEN:?}" "${srcdir:=.}" "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/firecracker/oracle.sh"
DECODE=$abs_top_builddir/tests/fc-decode
MAPS=$abs_top_builddir/tests/firecracker/fc-maps
cd "$tmp" || exit 99

fc_oracle_build
case $? in
0) ;;
1) echo "1..0 # SKIP $FC_ORACLE_SKIP"; exit 0 ;;
*) not_ok "fc-oracle builds (offline, Debian's crates)"; echo "1..$n"; exit 1 ;;
esac
export FC_ORACLE

# judge LIST WHAT: fc-oracle and fc-decode on every file of LIST; the
# oracle's count line is shown.
judge() {
	check "$2: bitcode/bincode read each to its programs and write the same bytes" \
		sh -c '"$FC_ORACLE" check "$0" >"$0.oracle"; s=$?; cat "$0.oracle"; exit $s' "$1"
	sed -n '$s/^/# /p' "$1.oracle"
	check "$2: fc-decode reads them the same" "$DECODE" --list "$1"
}

# Firecracker's own filters.
corpus=${SG_SHARED:-}/corpus/firecracker
if ls "$corpus"/*-linux-musl.json >/dev/null 2>&1; then
	: >corpus.list
	for json in "$corpus"/*-linux-musl.json; do
		name=$(basename "$json" .json)
		arch=${name#*-}
		arch=${arch%%-*}
		for format in bitcode bincode; do
			flag=firecracker
			[ $format = bincode ] && flag=firecracker-bincode
			sg --arch "$arch" -f $flag -o "$name.$format" "$json" || echo "# $name: -f $flag failed"
			printf 'file\t%s\t%s\n' $format "$name.$format" >>corpus.list
			for c in vmm api vcpu; do
				sg --arch "$arch" --category $c -f raw -o "$name-$c.bpf" "$json" || echo "# $name: -f raw failed"
				printf 'prog\t%s\t%s\n' $c "$name-$c.bpf" >>corpus.list
			done
		done
	done
	files=$(grep -c '^file' corpus.list)
	check "Firecracker's filters: 4 (HEAD, v1.14.4; x86_64, aarch64) in 2 formats" test "$files" -eq 8
	judge corpus.list "Firecracker's filters"
else
	skip "Firecracker's filters: no $corpus"
	skip "Firecracker's filters: fc-decode"
fi

# fc-maps' maps.
mkdir maps
check "fc-maps writes its maps" sh -c '"$0" maps >maps.out' "$MAPS"
sed 's/^/# /' maps.out
judge maps/list "fc-maps' maps"
# Every map the writer or the encoder made is among those judged: the
# oracle's count is fc-maps' own.
listed=$(sed -n 's/.*maps: \([0-9]*\) files listed, with \([0-9]*\) programs.*/\1 files (.*), 0 failed; \2 programs,/p' maps.out)
check "the oracle judged every file and program fc-maps listed" sh -c 'test -n "$0" && tail -n 1 maps/list.oracle | grep -q "^$0"' "$listed"
check "the largest files through the writer: 98,329 bytes in bitcode, 98,370 in bincode (three programs of 4096 instructions)" \
	grep -q 'largest through the writer 98329 bytes (bitcode), 98370 (bincode)' maps.out
# README and seccomp-gen(1) give those figures, and README these counts.
counts=$(sed -n 's/.*maps: \([0-9]*\) files listed, with \([0-9]*\) programs.*/\1 files, \2 programs/p' maps.out)
check "README counts fc-maps' $counts" sh -c 'tr "\n" " " <"$0/README.md" | grep -q "maps.c\`: $1,"' "$abs_top_srcdir" "$counts"
check "README gives those figures" sh -c 'tr "\n" " " <"$0/README.md" | grep -q "at most 98,329 bytes in bitcode and 98,370 in bincode"' "$abs_top_srcdir"
check "seccomp-gen(1) gives the bitcode figure" grep -q '^programs of 4096 instructions take at most 98,329\.$' "$abs_top_srcdir/man/seccomp-gen.1"
refused=$(wc -l <maps/refused)
check "the $refused maps of 100,001 bytes: Firecracker refuses them" sh -c '
	test "$0" -eq 2 && while IFS="	" read -r format file; do
		test "$(wc -c <"$file")" -eq 100001 && "$FC_ORACLE" refuses "$format" "$file" || exit 1
	done <maps/refused' "$refused"

# tests/test-firecracker's maps: its worked examples, spelled out byte by
# byte, and its first 100 random maps.
mkdir dump
check "tests/test-firecracker writes its maps (FC_DUMP)" sh -c 'FC_DUMP=dump "$0" >dump.out' "$abs_top_builddir/tests/test-firecracker"
judge dump/list "tests/test-firecracker's maps"

# The judge can say no: to the layout the writer had before issue 23 (a
# length of 255 or more as a bare u64 after the lengths' bytes), to a
# file with a byte too many, and to a program that is not the listed one.
{ printf '\001\001a\377\054\001\000\000\000\000\000\000\006\012'; head -c 38 /dev/zero; } >old.bitcode
check "bitcode refuses the old layout of {a: 300 zeros}" "$FC_ORACLE" refuses bitcode old.bitcode
first=$(sed -n 's/^file\tbitcode\t//p' maps/list | head -n 1)
{ cat "$first"; printf '\000'; } >extra.bitcode
check "bitcode refuses a file with a byte too many" "$FC_ORACLE" refuses bitcode extra.bitcode
awk -F '\t' 'NR == 1 && $2 != "bitcode" { exit 1 } NR > 1 && $1 == "file" { exit }
	NR == 2 { print $3 >"wrong.prog"; $3 = "wrong.bpf" } { print }' OFS='\t' maps/list >wrong.list
{ cat "$(cat wrong.prog)"; head -c 8 /dev/zero; } >wrong.bpf
check "a program that is not the file's: the oracle says which" sh -c '
	! "$FC_ORACLE" check wrong.list >wrong.out && grep -q "has [0-9]* instructions, expected" wrong.out'
check "a program that is not the file's: fc-decode says so too" sh -c '! "$0" --list wrong.list' "$DECODE"
echo "1..$n"
