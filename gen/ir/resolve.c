#include "gen/ir/resolve.h"

#include <stdlib.h>
#include <string.h>

#include "gen/bpf/bpf.h"
#include "gen/ir/hints.h"
#include "support/arena.h"

/* What the policy says about one syscall, gathered in source order. */
struct slot {
	struct sg_ir_rule *rules;
	const struct sg_loc **sites; /* the syscall name each came from */
	size_t nrules, cap;
	uint64_t weight;
	int weighted;
	size_t natoms;  /* comparisons in rules, for SG_MAX_SYSCALL_ATOMS */
	int too_many;   /* reported */
};

/* Every comparison of a syscall's filters costs at least one
 * instruction, and the kernel takes at most 4096 (BPF_MAXINSNS): more
 * comparisons than that can never compile.  Stopping here also bounds
 * the work of every later stage on generated input. */
#define SG_MAX_SYSCALL_ATOMS 4096

struct resolver {
	struct sg_arena *arena;
	struct sg_diag *diag;
	const struct sg_resolve_options *opts;
	const struct sg_arch *arch;
	uint64_t word_mask;
	uint32_t kill_ret;
	struct slot *slots; /* parallel to arch->syscalls */
	const struct sg_action *default_action;
	int top_denylist;
	int permissive_default; /* the top file's: any action may be the default */
};

static const char *constant_name_at(const void *ctx, size_t i)
{
	const struct sg_arch *a = ctx;
	return sg_value_name(a, &a->constants[i]);
}

static void unknown_name(struct sg_diag *diag, const struct sg_arch *arch, const struct sg_loc *loc,
			 const char *what, const char *name, size_t n,
			 const char *(*get)(const void *, size_t))
{
	const char *hint = sg_suggest(name, n, get, arch);
	if (hint)
		sg_error(diag, loc, "unknown %s '%s' on %s; did you mean '%s'?", what, name, arch->name, hint);
	else
		sg_error(diag, loc, "unknown %s '%s' on %s", what, name, arch->name);
}

int sg_eval_value(struct sg_diag *diag, const struct sg_arch *arch, const struct sg_value *v,
		  uint64_t *out)
{
	uint64_t mask = arch->bits == 64 ? UINT64_MAX : 0xffffffffu;
	uint64_t l;
	switch (v->kind) {
	case SG_VAL_NUMBER: {
		const struct sg_numlit *n = &v->u.num;
		uint64_t limit = n->negative ? (mask >> 1) + 1 : mask;
		if (n->overflow || n->mag > limit) {
			sg_error(diag, &v->loc, "constant does not fit in a %u-bit word (the word size of %s)",
				 arch->bits, arch->name);
			return -1;
		}
		*out = (n->negative ? 0 - n->mag : n->mag) & mask;
		return 0;
	}
	case SG_VAL_NAME: {
		const struct sg_named_value *c = sg_arch_constant(arch, v->u.name);
		if (!c) {
			unknown_name(diag, arch, &v->loc, "constant", v->u.name, arch->nconstants,
				     constant_name_at);
			return -1;
		}
		if (arch->bits == 32 && (c->value < INT32_MIN || c->value > (int64_t)UINT32_MAX)) {
			sg_error(diag, &v->loc, "constant '%s' does not fit in a 32-bit word (the word size of %s)",
				 sg_value_name(arch, c), arch->name);
			return -1;
		}
		*out = (uint64_t)c->value & mask;
		return 0;
	}
	case SG_VAL_OR: {
		/* A loop over the chain: only parentheses recurse, and the
		 * parser allows SG_MAX_PAREN_DEPTH of them. */
		int bad = 0;
		*out = 0;
		for (size_t i = 0; i < v->u.or.n; i++) {
			if (sg_eval_value(diag, arch, v->u.or.terms[i], &l))
				bad = 1;
			else
				*out |= l;
			if (sg_diag_saturated(diag))
				break;
		}
		return bad ? -1 : 0;
	}
	case SG_VAL_NOT:
		if (sg_eval_value(diag, arch, v->u.operand, &l))
			return -1;
		*out = ~l & mask;
		return 0;
	}
	return -1;
}

