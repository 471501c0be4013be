/* sg-arch-dump: prints one compiled-in arch table, for the shell tests.
 *
 *   sg-arch-dump ARCH|host name        the arch's name
 *   sg-arch-dump ARCH|host syscalls    "name number" lines
 *   sg-arch-dump ARCH|host constants   "NAME value" lines
 *
 * Exits 2 if ARCH is unknown, or for "host" if seccomp-gen was built for an
 * arch it has no table for. */
#include "arch/arch.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void dump(const struct sg_arch *a, const struct sg_named_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s %" PRId64 "\n", sg_value_name(a, &v[i]), v[i].value);
}

int main(int argc, char **argv)
{
	const struct sg_arch *a;

	if (argc != 3) {
		fprintf(stderr, "usage: sg-arch-dump ARCH|host name|syscalls|constants\n");
		return 2;
	}
	a = strcmp(argv[1], "host") == 0 ? sg_arch_host() : sg_arch_find(argv[1]);
	if (!a) {
		fprintf(stderr, "sg-arch-dump: no table for %s\n", argv[1]);
		return 2;
	}
	if (strcmp(argv[2], "name") == 0)
		printf("%s\n", a->name);
	else if (strcmp(argv[2], "syscalls") == 0)
		dump(a, a->syscalls, a->nsyscalls);
	else if (strcmp(argv[2], "constants") == 0)
		dump(a, a->constants, a->nconstants);
	else {
		fprintf(stderr, "sg-arch-dump: unknown table %s\n", argv[2]);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
