#!/bin/sh
# Container profiles (issue 27): each tests/oci/errors/NAME.json must fail
# to compile for x86_64 with exit status 1, print exactly NAME.err on
# standard error (file:line:col, the line and a caret) and leave no output
# file behind; keys the runtimes ignore are warnings that name them, and
# the program is written (not under -Werror); a compat arch the profile
# does not list is an error.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
report() { # ok? name
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; sed 's/^/# /' "$tmp/err"; fi
}

dir="$srcdir/tests/oci"
for json in "$dir"/errors/*.json; do
	name=$(basename "$json" .json)
	(cd "$dir/errors" && "$SECCOMP_GEN" --arch x86_64 -o "$tmp/$name.c" "$name.json") 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && cmp -s "$tmp/err" "$dir/errors/$name.err" && [ ! -e "$tmp/$name.c" ]
	ok=$?
	[ $ok = 0 ] || diff "$dir/errors/$name.err" "$tmp/err" >"$tmp/err"
	report $ok "errors/$name (exit $rc)"
done

(cd "$dir" && "$SECCOMP_GEN" --arch x86_64,i386 -o "$tmp/compat.c" no-compat.json) 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && cmp -s "$tmp/err" "$dir/no-compat.err" && [ ! -e "$tmp/compat.c" ]
report $? "a compat arch the archMap entry does not list is an error (exit $rc)"

(cd "$dir" && "$SECCOMP_GEN" --arch x86_64 -o "$tmp/w.c" warnings.json) 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && cmp -s "$tmp/err" "$dir/warnings.err" && [ -s "$tmp/w.c" ]
report $? "flags, listenerPath and unknown keys are named in warnings, the program is written (exit $rc)"

(cd "$dir" && "$SECCOMP_GEN" -Werror --arch x86_64 -o "$tmp/we.c" warnings.json) 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$tmp/we.c" ]
report $? "under -Werror they are errors and nothing is written (exit $rc)"

# Recognised by content: a profile needs no .json name.
cp "$dir/warnings.json" "$tmp/profile"
"$SECCOMP_GEN" --arch x86_64 -f dump -o "$tmp/p.dump" "$tmp/profile" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && grep -q 'arch == x86_64' "$tmp/p.dump"
report $? "a file starting with '{' is read as JSON, and as a profile by its keys (exit $rc)"

"$SECCOMP_GEN" --arch x86_64 --input-format oci -o "$tmp/s.c" "$srcdir/tests/seccompiler/actions.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "needs 'defaultAction'" "$tmp/err"
report $? "--input-format oci reads a seccompiler file as a profile, and says what it lacks (exit $rc)"

"$SECCOMP_GEN" --arch x86_64 --caps CAP_NOPE -o "$tmp/c.c" "$dir/warnings.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "unknown capability 'CAP_NOPE'" "$tmp/err"
report $? "--caps with an unknown capability is a usage error (exit $rc)"

"$SECCOMP_GEN" --arch x86_64 --kernel 4 -o "$tmp/k.c" "$dir/warnings.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "kernel takes a version" "$tmp/err"
report $? "--kernel 4 is a usage error (exit $rc)"
# What a profile means, as a specification: tests/oci/semantics.json's
# calls (semantics.expect) on each target and compat pair, with Docker's
# default capabilities, and with every capability on a 4.4 kernel.
for arches in x86_64 i386 aarch64 arm riscv64 x86_64,i386 aarch64,arm; do
	(cd "$dir" && "$SECCOMP_GEN" --arch "$arches" --test semantics.expect semantics.json) 2>"$tmp/err"
	report $? "semantics.expect on $arches: conditions, skipped entries, ORed and disjoint rules, masks"
	(cd "$dir" && "$SECCOMP_GEN" --arch "$arches" --caps all --kernel 4.4 --test semantics-privileged.expect \
		semantics.json) 2>"$tmp/err"
	report $? "semantics-privileged.expect on $arches: --caps all --kernel 4.4"
done
echo "1..$n"
