#!/bin/sh
# arch/gen-tables.sh - regenerate the per-architecture tables in arch/.
#
# The one command (fetches the pinned kernel headers, then regenerates):
#     sh arch/gen-tables.sh --fetch
# or, with the headers' .deb (or its unpacked usr/include) already at hand:
#     SG_UAPI_DEB=/path/linux-libc-dev_7.2.13-1_all.deb sh arch/gen-tables.sh
#     SG_UAPI_ROOT=/path/usr/include sh arch/gen-tables.sh
# Options: CLANG=<clang binary>; --cross-only uses only the Debian 12 cross
# packages below (Linux 6.1 UAPI; for a machine with no network at all).
#
# This is an OFFLINE tool, run on purpose when the tables should follow newer
# kernel headers; the build never runs it and needs none of its inputs.  The
# build only reads the text tables written here (arch/tbl2c.awk turns them
# into C).  Output is deterministic: two runs with the same inputs give
# byte-identical files (LC_ALL=C sort).  A run takes 15 to 30 seconds on
# 2 cores, plus a few seconds for --fetch's download (2 MB).
#
# What it writes, for each arch directory x86_64 i386 aarch64 arm riscv64:
#   arch/<arch>/arch.tbl       name, minijail name, AUDIT_ARCH, bits, byte order
#   arch/<arch>/syscalls.tbl   "name number" for every __NR_* of that ABI
#   arch/<arch>/constants.tbl  "NAME value" for the named integer constants
# Values are decimal; negative values keep their sign (AT_FDCWD -100).
# Files start with a "#" line naming the header versions used.
#
# Inputs.  Needs sh, awk, sort and clang (any version with
# -print-resource-dir and the five targets; used: Debian 12's clang 14),
# dpkg-deb and, for --fetch, apt-get (both part of any Debian system), and:
#  * the C library headers of each target, from these Debian 12 packages:
#      libc6-dev-{amd64,i386,arm64,armhf,riscv64}-cross          (glibc 2.36)
#      linux-libc-dev-{amd64,i386,arm64,armhf,riscv64}-cross     (Linux 6.1)
#    installed under /usr/<triple>/include for the triples x86_64-linux-gnu,
#    i686-linux-gnu, aarch64-linux-gnu, arm-linux-gnueabihf, riscv64-linux-gnu
#    (SG_CROSS_ROOT replaces /usr);
#  * the kernel UAPI headers: Debian's linux-libc-dev $UAPI_VERSION (below),
#    from Debian unstable.  Since Linux 6.5 Debian builds that package as
#    Architecture: all, with the asm/ headers of every architecture under
#    usr/include/<multiarch triple>/asm, so one package serves all targets.
#    It is much newer than Debian 12's 6.1 cross headers, which lack what
#    current policies use (MADV_GUARD_INSTALL, PR_GET_AUXV, mseal, statmount,
#    futex_wake, ...).  --fetch downloads it with apt-get (a private apt
#    state in the temp dir, the mirror taken from this machine's own
#    /etc/apt sources, suite unstable) and unpacks it with dpkg-deb; nothing
#    is installed.  To move to newer headers, change UAPI_VERSION and rerun.
# The build machine's own /usr/include is never searched: every compile uses
# -nostdinc and names its include directories, in this order: clang's
# resource headers (stddef.h, limits.h, ...), the UAPI asm/ directory of the
# target, the UAPI generic headers, the target's cross glibc headers.  A
# kernel header from the lists below (linux/, asm/, drm/, sound/) must exist
# in the UAPI tree, so the old 6.1 copies in the cross directories are never
# picked up by mistake.
#
# How values are obtained.  Every value is computed by the C compiler for the
# target (clang --target=T), never by this script: for each candidate name N
# we compile
#     const long long v_K = (long long)((N) | 0);
# with -S -emit-llvm and read the "i64" initialisers back from the LLVM IR.
# "| 0" makes anything that is not an integer (strings, floats, pointers,
# types) fail to compile, as do names that are not compile-time constants
# (glibc's SIGSTKSZ = sysconf(...), SIGRTMIN).  Failing candidates are found
# from the compiler's "v.c:LINE: error" messages (-ferror-limit=0) and pruned,
# and the compile is repeated until it succeeds.
#
# Syscalls: candidates are the __NR_<name> macros of <asm/unistd.h> for the
# target (for x86_64 that is asm/unistd_64.h only, not x32; for i386
# asm/unistd_32.h; for arm the EABI table).  The ARM private syscalls
# __ARM_NR_<name> (breakpoint, cacheflush, usr26, usr32, set_tls, get_tls) are
# named ARM_<name>, as minijail's arm constants.json names them.  Not
# syscalls, dropped: __NR_syscalls, __NR_arch_specific_syscall (asm-generic
# bookkeeping).
#
# Constants: candidates are the object-like macros whose names match
# ^[A-Z][A-Z0-9_]*$ that a header set defines (clang -E -dM), plus the
# enumerators with such names (clang -Xclang -ast-dump), so enum-only
# constants are covered too.  The headers come in groups (below), each
# compiled as its own translation unit because some glibc and kernel headers
# cannot be included together (glibc <termios.h> vs <asm/termbits.h>,
# <sys/mount.h> vs <linux/mount.h>, <signal.h> vs <asm/signal.h>).  The
# first group that yields a name wins (except PREFER_KERNEL, below):
#   1. libc: glibc headers plus the kernel headers they get on with; about
#      the set minijail's gen_constants.sh uses, so values follow the C
#      library where the two differ (NSIG is glibc's 65, not asm/signal.h's
#      legacy 32).  glibc's <termios.h> is left out on purpose: the terminal
#      ioctls take the kernel's struct termios, so NCCS must be the kernel's
#      19 (as in minijail's tables), not glibc's 32.
#   2. kernel: plain UAPI headers (termbits, linux/mount.h, linux/limits.h,
#      asm/prctl.h, asm/sigcontext.h, seccomp, capabilities, ...).
#   3. ioctl: the ioctl request numbers VMM policies use: linux/kvm.h,
#      linux/vfio.h, linux/vhost.h, linux/userfaultfd.h, linux/fs.h,
#      linux/sockios.h, linux/if_tun.h, sound/asound.h, linux/dma-buf.h,
#      drm/drm.h and a few more (usbdevice_fs, hidraw, udmabuf, sync_file).
# Disagreements between groups are printed as notes (expected: NSIG, and
# O_LARGEFILE, which is in PREFER_KERNEL).  MINIJAIL_ARCH_NR and
# MINIJAIL_ARCH_BITS (minijail's own names for the AUDIT_ARCH and the word
# size, present in its constants.json) are added from the arch facts.
# On the 32-bit arches (i386, arm) constants that do not fit in 32 bits,
# signed or unsigned, are left out (INT64_MAX, the clone3-only CLONE_* flags
# above bit 31, KVM_REG_*, ...): a 32-bit ABI passes 32-bit syscall
# arguments, so no filter can compare one with them.  On the 64-bit arches an
# unsigned value of 2^63 or more is stored as its int64 two's complement
# (UINT64_MAX and RLIM_INFINITY are -1), the same 64 bits.
#
# Headers skipped (see SKIP_<arch> below, and a header absent for an arch is
# skipped with a note; a header no arch has is an error):
#   arm:   linux/kvm.h, as there is no asm/kvm.h for 32-bit arm (KVM on
#          32-bit arm hosts was removed in Linux 5.7), so arm has no KVM_*.
#   aarch64, arm, riscv64: asm/prctl.h (x86 only: ARCH_SET_FS, ...).
set -eu
LC_ALL=C
export LC_ALL