/* The action's value as the data bits of the return value base: at most
 * max, else an error naming what the value is. */
static int action_data(struct resolver *r, const struct sg_action *a, uint32_t base, unsigned max, const char *what,
		       uint32_t *ret)
{
	uint64_t v;
	if (sg_eval_value(r->diag, r->arch, a->value, &v))
		return -1;
	if (v > max) {
		sg_error(r->diag, &a->value->loc, "%s must be 0 to %u", what, max);
		return -1;
	}
	*ret = base | (uint32_t)v;
	return 0;
}

static int resolve_action(struct resolver *r, const struct sg_action *a, int denylist, uint32_t *ret)
{
	uint64_t v;
	if (denylist && a->kind != SG_ACT_RETURN) {
		/* minijail: every action of a denylist policy is a return. */
		sg_error(r->diag, &a->loc, "a denylist policy may only use 'return ERRNO' actions");
		return -1;
	}
	switch (a->kind) {
	case SG_ACT_ALLOW: *ret = SG_RET_ALLOW; return 0;
	case SG_ACT_KILL: *ret = r->kill_ret; return 0;
	case SG_ACT_KILL_PROCESS: *ret = SG_RET_KILL_PROCESS; return 0;
	case SG_ACT_KILL_THREAD: *ret = SG_RET_KILL_THREAD; return 0;
	case SG_ACT_TRAP: *ret = SG_RET_TRAP; return 0;
	case SG_ACT_TRACE:
		*ret = SG_RET_TRACE;
		/* seccompiler's {"trace": N}: the tracer reads N from the 16
		 * data bits of the return value (PTRACE_GETEVENTMSG). */
		return a->value ? action_data(r, a, SG_RET_TRACE, SG_RET_DATA, "trace data", ret) : 0;
	case SG_ACT_LOG: *ret = SG_RET_LOG; return 0;
	case SG_ACT_USER_NOTIFY: *ret = SG_RET_USER_NOTIF; return 0;
	case SG_ACT_RETURN:
		/* minijail's --use-ret-log logs instead of returning the errno
		 * (tools/parser.py, parse_action); the value is still checked. */
		if (r->opts->ret_log) {
			if (action_data(r, a, SG_RET_ERRNO, SG_MAX_ERRNO, "errno value", ret))
				return -1;
			*ret = SG_RET_LOG;
			return 0;
		}
		/* The kernel clamps larger values; minijail silently masks them
		 * to 16 bits.  Neither is what the author meant. */
		return action_data(r, a, SG_RET_ERRNO, SG_MAX_ERRNO, "errno value", ret);
	case SG_ACT_NUMBER:
		if (sg_eval_value(r->diag, r->arch, a->value, &v))
			return -1;
		if (v != 1) {
			sg_error(r->diag, &a->loc, "a number as an action must be 1 (allow); use 'return N' for an errno");
			return -1;
		}
		*ret = SG_RET_ALLOW;
		return 0;
	}
	return -1;
}

/* A comparison value within the atom's width: seccompiler's dword
 * compares 32 bits, so a wider value could never be what was meant. */
static int resolve_operand(struct resolver *r, const struct sg_atom *a, const struct sg_value *v,
			   uint64_t *out)
{
	if (sg_eval_value(r->diag, r->arch, v, out))
		return -1;
	if (a->width == 32 && *out > 0xffffffffu) {
		sg_error(r->diag, &v->loc, "0x%llx does not fit in the 32 bits a dword comparison takes",
			 (unsigned long long)*out);
		return -1;
	}
	return 0;
}

