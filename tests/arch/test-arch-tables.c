/* Consistency checks over the compiled-in arch tables, independent of any
 * header on the build machine: the arch facts, the shape of each table,
 * the lookups, and a few values that are well known (kernel syscall tables,
 * linux/audit.h, asm/fcntl.h, linux/kvm.h). */
#include "arch/arch.h"
#include "tests/tap.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* From linux/audit.h: the 64-bit and little-endian flags of AUDIT_ARCH_*. */
#define AUDIT_64BIT 0x80000000u
#define AUDIT_LE 0x40000000u

static const struct {
	const char *name, *minijail;
	uint32_t audit; /* linux/audit.h: EM_* | flags */
	unsigned bits;
} expect[] = {
	{ "x86_64", "x86_64", 0xc000003eu, 64 },  /* EM_X86_64 62 */
	{ "i386", "x86", 0x40000003u, 32 },       /* EM_386 3 */
	{ "aarch64", "arm64", 0xc00000b7u, 64 },  /* EM_AARCH64 183 */
	{ "arm", "arm", 0x40000028u, 32 },        /* EM_ARM 40 */
	{ "riscv64", "riscv64", 0xc00000f3u, 64 }, /* EM_RISCV 243 */
};
#define NEXPECT (sizeof expect / sizeof expect[0])

static int cmp_value(const void *a, const void *b)
{
	const struct sg_named_value *x = *(const struct sg_named_value *const *)a;
	const struct sg_named_value *y = *(const struct sg_named_value *const *)b;

	if (x->value != y->value)
		return (x->value > y->value) - (x->value < y->value);
	/* Both are in one table, which is sorted by name. */
	return (x > y) - (x < y);
}

/* Two names for one number that the kernel headers define on purpose:
 * arch/arm/include/uapi/asm/unistd.h has
 * "#define __NR_sync_file_range2 __NR_arm_sync_file_range".  minijail's
 * arm table has both names too. */
static const struct {
	const char *arch, *a, *b; /* a < b in strcmp order */
} syscall_aliases[] = {
	{ "arm", "arm_sync_file_range", "sync_file_range2" },
};

static int is_alias(const char *arch, const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < sizeof syscall_aliases / sizeof syscall_aliases[0]; i++)
		if (strcmp(syscall_aliases[i].arch, arch) == 0 && strcmp(syscall_aliases[i].a, a) == 0 &&
		    strcmp(syscall_aliases[i].b, b) == 0)
			return 1;
	return 0;
}

static int64_t value_or(const struct sg_named_value *v, int64_t dflt)
{
	return v ? v->value : dflt;
}

static void check_table(const struct sg_arch *a, const struct sg_named_value *v, size_t n,
			const char *what, int (*lookup_ok)(const struct sg_arch *, const char *,
							   const struct sg_named_value *))
{
	size_t i, bad_order = 0, bad_lookup = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(sg_value_name(a, &v[i - 1]), sg_value_name(a, &v[i])) >= 0)
			bad_order++;
		if (!lookup_ok(a, sg_value_name(a, &v[i]), &v[i]))
			bad_lookup++;
	}
	tap_ok(n > 0 && bad_order == 0, "%s: %zu %s, strictly sorted by name", a->name, n, what);
	tap_ok(bad_lookup == 0, "%s: binary search finds each of the %zu %s", a->name, n, what);
}

static int syscall_found(const struct sg_arch *a, const char *name, const struct sg_named_value *e)
{
	return sg_arch_syscall(a, name) == e;
}

static int constant_found(const struct sg_arch *a, const char *name, const struct sg_named_value *e)
{
	return sg_arch_constant(a, name) == e;
}

