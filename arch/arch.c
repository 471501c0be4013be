/* Lookups over the generated arch tables (arch/tables.c, made from the
 * committed arch/<arch>/{syscalls,constants}.tbl by arch/tbl2c.awk). */
#include "arch/arch.h"
#include "support/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names accepted besides each arch's own name and minijail's name.  "x86"
 * is minijail's name for i386 (its constants.json arch_name); "i686" and
 * "i386" are what GNU triplets and uname -m say; "arm64" is the kernel's
 * and minijail's name for aarch64. */
static const struct {
	const char *alias;
	const char *name;
} aliases[] = {
	{ "x86", "i386" },
	{ "i686", "i386" },
	{ "arm64", "aarch64" },
	{ "amd64", "x86_64" }, /* Debian's and the BSDs' name */
};

/* Names that are not accepted, because they could mean another ABI than
 * ours, but are suggested: "riscv" may be riscv32, "armhf" a hard-float
 * userland of the one arm EABI, "x64" Windows' name for x86_64. */
static const struct {
	const char *name;
	const char *suggest;
} near_names[] = {
	{ "riscv", "riscv64" }, { "rv64", "riscv64" }, { "x64", "x86_64" },
	{ "ia32", "i386" }, { "armhf", "arm" }, { "armel", "arm" }, { "armv7", "arm" },
	{ "aarch32", "arm" },
};

static const struct sg_arch *find_exact(const char *name)
{
	size_t i;

	for (i = 0; sg_arches[i]; i++)
		if (strcmp(sg_arches[i]->name, name) == 0)
			return sg_arches[i];
	return NULL;
}

const struct sg_arch *sg_arch_find(const char *name)
{
	const struct sg_arch *a;
	size_t i;

	if (!name)
		return NULL;
	a = find_exact(name);
	if (a)
		return a;
	for (i = 0; sg_arches[i]; i++)
		if (strcmp(sg_arches[i]->minijail_name, name) == 0)
			return sg_arches[i];
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].alias, name) == 0)
			return find_exact(aliases[i].name);
	return NULL;
}

const struct sg_arch *sg_arch_host(void)
{
	/* The compiler's own target macros, so a cross-built seccomp-gen
	 * reports the arch it runs on.  Our tables are the little-endian
	 * ABIs; x32 (__x86_64__ with __ILP32__) is not the x86_64 ABI, and
	 * big-endian arm has its own AUDIT_ARCH_ARMEB (linux/audit.h). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	return NULL;
#elif defined(__x86_64__) && !defined(__ILP32__)
	return find_exact("x86_64");
#elif defined(__i386__)
	return find_exact("i386");
#elif defined(__aarch64__) && !defined(__ILP32__)
	return find_exact("aarch64");
#elif defined(__arm__) && defined(__ARM_EABI__)
	return find_exact("arm");
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
	return find_exact("riscv64");
#else
	return NULL;
#endif
}

static const struct sg_named_value *lookup(const char *strings, const struct sg_named_value *v, size_t n,
					   const char *name)
{
	size_t lo = 0, hi = n;

	/* Tables are sorted in strcmp() order; tbl2c.awk refuses them otherwise. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, strings + v[mid].name);

		if (c == 0)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct sg_named_value *sg_arch_syscall(const struct sg_arch *a, const char *name)
{
	if (!a || !name)
		return NULL;
	return lookup(a->strings, a->syscalls, a->nsyscalls, name);
}

const struct sg_named_value *sg_arch_constant(const struct sg_arch *a, const char *name)
{
	if (!a || !name)
		return NULL;
	return lookup(a->strings, a->constants, a->nconstants, name);
}

const struct sg_syscall_group *sg_arch_group(const struct sg_arch *a, const char *space, const char *name,
					     int *space_known)
{
	*space_known = 0;
	/* A handful of groups: a linear search is enough. */
	for (size_t i = 0; i < a->ngroups; i++) {
		if (strcmp(a->groups[i].space, space) != 0)
			continue;
		*space_known = 1;
		if (strcmp(a->groups[i].name, name) == 0)
			return &a->groups[i];
	}
	return NULL;
}

void sg_arch_list(char *buf, size_t size)
{
	size_t used = 0, i;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; sg_arches[i]; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
				 sg_arches[i]->name);

		if (w < 0 || (size_t)w >= size - used)
			return; /* truncated; snprintf left it NUL-terminated */
		used += (size_t)w;
	}
}

struct arch_names {
	const char *v[32];
	size_t n;
};

static const char *arch_name_at(const void *ctx, size_t i)
{
	return ((const struct arch_names *)ctx)->v[i];
}

const char *sg_arch_suggest(const char *name)
{
	struct arch_names names = { .n = 0 };
	size_t i;

	for (i = 0; i < sizeof near_names / sizeof near_names[0]; i++)
		if (strcmp(near_names[i].name, name) == 0)
			return near_names[i].suggest;
	for (i = 0; sg_arches[i] && names.n + 2 < sizeof names.v / sizeof names.v[0]; i++) {
		names.v[names.n++] = sg_arches[i]->name;
		names.v[names.n++] = sg_arches[i]->minijail_name;
	}
	const char *hit = sg_suggest(name, names.n, arch_name_at, &names);
	/* "x86-64" -> x86_64; "arm46" -> arm64 -> aarch64 is named as written. */
	return hit;
}
