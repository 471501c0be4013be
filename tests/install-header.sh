#!/bin/sh
# <seccomp-gen/install.h> alone: it compiles without warnings under strict
# C99 (no feature macros, so no syscall() from the C library) and gnu99,
# with gcc and clang, as C++, and together with a generated header in
# either order.
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
inc=$(cd "$srcdir/include" && pwd) || exit 99
. "$srcdir/tests/lib.sh"
cd "$tmp" || exit 99

printf 'read: 1\n' >main.policy
printf 'write: 1\n' >worker.policy
"$SECCOMP_GEN" -f header -o filters.h main.policy worker.policy || exit 99
"$SECCOMP_GEN" -o filters.c main.policy worker.policy || exit 99
cat >first.c <<'EOC'
#include <seccomp-gen/install.h>
#include "filters.h"
const struct sock_fprog *first(void);
const struct sock_fprog *first(void) { return seccomp_gen_find(seccomp_gen_filters, "worker"); }
EOC
cat >second.c <<'EOC'
#include "filters.h"
#include <seccomp-gen/install.h>
#include <stdio.h>
const struct sock_fprog *first(void);
int main(int argc, char **argv)
{
	/* Link the install call too, but only run it when asked. */
	if (argc > 1)
		return seccomp_gen_install_named(seccomp_gen_filters, argv[1], SECCOMP_GEN_TSYNC) != 0;
	return !(first() == &worker_filter && seccomp_gen_find(seccomp_gen_filters, "main") == &main_filter);
}
EOC
strict="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wredundant-decls -Wconversion -Wsign-conversion"
for cc in gcc clang; do
	if ! command -v $cc >/dev/null 2>&1; then
		skip "$cc not installed"; skip "$cc not installed"; skip "$cc not installed"
		continue
	fi
	check "$cc -std=c99 -pedantic $strict: both include orders" \
		sh -c "$cc -std=c99 -pedantic -Wall -Wextra -Werror -c filters.c -o filters-$cc.o &&
			$cc -std=c99 -pedantic $strict -I'$inc' -I. first.c second.c filters-$cc.o -o prog-$cc"
	check "$cc: the table lookup works" ./prog-$cc
	check "$cc -std=gnu99 -pedantic $strict" \
		$cc -std=gnu99 -pedantic $strict -I"$inc" -I. -c second.c -o gnu-$cc.o
done
if command -v g++ >/dev/null 2>&1; then
	printf '#include <seccomp-gen/install.h>\n#include "filters.h"\nint main() { return seccomp_gen_find(seccomp_gen_filters, "main") != &main_filter; }\n' >cxx.cc
	check "g++ -Wall -Wextra -Werror: the header works from C++ and links with the C table" \
		sh -c "cc -c filters.c -o filters-c.o && g++ -Wall -Wextra -Werror -I'$inc' -I. cxx.cc filters-c.o -o cxx && ./cxx"
else
	skip "g++ not installed"
fi
echo "1..$n"
