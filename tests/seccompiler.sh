#!/bin/sh
# seccompiler JSON filters, judged by the interpreter.  For each thread
# category CAT of tests/seccompiler/NAME.json there is NAME.CAT.expect:
# NAME.json is compiled with --category CAT for every arch the .expect
# names (@arch; default all five), and each of its "call -> result" lines
# is checked (--test).  One TAP line per .expect and arch, and one per
# JSON file saying that every category has an .expect and every .expect
# a category.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
dir="$srcdir/tests/seccompiler"
n=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

for json in "$dir"/*.json; do
	name=$(basename "$json" .json)
	# The categories, from the declarations the header writer makes.
	"$SECCOMP_GEN" --arch x86_64 -f header "$json" 2>"$tmp/err" |
		sed -n 's/^extern const struct sock_fprog \(.*\)_filter;$/\1/p' | sort >"$tmp/categories"
	for expect in "$dir/$name".*.expect; do
		[ -e "$expect" ] || continue
		cat=${expect#"$dir/$name."}
		cat=${cat%.expect}
		echo "$cat"
	done | sort >"$tmp/expects"
	if [ -s "$tmp/categories" ] && cmp -s "$tmp/categories" "$tmp/expects"; then
		result ok "$name.json: an .expect for each of its categories ($(echo $(cat "$tmp/categories")))"
	else
		result not-ok "$name.json: categories and .expect files differ"
		diff "$tmp/categories" "$tmp/expects" | sed 's/^/# /'
		sed 's/^/# /' "$tmp/err"
	fi
	while read -r cat; do
		expect="$dir/$name.$cat.expect"
		arches=$(sed -n 's/^@arch[ 	]*//p' "$expect")
		[ -n "$arches" ] || arches="x86_64 i386 aarch64 arm riscv64"
		for arch in $arches; do
			(cd "$dir" && "$SECCOMP_GEN" --arch "$arch" --category "$cat" --test "$name.$cat.expect" "$name.json") \
				>"$tmp/out" 2>&1
			rc=$?
			if [ $rc -eq 0 ]; then
				result ok "$name.$cat ($arch): $(sed -n 's/.*: \([0-9]*\) passed.*/\1/p' "$tmp/out") calls"
			else
				result not-ok "$name.$cat ($arch) (exit $rc)"
				sed 's/^/# /' "$tmp/out"
			fi
		done
	done <"$tmp/expects"
done
echo "1..$n"
