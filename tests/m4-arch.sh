#!/bin/sh
# SECCOMP_GEN_INIT (build-aux/seccomp-gen.m4) in a throw-away configure:
# the arch comes from --host, so a cross build generates for its target;
# ABIs without tables are refused; the program comes from pkg-config in a
# native build and from PATH in a cross build; the make rules and the
# header's flags are substituted.  No compiler is needed: the macro only
# looks at the host triplet.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
n=0
for tool in autoconf aclocal automake; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed"
		exit 0
	fi
done
src=$(cd "$srcdir" && pwd) || exit 99
# configure takes SECCOMP_GEN from the environment; each probe chooses.
sg=$SECCOMP_GEN
unset SECCOMP_GEN SECCOMP_GEN_ARCH
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
check() { # description, then a command that must succeed
	d=$1; shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then echo "ok $n - $d"; else echo "not ok $n - $d"; fi
}

# Two copies of the program, so that the test can tell which was found.
mkdir m4 pathbin pcbin
cp "$src/build-aux/seccomp-gen.m4" m4/
ln -s "$sg" pathbin/seccomp-gen
ln -s "$sg" pcbin/seccomp-gen
# A pkg-config that knows seccomp-gen.pc's variables, pointing at pcbin.
cat >pkg-config <<EOF
#!/bin/sh
case "\$*" in
*--exists*) exit 0 ;;
*--variable=seccomp_gen_mk*) echo "$src/build-aux/seccomp-gen.mk" ;;
*--variable=seccomp_gen*) echo "$tmp/pcbin/seccomp-gen" ;;
*--cflags*) echo "-I$src/include" ;;
*) exit 1 ;;
esac
EOF
chmod +x pkg-config
libdir=$(automake --print-libdir)
cp "$libdir/config.sub" "$libdir/config.guess" .

cat >configure.ac <<'EOF'
AC_INIT([arch-probe], [1])
AC_CONFIG_AUX_DIR([.])
dnl The mapping alone, for each of $SG_TRIPLETS, canonicalized and split
dnl as AC_CANONICAL_HOST does: one configure run instead of one each.
: >map.txt
for sg_triplet in $SG_TRIPLETS; do
  sg_canon=`$SHELL ./config.sub "$sg_triplet"`
  host_cpu=`echo "$sg_canon" | sed 's/-.*//'`
  host_os=`echo "$sg_canon" | sed 's/^[[^-]]*-[[^-]]*-//'`
  _SECCOMP_GEN_HOST_ARCH
  echo "$sg_triplet $sg_host_arch" >>map.txt
done
SECCOMP_GEN_INIT([sg_result=found], [sg_result=missing])
AC_SUBST([sg_result])
AC_CONFIG_FILES([probe.txt])
AC_OUTPUT
EOF
cat >probe.txt.in <<'EOF'
arch=@SECCOMP_GEN_ARCH@
prog=@SECCOMP_GEN@
cflags=@SECCOMP_GEN_CFLAGS@
result=@sg_result@
@SECCOMP_GEN_RULES@
EOF
if ! { aclocal -I m4 && autoconf; } >autoconf.log 2>&1; then
	sed 's/^/# /' autoconf.log
	echo "not ok 1 - aclocal and autoconf accept the macro"
	echo "1..1"
	exit 1
fi
check "aclocal and autoconf accept the macro" test -x configure

probe() { # host ('' for a native build), then configure variables
	h=$1; shift
	rm -f probe.txt
	if [ -n "$h" ]; then
		PATH="$tmp/pathbin:$PATH" ./configure --build=x86_64-pc-linux-gnu --host="$h" \
			PKG_CONFIG="$tmp/pkg-config" "$@" >configure.out 2>&1
	else
		PATH="$tmp/pathbin:$PATH" ./configure PKG_CONFIG="$tmp/pkg-config" "$@" >configure.out 2>&1
	fi
}
arch_is() { grep -qx "arch=$1" probe.txt && grep -qx "result=found" probe.txt; }

# The host triplets a cross build may give, and the arch each must get
# ("-": none; the build must stop, or be given SECCOMP_GEN_ARCH).
map='x86_64-pc-linux-gnu x86_64
x86_64-linux-gnux32 -
i686-pc-linux-gnu i386
i386-linux-gnu i386
aarch64-unknown-linux-gnu aarch64
aarch64_be-linux-gnu -
armv7l-unknown-linux-gnueabihf arm
arm-linux-gnueabi arm
armeb-unknown-linux-gnueabi -
riscv64-unknown-linux-gnu riscv64
riscv32-unknown-linux-gnu -
mips-linux-gnu -'
SG_TRIPLETS=$(echo "$map" | cut -d" " -f1)
export SG_TRIPLETS
probe ""
unset SG_TRIPLETS
while read -r h a; do
	[ "$a" = - ] && a=
	check "--host=$h: arch '$a'" grep -qx "$h $a" map.txt
done <<EOM
$map
EOM
check "native build: the program comes from the pkg-config file" grep -qx "prog=$tmp/pcbin/seccomp-gen" probe.txt
# The program's own default arch is the machine it was built for.
own=$("$sg" --help | sed -n 's/^ *(default: \([a-z0-9_]*\)).*/\1/p' | head -n 1)
check "native build: the arch is this machine's ($own)" grep -qx "arch=$own" probe.txt
check "the header's flags come from the pkg-config file" grep -qx "cflags=-I$src/include" probe.txt
check "@SECCOMP_GEN_RULES@ is replaced by the make rules" grep -q '^define seccomp_gen_rules$' probe.txt

probe aarch64-unknown-linux-gnu
check "cross build to aarch64: SECCOMP_GEN_ARCH=aarch64" arch_is aarch64
check "cross build: the program comes from PATH, not the pkg-config file" grep -qx "prog=$tmp/pathbin/seccomp-gen" probe.txt
probe x86_64-linux-gnux32
check "cross build to x32: no arch, not found, and configure says why" \
	sh -c 'grep -qx "arch=" probe.txt && grep -qx "result=missing" probe.txt && grep -q "no arch for" configure.out'
probe x86_64-pc-linux-gnu SECCOMP_GEN_ARCH=riscv64 SECCOMP_GEN=seccomp-gen
check "SECCOMP_GEN_ARCH on the command line wins" arch_is riscv64
check "SECCOMP_GEN as a bare name becomes a path" grep -qx "prog=$tmp/pathbin/seccomp-gen" probe.txt
probe "" SECCOMP_GEN_ARCH=sparc SECCOMP_GEN="$sg"
check "SECCOMP_GEN on the command line wins" grep -qx "prog=$sg" probe.txt
check "an arch the program does not know: not found" grep -qx "result=missing" probe.txt
probe "" SECCOMP_GEN=/nonexistent/seccomp-gen
check "a SECCOMP_GEN that does not run: not found" grep -qx "result=missing" probe.txt

# Without ACTION-IF-NOT-FOUND, configure stops.
sed 's/SECCOMP_GEN_INIT(.*)/SECCOMP_GEN_INIT/' configure.ac >configure.ac.new && mv configure.ac.new configure.ac
autoconf >autoconf.log 2>&1 || sed 's/^/# /' autoconf.log
probe mips-linux-gnu
check "the default ACTION-IF-NOT-FOUND stops configure" sh -c '! test -e probe.txt && grep -q "error: seccomp-gen" configure.out'
echo "1..$n"
