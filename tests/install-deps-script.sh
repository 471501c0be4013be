#!/bin/sh
# Issue 14, failure 5: build-aux/install-deps.sh installs only what is
# missing, says what it installs, and upgrades nothing: `apt-get install
# -y --no-upgrade` of the missing packages only, after `apt-get update`,
# and no apt-get at all when everything is there.  Before, it ran apt-get
# install of every package, which upgraded those installed.  apt-get,
# dpkg-query, dpkg and sudo are stand-ins on PATH that log their calls.
: "${srcdir:=.}"
script=$(cd "$srcdir/build-aux" && pwd)/install-deps.sh || exit 99
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99
mkdir bin
for tool in apt-get sudo; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\n' "$tool" "$tmp" >bin/$tool
done
# sudo runs the command, as the real one would.
printf 'exec "$@"\n' >>bin/sudo
# dpkg-query: every package is installed but those listed in $tmp/missing.
cat >bin/dpkg-query <<EOF2
#!/bin/sh
for p; do :; done
if grep -qx "\$p" "$tmp/missing"; then echo "un "; exit 1; fi
echo "ii "
EOF2
printf '#!/bin/sh\necho amd64\n' >bin/dpkg
chmod +x bin/*
run() {
	: >calls
	PATH=$tmp/bin:$PATH sh "$script" >out.txt 2>&1
}
packages_named() { # the packages the script knows, from its own list
	sed -n '/^packages="/,/"$/p' "$script" | tr -d '"\t' | sed 's/^packages=//' | tr ' ' '\n' | grep -v '^$'
}

: >missing
run
check "all installed: exit 0" test $? -eq 0
check "all installed: no apt-get call at all (calls: $(tr '\n' ';' <calls))" test ! -s calls
check "all installed: it says so" grep -q "nothing to do" out.txt

printf 'meson\ncmake\n' >missing
run
check "meson and cmake missing: exit 0" test $? -eq 0
check "meson and cmake missing: apt-get update, then install of those two only, --no-upgrade (calls: $(tr '\n' ';' <calls))" \
	sh -c 'sed "s/^sudo //" calls | sed -n 1p | grep -qx "apt-get update -q" &&
	       sed "s/^sudo //" calls | grep -qx "apt-get install -y -q --no-upgrade --no-install-recommends meson cmake" &&
	       test $(grep -c "^apt-get" calls) -eq 2'
check "meson and cmake missing: it says what it installs" grep -qx "install-deps: installing meson cmake" out.txt
printf 'gcc-multilib\n' >missing
run
check "gcc-multilib missing on amd64: it is installed (calls: $(tr '\n' ';' <calls))" \
	grep -q "apt-get install -y -q --no-upgrade --no-install-recommends gcc-multilib$" calls
for p in meson ninja-build cmake strace; do
	check "the list has $p" sh -c "grep -qx '$p' <<EOF
$(packages_named)
EOF"
done
echo "1..$n"
