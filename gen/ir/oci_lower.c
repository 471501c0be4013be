/* A container profile for one arch -> a policy tree.  Each step says
 * where its rule comes from: the engine (moby/profiles
 * seccomp/seccomp_linux.go), the runtime (crun src/libcrun/seccomp.c) or
 * libseccomp 2.5.4, whose behaviour was measured (tests/test-oci-oracle
 * keeps measuring it). */
#include "gen/ir/oci_lower.h"

#include <string.h>

#include "support/arena.h"
#include "support/source.h"

uint64_t sg_oci_default_caps(void)
{
	static const char *const dflt[] = {
		"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
		"CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
		"CAP_AUDIT_WRITE",
	};
	uint64_t caps = 0;
	for (size_t i = 0; i < sizeof(dflt) / sizeof(dflt[0]); i++)
		caps |= 1ull << sg_oci_cap_find(dflt[i]);
	return caps;
}

int sg_oci_parse_caps(const char *text, uint64_t *caps, const char **bad)
{
	*caps = 0;
	if (strcmp(text, "all") == 0) {
		*caps = (1ull << SG_OCI_NCAPS) - 1;
		return 0;
	}
	int relative = *text == '+' || *text == '-';
	if (relative)
		*caps = sg_oci_default_caps();
	static char word[64];
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, ",");
		int sign = relative ? *p : 0;
		if (relative && sign != '+' && sign != '-') {
			*bad = p;
			return -1;
		}
		const char *name = p + (sign ? 1 : 0);
		size_t nlen = len - (sign ? 1 : 0);
		int cap = -1;
		if (nlen < sizeof(word)) {
			memcpy(word, name, nlen);
			word[nlen] = 0;
			cap = sg_oci_cap_find(word);
		}
		if (cap < 0) {
			*bad = p;
			return -1;
		}
		if (sign == '-')
			*caps &= ~(1ull << cap);
		else
			*caps |= 1ull << cap;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

int sg_oci_parse_kernel(const char *text, unsigned *major, unsigned *minor)
{
	unsigned part[2] = { 0, 0 };
	int k = 0, digits = 0;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9' && digits < 3) {
			part[k] = part[k] * 10 + (unsigned)(*p - '0');
			digits++;
		} else if (*p == '.' && k == 0 && digits) {
			k = 1;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (k != 1 || !digits || part[0] > 255 || part[1] > 255)
		return -1;
	*major = part[0];
	*minor = part[1];
	return 0;
}

