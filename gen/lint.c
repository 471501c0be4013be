#include "gen/lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/ir_eval.h"
#include "grammar/source.h"

static const struct {
	const char *name;
	int on_by_default;
} lints[SG_NLINTS] = {
	[SG_LINT_ZERO_MASK] = { "zero-mask", 1 },
	[SG_LINT_CONSTANT_COMPARISON] = { "constant-comparison", 1 },
	[SG_LINT_UNREACHABLE_FILTER] = { "unreachable-filter", 1 },
	[SG_LINT_ARCH_SYSCALL] = { "arch-syscall", 1 },
	/* Off by default: the form is correct for this compiler (and for
	 * minijail's build-time compiler); it only matters for policies also
	 * read by minijail's run-time parser. */
	[SG_LINT_RETURN_AFTER_CONDITION] = { "return-after-condition", 0 },
};

int sg_lint_find(const char *name)
{
	for (int i = 0; i < SG_NLINTS; i++)
		if (strcmp(name, lints[i].name) == 0)
			return i;
	return -1;
}

const char *sg_lint_name(enum sg_lint lint)
{
	return lints[lint].name;
}

unsigned sg_lint_enabled(unsigned on, unsigned off)
{
	unsigned set = 0;
	for (int i = 0; i < SG_NLINTS; i++)
		if (lints[i].on_by_default)
			set |= 1u << i;
	return (set | on) & ~off;
}

/* A warning to give, once all are known: they are given in source
 * order, not in the order found (the IR is in syscall-number order). */
struct finding {
	const struct sg_loc *loc, *note; /* note: "the earlier filter is here" */
	enum sg_lint which;
	char *msg;
	size_t order; /* of loc's file among the files, in include order */
};

struct lint {
	struct sg_diag *diag;
	const struct sg_ir_program *ir;
	unsigned enabled;
	/* Rules and atoms are shared by the syscalls of one statement:
	 * report each place once. */
	const struct sg_loc **reported;
	size_t nreported, cap;
	const struct sg_source **files; /* in include order */
	size_t nfiles, files_cap;
	struct finding *findings;
	size_t nfindings, findings_cap;
};

static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 32;
	v = realloc(v, *cap * size);
	if (!v)
		abort();
	return v;
}

static int first_report(struct lint *l, const struct sg_loc *loc)
{
	for (size_t i = 0; i < l->nreported; i++)
		if (l->reported[i] == loc)
			return 0;
	l->reported = grow(l->reported, l->nreported, &l->cap, sizeof(*l->reported));
	l->reported[l->nreported++] = loc;
	return 1;
}

static size_t file_order(const struct lint *l, const struct sg_source *src)
{
	for (size_t i = 0; i < l->nfiles; i++)
		if (l->files[i] == src)
			return i;
	return l->nfiles;
}

__attribute__((format(printf, 5, 6)))
static void warn(struct lint *l, enum sg_lint which, const struct sg_loc *loc, const struct sg_loc *note,
		 const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->findings = grow(l->findings, l->nfindings, &l->findings_cap, sizeof(*l->findings));
	struct finding *f = &l->findings[l->nfindings++];
	f->loc = loc;
	f->note = note;
	f->which = which;
	f->msg = strdup(msg);
	f->order = file_order(l, loc->src);
	if (!f->msg)
		abort();
}

static int by_place(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->loc->first_line != b->loc->first_line)
		return a->loc->first_line < b->loc->first_line ? -1 : 1;
	if (a->loc->first_column != b->loc->first_column)
		return a->loc->first_column < b->loc->first_column ? -1 : 1;
	return a->which < b->which ? -1 : a->which > b->which;
}

static void report(struct lint *l)
{
	if (l->nfindings) /* qsort(NULL, 0, ...) is undefined */
		qsort(l->findings, l->nfindings, sizeof(*l->findings), by_place);
	for (size_t i = 0; i < l->nfindings; i++) {
		struct finding *f = &l->findings[i];
		/* As gcc names them: [-Wname], or [-Werror=name] under -Werror. */
		sg_warning(l->diag, f->loc, "%s [-W%s%s]", f->msg, l->diag->werror ? "error=" : "",
			   lints[f->which].name);
		if (f->note)
			sg_note(l->diag, f->note, "the earlier filter is here");
		free(f->msg);
	}
}

/* --- comparisons -------------------------------------------------------- */

/* All ones in the bits a compares: the target's word, or 32 bits. */
static uint64_t word_of(const struct lint *l, const struct sg_ir_atom *a)
{
	return l->ir->arch->bits == 32 || a->width == 32 ? 0xffffffffu : UINT64_MAX;
}

