/* arch/: tables made offline from kernel headers (or constants.json) in, a target out. */
/* Per-architecture tables: syscall numbers and named constants of each
 * supported target ABI.  The data is generated offline from the kernel's
 * UAPI headers (see arch/gen-tables.sh) and kept in version control as the
 * text files arch/<arch>/{syscalls,constants}.tbl; the build turns those
 * into C arrays (arch/tables.c, generated), so the tool carries them and
 * the build machine's own headers never matter. */
#ifndef SG_ARCH_H
#define SG_ARCH_H

#include <stddef.h>
#include <stdint.h>

/* One named value.  Syscall numbers are >= 0.  Constants keep the sign
 * the C expression has on the target (AT_FDCWD is -100).
 * Notes on the data (see arch/gen-tables.sh):
 *  - On 64-bit arches an unsigned value >= 2^63 is stored as the int64 with
 *    the same 64 bits (UINT64_MAX, RLIM_INFINITY are -1).
 *  - The 32-bit arches (i386, arm) hold only constants that fit in 32 bits,
 *    signed or unsigned, so a 0x80000000U flag is 2147483648 there.
 *  - Syscall numbers are not unique on arm: sync_file_range2 and
 *    arm_sync_file_range are both 341 (the kernel header aliases them).
 *    arm's private syscalls (__ARM_NR_set_tls, ...) are named ARM_set_tls
 *    etc., as minijail names them. */
struct sg_loc;

struct sg_named_value {
	uint32_t name; /* where the name starts in the arch's strings: sg_value_name() */
	int64_t value;
};

/* minijail's syscall groups: `name@namespace` in a policy stands for
 * every syscall of the group (tools/parser.py, _parse_syscall_descriptor).
 * Only an arch read from a constants.json with "syscall_groups" has them. */
struct sg_syscall_group {
	const char *space, *name; /* namespace and group */
	const char *const *members; /* syscall names of the arch, none twice */
	size_t nmembers;
};

struct sg_arch {
	const char *name;          /* seccomp-gen's name: "x86_64", "i386", ... */
	const char *minijail_name; /* name in [arch=...]: "x86_64", "x86", "arm64", "arm", "riscv64" */
	uint32_t audit_arch;       /* AUDIT_ARCH_* value seen in seccomp_data.arch */
	unsigned bits;             /* word size: 32 or 64 */
	int big_endian;            /* byte order of the target */
	/* The names of both tables, each ended by a NUL.  Offsets rather than
	 * pointers keep the tables free of relocations: 35,000 pointers
	 * would be relocated, and their pages copied, at every start of a
	 * position-independent seccomp-gen (about 2 ms). */
	const char *strings;
	/* Both arrays are sorted by name in strcmp() order. */
	const struct sg_named_value *syscalls;
	size_t nsyscalls;
	const struct sg_named_value *constants;
	size_t nconstants;
	/* Syscall groups, sorted by namespace, then name; none in the
	 * built-in tables. */
	const struct sg_syscall_group *groups;
	size_t ngroups;
	/* What is wrong with a constants.json's syscall_groups, and where;
	 * an error only when a policy names a group (arch/arch_json.c). */
	const char *groups_problem;
	const struct sg_loc *groups_problem_loc;
};

/* Every supported arch, in a fixed order, NULL-terminated. */
extern const struct sg_arch *const sg_arches[];

/* Finds an arch by seccomp-gen name or by alias (minijail's names, and
 * "x86"/"i686" for i386, "arm64" for aarch64, "amd64" for x86_64).  NULL
 * if unknown. */
const struct sg_arch *sg_arch_find(const char *name);

/* A supported arch's name close to name ("x86-64" -> "x86_64", "riscv"
 * -> "riscv64"), for a "did you mean" hint; NULL if none is. */
const char *sg_arch_suggest(const char *name);

/* The arch seccomp-gen was built for, or NULL if it is none of ours. */
const struct sg_arch *sg_arch_host(void);

/* The name of a syscall or constant of a. */
static inline const char *sg_value_name(const struct sg_arch *a, const struct sg_named_value *v)
{
	return a->strings + v->name;
}

/* Binary-search lookups by name; NULL if absent. */
const struct sg_named_value *sg_arch_syscall(const struct sg_arch *a, const char *name);
const struct sg_named_value *sg_arch_constant(const struct sg_arch *a, const char *name);

/* The group name@space; NULL if the arch has none such.  *space_known
 * says whether the namespace exists. */
const struct sg_syscall_group *sg_arch_group(const struct sg_arch *a, const char *space, const char *name,
					     int *space_known);

/* Writes "x86_64, i386, aarch64, arm, riscv64" into buf (for messages). */
void sg_arch_list(char *buf, size_t size);

#endif
