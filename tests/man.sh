#!/bin/sh
# The man pages: no mandoc (or groff) warnings; every option of --help
# documented in seccomp-gen(1) and nothing there that --help lacks; every
# keyword of the scanner in seccomp-gen-policy(5); and the examples in
# both pages compile or pass as they are shown.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
page1=$srcdir/man/seccomp-gen.1
page5=$srcdir/man/seccomp-gen-policy.5
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# Lint: mandoc's own checker when it is installed, else man's warnings.
for page in "$page1" "$page5"; do
	name=$(basename "$page")
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1
		rc=$?
		check "$name: mandoc -T lint -W warning reports nothing" test $rc -eq 0 -a ! -s "$tmp/lint"
	elif command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
		LC_ALL=C MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >/dev/null 2>"$tmp/lint"
		check "$name: man --warnings reports nothing" test ! -s "$tmp/lint"
	else
		skip "$name: neither mandoc nor man with groff is installed"
	fi
	sed 's/^/# /' "$tmp/lint" 2>/dev/null
done

# Options: --help against the page, both ways.
"$SECCOMP_GEN" --help >"$tmp/help"
help_opts=$(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
help_opts="$help_opts $(grep -o -- '-M[DFTQP]' "$tmp/help" | sort -u)"
missing=
for o in $help_opts; do
	case $o in
	--*) pat="Fl \\\\-${o#--}" ;;
	*) pat="Fl ${o#-}" ;;
	esac
	grep -q -- "$pat\\b" "$page1" || missing="$missing $o"
done
check "every option of --help is in seccomp-gen(1)${missing:+ (missing:$missing)}" test -z "$missing"
extra=
for o in $(grep -o 'Fl \\-[a-z][a-z-]*' "$page1" | sed 's/^Fl \\-/--/' | sort -u); do
	grep -q -- "$o\\b" "$tmp/help" || extra="$extra $o"
done
check "every long option in seccomp-gen(1) is in --help${extra:+ (not in --help:$extra)}" test -z "$extra"

# Keywords: each quoted word the scanner matches, directives and actions.
if [ -r "$srcdir/grammar/scanner.l" ]; then
	words=$(sed -n 's/^"\([@a-z][a-z-]*\)"[[:space:]].*/\1/p' "$srcdir/grammar/scanner.l" | sort -u)
	missing=
	for w in $words; do
		grep -q -- "\\(Ic\\|Cm\\|Li\\) $w\\b" "$page5" || missing="$missing $w"
	done
	check "every keyword of the scanner is in seccomp-gen-policy(5)${missing:+ (missing:$missing)}" \
		test -n "$words" -a -z "$missing"
else
	skip "grammar/scanner.l not readable"
fi

# The policy examples compile.  @include and @frequency lines name files
# that are not there; a block of "name: N" lines is a frequency file.
awk -v dir="$tmp" '
	/^\.Bd -literal/ { k++; f = dir "/ex" k ".policy"; inblock = 1; next }
	/^\.Ed/ { inblock = 0; close(f); next }
	inblock && !/^@(include|frequency)/ { gsub(/\\e/, "\\"); print > f }
' "$page5"
for f in "$tmp"/ex*.policy; do
	[ -f "$f" ] || continue
	if ! grep -qv '^[a-z_0-9]*: [0-9]*$' "$f"; then
		continue
	fi
	flags=
	grep -q '^@denylist' "$f" && flags=--denylist
	check "seccomp-gen-policy(5) example $(basename "$f" .policy) compiles" \
		sh -c '"$SECCOMP_GEN" --arch x86_64 $1 -f dump "$2" >/dev/null' sh "$flags" "$f"
done

# The test file shown in seccomp-gen(1) passes against a policy it fits.
awk '/^\.Bd -literal/ { inblock = 1; block = ""; next }
	/^\.Ed/ { inblock = 0; if (block ~ /->/) printf "%s", block; next }
	inblock { block = block $0 "\n" }' "$page1" >"$tmp/example.expect"
printf 'openat: arg2 in O_RDONLY|O_CLOEXEC\nsocket: return EACCES\n' >"$tmp/example.policy"
check "seccomp-gen(1)'s test file example has lines" test -s "$tmp/example.expect"
check "seccomp-gen(1)'s test file example passes" \
	"$SECCOMP_GEN" --arch x86_64 --test "$tmp/example.expect" "$tmp/example.policy"
echo "1..$n"
