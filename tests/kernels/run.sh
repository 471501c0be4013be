#!/bin/sh
# make check-kernels: seccomp-gen's programs in real kernels of the arches
# this machine is not.  For aarch64, arm and riscv64, Debian's kernel
# ($SG_SHARED/kernels, see its README) boots under qemu-system with an
# initramfs whose /init (tests/kernels/guest.c) makes the calls kgen chose
# under the programs kgen compiled for that arch, checks the log, trap and
# user-notify actions and runs seccomp-gen-trace's round trip; the arm64
# boot also runs the arm guest through the kernel's compat path.  The guest
# prints what its kernel did; this script compares it with what kgen
# expects and prints TAP, then "N passed, N failed, N skipped".
#
# Environment (set by tests/kernels/local.mk): srcdir, builddir, KGEN,
# KG_SOURCES (the tools' C files under srcdir), KG_BUILT (those under
# builddir), KG_SG_MAIN, KG_TRACE_SOURCES; SG_SHARED; KG_ARCHES to choose
# (default: aarch64 arm riscv64); KG_TIMEOUT seconds per boot (150).
set -u
src=$(cd "${srcdir:-.}" && pwd)
build=$(cd "${builddir:-.}" && pwd)
work=$build/tests/kernels/work
kernels=${SG_SHARED:-$src/../shared}/kernels
arches=${KG_ARCHES:-aarch64 arm riscv64}
timeout=${KG_TIMEOUT:-150}
n=0 passed=0 failed=0 skipped=0

ok() { n=$((n + 1)) passed=$((passed + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)) failed=$((failed + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)) skipped=$((skipped + 1)); echo "ok $n # SKIP $*"; }
check() { if [ "$1" = 0 ]; then shift; ok "$@"; else shift; notok "$@"; fi; }
finish() {
	echo "1..$n"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ $failed -eq 0 ]
	exit
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Per arch: Debian's name for it, the GNU triplet, and the qemu command.
deb_arch() { case $1 in aarch64) echo arm64 ;; arm) echo armhf ;; *) echo "$1" ;; esac; }
triplet() {
	case $1 in aarch64) echo aarch64-linux-gnu ;; arm) echo arm-linux-gnueabihf ;; *) echo riscv64-linux-gnu ;; esac
}
qemu_cmd() {
	case $1 in
	aarch64) echo "qemu-system-aarch64 -M virt -cpu cortex-a57 -kernel $kernels/vmlinuz-arm64" ;;
	arm) echo "qemu-system-arm -M virt -cpu cortex-a15 -kernel $kernels/vmlinuz-armmp-lpae" ;;
	riscv64) echo "qemu-system-riscv64 -M virt -bios default -kernel $kernels/vmlinux-riscv64" ;;
	esac
}
console() { case $1 in riscv64) echo ttyS0 ;; *) echo ttyAMA0 ;; esac; }

t_start=$(now)
mkdir -p "$work" || finish

# What every arch needs.
if [ ! -d "$kernels" ]; then
	skip "no kernels: $kernels is missing (set SG_SHARED)"
	finish
fi
for tool in clang ld.lld cpio gzip apt-get dpkg-deb; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "$tool is not installed (clang, lld, cpio: build-aux/install-deps.sh)"
		finish
	fi
done

if [ ! -d "${SG_SHARED:-$src/../shared}/corpus/crosvm" ]; then
	skip "the crosvm corpus: ${SG_SHARED:-$src/../shared}/corpus/crosvm is missing (set SG_SHARED)"
fi