const char *sg_oci_engine_arch(const struct sg_arch *arch)
{
	static const char *const names[][2] = {
		{ "x86_64", "amd64" }, { "i386", "x86" }, { "aarch64", "arm64" }, { "arm", "arm" }, { "riscv64", "riscv64" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(arch->name, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

/* libseccomp's names for arm's private syscalls, which the kernel's
 * headers (and so seccomp-gen's table) call __ARM_NR_*. */
static const char *const arm_private[][2] = {
	{ "breakpoint", "ARM_breakpoint" }, { "cacheflush", "ARM_cacheflush" }, { "set_tls", "ARM_set_tls" },
	{ "usr26", "ARM_usr26" }, { "usr32", "ARM_usr32" },
};

const struct sg_named_value *sg_oci_syscall(const struct sg_arch *arch, const char *name)
{
	/* seccomp-gen's own spelling of arm's private calls is not
	 * libseccomp's, so a profile cannot use it. */
	if (strncmp(name, "ARM_", 4) == 0)
		return NULL;
	if (strcmp(arch->name, "arm") == 0) {
		for (size_t i = 0; i < sizeof(arm_private) / sizeof(arm_private[0]); i++)
			if (strcmp(name, arm_private[i][0]) == 0)
				return sg_arch_syscall(arch, arm_private[i][1]);
		/* The kernel's header aliases it to arm_sync_file_range (341);
		 * libseccomp 2.5.4 has no sync_file_range2 on arm. */
		if (strcmp(name, "sync_file_range2") == 0)
			return NULL;
	}
	return sg_arch_syscall(arch, name);
}

/* Syscalls of the arches libseccomp 2.5.4 knows and seccomp-gen has no
 * target for (ppc, s390, mips, parisc; seccomp_syscall_resolve_num_arch
 * over every number of each), and arm's private calls as libseccomp names
 * them: names a profile may list that are syscalls on no arch of
 * seccomp-gen.  Sorted. */
static const char *const other_arch_names[] = {
	"breakpoint", "cachectl", "cacheflush", "multiplexer", "rtas", "s390_guarded_storage",
	"s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr", "s390_sthyi", "set_tls", "spu_create",
	"spu_run", "subpage_prot", "swapcontext", "sync_file_range2", "switch_endian", "sys_debug_setcontext", "syscall", "sysmips",
	"timerfd", "usr26", "usr32",
};

static int known_name(const char *name)
{
	for (size_t i = 0; i < sizeof(other_arch_names) / sizeof(other_arch_names[0]); i++)
		if (strcmp(name, other_arch_names[i]) == 0)
			return 1;
	for (size_t i = 0; sg_arches[i]; i++)
		if (sg_oci_syscall(sg_arches[i], name))
			return 1;
	return 0;
}

int sg_oci_check_names(struct sg_diag *diag, const struct sg_oci_profile *p)
{
	int bad = 0;
	for (size_t i = 0; i < p->nentries && !sg_diag_saturated(diag); i++)
		for (size_t k = 0; k < p->entries[i].nnames; k++) {
			const struct sg_oci_word *w = &p->entries[i].names[k];
			if (!known_name(w->s)) {
				sg_error(diag, &w->loc, "'%s' is not a syscall on any arch", w->s);
				bad = 1;
			}
		}
	return bad ? -1 : 0;
}

static const struct sg_oci_arch *find_arch(const struct sg_oci_arch *list, size_t n, const struct sg_arch *a)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].sg_name && strcmp(list[i].sg_name, a->name) == 0)
			return &list[i];
	return NULL;
}

int sg_oci_check_arches(struct sg_diag *diag, const struct sg_oci_profile *p, const struct sg_arch *const *arches,
			size_t n)
{
	/* The engine takes the archMap entry of its own arch (the first
	 * that names it) and passes "architectures" as they are. */
	const struct sg_oci_arch *list = p->arches;
	size_t nlist = p->narches;
	const struct sg_loc *where = p->narches ? &p->arches[0].loc : NULL;
	for (size_t i = 0; i < p->narchmap; i++)
		if (p->archmap[i].arch.sg_name && strcmp(p->archmap[i].arch.sg_name, arches[0]->name) == 0) {
			list = p->archmap[i].subs;
			nlist = p->archmap[i].nsubs;
			where = &p->archmap[i].arch.loc;
			break;
		}
	static const char *const scmp[][2] = {
		{ "x86_64", "SCMP_ARCH_X86_64" }, { "i386", "SCMP_ARCH_X86" }, { "aarch64", "SCMP_ARCH_AARCH64" },
		{ "arm", "SCMP_ARCH_ARM" }, { "riscv64", "SCMP_ARCH_RISCV64" },
	};
	int bad = 0;
	for (size_t i = 1; i < n; i++)
		if (!find_arch(list, nlist, arches[i])) {
			const char *word = arches[i]->name;
			for (size_t k = 0; k < sizeof(scmp) / sizeof(scmp[0]); k++)
				if (strcmp(word, scmp[k][0]) == 0)
					word = scmp[k][1];
			sg_error(diag, where, "the profile does not let %s calls through on %s, so libseccomp gives them its bad-arch kill; "
				 "list %s there or leave %s out of --arch", arches[i]->name, arches[0]->name, word, arches[i]->name);
			bad = 1;
		}
	if (bad && !where)
		sg_note(diag, NULL, "%s has neither 'architectures' nor an archMap entry for %s", p->path, arches[0]->name);
	return bad ? -1 : 0;
}

/* --- the engine's conditions ----------------------------------------------- */

static int kernel_at_least(const struct sg_oci_env *env, const struct sg_oci_cond *c)
{
	/* Without --kernel: a kernel new enough for every entry. */
	if (!env->has_kernel)
		return 1;
	return env->kernel_major > c->min_major ||
	       (env->kernel_major == c->min_major && env->kernel_minor >= c->min_minor);
}

static int listed(const struct sg_oci_word *w, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(w[i].s, s) == 0)
			return 1;
	return 0;
}

