/* -f oci: a Docker/OCI seccomp profile (the runtime spec's linux.seccomp,
 * which Docker's --security-opt seccomp=FILE also takes) that means what
 * the policy means once libseccomp compiles it the way crun and runc add
 * its entries (crun's src/libcrun/seccomp.c: seccomp_init(defaultAction),
 * seccomp_arch_add for each of architectures, and for each name of each
 * entry seccomp_rule_add_array; an entry whose action is the default
 * action is skipped, as libseccomp refuses it).
 *
 * The rules come from gen/write/scmp_rules.c; this file names the actions and
 * arches, makes sure one set of entries serves every arch of a multi-arch
 * program (a profile's entries name syscalls, not arches), and groups
 * names with the same rules into one entry, as Docker's profiles do. */
#include <stdlib.h>
#include <string.h>

#include "gen/write/emit.h"
#include "gen/write/scmp_rules.h"
#include "support/arena.h"
#include "support/source.h"

/* libseccomp's names of the targets, by the audit arch the kernel
 * reports (include/uapi/linux/audit.h). */
static const char *scmp_arch_name(const struct sg_arch *arch)
{
	switch (arch->audit_arch) {
	case 0xc000003eu: return "SCMP_ARCH_X86_64";
	case 0x40000003u: return "SCMP_ARCH_X86";
	case 0xc00000b7u: return "SCMP_ARCH_AARCH64";
	case 0x40000028u: return "SCMP_ARCH_ARM";
	case 0xc00000f3u: return "SCMP_ARCH_RISCV64";
	default: return NULL;
	}
}

/* The action's name and its errnoRet (-1: none).  NULL for a return
 * value no action of a profile gives. */
static const char *action_name(uint32_t ret, long *data)
{
	uint32_t action = ret & SG_RET_ACTION_FULL, d = ret & SG_RET_DATA;
	*data = -1;
	switch (action) {
	case SG_RET_ERRNO: *data = d; return "SCMP_ACT_ERRNO";
	/* crun gives TRACE errnoRet, EPERM when it is missing: always say it. */
	case SG_RET_TRACE: *data = d; return "SCMP_ACT_TRACE";
	default: break;
	}
	if (d)
		return NULL;
	switch (action) {
	case SG_RET_KILL_PROCESS: return "SCMP_ACT_KILL_PROCESS";
	case SG_RET_KILL_THREAD: return "SCMP_ACT_KILL";
	case SG_RET_TRAP: return "SCMP_ACT_TRAP";
	case SG_RET_LOG: return "SCMP_ACT_LOG";
	case SG_RET_ALLOW: return "SCMP_ACT_ALLOW";
	case SG_RET_USER_NOTIF: return "SCMP_ACT_NOTIFY";
	default: return NULL;
	}
}

static const char *op_name(enum sg_scmp_op op)
{
	static const char *const names[] = { "", "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
					     "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ" };
	return names[op];
}

/* One rule as the text of an entry after its names: the key that
 * groups names, and what two arches must agree on.  word: the bits of
 * each value that are written. */
static const char *rule_text(struct sg_arena *a, const struct sg_scmp_rule *r, uint64_t word)
{
	long data;
	const char *action = action_name(r->ret, &data);
	char *args = "";
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct sg_scmp_cmp *c = &r->cmps[i];
		args = sg_printf(a, "%s\t\t\t\t{ \"index\": %u, \"value\": %llu, \"valueTwo\": %llu, \"op\": \"%s\" }%s\n",
				 args, c->arg, (unsigned long long)(c->a & word), (unsigned long long)(c->b & word), op_name(c->op),
				 i + 1 < r->ncmps ? "," : "");
	}
	return sg_printf(a, "\t\t\t\"action\": \"%s\"%s%s%s%s\n", action,
			 data >= 0 ? sg_printf(a, ",\n\t\t\t\"errnoRet\": %ld", data) : "",
			 r->ncmps ? ",\n\t\t\t\"args\": [\n" : "", args, r->ncmps ? "\t\t\t]" : "");
}

