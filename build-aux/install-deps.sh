#!/bin/sh
# Installs the Debian 12 packages needed to build and test seccomp-gen.
# Build: gcc, make, autoconf, automake, flex, bison.
# Tests: libseccomp-dev (benchmark comparison), valgrind, mandoc (man page lint),
# gcc-multilib on amd64 (an i386 program under an x86_64,i386 filter).
# Fuzzing (make fuzz): clang and libclang-rt-14-dev, whose libFuzzer runtime
# clang-14 only recommends.
set -e
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
	ca-certificates gcc clang make autoconf automake flex bison pkg-config \
	libc6-dev linux-libc-dev libseccomp-dev valgrind mandoc git libclang-rt-14-dev
# gcc -m32 exists only where the native arch is amd64.
if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
	$SUDO apt-get install -y -q --no-install-recommends gcc-multilib
fi