static int resolve_atom(struct resolver *r, const struct sg_atom *a, struct sg_ir_atom *oa)
{
	int bad = 0;
	/* The scanner clamps long indexes (arg99999999999) to 1000 and up:
	 * do not show a number that was not written. */
	if (a->arg > 5 && a->arg < 1000) {
		sg_error(r->diag, &a->arg_loc,
			 "'arg%u' does not exist: a syscall has six arguments, arg0 to arg5", a->arg);
		bad = 1;
	} else if (a->arg > 5) {
		sg_error(r->diag, &a->arg_loc, "no such argument: a syscall has six arguments, arg0 to arg5");
		bad = 1;
	}
	oa->arg = a->arg;
	oa->op = a->op;
	oa->loc = &a->loc;
	/* Only a width narrower than the word changes what is compared. */
	oa->width = a->width == 32 && r->arch->bits == 64 ? 32 : 0;
	if (resolve_operand(r, a, a->value, &oa->value))
		bad = 1;
	if (a->op == SG_OP_MASKED_EQ) {
		if (resolve_operand(r, a, a->mask, &oa->mask))
			bad = 1;
		/* As seccompiler does: the value's bits outside the mask are
		 * not compared. */
		oa->value &= oa->mask;
	}
	return bad ? -1 : 0;
}

static int resolve_filter(struct resolver *r, const struct sg_filter *f, struct sg_ir_rule *out)
{
	int bad = 0;
	memset(out, 0, sizeof(*out));
	out->loc = &f->loc;
	out->nclauses = f->nclauses;
	out->clauses = sg_alloc_array(r->arena, f->nclauses, sizeof(*out->clauses));
	for (size_t i = 0; i < f->nclauses; i++) {
		const struct sg_clause *c = &f->clauses[i];
		struct sg_ir_clause *oc = &out->clauses[i];
		oc->natoms = c->natoms;
		oc->atoms = sg_alloc_array(r->arena, c->natoms, sizeof(*oc->atoms));
		for (size_t j = 0; j < c->natoms; j++)
			if (resolve_atom(r, &c->atoms[j], &oc->atoms[j]))
				bad = 1;
	}
	if (resolve_action(r, &f->action, r->opts->denylist, &out->ret))
		bad = 1;
	return bad ? -1 : 0;
}

/* Does a descriptor's [arch=...] metadata include the target?  Accepts
 * minijail's arch names and ours; other keys and names are errors, since a
 * typo would otherwise silently drop the statement. */
static int applies_here(struct resolver *r, const struct sg_descriptor *d, int *bad)
{
	int applies = 1, seen_arch = 0;
	for (size_t i = 0; i < d->nmeta; i++) {
		const struct sg_meta *m = &d->meta[i];
		if (strcmp(m->key, "arch") != 0) {
			sg_error(r->diag, &m->key_loc, "unknown metadata key '%s'; expected 'arch'", m->key);
			*bad = 1;
			continue;
		}
		if (seen_arch++) {
			sg_error(r->diag, &m->key_loc, "duplicate metadata key 'arch'");
			*bad = 1;
		}
		int match = 0;
		for (size_t j = 0; j < m->nvalues; j++) {
			const struct sg_arch *a = sg_arch_find(m->values[j].name);
			/* An arch read from a constants.json (--arch-json) is not
			 * one of the built-in structs: match it by its arch_name,
			 * as minijail does, or by its audit value. */
			if (strcmp(m->values[j].name, r->arch->minijail_name) == 0 ||
			    (a && a->audit_arch == r->arch->audit_arch)) {
				match = 1;
			} else if (!a) {
				const char *near = sg_arch_suggest(m->values[j].name);
				if (near)
					sg_error(r->diag, &m->values[j].loc,
						 "unknown arch '%s'; did you mean '%s'? expected x86_64, x86, arm64, arm or riscv64",
						 m->values[j].name, sg_arch_find(near)->minijail_name);
				else
					sg_error(r->diag, &m->values[j].loc,
						 "unknown arch '%s'; expected x86_64, x86, arm64, arm or riscv64",
						 m->values[j].name);
				*bad = 1;
			}
		}
		applies = applies && match;
	}
	return applies;
}

