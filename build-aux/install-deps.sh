#!/bin/sh
# Installs the Debian 12 packages needed to build and test seccomp-gen,
# those that are missing only: it upgrades nothing already installed, says
# what it installs, and runs `apt-get update` only when there is something
# to install.
# Build: gcc, make, autoconf, automake, flex, bison.
# Tests: libseccomp-dev (benchmark comparison), valgrind, mandoc (man page lint),
# gcc-multilib on amd64 (an i386 program under an x86_64,i386 filter),
# meson, ninja-build and cmake (the consumer projects of those build systems),
# strace; cargo-web, rustc-web, librust-serde-dev and librust-bincode-dev
# (Debian's Rust 1.96 and crates: tests/firecracker-oracle.sh builds
# Firecracker's own reader of its filter files with them, offline).
# Fuzzing (make fuzz): clang and libclang-rt-14-dev, whose libFuzzer runtime
# clang-14 only recommends.  The consumer's compilers (tests/consumer-warnings.sh):
# gcc, g++, clang and its clang++.
# seccomp-gen-trace's eBPF recorder: libbpf-dev, bpftool and clang (the BPF
# target); its tests: bubblewrap (README's recipe to try a traced policy).
# make check-kernels: qemu-system-arm and qemu-system-misc (the arm64, arm
# and riscv64 kernels), cpio (their initramfs), lld (clang's linker for the
# guests).  Never the gcc cross compilers: they remove gcc-multilib.
# Container profiles (-f oci): crun and busybox-static (tests/oci-crun.sh
# runs a busybox container under each kind of filter).
set -e
packages="ca-certificates gcc g++ clang make autoconf automake flex bison pkg-config
	libc6-dev linux-libc-dev libseccomp-dev valgrind mandoc git libclang-rt-14-dev
	meson ninja-build cmake strace libbpf-dev bpftool bubblewrap crun busybox-static
	cargo-web rustc-web librust-serde-dev librust-bincode-dev
	qemu-system-arm qemu-system-misc cpio lld"
# gcc -m32 exists only where the native arch is amd64.
if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
	packages="$packages gcc-multilib"
fi
missing=
for p in $packages; do
	case $(dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null) in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done
if [ -z "$missing" ]; then
	echo "install-deps: all $(echo $packages | wc -w) packages are installed; nothing to do"
	exit 0
fi
echo "install-deps: installing$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-upgrade --no-install-recommends $missing