/* One syscall of one arch: its rules as texts. */
struct rec {
	const char *name;
	size_t arch; /* index in the program's arches */
	const char **texts;
	size_t ntexts;
	const char *all; /* the texts joined: for comparing arches */
	/* The same with every value cut to 32 bits: what libseccomp makes of
	 * the rules for a 32-bit arch (measured with 2.5.4: it compares
	 * the low 32 bits of each value, so `EQ 0xffffffffffffffff` is `EQ
	 * 0xffffffff` for SCMP_ARCH_X86). */
	const char *all32;
	const struct sg_loc *loc;
};

static int by_name_then_arch(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->arch > b->arch) - (a->arch < b->arch);
}

/* libseccomp 2.5.4 refuses SCMP_ACT_ERRNO(4095) and above (measured:
 * seccomp_rule_add and seccomp_init fail with EINVAL), so crun would
 * refuse the profile. */
#define SCMP_MAX_ERRNO 4094

static int check_actions(struct sg_diag *diag, const struct sg_scmp_rule *rules, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		long data;
		if (!action_name(rules[i].ret, &data)) {
			sg_error(diag, rules[i].loc, "'%s' cannot be written as a profile: no profile action returns 0x%08x",
				 name, rules[i].ret);
			return -1;
		}
		if ((rules[i].ret & SG_RET_ACTION_FULL) == SG_RET_ERRNO && data > SCMP_MAX_ERRNO) {
			sg_error(diag, rules[i].loc, "'%s' cannot be written as a profile: libseccomp refuses errno %ld "
				 "(it takes up to %d)", name, data, SCMP_MAX_ERRNO);
			return -1;
		}
	}
	return 0;
}

/* Every syscall of every arch, sorted by name. */
static struct rec *collect(struct sg_arena *a, struct sg_diag *diag, struct sg_ir_program *const *irs, size_t n,
			   size_t *nrecs)
{
	struct rec *recs = NULL;
	size_t cap = 0;
	*nrecs = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t s = 0; s < irs[i]->nsyscalls; s++) {
			const struct sg_ir_syscall *sc = &irs[i]->syscalls[s];
			struct sg_scmp_rule *rules;
			size_t nrules;
			if (sg_scmp_rules(a, diag, irs[i], sc->name, sc->decision, &rules, &nrules) ||
			    check_actions(diag, rules, nrules, sc->name))
				return NULL;
			struct rec *r = &SG_PUSH(a, recs, *nrecs, cap);
			*r = (struct rec){ sc->name, i, sg_alloc_array(a, nrules + 1, sizeof(char *)), nrules, "", "",
					   sc->decision->rules[0].loc };
			for (size_t k = 0; k < nrules; k++) {
				r->texts[k] = rule_text(a, &rules[k], UINT64_MAX);
				r->all = sg_printf(a, "%s%s", r->all, r->texts[k]);
				r->all32 = sg_printf(a, "%s%s", r->all32, rule_text(a, &rules[k], 0xffffffffu));
			}
		}
	if (*nrecs)
		qsort(recs, *nrecs, sizeof(*recs), by_name_then_arch);
	return recs;
}

/* The entries of one name apply on every arch that has the syscall:
 * they must be what each arch's program decides.  An arch whose policy
 * does not name it gives it the default action: no entry.  The entries
 * written are those of the first 64-bit arch (or the first arch), which a
 * 32-bit arch reads cut to 32 bits.  Returns the record to write, or NULL
 * after reporting. */
static const struct rec *check_arches(struct sg_diag *diag, struct sg_ir_program *const *irs, size_t n,
				      const struct rec *g, size_t ng)
{
	const struct rec *model = &g[0];
	for (size_t k = 0; k < ng; k++)
		if (irs[g[k].arch]->arch->bits == 64) {
			model = &g[k];
			break;
		}
	int wide = irs[model->arch]->arch->bits == 64;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *all = NULL;
		if (k < ng && g[k].arch == i)
			all = g[k++].all;
		else if (sg_arch_syscall(irs[i]->arch, model->name))
			all = "";
		const char *want = wide && irs[i]->arch->bits == 32 ? model->all32 : model->all;
		if (all && strcmp(all, want) != 0) {
			const struct rec *at = *model->all ? model : &g[ng - 1];
			sg_error(diag, at->loc,
				 "'%s' cannot be written as one profile for %s and %s: its filters decide differently "
				 "there, and a profile's entries apply to every arch", model->name,
				 irs[model->arch]->arch->name, irs[i]->arch->name);
			return NULL;
		}
	}
	return model;
}