static int has_cap(const struct sg_oci_env *env, const char *name)
{
	int cap = sg_oci_cap_find(name);
	return cap >= 0 && (env->caps >> cap & 1);
}

/* setupSeccomp's loop: an entry is dropped when an exclusion holds or an
 * inclusion does not. */
static int entry_applies(const struct sg_oci_entry *e, const char *engine_arch, const struct sg_oci_env *env)
{
	const struct sg_oci_cond *x = &e->excludes, *in = &e->includes;
	if (x->narches && listed(x->arches, x->narches, engine_arch))
		return 0;
	for (size_t i = 0; i < x->ncaps; i++)
		if (has_cap(env, x->caps[i].s))
			return 0;
	if (x->has_min_kernel && kernel_at_least(env, x))
		return 0;
	if (in->narches && !listed(in->arches, in->narches, engine_arch))
		return 0;
	for (size_t i = 0; i < in->ncaps; i++)
		if (!has_cap(env, in->caps[i].s))
			return 0;
	if (in->has_min_kernel && !kernel_at_least(env, in))
		return 0;
	return 1;
}

/* --- libseccomp's reading of the rules -------------------------------------- */

static int same_action(const struct sg_action *a, const struct sg_action *b)
{
	if (a->kind != b->kind)
		return 0;
	if (!a->value || !b->value)
		return a->value == b->value;
	return a->value->u.num.mag == b->value->u.num.mag;
}

/* One syscall's rules, in the order the profile adds them. */
/* A rule with comparisons: its clause, its action, and the comparisons
 * it is made of (to tell whether two rules can hold together). */
struct rule {
	struct sg_clause cl;
	const struct sg_action *act;
	const struct sg_oci_cmp *cmps[6];
	size_t ncmps;
};

struct group {
	const struct sg_named_value *sc;
	const struct sg_loc *loc;            /* the name of the first entry */
	const struct sg_oci_entry *uncond;   /* the first rule without comparisons */
	struct rule *rules;                  /* rules with comparisons, in order */
	size_t nrules, cap;
};

struct low {
	struct sg_arena *arena;
	struct sg_diag *diag;
	const struct sg_arch *arch;
	int bad;
};

static struct sg_value *number(struct low *l, const struct sg_loc *loc, uint64_t n)
{
	struct sg_value *v = sg_alloc(l->arena, sizeof(*v));
	v->kind = SG_VAL_NUMBER;
	v->loc = *loc;
	v->u.num.mag = n;
	return v;
}

/* One comparison as an atom.  MASKED_EQ compares (arg & mask) with
 * (datum & mask): libseccomp masks the datum (measured: mask 0xf0, datum
 * 0x15 matches 0x10). */
static void atom(struct low *l, const struct sg_oci_cmp *c, struct sg_atom *a)
{
	static const enum sg_op ops[] = {
		[SG_OCI_NE] = SG_OP_NE, [SG_OCI_LT] = SG_OP_LT, [SG_OCI_LE] = SG_OP_LE, [SG_OCI_EQ] = SG_OP_EQ,
		[SG_OCI_GE] = SG_OP_GE, [SG_OCI_GT] = SG_OP_GT, [SG_OCI_MASKED_EQ] = SG_OP_MASKED_EQ,
	};
	memset(a, 0, sizeof(*a));
	a->arg = c->index;
	a->op = ops[c->op];
	a->loc = c->loc;
	a->arg_loc = c->loc;
	uint64_t datum = c->op == SG_OCI_MASKED_EQ ? c->value_two & c->value : c->value;
	uint64_t mask = c->value;
	if (l->arch->bits == 32) {
		/* libseccomp's 32-bit programs compare with the low 32 bits of
		 * the value (and of the mask): `== 2^32 + 5` is `== 5` there
		 * (measured for every operator). */
		a->width = 32;
		datum &= 0xffffffffu;
		mask &= 0xffffffffu;
	} else {
		a->width = 64;
	}
	a->value = number(l, &c->loc, datum);
	if (c->op == SG_OCI_MASKED_EQ)
		a->mask = number(l, &c->loc, mask);
}

