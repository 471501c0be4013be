#include "gen/backend/too_long.h"

#include <stdlib.h>

#include "support/source.h"

struct share {
	unsigned id;  /* decision */
	size_t insns; /* its code, after optimisation */
	const struct sg_ir_syscall *first; /* the first syscall with it */
	size_t nsyscalls;
};

static int by_size(const void *x, const void *y)
{
	const struct share *a = x, *b = y;
	if (a->insns != b->insns)
		return a->insns > b->insns ? -1 : 1;
	return a->first->nr < b->first->nr ? -1 : a->first->nr > b->first->nr; /* deterministic */
}

/* The first rule of d written in the policy (the default appended for a
 * syscall without an unconditional rule has no place). */
static const struct sg_loc *first_place(const struct sg_ir_decision *d)
{
	for (size_t i = 0; i < d->nrules; i++)
		if (d->rules[i].loc)
			return d->rules[i].loc;
	return NULL;
}

void sg_report_too_long(struct sg_diag *diag, const struct sg_ir_program *ir, const struct sg_dispatch *dispatch,
			const struct sg_program *prog)
{
	sg_error(diag, NULL, "policy '%s' compiles to %zu instructions for %s; the kernel accepts at most %d", ir->name,
		 prog->len, ir->arch->name, SG_BPF_MAXINSNS);
	size_t n = dispatch->ndecisions, dispatch_insns = 0;
	struct share *shares = calloc(n + 1, sizeof(*shares));
	if (!shares)
		abort();
	for (size_t i = 0; i < n; i++)
		shares[i].id = (unsigned)i;
	for (size_t pc = 0; pc < prog->len; pc++) {
		unsigned owner = prog->notes[pc].owner;
		if (owner && owner <= n)
			shares[owner - 1].insns++;
		else
			dispatch_insns++;
	}
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		struct share *sh = &shares[ir->syscalls[s].decision->id];
		if (!sh->nsyscalls++)
			sh->first = &ir->syscalls[s];
	}
	/* Decisions no syscall has (the default's) are the dispatch's. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (shares[i].nsyscalls && shares[i].insns)
			shares[k++] = shares[i];
		else
			dispatch_insns += shares[i].insns;
	}
	qsort(shares, k, sizeof(*shares), by_size);
	for (size_t i = 0; i < k && i < SG_TOO_LONG_NOTES; i++) {
		const struct share *sh = &shares[i];
		const struct sg_loc *loc = first_place(sh->first->decision);
		if (sh->nsyscalls > 1)
			sg_note(diag, loc, "'%s' and %zu more syscalls with the same filters take %zu instructions%s",
				sh->first->name, sh->nsyscalls - 1, sh->insns, loc ? "; their filters start here" : "");
		else
			sg_note(diag, loc, "'%s' takes %zu instructions%s", sh->first->name, sh->insns,
				loc ? "; its filters start here" : "");
	}
	if (k > SG_TOO_LONG_NOTES) {
		size_t rest = 0;
		for (size_t i = SG_TOO_LONG_NOTES; i < k; i++)
			rest += shares[i].insns;
		sg_note(diag, NULL, "%zu more syscalls with argument filters take %zu instructions; the arch check and "
			"the syscall-number dispatch %zu", k - SG_TOO_LONG_NOTES, rest, dispatch_insns);
	} else {
		sg_note(diag, NULL, "the arch check and the syscall-number dispatch take %zu instructions", dispatch_insns);
	}
	free(shares);
}
