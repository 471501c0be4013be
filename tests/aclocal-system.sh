#!/bin/sh
# Issue 14, failure 2: at the default prefix a consumer's autoreconf finds
# SECCOMP_GEN_INIT with no variable set.  Debian's aclocal reads only its
# system directory (`aclocal --print-ac-dir`, /usr/share/aclocal), not
# /usr/local/share/aclocal, so `make install` puts seccomp-gen.m4 there
# too (ACLOCAL_SYSTEM_DIR, set by configure for the default prefix; empty
# turns it off).  And a consumer whose aclocal does not find the macro
# fails at autoreconf, naming it (m4_pattern_forbid in its configure.ac),
# instead of at configure and make.
#
# The real thing, `make install` at /usr/local and a consumer built with
# no variable set, runs in a private mount namespace where /usr/local and
# the system aclocal directory are throw-away copies; it needs root and
# unshare(1), and is skipped with a message without them.
: "${SECCOMP_GEN:?}" "${abs_top_builddir:?}" "${srcdir:=.}"
src=$(cd "$srcdir" && pwd) || exit 99
. "$srcdir/tests/lib.sh"
need_tools make autoreconf aclocal automake autoconf pkg-config
cd "$tmp" || exit 99
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SECCOMP_GEN SECCOMP_GEN_ARCH DESTDIR ACLOCAL_PATH ACLOCAL
sysdir=$(aclocal --print-ac-dir)
bmk=$abs_top_builddir/Makefile
prefix=$(sed -n 's/^prefix = //p' "$bmk")
configured=$(sed -n 's/^ACLOCAL_SYSTEM_DIR = //p' "$bmk")
if [ "$prefix" = /usr/local ]; then
	check "configure at the default prefix: ACLOCAL_SYSTEM_DIR is aclocal's system directory ($configured)" \
		test "$configured" = "$sysdir"
else
	check "configure at prefix $prefix: ACLOCAL_SYSTEM_DIR is empty ($configured)" test -z "$configured"
fi

# A stand-in for aclocal's system directory: a copy of the real one.
mkdir sys empty inst || exit 99
cp -R "$sysdir"/. sys/ 2>/dev/null
rm -f sys/seccomp-gen.m4 empty/seccomp-gen.m4
check "make install ACLOCAL_SYSTEM_DIR=DIR puts seccomp-gen.m4 into DIR" \
	sh -c '. "$2/tests/lib.sh"; sg_install_lock make -C "$0" install prefix="$1/inst" ACLOCAL_SYSTEM_DIR="$1/sys" DESTDIR= && cmp "$1/sys/seccomp-gen.m4" "$2/build-aux/seccomp-gen.m4"' \
	"$abs_top_builddir" "$tmp" "$src"
check "and into the prefix's own aclocal directory, as before" test -s inst/share/aclocal/seccomp-gen.m4

# A consumer whose aclocal has the stand-in as its system directory: no
# ACLOCAL_PATH, no -I.
cp -R "$src/tests/consumer" proj && chmod -R u+w proj || exit 99
check "autoreconf finds SECCOMP_GEN_INIT in aclocal's system directory, no ACLOCAL_PATH" \
	sh -c 'cd proj && ACLOCAL="aclocal --system-acdir=$0/sys" autoreconf -fi && grep -q "whether \$SECCOMP_GEN runs" configure' "$tmp"
check "make uninstall ACLOCAL_SYSTEM_DIR=DIR removes it from DIR" \
	sg_install_lock make -C "$abs_top_builddir" uninstall prefix="$tmp/inst" ACLOCAL_SYSTEM_DIR="$tmp/sys" DESTDIR=
check "make uninstall ACLOCAL_SYSTEM_DIR=DIR removes it from DIR" test ! -e "$tmp/sys/seccomp-gen.m4"
sg_install_lock make -C "$abs_top_builddir" install prefix="$tmp/inst" ACLOCAL_SYSTEM_DIR= DESTDIR= >/dev/null 2>&1
check "make install ACLOCAL_SYSTEM_DIR= writes nothing outside the prefix" test ! -e "$tmp/sys/seccomp-gen.m4"
sg_install_lock make -C "$abs_top_builddir" uninstall prefix="$tmp/inst" ACLOCAL_SYSTEM_DIR= DESTDIR= >/dev/null 2>&1

# Without the macro anywhere aclocal looks: autoreconf fails and names it.
rm -rf proj && cp -R "$src/tests/consumer" proj && chmod -R u+w proj || exit 99
(cd proj && ACLOCAL="aclocal --system-acdir=$tmp/sys" autoreconf -fi) >autoreconf.log 2>&1
check "macro not found: autoreconf fails" test $? -ne 0
check "macro not found: the message names SECCOMP_GEN_INIT" grep -q "undefined macro: SECCOMP_GEN_INIT" autoreconf.log
sed 's/^/# /' autoreconf.log | head -n 5

# The real thing.
if [ "$prefix" != /usr/local ]; then
	skip "the build tree is configured for prefix $prefix, not the default /usr/local"
elif [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1 ||
	! unshare -m sh -c 'mount -t tmpfs none "$0"' "$tmp/empty" >/dev/null 2>&1; then
	skip "no private mount namespace here (needs root and unshare -m) for an install at /usr/local"
else
	had_m4=$(ls "$sysdir/seccomp-gen.m4" 2>/dev/null)
	mkdir real && cp -R "$src/tests/consumer" real/proj && chmod -R u+w real/proj || exit 99
	cat >real/run.sh <<'EOF2'
set -e
# /usr/local and the system aclocal directory: throw-away copies.
mount -t tmpfs none "$tmp/empty"
cp -R "$sysdir"/. "$tmp/empty/"
mount --bind "$tmp/empty" "$sysdir"
mount -t tmpfs none /usr/local
if command -v flock >/dev/null 2>&1; then
	flock "$abs_top_builddir/tests/install.lock" make -C "$abs_top_builddir" install DESTDIR=
else
	make -C "$abs_top_builddir" install DESTDIR=
fi
test -s "$sysdir/seccomp-gen.m4"
# The consumer as a user builds it: no variable set.
env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$tmp" sh -c '
	cd "$0/real/proj" && autoreconf -fi && ./configure && make && ./app' "$tmp"
EOF2
	tmp=$tmp sysdir=$sysdir abs_top_builddir=$abs_top_builddir unshare -m sh real/run.sh >real.log 2>&1
	rc=$?
	check "make install at /usr/local; the consumer's autoreconf, configure, make and app with no variable set" test $rc -eq 0
	[ $rc -eq 0 ] || tail -n 30 real.log | sed 's/^/# /'
	check "and the app ran under its filters" grep -qx "app: ok" real.log
	check "the real system directory is as it was (seccomp-gen.m4 there before: ${had_m4:-no})" \
		test "$(ls "$sysdir/seccomp-gen.m4" 2>/dev/null)" = "$had_m4"
fi
echo "1..$n"