/* SCMP_CMP_MASKED_EQ with a mask of 0 (on a 32-bit arch: no bit of the
 * mask in the low 32 bits) compares nothing: libseccomp leaves it out of
 * the rule, and a rule left with no comparison is one without (measured:
 * it then decides the syscall as the first rule without comparisons
 * does). */
static int compares_nothing(const struct low *l, const struct sg_oci_cmp *c)
{
	uint64_t word = l->arch->bits == 32 ? 0xffffffffu : UINT64_MAX;
	return c->op == SG_OCI_MASKED_EQ && (c->value & word) == 0;
}

/* One rule (some comparisons of an entry, ANDed) into the syscall's
 * rules; 1 if it compares nothing. */
static int add_rule(struct low *l, struct group *g, const struct sg_oci_cmp *const *cmps, size_t n,
		    const struct sg_action *act)
{
	struct rule r;
	memset(&r, 0, sizeof(r));
	r.cl.atoms = sg_alloc_array(l->arena, n + 1, sizeof(struct sg_atom));
	r.act = act;
	for (size_t i = 0; i < n; i++)
		if (!compares_nothing(l, cmps[i])) {
			atom(l, cmps[i], &r.cl.atoms[r.cl.natoms++]);
			r.cmps[r.ncmps++] = cmps[i];
		}
	if (r.cl.natoms == 0)
		return 1;
	SG_PUSH(l->arena, g->rules, g->nrules, g->cap) = r;
	return 0;
}

/* crun adds an entry's comparisons as one rule, or, when two of them
 * compare the same argument (which libseccomp refuses in one rule:
 * -EINVAL), each as a rule of its own: ORed, not ANDed (runc does the
 * same). */
static int add_entry(struct low *l, struct group *g, const struct sg_oci_entry *e)
{
	const struct sg_oci_cmp *cmps[6];
	int seen[6] = { 0 }, split = 0, empty = 0;
	for (size_t i = 0; i < e->nargs; i++) {
		cmps[i] = &e->args[i];
		if (seen[e->args[i].index]++)
			split = 1;
	}
	if (!split)
		return add_rule(l, g, cmps, e->nargs, &e->action);
	for (size_t i = 0; i < e->nargs; i++)
		empty |= add_rule(l, g, &cmps[i], 1, &e->action);
	return empty;
}

/* True if every comparison of the entry compares nothing on this arch. */
static int compares_all_nothing(const struct low *l, const struct sg_oci_entry *e)
{
	for (size_t i = 0; i < e->nargs; i++)
		if (!compares_nothing(l, &e->args[i]))
			return 0;
	return 1;
}

/* libseccomp decides between a syscall's rules so: the first rule without
 * comparisons wins over everything (a later one with another action is
 * ignored, as are the rules with comparisons: measured in both orders);
 * rules with comparisons and one action are ORed. */
static void add_to_group(struct low *l, struct group *g, const struct sg_oci_entry *e, const struct sg_oci_word *name)
{
	if (!g->loc)
		g->loc = &name->loc;
	if (!e->has_args || e->nargs == 0 || compares_all_nothing(l, e)) {
		if (!g->uncond)
			g->uncond = e;
		return;
	}
	if (add_entry(l, g, e) && !g->uncond)
		g->uncond = e; /* split rules, one of which compares nothing */
}

/* --- rules with different actions ---------------------------------------------
 * Rules with comparisons and different actions that can hold for one call
 * are decided by the order of libseccomp's internal tree (higher argument
 * first, == before < before >, ...), or refused (-EEXIST): seccomp-gen
 * refuses them.  Rules that never hold together (they compare one
 * argument with sets that do not meet, as the rules -f oci writes do)
 * mean the same in any order. */

