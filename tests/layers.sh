#!/bin/sh
# The layout (README.md, "Layout"): the source folders are floors of one
# pipeline, text -> tokens -> tree -> IR -> BPF -> writer, and a file
# includes headers of its own folder or of folders below it, never of one
# above.  Rooms on one floor (gen/lint and gen/backend) do not include
# each other either.  Every source file is in a room of the list, and
# every room has a local.mk that Makefile.am includes.
: "${srcdir:=.}"
top=$(cd "$srcdir" && pwd)
. "$srcdir/tests/lib.sh"

# room floor, bottom up
rooms='support 0
grammar 1
arch 2
gen/bpf 3
gen/ir 4
gen/lint 5
gen/backend 5
gen/check 6
gen/write 7
gen/driver 8
trace 9'

# The room of a path (its longest listed prefix), or nothing.
room_of() {
	echo "$rooms" | while read -r r f; do
		case $1 in "$r"/*) echo "$r" ;; esac
	done | awk '{ if (length($0) > length(best)) best = $0 } END { print best }'
}
floor_of() { echo "$rooms" | awk -v r="$1" '$1 == r { print $2 }'; }

# Prints "FILE -> HEADER" for each include of a room above FILE's, or of
# another room on its floor, in the tree at $1.
upward() {
	(cd "$1" && find support grammar arch gen trace -type f \
		\( -name '*.c' -o -name '*.h' -o -name '*.l' -o -name '*.y' \) 2>/dev/null | sort) |
	while read -r f; do
		rf=$(room_of "$f"); ff=$(floor_of "$rf")
		sed -n 's/^#include "\([^"]*\)".*/\1/p' "$1/$f" | while read -r inc; do
			ri=$(room_of "$inc")
			[ -n "$ri" ] && [ "$ri" != "$rf" ] || continue
			[ "$(floor_of "$ri")" -lt "$ff" ] || echo "$f -> $inc"
		done
	done
}

# The checker itself catches an include that runs up, and one across a floor.
mkdir -p "$tmp/t/support" "$tmp/t/gen/ir" "$tmp/t/gen/lint" "$tmp/t/gen/backend"
echo '#include "gen/ir/ir.h"' >"$tmp/t/support/arena.c"
echo '#include "support/arena.h"' >"$tmp/t/gen/ir/ir.h"
echo '#include "gen/lint/lint.h"' >"$tmp/t/gen/backend/codegen.c"
upward "$tmp/t" >"$tmp/self.txt"
check "the check finds an include that runs up (support -> gen/ir)" grep -qx 'support/arena.c -> gen/ir/ir.h' "$tmp/self.txt"
check "the check finds an include across a floor (gen/backend -> gen/lint)" \
	grep -qx 'gen/backend/codegen.c -> gen/lint/lint.h' "$tmp/self.txt"
check "the check lets an include run down (gen/ir -> support)" sh -c "! grep -q '^gen/ir/' '$tmp/self.txt'"

upward "$top" >"$tmp/up.txt"
if [ -s "$tmp/up.txt" ]; then
	not_ok "no file includes a header of a higher room"
	sed 's/^/# /' "$tmp/up.txt"
else
	ok "no file includes a header of a higher room"
fi

(cd "$top" && find support grammar arch gen trace -type f \
	\( -name '*.c' -o -name '*.h' -o -name '*.l' -o -name '*.y' \) | sort) >"$tmp/files.txt"
: >"$tmp/unplaced.txt"
while read -r f; do
	[ -n "$(room_of "$f")" ] || echo "$f" >>"$tmp/unplaced.txt"
done <"$tmp/files.txt"
check "every source file is in a room of the list ($(wc -l <"$tmp/files.txt") files)" test ! -s "$tmp/unplaced.txt"
sed 's/^/# not in a room: /' "$tmp/unplaced.txt"

echo "$rooms" | while read -r r f; do
	if [ -f "$top/$r/local.mk" ] && grep -q "^include \$(srcdir)/$r/local.mk\$" "$top/Makefile.am"; then
		echo "ok - $r has a local.mk that Makefile.am includes"
	else
		echo "not ok - $r has a local.mk that Makefile.am includes"
	fi
done >"$tmp/mk.txt"
while read -r line; do
	case $line in ok*) ok "${line#ok - }" ;; *) not_ok "${line#not ok - }" ;; esac
done <"$tmp/mk.txt"

# Makefile.am includes the rooms bottom up, in the order of the list.
order=$(sed -n 's|^include \$(srcdir)/\(.*\)/local.mk$|\1|p' "$top/Makefile.am" |
	while read -r r; do floor_of "$r"; done | tr '\n' ' ')
check "Makefile.am includes the rooms bottom up ($order)" \
	sh -c "echo '$order' | tr ' ' '\n' | grep . | sort -n -c"
echo "1..$n"