static struct slot *lookup_syscall(struct resolver *r, const struct sg_descriptor *d)
{
	const struct sg_named_value *s = sg_arch_syscall(r->arch, d->name);
	if (!s) {
		sg_unknown_syscall(r->diag, r->arch, &d->loc, d->name);
		return NULL;
	}
	return &r->slots[s - r->arch->syscalls];
}

/* A part of a descriptor's name, for a caret under just that part. */
static const struct sg_loc *name_part(struct resolver *r, const struct sg_descriptor *d, size_t from, size_t len)
{
	if (d->loc.first_line != d->loc.last_line)
		return &d->loc;
	struct sg_loc *loc = sg_alloc(r->arena, sizeof(*loc));
	*loc = d->loc;
	loc->first_column += (int)from;
	loc->last_column = loc->first_column + (int)(len ? len : 1) - 1;
	return loc;
}

/* name@namespace: every syscall of the group, from the arch's
 * constants.json (minijail: tools/parser.py, _parse_syscall_descriptor).
 * NULL after an error. */
static const struct sg_syscall_group *lookup_group(struct resolver *r, const struct sg_descriptor *d)
{
	const char *at = strchr(d->name, '@');
	size_t len = strlen(d->name), name_len = (size_t)(at - d->name);
	if (name_len == 0 || !at[1] || strchr(at + 1, '@')) {
		sg_error(r->diag, &d->loc, "'%s' is not a syscall group: those are written name@namespace", d->name);
		return NULL;
	}
	if (r->arch->groups_problem) {
		sg_error(r->diag, &d->loc, "'%s' is a syscall group, but the syscall_groups of %s's constants.json are malformed",
			 d->name, r->arch->name);
		sg_note(r->diag, r->arch->groups_problem_loc, "%s", r->arch->groups_problem);
		return NULL;
	}
	if (r->arch->ngroups == 0) {
		sg_error(r->diag, &d->loc,
			 "'%s' is a syscall group, and %s has none: groups come from the \"syscall_groups\" of a constants.json (--arch-json)",
			 d->name, r->arch->name);
		return NULL;
	}
	char *group = sg_strndup(r->arena, d->name, name_len);
	int space_known;
	const struct sg_syscall_group *g = sg_arch_group(r->arch, at + 1, group, &space_known);
	if (!space_known)
		sg_error(r->diag, name_part(r, d, name_len + 1, len - name_len - 1),
			 "unknown syscall group namespace '%s' on %s", at + 1, r->arch->name);
	else if (!g)
		sg_error(r->diag, name_part(r, d, 0, name_len), "unknown syscall group '%s' in namespace '%s' on %s",
			 group, at + 1, r->arch->name);
	return g;
}

/* Appends a rule and the name it was written under; the two arrays grow
 * in step, so one capacity serves both. */
static void add_rule(struct resolver *r, struct slot *slot, const struct sg_ir_rule *rule,
		     const struct sg_loc *site)
{
	size_t cap = slot->cap;
	slot->rules = sg_grow(r->arena, slot->rules, slot->nrules, &slot->cap, sizeof(*slot->rules));
	slot->sites = sg_grow(r->arena, slot->sites, slot->nrules, &cap, sizeof(*slot->sites));
	slot->rules[slot->nrules] = *rule;
	slot->sites[slot->nrules++] = site;
}

/* Adds rule's comparisons to the slot's count; past the limit, an error
 * (once per syscall) and -1. */
static int count_atoms(struct resolver *r, struct slot *slot, const struct sg_ir_rule *rule,
		       const struct sg_filter *f, const struct sg_descriptor *d)
{
	size_t n = 0;
	for (size_t i = 0; i < rule->nclauses; i++)
		n += rule->clauses[i].natoms;
	if (slot->too_many)
		return -1;
	if (slot->natoms + n <= SG_MAX_SYSCALL_ATOMS) {
		slot->natoms += n;
		return 0;
	}
	slot->too_many = 1;
	sg_error(r->diag, &f->loc,
		 "too many comparisons for syscall '%s': more than %d, and each takes at least one of the "
		 "4096 instructions the kernel accepts",
		 d->name, SG_MAX_SYSCALL_ATOMS);
	return -1;
}

