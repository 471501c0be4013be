/* Which argument the policy filters, and how its values are named.
 *
 * The list follows what crosvm's policies filter (counted over the 128
 * policies of its x86_64, aarch64, arm and riscv64 trees): prctl's option
 * (arg0 in 94 policies), ioctl's request (arg1, 58), socket's and
 * socketpair's domain (arg0, 51), clone's flags (arg0, 14), mprotect's,
 * mmap's and mmap2's protection (arg2, as `arg2 in ~PROT_EXEC`, 26;
 * write-xor-exec where the run mapped code: see tr_mask_cond()),
 * madvise's advice (arg2, 11), tgkill's signal (arg2, 8) and fcntl's
 * command (arg1, 4).  Android's minijail policies (11 looked at:
 * frameworks/av's mediacodec-arm, mediaswcodec and mediaextractor for
 * arm, arm64 and x86_64, the Codec2 service's, system/core's crash_dump
 * and code_coverage) add mremap's flags (arg3: `arg3 == 3`, in 5 of them) and
 * filter the protection of mmap and mprotect (5) and prctl's option (2);
 * none filters ioctl (SELinux does), futex, clone, socket or fcntl.
 * futex's operation (arg1) is on issue 15's list, though crosvm's and
 * Android's policies write `futex: 1`: a run that never contends a lock
 * shows no FUTEX_WAKE.  openat is filtered
 * in crosvm too, but on its path or flags, which a run cannot tell apart
 * from what the program could open next, so it stays unconditional. */
#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "trace/trace.h"

struct tr_family {
	const char *const *prefixes; /* a name fits if it starts with one of these */
	const char *const *exclude;  /* ... and with none of these */
	int flags;                   /* a value may be an OR of single-bit names */
	const struct tr_family *low; /* flags: names for the low byte (clone's exit signal) */
	unsigned min_named;          /* values below this are written as numbers */
	int hex;
	uint64_t split_from;         /* flags: the lowest bit taken as a flag of its own */
};

static const char *const any_prefix[] = { "", NULL };
static const char *const ioctl_exclude[] = { "AUDIT_", "BPF_", "DRM_MODE_", "SECCOMP_", NULL };
static const char *const fcntl_prefix[] = { "F_", NULL };
static const char *const fcntl_exclude[] = { "F_OK", "F_LOCK", "F_TLOCK", "F_ULOCK", "F_TEST", "F_OWNER_",
					     "F_SEAL_", "F_RDLCK", "F_WRLCK", "F_UNLCK", "F_EXLCK", "F_SHLCK",
					     "F_LINUX_SPECIFIC_BASE", NULL };
static const char *const prctl_prefix[] = { "PR_SET_", "PR_GET_", "PR_CAPBSET_", "PR_CAP_AMBIENT", "PR_MCE_KILL",
					    "PR_TASK_PERF_", "PR_SVE_", "PR_SME_", "PR_PAC_", "PR_MPX_",
					    "PR_SCHED_CORE", "PR_RISCV_", "PR_LOCK_", "PR_FUTEX_HASH", NULL };
static const char *const prctl_exclude[] = { "PR_CAP_AMBIENT_", "PR_MCE_KILL_", "PR_SVE_VL_", "PR_SME_VL_",
					     "PR_SCHED_CORE_SCOPE", "PR_GET_SPECULATION_CTRL_", NULL };
static const char *const af_prefix[] = { "AF_", NULL };
static const char *const af_exclude[] = { "AF_LOCAL", "AF_FILE", "AF_ROUTE", NULL };
static const char *const prot_prefix[] = { "PROT_", NULL };
static const char *const madv_prefix[] = { "MADV_", NULL };
static const char *const mremap_prefix[] = { "MREMAP_", NULL };
static const char *const clone_prefix[] = { "CLONE_", NULL };
static const char *const clone_exclude[] = { "CLONE_ARGS_", NULL };
static const char *const futex_prefix[] = { "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
					    "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_FD",
					    "FUTEX_CLOCK_REALTIME", NULL };
static const char *const futex_exclude[] = { "FUTEX_WAITERS", "FUTEX_WAITV_MAX", "FUTEX_UNLOCK_PI_LIST", NULL };
static const char *const sig_prefix[] = { "SIG", NULL };
static const char *const sig_exclude[] = { "SIGIOT", "SIGPOLL", "SIGCLD", "SIGUNUSED", "SIGRTMIN", "SIGRTMAX",
					   "SIGSTKSZ", "SIGEV_", "SIG_", "SIGSTKFLT", NULL };

static const struct tr_family ioctl_family = { any_prefix, ioctl_exclude, 0, NULL, 0x100, 1, 0 };
static const struct tr_family fcntl_family = { fcntl_prefix, fcntl_exclude, 0, NULL, 0, 0, 0 };
static const struct tr_family prctl_family = { prctl_prefix, prctl_exclude, 0, NULL, 0, 0, 0 };
static const struct tr_family af_family = { af_prefix, af_exclude, 0, NULL, 0, 0, 0 };
static const struct tr_family prot_family = { prot_prefix, NULL, 1, NULL, 0, 1, 1 };
static const struct tr_family madv_family = { madv_prefix, NULL, 0, NULL, 0, 0, 0 };
static const struct tr_family mremap_family = { mremap_prefix, NULL, 1, NULL, 1, 0, 0 };
static const struct tr_family sig_family = { sig_prefix, sig_exclude, 0, NULL, 1, 0, 0 };
static const struct tr_family clone_family = { clone_prefix, clone_exclude, 1, &sig_family, 0, 1, 0x100 };
static const struct tr_family futex_family = { futex_prefix, futex_exclude, 1, NULL, 0, 0, 0x100 };