UAPI_VERSION=7.2.13-1

here=$(cd "$(dirname "$0")" && pwd)
CLANG=${CLANG:-clang}
cross=${SG_CROSS_ROOT:-/usr}

die() { echo "gen-tables: $*" >&2; exit 1; }

mode=
case ${1-} in
--fetch) mode=fetch ;;
--cross-only) mode=cross ;;
'') ;;
*) die "usage: sh arch/gen-tables.sh [--fetch | --cross-only]" ;;
esac

res=$("$CLANG" -print-resource-dir)/include
[ -d "$res" ] || die "no clang resource headers at $res"

work=$(mktemp -d "${TMPDIR:-/tmp}/sg-gen-tables.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# name    clang target             glibc triple         UAPI triple          minijail AUDIT_ARCH macro
# (armv7-a hard-float is Debian armhf's baseline; it selects the EABI.)
ARCHES='
x86_64  x86_64-linux-gnu         x86_64-linux-gnu     x86_64-linux-gnu     x86_64  AUDIT_ARCH_X86_64
i386    i686-linux-gnu           i686-linux-gnu       i386-linux-gnu       x86     AUDIT_ARCH_I386
aarch64 aarch64-linux-gnu        aarch64-linux-gnu    aarch64-linux-gnu    arm64   AUDIT_ARCH_AARCH64
arm     armv7a-linux-gnueabihf   arm-linux-gnueabihf  arm-linux-gnueabihf  arm     AUDIT_ARCH_ARM
riscv64 riscv64-linux-gnu        riscv64-linux-gnu    riscv64-linux-gnu    riscv64 AUDIT_ARCH_RISCV64
'
# shellcheck disable=SC2034  # SKIP_<arch> and GROUP_<name> are read by eval
SKIP_arm='linux/kvm.h'

# Header groups, highest priority first.  _GNU_SOURCE exposes glibc's Linux
# specific flags (O_DIRECT, O_PATH, F_SETPIPE_SZ, ...).
# shellcheck disable=SC2034
GROUP_libc='
errno.h fcntl.h signal.h sched.h stddef.h stdint.h limits.h unistd.h poll.h
endian.h
sys/ioctl.h sys/mman.h sys/prctl.h sys/resource.h sys/socket.h sys/stat.h
sys/types.h sys/wait.h sys/file.h sys/epoll.h sys/eventfd.h sys/timerfd.h
sys/signalfd.h sys/inotify.h sys/random.h sys/xattr.h sys/mount.h
sys/personality.h sys/uio.h sys/un.h sys/sysmacros.h sys/quota.h
netinet/in.h netinet/tcp.h
linux/if.h linux/audit.h linux/fd.h linux/fs.h linux/loop.h linux/mman.h
linux/net.h linux/sched.h linux/serial.h linux/sockios.h linux/random.h
linux/futex.h linux/fscrypt.h linux/fsverity.h linux/memfd.h linux/falloc.h
linux/close_range.h linux/netlink.h linux/if_packet.h linux/vm_sockets.h
linux/io_uring.h
'
# shellcheck disable=SC2034
GROUP_kernel='
linux/limits.h asm/termbits.h asm/ioctls.h asm/termios.h asm/signal.h
asm/mman.h asm/prctl.h asm/sigcontext.h asm/socket.h asm/fcntl.h
linux/mount.h linux/prctl.h linux/seccomp.h linux/capability.h
linux/securebits.h linux/ptrace.h linux/wait.h linux/landlock.h
linux/openat2.h linux/stat.h linux/eventpoll.h linux/membarrier.h
linux/rseq.h linux/keyctl.h linux/xattr.h linux/auxvec.h linux/pidfd.h
linux/time.h asm/siginfo.h
'
# shellcheck disable=SC2034
GROUP_ioctl='
linux/kvm.h linux/vfio.h linux/vhost.h linux/userfaultfd.h linux/fs.h
linux/sockios.h linux/if_tun.h sound/asound.h linux/dma-buf.h drm/drm.h
drm/drm_mode.h linux/usbdevice_fs.h linux/hidraw.h linux/udmabuf.h
linux/sync_file.h linux/fiemap.h linux/blkzoned.h
'
HEADER_GROUPS='libc kernel ioctl'

# Names whose kernel value is used even though glibc defines them too.
# O_LARGEFILE: glibc defines it as 0 on 64-bit ABIs (the kernel forces large
# file support there), but a filter sees the raw open flags, where the bit
# keeps the kernel's value (asm-generic/fcntl.h, arch asm/fcntl.h).
PREFER_KERNEL='O_LARGEFILE'

# ---------------------------------------------------------------------------
# The kernel UAPI tree: $uapi/<UAPI triple>/asm and $uapi/{linux,asm-generic,...}
fetch_uapi() {
	d=$work/apt
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/dl"
	# The mirror this machine already uses for Debian (deb822 or one-line).
	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }')
	[ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 !~ /security/ { print $2; exit }' \
		/etc/apt/sources.list 2>/dev/null)
	[ -n "$uri" ] || die "--fetch: no Debian mirror in /etc/apt sources"
	printf 'Types: deb\nURIs: %s\nSuites: unstable\nComponents: main\n' "$uri" >"$d/unstable.sources"
	set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$d" \
		-o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root
	apt-get -q "$@" update >"$d/log" 2>&1 || { cat "$d/log" >&2; die "--fetch: apt-get update failed"; }
	(cd "$d/dl" && apt-get -q "$@" download "linux-libc-dev=$UAPI_VERSION") >>"$d/log" 2>&1 || {
		echo "available:" >&2; apt-cache "$@" madison linux-libc-dev >&2 || true
		die "--fetch: cannot download linux-libc-dev $UAPI_VERSION (change UAPI_VERSION?)"
	}
	SG_UAPI_DEB=$(ls "$d"/dl/linux-libc-dev_*_all.deb)
}

uapi=
uapi_desc="Linux 6.1 UAPI (Debian 12 cross packages)"
case $mode in
cross) ;;
*)
	[ "$mode" = fetch ] && fetch_uapi
	if [ -n "${SG_UAPI_DEB-}" ]; then
		v=$(dpkg-deb -f "$SG_UAPI_DEB" Version)
		[ "$v" = "$UAPI_VERSION" ] ||
			echo "gen-tables: warning: $SG_UAPI_DEB is $v, UAPI_VERSION is $UAPI_VERSION" >&2
		dpkg-deb -x "$SG_UAPI_DEB" "$work/uapi"
		SG_UAPI_ROOT=$work/uapi/usr/include
		uapi_desc="Linux UAPI from Debian linux-libc-dev $v"
	elif [ -n "${SG_UAPI_ROOT-}" ]; then
		uapi_desc="Linux UAPI from $SG_UAPI_ROOT"
	else
		die "no kernel headers: use --fetch, SG_UAPI_DEB, SG_UAPI_ROOT or --cross-only"
	fi
	uapi=$SG_UAPI_ROOT
	[ -f "$uapi/linux/audit.h" ] || die "$uapi has no linux/audit.h"
	;;