static void add_filter_stmt(struct resolver *r, const struct sg_stmt *s)
{
	/* The filters are resolved even when every name is for another arch:
	 * their constants must still exist (as in minijail). */
	size_t n = s->u.filter.nfilters;
	struct sg_ir_rule *rules = sg_alloc_array(r->arena, n, sizeof(*rules));
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		if (resolve_filter(r, &s->u.filter.filters[i], &rules[i]))
			bad = 1;
	for (size_t i = 0; i < s->u.filter.ndescs; i++) {
		const struct sg_descriptor *d = &s->u.filter.descs[i];
		if (!applies_here(r, d, &bad))
			continue;
		if (strchr(d->name, '@')) {
			const struct sg_syscall_group *g = lookup_group(r, d);
			for (size_t k = 0; g && !bad && k < g->nmembers; k++) {
				const struct sg_named_value *sc = sg_arch_syscall(r->arch, g->members[k]);
				for (size_t j = 0; j < n; j++)
					add_rule(r, &r->slots[sc - r->arch->syscalls], &rules[j], &d->loc);
			}
			continue;
		}
		struct slot *slot = lookup_syscall(r, d);
		if (!slot || bad)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (count_atoms(r, slot, &rules[j], &s->u.filter.filters[j], d))
				break;
			add_rule(r, slot, &rules[j], &d->loc);
		}
	}
}

static void add_frequency(struct resolver *r, const struct sg_stmt *s)
{
	for (size_t i = 0; i < s->u.include.nentries; i++) {
		const struct sg_freq_entry *e = &s->u.include.entries[i];
		int bad = 0;
		if (!applies_here(r, &e->desc, &bad) || bad)
			continue;
		/* A group weighs each of its syscalls, as in minijail. */
		int is_group = strchr(e->desc.name, '@') != NULL;
		const struct sg_syscall_group *g = is_group ? lookup_group(r, &e->desc) : NULL;
		struct slot *one = is_group ? NULL : lookup_syscall(r, &e->desc);
		if (!g && !one)
			continue;
		if (e->weight.negative && e->weight.mag) {
			sg_error(r->diag, &e->weight_loc, "a frequency must not be negative");
			continue;
		}
		size_t count = g ? g->nmembers : 1;
		for (size_t k = 0; k < count; k++) {
			struct slot *slot = g ? &r->slots[sg_arch_syscall(r->arch, g->members[k]) - r->arch->syscalls] : one;
			/* Weights only order the dispatch; saturate rather than fail. */
			uint64_t w = e->weight.overflow ? UINT64_MAX : e->weight.mag;
			uint64_t base = slot->weighted ? slot->weight : 0;
			slot->weight = base + w < base ? UINT64_MAX : base + w;
			slot->weighted = 1;
		}
	}
}

static void set_default(struct resolver *r, const struct sg_action *a)
{
	if (r->permissive_default) {
		r->default_action = a;
		return;
	}
	/* minijail accepts only non-permissive actions after @default. */
	switch (a->kind) {
	case SG_ACT_KILL: case SG_ACT_KILL_PROCESS: case SG_ACT_KILL_THREAD:
	case SG_ACT_TRAP: case SG_ACT_USER_NOTIFY:
		r->default_action = a;
		return;
	default:
		sg_error(r->diag, &a->loc,
			 "@default must be kill, kill-process, kill-thread, trap or user-notify");
	}
}

static void walk(struct resolver *r, const struct sg_file *f, int depth)
{
	for (const struct sg_stmt *s = f->stmts; s; s = s->next) {
		if (sg_diag_saturated(r->diag))
			return;
		switch (s->kind) {
		case SG_STMT_FILTER:
			add_filter_stmt(r, s);
			break;
		case SG_STMT_INCLUDE:
			if (s->u.include.file)
				walk(r, s->u.include.file, depth + 1);
			break;
		case SG_STMT_FREQUENCY:
			add_frequency(r, s);
			break;
		case SG_STMT_DEFAULT:
			set_default(r, &s->u.action);
			break;
		case SG_STMT_DENYLIST:
			if (!r->opts->denylist)
				sg_error(r->diag, &s->loc, "the policy is a denylist (@denylist) but --denylist was not given");
			if (depth == 0)
				r->top_denylist = 1;
			break;
		}
	}
}