static const struct tr_argrule rules[] = {
	{ "clone", 0, TR_ARG_EQ, &clone_family },
	{ "fcntl", 1, TR_ARG_EQ, &fcntl_family },
	{ "fcntl64", 1, TR_ARG_EQ, &fcntl_family },
	{ "futex", 1, TR_ARG_EQ, &futex_family },
	{ "futex_time64", 1, TR_ARG_EQ, &futex_family },
	{ "ioctl", 1, TR_ARG_EQ, &ioctl_family },
	{ "madvise", 2, TR_ARG_EQ, &madv_family },
	{ "mmap", 2, TR_ARG_MASK, &prot_family },
	{ "mmap2", 2, TR_ARG_MASK, &prot_family },
	{ "mprotect", 2, TR_ARG_MASK, &prot_family },
	{ "mremap", 3, TR_ARG_EQ, &mremap_family },
	{ "pkey_mprotect", 2, TR_ARG_MASK, &prot_family },
	{ "prctl", 0, TR_ARG_EQ, &prctl_family },
	{ "socket", 0, TR_ARG_EQ, &af_family },
	{ "socketpair", 0, TR_ARG_EQ, &af_family },
	{ "tgkill", 2, TR_ARG_EQ, &sig_family },
};

/* Set by tests and --no-arg-filters: every syscall unconditional. */
int tr_argfilters_off;

const struct tr_argrule *tr_argrule_find(const char *syscall)
{
	if (tr_argfilters_off)
		return NULL;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].syscall, syscall) == 0)
			return &rules[i];
	return NULL;
}