/* 1 if a holds for every argument, 0 if for none, -1 if it depends. */
static int constant_value(const struct lint *l, const struct sg_ir_atom *a)
{
	uint64_t w = word_of(l, a);
	switch (a->op) {
	case SG_OP_GE: return a->value == 0 ? 1 : -1;
	case SG_OP_LT: return a->value == 0 ? 0 : -1;
	case SG_OP_GT: return a->value == w ? 0 : -1;
	case SG_OP_LE: return a->value == w ? 1 : -1;
	case SG_OP_IN: return a->value == w ? 1 : -1;
	case SG_OP_MASK: return a->value == 0 ? 0 : -1;
	default: return -1;
	}
}

static void check_atom(struct lint *l, const struct sg_ir_atom *a)
{
	if (!a->loc || !first_report(l, a->loc))
		return;
	int k = constant_value(l, a);
	unsigned bits = word_of(l, a) == UINT64_MAX ? 64 : 32;
	if (a->op == SG_OP_MASK && a->value == 0) {
		if (l->enabled & 1u << SG_LINT_ZERO_MASK)
			warn(l, SG_LINT_ZERO_MASK, a->loc, NULL,
			     "the mask is 0 on %s, so '&' never holds; to test for 0, write '== 0'", l->ir->arch->name);
	} else if (k >= 0 && (l->enabled & 1u << SG_LINT_CONSTANT_COMPARISON)) {
		warn(l, SG_LINT_CONSTANT_COMPARISON, a->loc, NULL, "this comparison is always %s for a %u-bit argument",
		     k ? "true" : "false", bits);
	}
}

/* The values a comparison of the interval kind holds for: [*lo, *hi].
 * Returns 0 for the other kinds, and for an empty interval. */
static int interval(const struct lint *l, const struct sg_ir_atom *a, uint64_t *lo, uint64_t *hi)
{
	uint64_t w = word_of(l, a), v = a->value;
	*lo = 0;
	*hi = w;
	switch (a->op) {
	case SG_OP_EQ: *lo = *hi = v; return 1;
	case SG_OP_GE: *lo = v; return 1;
	case SG_OP_GT: *lo = v + 1; return v < w;
	case SG_OP_LE: *hi = v; return 1;
	case SG_OP_LT: *hi = v - 1; return v > 0;
	default: return 0;
	}
}

/* Whenever a holds, b holds (a and b compare the same argument).  Sound,
 * not complete: when unsure, 0. */
static int implies(const struct lint *l, const struct sg_ir_atom *a, const struct sg_ir_atom *b)
{
	uint64_t alo, ahi, blo, bhi;
	if (a->arg != b->arg || a->width != b->width)
		return 0;
	if (constant_value(l, b) == 1)
		return 1;
	if (a->op == SG_OP_EQ) {
		/* One value: b decides on it exactly. */
		uint64_t args[6] = { 0 };
		args[a->arg] = a->value;
		return sg_ir_atom_holds(l->ir, b, args);
	}
	if (interval(l, a, &alo, &ahi)) {
		if (interval(l, b, &blo, &bhi))
			return blo <= alo && ahi <= bhi;
		if (b->op == SG_OP_NE)
			return b->value < alo || b->value > ahi;
		return 0;
	}
	uint64_t w = word_of(l, a);
	switch (a->op) {
	case SG_OP_MASK: /* some bit of a->value */
		if (b->op == SG_OP_MASK)
			return (a->value & ~b->value) == 0;
		if (b->op == SG_OP_NE)
			return b->value == 0;
		return 0;
	case SG_OP_IN: /* no bit outside a->value */
		if (b->op == SG_OP_IN)
			return (a->value & ~b->value & w) == 0;
		if (b->op == SG_OP_NE)
			return (b->value & ~a->value & w) != 0;
		if (b->op == SG_OP_LE)
			return a->value <= b->value;
		return 0;
	case SG_OP_NE:
		return b->op == SG_OP_NE && b->value == a->value;
	default:
		return 0;
	}
}

/* Whenever clause c holds, clause e holds. */
static int clause_implies(const struct lint *l, const struct sg_ir_clause *c, const struct sg_ir_clause *e)
{
	for (size_t i = 0; i < e->natoms; i++) {
		int found = constant_value(l, &e->atoms[i]) == 1;
		for (size_t j = 0; j < c->natoms && !found; j++)
			found = implies(l, &c->atoms[j], &e->atoms[i]);
		if (!found)
			return 0;
	}
	return 1;
}

static int clause_never_holds(const struct lint *l, const struct sg_ir_clause *c)
{
	for (size_t i = 0; i < c->natoms; i++)
		if (constant_value(l, &c->atoms[i]) == 0)
			return 1;
	return 0;
}

/* Rule j of d can never be the first to match when each of its clauses
 * either never holds or implies a clause of an earlier rule.  (Clauses
 * that never hold are reported by the comparison lints; the rule is
 * reported here only if an earlier rule shadows some of it.) */