/* The return value for syscalls that reach no unconditional rule. */
static int default_ret(struct resolver *r, uint32_t *ret)
{
	if (r->opts->default_action) {
		if (r->opts->ret_log && strcmp(r->opts->default_action, "kill") == 0) {
			*ret = r->kill_ret;
			return 0;
		}
		if (sg_parse_action_word(r->opts->default_action, r->arch, r->opts->use_kill_process, ret)) {
			sg_error(r->diag, NULL, "invalid --default-action '%s'", r->opts->default_action);
			return -1;
		}
		return 0;
	}
	/* @default takes a kill action even in a denylist policy. */
	if (r->default_action)
		return resolve_action(r, r->default_action, 0, ret);
	*ret = r->opts->denylist ? SG_RET_ALLOW : r->kill_ret;
	return 0;
}

/* minijail's merge: at most one unconditional rule per syscall, last;
 * the default is appended where there is none. */
static int finish_slot(struct resolver *r, size_t index, struct slot *slot, uint32_t dflt,
		       struct sg_ir_syscall *out)
{
	size_t first = slot->nrules;
	for (size_t i = 0; i < slot->nrules; i++)
		if (slot->rules[i].nclauses == 0) {
			first = i;
			break;
		}
	const char *name = sg_value_name(r->arch, &r->arch->syscalls[index]);
	if (first + 1 < slot->nrules) {
		sg_error(r->diag, slot->sites[first + 1], "syscall '%s' already has an unconditional action", name);
		sg_note(r->diag, slot->sites[first], "the unconditional action is here");
		return -1;
	}
	struct sg_ir_decision *d = sg_alloc(r->arena, sizeof(*d));
	d->rules = slot->rules;
	d->nrules = slot->nrules;
	if (first == slot->nrules) {
		struct sg_ir_rule *rule = &SG_PUSH(r->arena, slot->rules, slot->nrules, slot->cap);
		memset(rule, 0, sizeof(*rule));
		rule->ret = dflt;
		d->rules = slot->rules;
		d->nrules = slot->nrules;
	}
	/* A rule whose action is also what follows it decides nothing:
	 * {arg2 == SIGABRT; allow, allow} is allow.  Dropping it lets the
	 * syscall share a range with its neighbours and keeps its allow
	 * visible to the kernel's action cache. */
	while (d->nrules >= 2 && d->rules[d->nrules - 2].ret == d->rules[d->nrules - 1].ret) {
		d->rules[d->nrules - 2] = d->rules[d->nrules - 1];
		d->nrules--;
	}
	out->name = name;
	out->nr = (uint32_t)r->arch->syscalls[index].value;
	out->weight = slot->weighted ? slot->weight : 1;
	out->decision = d;
	return 0;
}