static void check_arch(const struct sg_arch *a, size_t idx)
{
	static const char *const basic[] = { "read", "write", "exit", "exit_group" };
	const struct sg_named_value **byval;
	size_t i, dups = 0, neg = 0, wide = 0, missing = 0;

	tap_ok(idx < NEXPECT && strcmp(a->name, expect[idx].name) == 0,
	       "sg_arches[%zu] is %s", idx, idx < NEXPECT ? expect[idx].name : "(none)");
	if (idx >= NEXPECT)
		return;
	tap_ok(strcmp(a->minijail_name, expect[idx].minijail) == 0, "%s: minijail name %s",
	       a->name, expect[idx].minijail);
	tap_ok(a->audit_arch == expect[idx].audit, "%s: AUDIT_ARCH 0x%08" PRIx32, a->name,
	       expect[idx].audit);
	tap_ok(a->bits == expect[idx].bits, "%s: %u-bit", a->name, expect[idx].bits);
	tap_ok(!a->big_endian, "%s: little-endian", a->name);
	/* linux/audit.h encodes word size and byte order in AUDIT_ARCH too. */
	tap_ok(!!(a->audit_arch & AUDIT_64BIT) == (a->bits == 64) &&
		       !!(a->audit_arch & AUDIT_LE) == !a->big_endian,
	       "%s: AUDIT_ARCH flags agree with bits and byte order", a->name);

	for (i = 0; i < sizeof basic / sizeof basic[0]; i++)
		if (!sg_arch_syscall(a, basic[i])) {
			tap_diag("%s: no %s", a->name, basic[i]);
			missing++;
		}
	tap_ok(missing == 0, "%s: has read, write, exit, exit_group", a->name);

	check_table(a, a->syscalls, a->nsyscalls, "syscalls", syscall_found);
	check_table(a, a->constants, a->nconstants, "constants", constant_found);

	byval = malloc(a->nsyscalls * sizeof *byval);
	if (!byval)
		abort();
	for (i = 0; i < a->nsyscalls; i++) {
		byval[i] = &a->syscalls[i];
		if (byval[i]->value < 0)
			neg++;
	}
	qsort(byval, a->nsyscalls, sizeof *byval, cmp_value);
	for (i = 1; i < a->nsyscalls; i++)
		if (byval[i]->value == byval[i - 1]->value &&
		    !is_alias(a->name, sg_value_name(a, byval[i - 1]), sg_value_name(a, byval[i]))) {
			tap_diag("%s: %s and %s are both %" PRId64, a->name, sg_value_name(a, byval[i - 1]),
				 sg_value_name(a, byval[i]), byval[i]->value);
			dups++;
		}
	tap_ok(neg == 0 && dups == 0,
	       "%s: syscall numbers are non-negative and unique (but for kernel aliases)", a->name);
	/* x86_64 numbers must stay below the x32 bit (__X32_SYSCALL_BIT). */
	if (strcmp(a->name, "x86_64") == 0)
		tap_ok(byval[a->nsyscalls - 1]->value < 0x40000000,
		       "x86_64: syscall numbers below 0x40000000");
	free(byval);

	if (a->bits == 32) {
		for (i = 0; i < a->nconstants; i++)
			if (a->constants[i].value < INT32_MIN || a->constants[i].value > (int64_t)UINT32_MAX) {
				tap_diag("%s: %s = %" PRId64 " does not fit in 32 bits", a->name,
					 sg_value_name(a, &a->constants[i]), a->constants[i].value);
				wide++;
			}
		tap_ok(wide == 0, "%s: every constant fits in 32 bits, signed or unsigned", a->name);
	}
	tap_ok(value_or(sg_arch_constant(a, "MINIJAIL_ARCH_NR"), -1) == (int64_t)a->audit_arch &&
		       value_or(sg_arch_constant(a, "MINIJAIL_ARCH_BITS"), -1) == (int64_t)a->bits,
	       "%s: MINIJAIL_ARCH_NR and MINIJAIL_ARCH_BITS match the arch", a->name);
	tap_ok(value_or(sg_arch_constant(a, "AT_FDCWD"), 0) == -100, "%s: AT_FDCWD is -100 (sign kept)",
	       a->name);
	tap_ok(!sg_arch_syscall(a, "") && !sg_arch_syscall(a, "no_such_syscall") &&
		       !sg_arch_syscall(a, "A") && !sg_arch_syscall(a, "zzzz") &&
		       !sg_arch_constant(a, "NO_SUCH_CONSTANT") && !sg_arch_constant(a, "~"),
	       "%s: lookups of absent names give NULL", a->name);
}

