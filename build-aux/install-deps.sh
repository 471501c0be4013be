#!/bin/sh
# Installs the Debian 12 packages needed to build and test seccomp-gen.
# Build: gcc, make, autoconf, automake, flex, bison.
# Tests: libseccomp-dev (benchmark comparison), valgrind, mandoc (man page lint).
set -e
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
	ca-certificates gcc clang make autoconf automake flex bison pkg-config \
	libc6-dev linux-libc-dev libseccomp-dev valgrind mandoc git