esac

# cc TARGET TRIPLE UTRIPLE ARGS... : clang for the target, target headers only.
cc() {
	t=$1; tr=$2; ut=$3; shift 3
	if [ -n "$uapi" ]; then
		set -- -isystem "$uapi/$ut" -isystem "$uapi" "$@"
	fi
	"$CLANG" --target="$t" -nostdinc -isystem "$res" "$@" \
		-isystem "$cross/$tr/include" -w -fno-color-diagnostics
}

# evaluate TARGET TRIPLE UTRIPLE PREFIX LIST OUT
#   PREFIX: a file of C text put before the definitions (#includes).
#   LIST:   lines "OUTNAME EXPR"; EXPR may contain spaces.
#   OUT:    gets "OUTNAME VALUE" for each EXPR that is an integer constant
#           expression on the target, in LIST order.
evaluate() {
	t=$1; tr=$2; ut=$3; prefix=$4; list=$5; out=$6
	cp "$list" "$work/cur"
	n=0
	while :; do
		n=$((n + 1))
		[ "$n" -le 30 ] || die "$t: pruning does not converge"
		# Line 1 is the prefix include; entry K (0-based) is on line K+2.
		{
			echo "#include \"$prefix\""
			awk '{ e = $0; sub(/^[^ ]* /, "", e)
			       printf "const long long v_%d = (long long)((%s) | 0);\n", NR - 1, e }' "$work/cur"
		} >"$work/v.c"
		if cc "$t" "$tr" "$ut" -ferror-limit=0 -fno-caret-diagnostics \
			-fmacro-backtrace-limit=1 -S -emit-llvm \
			-o "$work/v.ll" "$work/v.c" 2>"$work/err"; then
			break
		fi
		# Entries whose line has an error; an error elsewhere is a header
		# that does not compile for this target, which we must not hide.
		awk -v f="$work/v.c" '
			index($0, ": error: ") {
				if (index($0, f ":") != 1) { bad = 1; next }
				split(substr($0, length(f) + 2), p, ":"); print p[1] - 2
			}
			END { exit bad }' "$work/err" >"$work/badlines" ||
			{ grep -v '^In file included' "$work/err" | head -n 20 >&2
			  die "$t: a header does not compile"; }
		[ -s "$work/badlines" ] || { head -n 20 "$work/err" >&2; die "$t: compile failed"; }
		awk 'FILENAME == ARGV[1] { if ($1 >= 0) bad[$1] = 1; next }
		     !((FNR - 1) in bad)' "$work/badlines" "$work/cur" >"$work/next"
		mv "$work/next" "$work/cur"
	done
	# @v_12 = dso_local constant i64 -100, align 8
	awk 'FILENAME == ARGV[1] { name[FNR - 1] = $1; next }
	     /^@v_[0-9]+ = / {
		k = substr($1, 4) + 0
		for (i = 2; i < NF; i++) if ($i == "i64") break
		v = $(i + 1); sub(/,$/, "", v)
		if (v !~ /^-?[0-9]+$/) { print "bad IR value: " $0 > "/dev/stderr"; exit 1 }
		print name[k], v
	     }' "$work/cur" "$work/v.ll" >"$out"
	[ "$(wc -l <"$out")" -eq "$(wc -l <"$work/cur")" ] ||
		die "$t: IR values do not match the candidates"
}