/* name, table ('s' syscall, 'c' constant), value: facts from the kernel's
 * syscall tables and UAPI headers, which differ between arches. */
static const struct {
	const char *arch, *name;
	char table;
	int64_t value;
} known_values[] = {
	{ "x86_64", "openat", 's', 257 },
	{ "x86_64", "clone3", 's', 435 },
	{ "x86_64", "_sysctl", 's', 156 },
	{ "aarch64", "openat", 's', 56 },
	{ "aarch64", "futex_waitv", 's', 449 },
	{ "i386", "socketcall", 's', 102 },
	{ "i386", "openat", 's', 295 },
	{ "arm", "openat", 's', 322 },
	{ "arm", "ARM_set_tls", 's', 0xf0005 },        /* __ARM_NR_set_tls */
	{ "arm", "ARM_cacheflush", 's', 0xf0002 },
	{ "riscv64", "riscv_flush_icache", 's', 259 },
	{ "riscv64", "openat", 's', 56 },
	{ "arm", "O_DIRECTORY", 'c', 0x4000 },         /* arch/arm asm/fcntl.h */
	{ "aarch64", "O_DIRECTORY", 'c', 0x4000 },
	{ "x86_64", "O_DIRECTORY", 'c', 0x10000 },     /* asm-generic/fcntl.h */
	{ "riscv64", "O_DIRECTORY", 'c', 0x10000 },
	{ "x86_64", "KVM_RUN", 'c', 0xae80 },          /* _IO(KVMIO, 0x80) */
	{ "aarch64", "KVM_RUN", 'c', 0xae80 },
	{ "i386", "TCGETS", 'c', 0x5401 },
	{ "arm", "TCGETS", 'c', 0x5401 },
	/* _IOR('f', 1, long): the size of long is part of the number. */
	{ "x86_64", "FS_IOC_GETFLAGS", 'c', 0x80086601 },
	{ "i386", "FS_IOC_GETFLAGS", 'c', 0x80046601 },
	{ "arm", "FS_IOC_GETFLAGS", 'c', 0x80046601 },
	{ "x86_64", "MAP_ANONYMOUS", 'c', 0x20 },
	{ "x86_64", "PR_SET_NO_NEW_PRIVS", 'c', 38 },
	{ "x86_64", "EPERM", 'c', 1 },
	{ "x86_64", "SIGSYS", 'c', 31 },
};

static void check_known_values(void)
{
	size_t i;

	for (i = 0; i < sizeof known_values / sizeof known_values[0]; i++) {
		const struct sg_arch *a = sg_arch_find(known_values[i].arch);
		const struct sg_named_value *v = NULL;

		if (a)
			v = known_values[i].table == 's' ? sg_arch_syscall(a, known_values[i].name)
							 : sg_arch_constant(a, known_values[i].name);
		if (!tap_ok(v && v->value == known_values[i].value, "%s: %s is %" PRId64,
			    known_values[i].arch, known_values[i].name, known_values[i].value) &&
		    v)
			tap_diag("table has %" PRId64, v->value);
	}
}