static int starts(const char *s, const char *const *prefixes)
{
	for (size_t i = 0; prefixes && prefixes[i]; i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

static uint64_t word(const struct sg_arch *a, int64_t v)
{
	return a->bits == 32 ? (uint64_t)v & 0xffffffffu : (uint64_t)v;
}

static int ends_64(const char *s)
{
	size_t n = strlen(s);
	return n > 2 && strcmp(s + n - 2, "64") == 0;
}

/* The names of f with value v.  Returns how many fit (at most max are
 * stored); a name ending in 64 yields to one without (F_GETLK64 is
 * F_GETLK on 64-bit arches). */
static size_t names_of(const struct sg_arch *a, const struct tr_family *f, uint64_t v, const char **out, size_t max)
{
	size_t n = 0, n64 = 0;
	const char *plain[8], *with64[8];
	for (size_t i = 0; i < a->nconstants; i++) {
		const struct sg_named_value *c = &a->constants[i];
		if (word(a, c->value) != v)
			continue;
		const char *name = sg_value_name(a, c);
		if (!starts(name, f->prefixes) || starts(name, f->exclude))
			continue;
		if (ends_64(name)) {
			if (n64 < 8)
				with64[n64] = name;
			n64++;
		} else {
			if (n < 8)
				plain[n] = name;
			n++;
		}
	}
	const char **src = n ? plain : with64;
	size_t total = n ? n : n64;
	for (size_t i = 0; i < total && i < max && i < 8; i++)
		out[i] = src[i];
	return total;
}

static const char *number(struct sg_arena *ar, const struct tr_family *f, uint64_t v)
{
	if (f->hex && v >= 10)
		return sg_printf(ar, "0x%llx", (unsigned long long)v);
	return sg_printf(ar, "%llu", (unsigned long long)v);
}

/* v as an OR of single-bit names of f (and a name of the low byte for
 * clone), or NULL when some part has no single name. */
static const char *flag_names(struct sg_arena *ar, const struct sg_arch *a, const struct tr_family *f, uint64_t v)
{
	char *text = sg_strdup(ar, "");
	uint64_t rest = v;
	if (f->low) {
		uint64_t low = v & 0xff;
		rest &= ~(uint64_t)0xff;
		if (low) {
			const char *name;
			if (names_of(a, f->low, low, &name, 1) != 1)
				return NULL;
			text = sg_strdup(ar, name);
		}
	}
	/* A base value with flags (FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME):
	 * the low bits as one name when the whole has none. */
	for (int bit = 63; bit >= 0 && rest; bit--) {
		uint64_t b = (uint64_t)1 << bit;
		if (!(rest & b))
			continue;
		const char *name;
		if (b >= f->split_from && names_of(a, f, b, &name, 1) == 1) {
			text = sg_printf(ar, "%s%s%s", name, *text ? "|" : "", text);
			rest &= ~b;
			continue;
		}
		break;
	}
	if (rest) {
		const char *name;
		if (names_of(a, f, rest, &name, 1) != 1)
			return NULL;
		text = sg_printf(ar, "%s%s%s", name, *text ? "|" : "", text);
	}
	return *text ? text : NULL;
}

const char *tr_value_text(struct sg_arena *ar, const struct sg_arch *a, const struct tr_family *f, uint64_t v,
			  const char **alts)
{
	*alts = NULL;
	if (!a || v < f->min_named)
		return number(ar, f, v);
	const char *names[8];
	size_t n = names_of(a, f, v, names, 8);
	if (n == 1)
		return names[0];
	if (n > 1 && n <= 8) {
		char *list = sg_strdup(ar, names[0]);
		for (size_t i = 1; i < n; i++)
			list = sg_printf(ar, "%s%s%s", list, i + 1 == n ? " or " : ", ", names[i]);
		*alts = list;
		return number(ar, f, v);
	}
	if (f->flags && v) {
		const char *t = flag_names(ar, a, f, v);
		if (t)
			return t;
	}
	return number(ar, f, v);
}

/* A mask as the policy writes it: the complement of one protection bit
 * by name (crosvm's `~PROT_EXEC`, Android's `~PROT_WRITE`), else flag
 * names or a number. */
static const char *mask_text(struct sg_arena *ar, const struct sg_arch *a, const struct tr_argrule *r, uint64_t m)
{
	static const char *const complements[] = { "PROT_EXEC", "PROT_WRITE" };
	for (size_t i = 0; a && i < 2; i++) {
		const struct sg_named_value *c = sg_arch_constant(a, complements[i]);
		if (c && m == word(a, ~c->value))
			return sg_printf(ar, "~%s", complements[i]);
	}
	const char *alts;
	return tr_value_text(ar, a, r->family, m, &alts);
}

static uint64_t prot_bit(const struct sg_arch *a, const char *name)
{
	const struct sg_named_value *c = a ? sg_arch_constant(a, name) : NULL;
	return c ? word(a, c->value) : 0;
}

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return a < b ? -1 : a > b;
}

/* Android's policies keep write-xor-exec with `arg2 in ~PROT_EXEC ||
 * arg2 in ~PROT_WRITE` (frameworks/av's mediacodec and mediaswcodec
 * policies).  Here the executable side is as narrow as the run: the
 * union of the executable values, and each executable mask merged in
 * kept apart, so that it has PROT_WRITE only where one of them had; the
 * side without PROT_EXEC is crosvm's `~PROT_EXEC`, left out where the
 * executable side already admits every value without PROT_EXEC. */
const char *tr_mask_cond(struct sg_arena *ar, const struct sg_arch *a, const struct tr_argrule *r,
			 const uint64_t *values, size_t n, const uint64_t *floors, size_t nfloors, const char **wx)
{
	uint64_t exec = prot_bit(a, "PROT_EXEC"), write = prot_bit(a, "PROT_WRITE");
	uint64_t all = 0, *xm = sg_alloc_array(ar, nfloors + 1, sizeof(*xm));
	size_t nx = 0;
	*wx = NULL;
	/* The executable side: the values' union first, then the floors. */
	xm[0] = 0;
	for (size_t i = 0; i < n + nfloors; i++) {
		uint64_t m = i < n ? values[i] : floors[i - n];
		all |= m;
		if (!exec || !(m & exec))
			continue;
		if (i < n)
			xm[0] |= m;
		else
			xm[++nx] = m;
		if (!*wx && write && (m & write)) {
			const char *t = mask_text(ar, a, r, m);
			*wx = i < n ? sg_printf(ar, "a call asked for %s", t)
				    : sg_printf(ar, "a policy merged in allowed %s", t);
		}
	}
	if (!exec)
		return sg_printf(ar, "arg%u in %s", r->arg, mask_text(ar, a, r, all));
	/* Masks inside another say nothing more. */
	size_t k = 0;
	for (size_t i = 0; i <= nx; i++) {
		int inside = !xm[i];
		for (size_t j = 0; j <= nx && !inside; j++)
			inside = j != i && !(xm[i] & ~xm[j]) && (xm[i] != xm[j] || j < i);
		if (!inside)
			xm[k++] = xm[i];
	}
	if (!k)
		return sg_printf(ar, "arg%u in ~PROT_EXEC", r->arg);
	qsort(xm, k, sizeof(*xm), cmp_u64);
	/* `~PROT_EXEC ||` unless every value without PROT_EXEC fits in an
	 * executable mask already. */
	int need_noexec = 0;
	for (size_t i = 0; i < n + nfloors && !need_noexec; i++) {
		uint64_t m = i < n ? values[i] : floors[i - n];
		if (m & exec)
			continue;
		need_noexec = 1;
		for (size_t j = 0; j < k && need_noexec; j++)
			need_noexec = (m & ~xm[j]) != 0;
	}
	const char *text = need_noexec ? sg_printf(ar, "arg%u in ~PROT_EXEC", r->arg) : "";
	for (size_t j = 0; j < k; j++)
		text = sg_printf(ar, "%s%sarg%u in %s", text, *text ? " || " : "", r->arg, mask_text(ar, a, r, xm[j]));
	return text;
}
