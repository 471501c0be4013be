#include "gen/lint/lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/lint/lint_danger.h"
#include "gen/lint/unreachable.h"
#include "support/keyset.h"
#include "support/source.h"

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
	/* Off by default: a policy that allows these usually does so on
	 * purpose, after review; -Wdangerous-syscall asks for that review. */
	[SG_LINT_DANGEROUS_SYSCALL] = { "dangerous-syscall", 0 },
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
	struct sg_keyset reported;
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
	return sg_keyset_add(&l->reported, l->diag->arena, (uint64_t)(uintptr_t)loc);
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

static void check_atom(struct lint *l, const struct sg_ir_atom *a)
{
	if (!a->loc || !first_report(l, a->loc))
		return;
	int k = sg_atom_constant(l->ir, a);
	unsigned bits = l->ir->arch->bits == 32 || a->width == 32 ? 32 : 64;
	if (a->op == SG_OP_MASK && a->value == 0) {
		if (l->enabled & 1u << SG_LINT_ZERO_MASK)
			warn(l, SG_LINT_ZERO_MASK, a->loc, NULL,
			     "the mask is 0 on %s, so '&' never holds; to test for 0, write '== 0'", l->ir->arch->name);
	} else if (k >= 0 && (l->enabled & 1u << SG_LINT_CONSTANT_COMPARISON)) {
		warn(l, SG_LINT_CONSTANT_COMPARISON, a->loc, NULL, "this comparison is always %s for a %u-bit argument",
		     k ? "true" : "false", bits);
	}
}

/* A rule sg_unreachable_rules() found. */
static void unreachable(void *ctx, const struct sg_ir_syscall *s, const struct sg_ir_rule *r,
			const struct sg_ir_rule *by)
{
	struct lint *l = ctx;
	if (!first_report(l, r->loc))
		return;
	warn(l, SG_LINT_UNREACHABLE_FILTER, r->loc, by->loc,
	     "this filter for '%s' can never match: an earlier one matches first", s->name);
}

static void check_ir(struct lint *l)
{
	for (size_t i = 0; i < l->ir->nsyscalls; i++) {
		const struct sg_ir_decision *d = l->ir->syscalls[i].decision;
		for (size_t j = 0; j < d->nrules; j++)
			for (size_t c = 0; c < d->rules[j].nclauses; c++)
				for (size_t a = 0; a < d->rules[j].clauses[c].natoms; a++)
					check_atom(l, &d->rules[j].clauses[c].atoms[a]);
	}
	if (l->enabled & 1u << SG_LINT_UNREACHABLE_FILTER)
		sg_unreachable_rules(l->ir, unreachable, l);
}

/* A finding of gen/lint/lint_danger.c. */
static void dangerous(void *ctx, const struct sg_loc *loc, const char *msg)
{
	warn(ctx, SG_LINT_DANGEROUS_SYSCALL, loc, NULL, "%s", msg);
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
	if (enabled & 1u << SG_LINT_DANGEROUS_SYSCALL)
		sg_dangerous_syscalls(ir, diag->arena, dangerous, &l);
	report(&l);
	free(l.files);
	free(l.findings);
}