/* A comparison as a set of values of the arch's word. */
struct set {
	enum { S_EMPTY, S_RANGE, S_NOT, S_CUBE } kind;
	uint64_t lo, hi; /* S_RANGE [lo, hi]; S_NOT: lo; S_CUBE: (x & hi) == lo */
};

static struct set as_set(const struct sg_oci_cmp *c, uint64_t word)
{
	uint64_t d = c->value & word;
	struct set s = { S_RANGE, 0, word };
	switch (c->op) {
	case SG_OCI_EQ: s.lo = s.hi = d; break;
	case SG_OCI_NE: s.kind = S_NOT; s.lo = d; break;
	case SG_OCI_LT: if (d == 0) s.kind = S_EMPTY; else s.hi = d - 1; break;
	case SG_OCI_LE: s.hi = d; break;
	case SG_OCI_GT: if (d == word) s.kind = S_EMPTY; else s.lo = d + 1; break;
	case SG_OCI_GE: s.lo = d; break;
	case SG_OCI_MASKED_EQ: s.kind = S_CUBE; s.hi = d; s.lo = c->value_two & d; break;
	}
	return s;
}

/* Whether some x of [lo, hi] has (x & m) == v: the least x >= lo that
 * does agrees with lo above some bit i that lo has clear and x sets. */
static int cube_meets_range(uint64_t m, uint64_t v, uint64_t lo, uint64_t hi)
{
	if ((lo & m) == v)
		return 1;
	for (unsigned i = 0; i < 64; i++) {
		uint64_t bit = UINT64_C(1) << i, above = i == 63 ? 0 : ~((bit << 1) - 1), below = bit - 1;
		if ((lo & bit) || ((m & bit) && !(v & bit)) || (lo & m & above) != (v & above))
			continue;
		uint64_t x = (lo & above) | bit | (v & below);
		return x <= hi;
	}
	return 0;
}

static int sets_meet(struct set a, struct set b, uint64_t word)
{
	if (a.kind == S_EMPTY || b.kind == S_EMPTY)
		return 0;
	if (a.kind > b.kind) {
		struct set t = a;
		a = b;
		b = t;
	}
	if (a.kind == S_RANGE && b.kind == S_RANGE)
		return a.lo <= b.hi && b.lo <= a.hi;
	if (a.kind == S_RANGE && b.kind == S_NOT)
		return !(a.lo == a.hi && a.lo == b.lo);
	if (a.kind == S_RANGE)
		return cube_meets_range(b.hi, b.lo, a.lo, a.hi);
	if (a.kind == S_NOT && b.kind == S_NOT)
		return 1;
	if (a.kind == S_NOT)
		return !(b.hi == word && b.lo == a.lo);
	return ((a.lo ^ b.lo) & a.hi & b.hi) == 0;
}

static int rules_meet(const struct rule *a, const struct rule *b, uint64_t word)
{
	for (size_t i = 0; i < a->ncmps; i++)
		for (size_t k = 0; k < b->ncmps; k++)
			if (a->cmps[i]->index == b->cmps[k]->index &&
			    !sets_meet(as_set(a->cmps[i], word), as_set(b->cmps[k], word), word))
				return 0;
	return 1;
}

/* 0, or -1 after reporting two rules with different actions that can
 * hold for one call. */
static int check_overlaps(struct low *l, const struct group *g)
{
	uint64_t word = l->arch->bits == 32 ? 0xffffffffu : UINT64_MAX;
	for (size_t i = 0; i < g->nrules; i++)
		for (size_t k = 0; k < i; k++)
			if (!same_action(g->rules[i].act, g->rules[k].act) && rules_meet(&g->rules[i], &g->rules[k], word)) {
				sg_error(l->diag, &g->rules[i].act->loc,
					 "'%s' has rules with comparisons and different actions that can hold for one call; "
					 "libseccomp picks between them by the order of its internal tree (or refuses them), "
					 "which seccomp-gen does not follow", sg_value_name(l->arch, g->sc));
				sg_note(l->diag, &g->rules[k].act->loc, "the other rule's action is here");
				return -1;
			}
	return 0;
}