# have TRIPLE UTRIPLE HEADER: is HEADER there for the target?  Kernel headers
# must come from the UAPI tree when there is one.
have() {
	case $3 in
	linux/* | asm/* | asm-generic/* | drm/* | sound/*)
		if [ -n "$uapi" ]; then
			[ -e "$uapi/$2/$3" ] || [ -e "$uapi/$3" ]
			return
		fi ;;
	esac
	[ -e "$cross/$1/include/$3" ] || [ -e "$res/$3" ]
}

# write_prefix ARCH TRIPLE UTRIPLE GROUP FILE: the #include lines of GROUP.
write_prefix() {
	a=$1; tr=$2; ut=$3; g=$4; f=$5
	hs=''
	skip=''
	eval "hs=\$GROUP_$g; skip=\${SKIP_$a-}"
	{
		echo '#define _GNU_SOURCE 1'
		for h in $hs; do
			case " $skip " in *" $h "*) continue ;; esac
			if have "$tr" "$ut" "$h"; then
				echo "#include <$h>"
			else
				echo "gen-tables: note: $a: no $h, skipped" >&2
				echo "$h" >>"$work/skipped"
			fi
		done
	} >"$f"
}

# candidates TARGET TRIPLE UTRIPLE PREFIX: upper-case macro and enumerator names.
candidates() {
	{
		cc "$1" "$2" "$3" -E -dM -x c "$4" |
			awk '$1 == "#define" && $2 ~ /^[A-Z][A-Z0-9_]*$/ { print $2 }'
		# "|-EnumConstantDecl 0x.. <loc> col:3 [referenced] NAME 'int'"
		cc "$1" "$2" "$3" -fsyntax-only -Xclang -ast-dump -x c "$4" |
			awk '/EnumConstantDecl/ {
				for (i = 2; i < NF; i++)
					if (substr($(i + 1), 1, 1) == "'\''") { print $i; break }
			}' | awk '/^[A-Z][A-Z0-9_]*$/'
	} | sort -u
}

glibc=$(awk '$2 == "__GLIBC__" { M = $3 } $2 == "__GLIBC_MINOR__" { m = $3 }
	END { if (M != "") print "glibc " M "." m }' "$cross/x86_64-linux-gnu/include/features.h")

: >"$work/skipped"
echo "$ARCHES" | while read -r name target triple utriple mjname auditmacro; do
	[ -n "$name" ] || continue
	[ -d "$cross/$triple/include" ] || die "no glibc headers for $name in $cross/$triple/include"
	[ -z "$uapi" ] || [ -d "$uapi/$utriple/asm" ] || die "no $uapi/$utriple/asm"
	d=$here/$name
	mkdir -p "$d"
	notice="# Generated by arch/gen-tables.sh for $triple from the $uapi_desc and ${glibc:-glibc} headers; do not edit."

	# Arch facts.
	printf '#include <linux/audit.h>\n' >"$work/facts.h"
	{
		echo "audit_arch $auditmacro"
		echo "bits sizeof(long) * 8"
		echo "big_endian __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__"
	} >"$work/facts.list"
	evaluate "$target" "$triple" "$utriple" "$work/facts.h" "$work/facts.list" "$work/facts"
	[ "$(wc -l <"$work/facts")" -eq 3 ] || die "$name: arch facts did not compile"
	audit=$(awk '$1 == "audit_arch" { print $2 }' "$work/facts")
	bits=$(awk '$1 == "bits" { print $2 }' "$work/facts")
	be=$(awk '$1 == "big_endian" { print $2 }' "$work/facts")
	if [ "$be" = 1 ]; then order=big; else order=little; fi
	{
		echo "$notice"
		echo "name $name"
		echo "minijail_name $mjname"
		printf 'audit_arch 0x%08x\n' "$audit"
		echo "bits $bits"
		echo "byte_order $order"
	} >"$d/arch.tbl"

	# Syscalls.
	printf '#include <asm/unistd.h>\n' >"$work/sys.h"
	cc "$target" "$triple" "$utriple" -E -dM -x c "$work/sys.h" | awk '
		$1 != "#define" { next }
		$2 == "__NR_syscalls" || $2 == "__NR_arch_specific_syscall" { next }
		$2 ~ /^__NR_[a-z_][a-z0-9_]*$/ { print substr($2, 6), $2; next }
		$2 ~ /^__ARM_NR_[a-z][a-z0-9_]*$/ { print "ARM_" substr($2, 10), $2 }' |
		sort >"$work/sys.list"
	evaluate "$target" "$triple" "$utriple" "$work/sys.h" "$work/sys.list" "$work/sys.vals"
	[ "$(wc -l <"$work/sys.vals")" -eq "$(wc -l <"$work/sys.list")" ] ||
		die "$name: some __NR_ macro is not a constant"
	{ echo "$notice"; sort "$work/sys.vals"; } >"$d/syscalls.tbl"

	# Constants, group by group.  Each group evaluates all its names so that
	# disagreements between groups can be reported; then the first group
	# that has a name wins, except for the names in PREFER_KERNEL.
	vals=
	for g in $HEADER_GROUPS; do
		write_prefix "$name" "$triple" "$utriple" "$g" "$work/$g.h"
		candidates "$target" "$triple" "$utriple" "$work/$g.h" |
			awk '{ print $1, $1 }' >"$work/$g.list"
		evaluate "$target" "$triple" "$utriple" "$work/$g.h" "$work/$g.list" "$work/$g.vals"
		vals="$vals $work/$g.vals"
	done
	# shellcheck disable=SC2086  # $vals is a list of file names
	awk -v arch="$name" -v kernel="$work/kernel.vals" -v prefer="$PREFER_KERNEL" '
		BEGIN { n = split(prefer, p, " "); for (i = 1; i <= n; i++) pk[p[i]] = 1 }
		{
			nm = $1; val = $2 ""
			g = FILENAME; sub(/.*\//, "", g); sub(/\.vals$/, "", g)
			if (!(nm in v)) { v[nm] = val; from[nm] = g; next }
			if (v[nm] == val) next
			w = (nm in pk) && FILENAME == kernel
			printf "gen-tables: note: %s: %s is %s in group %s, %s in group %s; using %s\n",
				arch, nm, v[nm], from[nm], val, g, w ? val : v[nm] > "/dev/stderr"
			if (w) { v[nm] = val; from[nm] = g }
		}
		END { for (nm in v) print nm, v[nm] }' $vals | sort >"$work/const.all"
	# On a 32-bit ABI a syscall argument is 32 bits, so a constant that
	# needs more (INT64_MAX, clone3's CLONE_INTO_CGROUP, KVM_REG_*) can never
	# be compared with one; drop it rather than let it be truncated (minijail
	# truncates: its arm table has CLONE_INTO_CGROUP = 0).  Kept: values in
	# [-2^31, 2^32), signed or unsigned 32-bit.
	if [ "$bits" = 32 ]; then
		awk -v arch="$name" '
			function fits(v,    neg, lim) {
				neg = substr(v, 1, 1) == "-"; if (neg) v = substr(v, 2)
				lim = neg ? "2147483648" : "4294967295"
				if (length(v) != length(lim)) return length(v) < length(lim)
				return (v "") <= (lim "")
			}
			fits($2) { print; next }
			{ dropped = dropped " " $1 }
			END { if (dropped != "")
				print "gen-tables: note: " arch ": dropped, wider than 32 bits:" dropped > "/dev/stderr" }' \
			"$work/const.all" >"$work/const.32"
		mv "$work/const.32" "$work/const.all"
	fi
	echo "MINIJAIL_ARCH_NR $audit" >>"$work/const.all"
	echo "MINIJAIL_ARCH_BITS $bits" >>"$work/const.all"
	{ echo "$notice"; sort -u "$work/const.all"; } >"$d/constants.tbl"
	awk 'NR > 1 && $1 == prev { print "gen-tables: duplicate " $1 > "/dev/stderr"; bad = 1 }
	     { prev = $1 } END { exit bad }' "$d/constants.tbl" || die "$name: duplicate constant"

	echo "gen-tables: $name: $(($(wc -l <"$d/syscalls.tbl") - 1)) syscalls," \
		"$(($(wc -l <"$d/constants.tbl") - 1)) constants" >&2
done

# A header that no arch has is a typo in the lists above.
for g in $HEADER_GROUPS; do
	hs=
	eval "hs=\$GROUP_$g"
	for h in $hs; do
		c=$(grep -cx "$h" "$work/skipped" || true)
		[ "$c" -lt 5 ] || die "no arch has $h"
	done
done
