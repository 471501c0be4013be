#!/bin/sh
# README's snippets (and seccomp-gen(1)'s examples) are the consumer
# projects' own files: each indented
# block after a line "<!-- file: PATH -->" is PATH exactly, and each after
# "<!-- excerpt: PATH -->" is a run of PATH's lines in order (leading
# white space aside).  So the consumer tests, which build those files,
# test what README tells a user.
: "${srcdir:=.}"
. "$srcdir/tests/lib.sh"
readme=$srcdir/README.md
# Writes each marked block to $tmp/snippet.N and lists "N kind path".
awk -v dir="$tmp" '
	/^<!-- (file|excerpt): .* -->$/ { k++; kind[k] = $2; sub(/:$/, "", kind[k]); path[k] = $3; want = 1; inblock = 0; next }
	want && /^    / { inblock = 1; sub(/^    /, ""); print > (dir "/snippet." k); next }
	want && inblock && /^$/ { print "" > (dir "/snippet." k); next }
	want && inblock { want = 0; close(dir "/snippet." k) }
	END { for (i = 1; i <= k; i++) print i, kind[i], path[i] > (dir "/snippets") }
' "$readme"
check "README has marked snippets" test -s "$tmp/snippets"
while read -r i kind path; do
	f=$tmp/snippet.$i
	# Trailing blank lines belong to the gap after the block.
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$f" >"$f.trim"
	case $kind in
	file)
		check "README's $path is the file itself" cmp "$f.trim" "$srcdir/$path"
		cmp "$f.trim" "$srcdir/$path" >/dev/null 2>&1 || diff "$f.trim" "$srcdir/$path" | sed 's/^/# /'
		;;
	excerpt)
		# Every non-blank line of the snippet, in order, among the file's.
		sed 's/^[[:space:]]*//' "$srcdir/$path" >"$f.file"
		check "README's excerpt of $path is in the file, in order" awk '
			NR == FNR { if ($0 != "") want[++nw] = $0; next }
			{ sub(/^[ \t]*/, ""); if (i < nw && $0 == want[i + 1]) i++ }
			END { exit !(i == nw) }' "$f.trim" "$f.file"
		;;
	*) check "README: unknown snippet kind '$kind'" false ;;
	esac
done <"$tmp/snippets"

# The variables README names for a prefix other than /usr/local are the
# ones the consumer tests set, to the same values (DIR being the prefix).
sed -n 's/^    export \([A-Z_]*=[^ ]*\).*/\1/p' "$readme" | sed 's|DIR|$inst|g' | sort >"$tmp/vars.readme"
sed -n '/^install_seccomp_gen()/,/^}/s/^\t\([A-Z_]*=[^ ]*\)$/\1/p' "$srcdir/tests/consumer-lib.sh" | sort >"$tmp/vars.tests"
check "README's variables for another prefix are those the consumer tests set ($(tr '\n' ' ' <"$tmp/vars.readme"))" \
	sh -c 'test -s "$0" && cmp "$0" "$1"' "$tmp/vars.readme" "$tmp/vars.tests"

# The same files in seccomp-gen(1): a literal display after a comment
# line '.\" file: PATH' is PATH, with roff's \e for each backslash.
page=$srcdir/man/seccomp-gen.1
awk -v dir="$tmp" '
	/^\.\\" file: / { k++; path[k] = $3; want = 1; next }
	want && /^\.Bd -literal/ { inblock = 1; next }
	inblock && /^\.Ed/ { inblock = 0; want = 0; close(dir "/man." k); next }
	inblock { gsub(/\\e/, "\\"); print > (dir "/man." k) }
	END { for (i = 1; i <= k; i++) print i, path[i] > (dir "/manfiles") }
' "$page"
check "seccomp-gen(1) has marked examples" test -s "$tmp/manfiles"
while read -r i path; do
	check "seccomp-gen(1)'s $path is the file itself" cmp "$tmp/man.$i" "$srcdir/$path"
	cmp "$tmp/man.$i" "$srcdir/$path" >/dev/null 2>&1 || diff "$tmp/man.$i" "$srcdir/$path" | sed 's/^/# /'
done <"$tmp/manfiles"
echo "1..$n"