/* Syscalls with the same rules share entries, which keep each one's
 * rules in their order: libseccomp must get them in that order (see
 * follow() in gen/write/scmp_rules.c). */
struct group {
	const struct rec *rules;
	const char **names;
	size_t n, cap;
};

static void add_name(struct sg_arena *a, struct group **groups, size_t *ngroups, size_t *cap, const struct rec *r,
		     const char *name)
{
	size_t i = 0;
	while (i < *ngroups && strcmp((*groups)[i].rules->all, r->all) != 0)
		i++;
	if (i == *ngroups)
		SG_PUSH(a, *groups, *ngroups, *cap) = (struct group){ r, NULL, 0, 0 };
	struct group *g = &(*groups)[i];
	SG_PUSH(a, g->names, g->n, g->cap) = name;
}

static void write_profile(FILE *out, struct sg_ir_program *const *irs, size_t n, const struct group *groups,
			  size_t ngroups)
{
	long data;
	const char *dflt = action_name(irs[0]->default_ret, &data);
	fprintf(out, "{\n\t\"defaultAction\": \"%s\",\n", dflt);
	if (data >= 0)
		fprintf(out, "\t\"defaultErrnoRet\": %ld,\n", data);
	fputs("\t\"architectures\": [\n", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "\t\t\"%s\"%s\n", scmp_arch_name(irs[i]->arch), i + 1 < n ? "," : "");
	fputs("\t],\n\t\"syscalls\": [", out);
	int first = 1;
	for (size_t i = 0; i < ngroups; i++)
		for (size_t t = 0; t < groups[i].rules->ntexts; t++) {
			fputs(first ? "\n\t\t{\n\t\t\t\"names\": [\n" : ",\n\t\t{\n\t\t\t\"names\": [\n", out);
			first = 0;
			for (size_t k = 0; k < groups[i].n; k++)
				fprintf(out, "\t\t\t\t\"%s\"%s\n", groups[i].names[k], k + 1 < groups[i].n ? "," : "");
			fprintf(out, "\t\t\t],\n%s\t\t}", groups[i].rules->texts[t]);
		}
	fputs(first ? "]\n}\n" : "\n\t]\n}\n", out);
}

const char *sg_oci_profile(struct sg_arena *a, struct sg_diag *diag, struct sg_ir_program *const *irs, size_t n)
{
	long data;
	for (size_t i = 0; i < n; i++)
		if (!scmp_arch_name(irs[i]->arch)) {
			sg_error(diag, NULL, "arch '%s' has no name in a seccomp profile", irs[i]->arch->name);
			return NULL;
		}
	if (!action_name(irs[0]->default_ret, &data)) {
		sg_error(diag, NULL, "the default action 0x%08x has no name in a seccomp profile", irs[0]->default_ret);
		return NULL;
	}
	if ((irs[0]->default_ret & SG_RET_ACTION_FULL) == SG_RET_ERRNO && data > SCMP_MAX_ERRNO) {
		sg_error(diag, NULL, "the default action, errno %ld, cannot be written as a profile: libseccomp refuses "
			 "errno values over %d", data, SCMP_MAX_ERRNO);
		return NULL;
	}
	size_t nrecs;
	unsigned errors = diag->errors;
	struct rec *recs = collect(a, diag, irs, n, &nrecs);
	if (diag->errors != errors)
		return NULL;
	struct group *groups = NULL;
	size_t ngroups = 0, cap = 0;
	for (size_t i = 0; i < nrecs;) {
		size_t j = i;
		while (j < nrecs && strcmp(recs[j].name, recs[i].name) == 0)
			j++;
		const struct rec *r = check_arches(diag, irs, n, &recs[i], j - i);
		if (!r)
			return NULL;
		if (r->ntexts)
			add_name(a, &groups, &ngroups, &cap, r, r->name);
		i = j;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort();
	write_profile(mem, irs, n, groups, ngroups);
	fclose(mem);
	const char *copy = sg_strndup(a, text, len);
	free(text);
	return copy;
}