static void check_find(void)
{
	static const struct {
		const char *query, *name; /* name NULL: must not be found */
	} cases[] = {
		{ "x86_64", "x86_64" }, { "i386", "i386" },     { "x86", "i386" },
		{ "i686", "i386" },     { "aarch64", "aarch64" }, { "arm64", "aarch64" },
		{ "arm", "arm" },       { "riscv64", "riscv64" }, { "X86_64", NULL },
		{ "ARM", NULL },        { "amd64", "x86_64" },    { "mips", NULL },
		{ "", NULL },           { "x86_64 ", NULL },      { "riscv", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct sg_arch *a = sg_arch_find(cases[i].query);

		if (cases[i].name)
			tap_ok(a && strcmp(a->name, cases[i].name) == 0, "sg_arch_find(\"%s\") is %s",
			       cases[i].query, cases[i].name);
		else
			tap_ok(a == NULL, "sg_arch_find(\"%s\") is NULL", cases[i].query);
	}
	tap_ok(sg_arch_find(NULL) == NULL, "sg_arch_find(NULL) is NULL");
	/* Not accepted, but suggested (issue 17). */
	{
		static const struct {
			const char *query, *near;
		} near[] = {
			{ "riscv", "riscv64" }, { "x86-64", "x86_64" }, { "aarch46", "aarch64" },
			{ "x64", "x86_64" },    { "armhf", "arm" },      { "mips", NULL },
		};
		for (i = 0; i < sizeof near / sizeof near[0]; i++) {
			const char *got = sg_arch_suggest(near[i].query);
			tap_ok(near[i].near ? got && strcmp(got, near[i].near) == 0 : got == NULL,
			       "sg_arch_suggest(\"%s\") is %s", near[i].query, near[i].near ? near[i].near : "NULL");
		}
	}
	tap_ok(sg_arch_syscall(NULL, "read") == NULL && sg_arch_constant(NULL, "EPERM") == NULL,
	       "lookups in a NULL arch give NULL");
}

static void check_list(void)
{
	static const char full[] = "x86_64, i386, aarch64, arm, riscv64";
	char buf[64];
	size_t size;
	int prefixes = 1;

	sg_arch_list(buf, sizeof buf);
	tap_ok(strcmp(buf, full) == 0, "sg_arch_list gives \"%s\"", full);
	/* Short buffers: still NUL-terminated, and a prefix of the full list. */
	for (size = 1; size <= sizeof full; size++) {
		memset(buf, 'X', sizeof buf);
		sg_arch_list(buf, size);
		if (strlen(buf) >= size || strncmp(buf, full, strlen(buf)) != 0)
			prefixes = 0;
	}
	buf[0] = 'X';
	sg_arch_list(buf, 0);
	tap_ok(prefixes && buf[0] == 'X', "sg_arch_list respects the buffer size");
}

static void check_host(void)
{
	const struct sg_arch *h = sg_arch_host();
#ifdef SG_HOST_TRIPLET
	/* configure's $host, e.g. x86_64-pc-linux-gnu: an independent opinion. */
	static const struct {
		const char *prefix, *name;
	} triplets[] = {
		{ "x86_64-", "x86_64" }, { "i386-", "i386" },   { "i486-", "i386" },
		{ "i586-", "i386" },     { "i686-", "i386" },   { "aarch64-", "aarch64" },
		{ "arm", "arm" },        { "riscv64-", "riscv64" },
	};
	const char *want = NULL;
	size_t i;

	for (i = 0; i < sizeof triplets / sizeof triplets[0]; i++)
		if (strncmp(SG_HOST_TRIPLET, triplets[i].prefix, strlen(triplets[i].prefix)) == 0) {
			want = triplets[i].name;
			break;
		}
	/* Not ours: x32, ILP32 and big-endian variants. */
	if (strstr(SG_HOST_TRIPLET, "x32") || strstr(SG_HOST_TRIPLET, "ilp32") ||
	    strncmp(SG_HOST_TRIPLET, "armeb", 5) == 0)
		want = NULL;
	if (want)
		tap_ok(h && strcmp(h->name, want) == 0, "sg_arch_host() is %s on %s", want,
		       SG_HOST_TRIPLET);
	else
		tap_diag("host %s: no expectation for sg_arch_host()", SG_HOST_TRIPLET);
#endif
	tap_ok(h == NULL || sg_arch_find(h->name) == h, "sg_arch_host() is %s",
	       h ? h->name : "NULL (not a supported arch)");
}

int main(void)
{
	size_t i;

	for (i = 0; sg_arches[i]; i++)
		check_arch(sg_arches[i], i);
	tap_ok(i == NEXPECT, "sg_arches has %zu arches", NEXPECT);
	check_known_values();
	check_find();
	check_list();
	check_host();
	return tap_done();
}