static void check_rule(struct lint *l, const struct sg_ir_syscall *s, size_t j)
{
	const struct sg_ir_decision *d = s->decision;
	const struct sg_ir_rule *r = &d->rules[j], *by = NULL;
	if (!r->nclauses || !r->loc)
		return;
	for (size_t c = 0; c < r->nclauses; c++) {
		const struct sg_ir_clause *cl = &r->clauses[c];
		if (clause_never_holds(l, cl))
			continue;
		const struct sg_ir_rule *found = NULL;
		for (size_t i = 0; i < j && !found; i++)
			for (size_t e = 0; e < d->rules[i].nclauses && !found; e++)
				if (clause_implies(l, cl, &d->rules[i].clauses[e]))
					found = &d->rules[i];
		if (!found)
			return;
		if (!by)
			by = found;
	}
	if (!by || !first_report(l, r->loc))
		return;
	warn(l, SG_LINT_UNREACHABLE_FILTER, r->loc, by->loc,
	     "this filter for '%s' can never match: an earlier one matches first", s->name);
}

static void check_ir(struct lint *l)
{
	for (size_t i = 0; i < l->ir->nsyscalls; i++) {
		const struct sg_ir_decision *d = l->ir->syscalls[i].decision;
		for (size_t j = 0; j < d->nrules; j++) {
			for (size_t c = 0; c < d->rules[j].nclauses; c++)
				for (size_t a = 0; a < d->rules[j].clauses[c].natoms; a++)
					check_atom(l, &d->rules[j].clauses[c].atoms[a]);
			if (l->enabled & 1u << SG_LINT_UNREACHABLE_FILTER)
				check_rule(l, &l->ir->syscalls[i], j);
		}
	}
}

/* --- statements --------------------------------------------------------- */

/* A statement guarded by [arch=...] names arches; the syscall must exist
 * on each (on the target it is an error already, as in minijail). */
static void check_arch_names(struct lint *l, const struct sg_stmt *s)
{
	for (size_t i = 0; i < s->u.filter.ndescs; i++) {
		const struct sg_descriptor *d = &s->u.filter.descs[i];
		for (size_t m = 0; m < d->nmeta; m++) {
			if (strcmp(d->meta[m].key, "arch") != 0)
				continue;
			for (size_t v = 0; v < d->meta[m].nvalues; v++) {
				const struct sg_arch *a = sg_arch_find(d->meta[m].values[v].name);
				/* A group (name@namespace) is only in the target's table. */
				if (a && a != l->ir->arch && !strchr(d->name, '@') && !sg_arch_syscall(a, d->name))
					warn(l, SG_LINT_ARCH_SYSCALL, &d->meta[m].values[v].loc, NULL,
					     "syscall '%.64s' does not exist on %s, which this statement names", d->name,
					     d->meta[m].values[v].name);
			}
		}
	}
}

/* minijail's run-time parser (libminijail's syscall_filter.c) reads
 * "EXPR; return N" as: allow when EXPR holds, else fail with N; its
 * build-time compiler, and seccomp-gen, return N when EXPR holds. */
static void check_return_after(struct lint *l, const struct sg_stmt *s)
{
	for (size_t i = 0; i < s->u.filter.nfilters; i++) {
		const struct sg_filter *f = &s->u.filter.filters[i];
		if (f->nclauses && f->action.kind == SG_ACT_RETURN)
			warn(l, SG_LINT_RETURN_AFTER_CONDITION, &f->action.loc, NULL,
			     "this returns the errno when the condition holds; minijail's run-time parser reads it the "
			     "other way round (allow when it holds, the errno otherwise)");
	}
}

static void walk(struct lint *l, const struct sg_file *f)
{
	l->files = grow(l->files, l->nfiles, &l->files_cap, sizeof(*l->files));
	l->files[l->nfiles++] = f->src;
	for (const struct sg_stmt *s = f->stmts; s; s = s->next) {
		if (s->kind == SG_STMT_INCLUDE && s->u.include.file) {
			walk(l, s->u.include.file);
		} else if (s->kind == SG_STMT_FILTER) {
			if (l->enabled & 1u << SG_LINT_ARCH_SYSCALL)
				check_arch_names(l, s);
			if (l->enabled & 1u << SG_LINT_RETURN_AFTER_CONDITION)
				check_return_after(l, s);
		}
	}
}

void sg_lint(struct sg_diag *diag, const struct sg_file *top, const struct sg_ir_program *ir, unsigned enabled)
{
	struct lint l;
	if (!enabled)
		return;
	memset(&l, 0, sizeof(l));
	l.diag = diag;
	l.ir = ir;
	l.enabled = enabled;
	walk(&l, top);
	check_ir(&l);
	report(&l);
	free(l.reported);
	free(l.files);
	free(l.findings);
}