static int by_number(const void *a, const void *b)
{
	const struct sg_ir_syscall *x = a, *y = b;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

struct sg_ir_program *sg_resolve(struct sg_arena *arena, struct sg_diag *diag,
				 const struct sg_file *top, const struct sg_resolve_options *opts)
{
	unsigned errors = diag->errors;
	struct resolver r = { .arena = arena, .diag = diag, .opts = opts, .arch = opts->arch };
	r.word_mask = opts->arch->bits == 64 ? UINT64_MAX : 0xffffffffu;
	r.kill_ret = opts->use_kill_process ? SG_RET_KILL_PROCESS : SG_RET_KILL_THREAD;
	/* --use-ret-log: what would kill logs instead, a wrong arch included,
	 * as minijail's compile_seccomp_policy.py makes its kill action. */
	if (opts->ret_log)
		r.kill_ret = SG_RET_LOG;
	r.slots = sg_alloc_array(arena, opts->arch->nsyscalls, sizeof(*r.slots));
	r.permissive_default = top->permissive_default;
	walk(&r, top, 0);
	if (opts->denylist && !r.top_denylist)
		sg_error(diag, NULL, "--denylist was given but %s has no @denylist line", top->src->path);

	struct sg_ir_program *p = sg_alloc(arena, sizeof(*p));
	p->name = opts->name;
	p->arch = opts->arch;
	p->kill_ret = r.kill_ret;
	p->minus_one_default = top->minus_one_default;
	uint32_t dflt = 0;
	if (default_ret(&r, &dflt) == 0)
		p->default_ret = opts->denylist ? SG_RET_ALLOW : dflt;
	p->syscalls = sg_alloc_array(arena, opts->arch->nsyscalls, sizeof(*p->syscalls));
	for (size_t i = 0; i < opts->arch->nsyscalls; i++) {
		struct slot *slot = &r.slots[i];
		if (slot->nrules == 0)
			continue;
		if (finish_slot(&r, i, slot, dflt, &p->syscalls[p->nsyscalls]) == 0)
			p->nsyscalls++;
	}
	qsort(p->syscalls, p->nsyscalls, sizeof(*p->syscalls), by_number);
	/* Two names for one number (arm's sync_file_range2 and
	 * arm_sync_file_range are both 341): the program can give the number
	 * only one decision, so different filters for the two are an error
	 * rather than one of them silently winning. */
	for (size_t i = 1; i < p->nsyscalls; i++)
		if (p->syscalls[i].nr == p->syscalls[i - 1].nr &&
		    !sg_ir_decision_equal(p->syscalls[i].decision, p->syscalls[i - 1].decision))
			sg_error(diag, NULL, "'%s' and '%s' are the same syscall (%u) on %s; give them the same filters",
				 p->syscalls[i - 1].name, p->syscalls[i].name, p->syscalls[i].nr, p->arch->name);
	return diag->errors == errors ? p : NULL;
}

int sg_parse_action_word(const char *text, const struct sg_arch *arch, int use_kill_process,
			 uint32_t *ret)
{
	static const struct { const char *word; uint32_t ret; } words[] = {
		{ "allow", SG_RET_ALLOW }, { "kill-process", SG_RET_KILL_PROCESS },
		{ "kill-thread", SG_RET_KILL_THREAD }, { "trap", SG_RET_TRAP },
		{ "trace", SG_RET_TRACE }, { "log", SG_RET_LOG }, { "user-notify", SG_RET_USER_NOTIF },
	};
	while (*text == ' ')
		text++;
	if (strcmp(text, "kill") == 0) {
		*ret = use_kill_process ? SG_RET_KILL_PROCESS : SG_RET_KILL_THREAD;
		return 0;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(text, words[i].word) == 0) {
			*ret = words[i].ret;
			return 0;
		}
	const char *rest = NULL;
	uint32_t action = SG_RET_ERRNO;
	unsigned long max = SG_MAX_ERRNO;
	if (strncmp(text, "return ", 7) == 0)
		rest = text + 7;
	else if (strncmp(text, "errno ", 6) == 0)
		rest = text + 6;
	else if (strncmp(text, "trace ", 6) == 0) {
		/* seccompiler's {"trace": N}: data for the tracer. */
		rest = text + 6;
		action = SG_RET_TRACE;
		max = SG_RET_DATA;
	}
	if (!rest)
		return -1;
	while (*rest == ' ')
		rest++;
	char *end;
	unsigned long v;
	const struct sg_named_value *c = sg_arch_constant(arch, rest);
	if (c && c->value >= 0) {
		v = (unsigned long)c->value;
	} else {
		if (*rest < '0' || *rest > '9')
			return -1;
		v = strtoul(rest, &end, 0);
		if (*end)
			return -1;
	}
	if (v > max)
		return -1;
	*ret = action | (uint32_t)v;
	return 0;
}