static struct sg_stmt *group_stmt(struct low *l, const struct group *g)
{
	struct sg_stmt *s = sg_alloc(l->arena, sizeof(*s));
	s->kind = SG_STMT_FILTER;
	s->loc = *g->loc;
	struct sg_descriptor *d = sg_alloc(l->arena, sizeof(*d));
	d->name = sg_value_name(l->arch, g->sc);
	d->loc = *g->loc;
	/* One filter per action, in the order of first appearance: the
	 * rules of different actions never hold together, so the order of
	 * the filters does not matter. */
	struct sg_filter *f = sg_alloc_array(l->arena, g->nrules + 1, sizeof(*f));
	memset(f, 0, (g->nrules + 1) * sizeof(*f));
	size_t nf = 0;
	if (g->uncond) {
		f[nf].action = g->uncond->action;
		f[nf++].loc = *g->loc;
	}
	for (size_t i = 0; i < g->nrules && !g->uncond; i++) {
		size_t k = 0;
		while (k < nf && !same_action(&f[k].action, g->rules[i].act))
			k++;
		if (k == nf) {
			memset(&f[nf], 0, sizeof(f[nf]));
			f[nf].action = *g->rules[i].act;
			f[nf].loc = *g->loc;
			f[nf].clauses = sg_alloc_array(l->arena, g->nrules, sizeof(struct sg_clause));
			nf++;
		}
		f[k].clauses[f[k].nclauses++] = g->rules[i].cl;
	}
	s->u.filter.descs = d;
	s->u.filter.ndescs = 1;
	s->u.filter.filters = f;
	s->u.filter.nfilters = nf;
	s->u.filter.colon = *g->loc;
	return s;
}

struct sg_file *sg_oci_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_oci_profile *p,
			    const struct sg_arch *arch, const struct sg_arch *native, const struct sg_oci_env *env)
{
	struct low l = { arena, diag, arch, 0 };
	const char *engine_arch = sg_oci_engine_arch(native);
	struct group *groups = sg_alloc_array(arena, arch->nsyscalls + 1, sizeof(*groups));
	size_t *order = sg_alloc_array(arena, arch->nsyscalls + 1, sizeof(*order));
	size_t norder = 0;
	memset(groups, 0, (arch->nsyscalls + 1) * sizeof(*groups));
	for (size_t i = 0; i < p->nentries; i++) {
		const struct sg_oci_entry *e = &p->entries[i];
		if (!entry_applies(e, engine_arch, env))
			continue;
		/* crun skips a rule whose action is the default (libseccomp
		 * refuses it: -EACCES). */
		if (same_action(&e->action, &p->dflt))
			continue;
		for (size_t k = 0; k < e->nnames; k++) {
			/* A name the arch does not have is skipped (libseccomp
			 * adds a rule only where the syscall exists). */
			const struct sg_named_value *sc = sg_oci_syscall(arch, e->names[k].s);
			if (!sc)
				continue;
			size_t idx = (size_t)(sc - arch->syscalls);
			if (!groups[idx].sc) {
				groups[idx].sc = sc;
				order[norder++] = idx;
			}
			add_to_group(&l, &groups[idx], e, &e->names[k]);
		}
	}
	struct sg_file *file = sg_alloc(arena, sizeof(*file));
	memset(file, 0, sizeof(*file));
	file->src = p->src;
	file->permissive_default = 1;
	file->minus_one_default = 1;
	file->deps = sg_alloc(arena, sizeof(*file->deps));
	file->deps[0] = p->path;
	file->ndeps = 1;
	struct sg_stmt *dflt = sg_alloc(arena, sizeof(*dflt));
	memset(dflt, 0, sizeof(*dflt));
	dflt->kind = SG_STMT_DEFAULT;
	dflt->loc = p->dflt.loc;
	dflt->u.action = p->dflt;
	file->stmts = dflt;
	struct sg_stmt **tail = &dflt->next;
	for (size_t i = 0; i < norder; i++) {
		const struct group *g = &groups[order[i]];
		if (!g->uncond && check_overlaps(&l, g)) {
			l.bad = 1;
			continue;
		}
		*tail = group_stmt(&l, g);
		tail = &(*tail)->next;
	}
	return l.bad ? NULL : file;
}