# A C library for each arch, without a cross gcc: installing
# gcc-aarch64-linux-gnu and its kind removes gcc-multilib, which the suite
# needs (shared/kernels/README.md), so Debian's cross libc and libgcc
# packages are unpacked here and clang links against them with lld.
sysroot() {
	d=$work/sysroot/$1
	[ -f "$d/.done" ] && return 0
	rm -rf "$d" && mkdir -p "$d/debs" || return 1
	da=$(deb_arch "$1")
	# lld 14 cannot link riscv64's libc.a (R_RISCV_ALIGN needs linker
	# relaxation): that arch links with GNU ld, unpacked the same way.
	binutils=""
	[ "$1" = riscv64 ] && binutils=binutils-riscv64-linux-gnu
	(cd "$d/debs" && apt-get download -q "libc6-dev-$da-cross" "libc6-$da-cross" "linux-libc-dev-$da-cross" \
		"libgcc-12-dev-$da-cross" $binutils >"$d/download.log" 2>&1) || return 1
	for deb in "$d"/debs/*.deb; do dpkg-deb -x "$deb" "$d" || return 1; done
	touch "$d/.done"
}

cc_for() {
	t=$(triplet "$1") r=$work/sysroot/$1
	ld=-fuse-ld=lld
	[ "$1" = riscv64 ] && ld=--ld-path=$r/usr/bin/riscv64-linux-gnu-ld.bfd
	echo "clang --target=$t --gcc-toolchain=$r/usr --sysroot=$r/usr/$t $ld -static"
}
# GNU ld's own libraries, unpacked beside it.
LD_LIBRARY_PATH=$work/sysroot/riscv64/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH

# seccomp-gen and seccomp-gen-trace for the guest, from the same sources
# as the host's, rebuilt when any of them is newer than the last build.
build_tools() {
	d=$work/$1/tools cc=$(cc_for "$1")
	if [ -f "$d/.done" ] && [ -z "$(cd "$src" && find arch gen grammar trace support -newer "$d/.done" \
		\( -name '*.[ch]' -o -name '*.tbl' \) 2>/dev/null | head -n 1)" ] &&
		[ -z "$(cd "$build" && find arch grammar -newer "$d/.done" -name '*.[ch]' 2>/dev/null | head -n 1)" ]; then
		return 0
	fi
	rm -rf "$d" && mkdir -p "$d/obj" || return 1
	flags="-std=gnu99 -O1 -w -I$src -I$build -DSG_HOST_TRIPLET=\"$(triplet "$1")\""
	flags="$flags -DSG_BPF_MISSING=\"cross-built-for-check-kernels\""
	{
		for f in $KG_SOURCES $KG_SG_MAIN $KG_TRACE_SOURCES; do echo "$src/$f"; done
		for f in $KG_BUILT; do echo "$build/$f"; done
	} | while read -r f; do printf '%s %s\n' "$f" "$d/obj/$(echo "$f" | tr / _).o"; done >"$d/list"
	# shellcheck disable=SC2086
	xargs -P 2 -L 1 sh -c '$0 -c "$1" -o "$2"' "$cc $flags" <"$d/list" >"$d/build.log" 2>&1 || return 1
	lib=$(for f in $KG_SOURCES $KG_BUILT; do echo "$d/obj/"*"$(echo "$f" | tr / _).o"; done)
	main=$(echo "$d/obj/"*"$(echo "$KG_SG_MAIN" | tr / _).o")
	trace=$(for f in $KG_TRACE_SOURCES; do echo "$d/obj/"*"$(echo "$f" | tr / _).o"; done)
	# shellcheck disable=SC2086
	$cc -o "$d/seccomp-gen" $main $lib >>"$d/build.log" 2>&1 &&
		$cc -o "$d/seccomp-gen-trace" $trace $lib >>"$d/build.log" 2>&1 && touch "$d/.done"
}

# kgen's programs and calls, and the guest built around them.
build_guest() {
	d=$work/$1 cc=$(cc_for "$1")
	mkdir -p "$d" && "$KGEN" "$1" "$src" "$d" 2>"$d/kgen.log" || return 1
	$cc -O1 -Wall -Wextra -I"$src" -I"$src/include" -o "$d/guest" "$src/tests/kernels/guest.c" \
		"$d/filters.c" "$d/cases.c" >"$d/guest.log" 2>&1 &&
		$cc -O1 -Wall -Wextra -pthread -o "$d/workload" "$src/tests/kernels/workload.c" >>"$d/guest.log" 2>&1
}

initramfs() {
	d=$work/$1 root=$work/$1/root
	rm -rf "$root" && mkdir -p "$root/bin" || return 1
	cp "$d/guest" "$root/init" && cp "$d/workload" "$d/tools/seccomp-gen" "$d/tools/seccomp-gen-trace" "$root/bin/" ||
		return 1
	if [ "$1" = aarch64 ] && [ -f "$work/arm/.built" ]; then
		mkdir -p "$root/compat" && cp "$work/arm/guest" "$work/arm/workload" "$work/arm/tools/seccomp-gen" \
			"$work/arm/tools/seccomp-gen-trace" "$root/compat/" || return 1
	fi
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$d/initramfs.cpio.gz"
}

boot() {
	d=$work/$1
	# shellcheck disable=SC2046
	timeout "$timeout" $(qemu_cmd "$1") -m 256 -nographic -no-reboot -monitor none -serial stdio -nic none \
		-initrd "$d/initramfs.cpio.gz" -append "console=$(console "$1") panic=-1 quiet" \
		>"$d/console.log" 2>&1 </dev/null
	echo $? >"$d/boot.rc"
}

# The guest's results against kgen's expectations: one TAP line per
# decision file, per corpus policy (loaded, and its sample agrees), and
# per check the guest judged itself.
compare() {
	arch=$1 run=$2 d=$work/$1 log=$work/$3/console.log expected=${4:-$work/$1/expected.txt}
	awk -v run="$run" -v want_arch="$arch" '
	{ sub(/\r$/, "") }
	FNR == 1 { file++ }
	file == 1 { id = $1; group[id] = $2; cls[id] = $3; err[id] = $4; call[id] = $0
		sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ /, "", call[id]); if (!($2 in size)) order[ngroups++] = $2; size[$2]++; next }
	file == 2 { prog_group[$2] = $1; next }
	/^@@ R / && $3 == run { got[$4] = $5; goterr[$4] = $6; seen[$5]++ }
	/^@@ L / && $3 == run { loaded[$4] = $5 }
	/^@@ (ok|not ok) / && $0 ~ "^@@ (ok|not ok) " run " " { line = $0; sub(/^@@ /, "", line);
		status = line ~ /^ok/ ? "ok" : "not ok"; sub(/^(ok|not ok) [^ ]+ /, "", line); print status " " run ": " line }
	/^@@ # / && $3 == run ":" { line = $0; sub(/^@@ # /, "", line); print "# " line }
	END {
		for (p in prog_group) if (prog_group[p] != "actions") { gp[prog_group[p]] = p }
		for (g = 0; g < ngroups; g++) { bad[order[g]] = 0; first[order[g]] = "" }
		for (id in group) {
			g = group[id]; c = cls[id]; o = got[id]
			same = o == c && (c != "E" || goterr[id] == err[id]) || (c == "A" && o == "X")
			if (!same) { bad[g]++; if (first[g] == "") first[g] = sprintf("call %d, %s: the kernel gave %s, expected %s", id, call[id], (o == "" ? "nothing" : o (o == "E" ? " " goterr[id] : "")), c (c == "E" ? " " err[id] : "")) }
		}
		for (g = 0; g < ngroups; g++) {
			G = order[g]; p = gp[G]; l = ((p in loaded) ? loaded[p] : "no report")
			what = G ~ /^corpus/ ? "loaded, and its " size[G] " sampled decisions are sg_run'"'"'s" : size[G] " calls decided as expected"
			if (l != "0") print "not ok " run ": " G ": the kernel did not load " p " (" l ")"
			else if (bad[G]) print "not ok " run ": " G ": " bad[G] " of " size[G] " calls differ; " first[G]
			else print "ok " run ": " G ": " what
		}
		ok = seen["A"] && seen["E"] && seen["T"] && seen["K"]
		print (ok ? "ok " : "not ok ") run ": the harness saw every outcome (allow " seen["A"] + 0 ", errno " seen["E"] + 0 ", trap " seen["T"] + 0 ", kill " seen["K"] + 0 ", exit " seen["X"] + 0 ")"
	}' "$expected" "$d/programs.txt" "$log"
}

# TAP lines from compare(), renumbered into this script's count.
tap_from() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"not ok "*) notok "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done
}

# The boots run in two lanes, each qemu being one busy vCPU thread: arm
# (the slowest: a slower TCG target, and its kernel does not JIT
# seccomp's BPF) boots as soon as it is built, while the other arches are
# built, then boot one after the other.  arm is built first: the arm64
# boot runs the arm guest too.
timed_boot() { t0=$(now); boot "$1"; since "$t0" >"$work/$1/boot.time"; }
ready="" boots=""
t_boot=$(now)
order=$(for a in arm aarch64 riscv64; do case " $arches " in *" $a "*) echo $a ;; esac; done)
for a in $order; do
	t0=$(now)
	q=$(qemu_cmd "$a" | cut -d' ' -f1)
	if ! command -v "$q" >/dev/null 2>&1; then
		skip "$a: $q is not installed (qemu-system-arm, qemu-system-misc)"
		continue
	fi
	if ! sysroot "$a"; then
		skip "$a: cannot fetch Debian's cross C library (apt-get download); see $work/sysroot/$a/download.log"
		continue
	fi
	rm -f "$work/$a/.built"
	if ! build_tools "$a"; then
		notok "$a: seccomp-gen and seccomp-gen-trace build for $a"
		sed 's/^/# /' "$work/$a/tools/build.log" | tail -n 20
		continue
	fi
	if ! build_guest "$a"; then
		notok "$a: the guest builds"
		sed 's/^/# /' "$work/$a/kgen.log" "$work/$a/guest.log" | tail -n 20
		continue
	fi
	touch "$work/$a/.built"
	echo "# $a: built in $(since "$t0") s ($(tail -n 1 "$work/$a/kgen.log" | sed 's/^kgen: //'))"
	initramfs "$a" || { notok "$a: the initramfs"; continue; }
	ready="$ready $a"
	if [ $a = arm ]; then
		timed_boot arm &
	else
		boots="$boots $a"
	fi
done
for a in $boots; do timed_boot $a; done
wait
echo "# builds and boots: $(since "$t_boot") s for$ready"

for a in $ready; do
	d=$work/$a
	rc=$(cat "$d/boot.rc") secs=$(cat "$d/boot.time")
	echo "# $a: the boot took $secs s (qemu's status $rc)"
	runs=$a
	[ $a = aarch64 ] && [ -d "$d/root/compat" ] && runs="$a compat-arm"
	if grep -q "Kernel panic" "$d/console.log" || [ "$rc" = 124 ] || ! grep -q "^@@ done $a" "$d/console.log"; then
		notok "$a: the guest ran to the end (no panic, no timeout after ${timeout} s; status $rc)"
		grep -v '^@@ [RL] ' "$d/console.log" | tail -n 40 | sed 's/^/# /'
	else
		ok "$a: the guest ran to the end in $secs s"
	fi
	for r in $runs; do
		e=$a
		[ $r = compat-arm ] && e=arm
		compare "$e" "$r" "$a" >"$work/$a/compare-$r.txt"
		tap_from <"$work/$a/compare-$r.txt"
		# A negative control: the same results against expectations with
		# one errno and one corpus decision changed must fail those groups.
		awk '!d && $2 ~ /^decisions/ && $3 == "E" { $4 = $4 + 1; d = 1 }
			!c && $2 ~ /^corpus/ && $3 == "A" { $3 = "T"; c = 1 } { print }' \
			"$work/$e/expected.txt" >"$work/$a/mutated-$r.txt"
		compare "$e" "$r" "$a" "$work/$a/mutated-$r.txt" >"$work/$a/compare-mutated-$r.txt"
		wrong=$(grep -c '^not ok .*: \(decisions\|corpus\)/.*calls differ' "$work/$a/compare-mutated-$r.txt")
		changed=$(diff "$work/$e/expected.txt" "$work/$a/mutated-$r.txt" | grep -c '^>')
		[ "$changed" -gt 0 ] && [ "$wrong" -eq "$changed" ]
		check $? "$r: the comparison fails the groups of $changed changed expectations (errno, decision): $wrong"
	done
done
echo "# check-kernels: $(since "$t_start") s in all"
finish
