/* --merge POLICY: an earlier output read back, so that several runs make
 * one policy.  The policy is parsed with seccomp-gen's own front end; its
 * statements must have the forms seccomp-gen-trace writes (`name: 1`,
 * `argN == V || ...` and `argN in MASK || argN in MASK ...` on the
 * argument trace/record/argfilter.c filters), since any other filter could not
 * be widened by a new run without changing its meaning.  Counts come from each statement's
 * "# seen N times: VALUE COUNT, ..." comment when it has one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/ir/resolve.h"
#include "gen/lint/lint.h"
#include "grammar/load.h"
#include "support/arena.h"
#include "support/source.h"
#include "trace/trace.h"

struct merger {
	struct sg_arena *arena;
	struct sg_diag diag;
	struct tr_recorder *rec;
	const struct sg_arch *const *arches; /* for statements without [arch=...] */
	size_t narches;
};

/* What the comment above a statement says. */
struct seen {
	uint64_t count; /* 0: no comment */
	uint64_t values[TR_MAX_VALUES], counts[TR_MAX_VALUES];
	size_t n;
	int values_ok; /* every listed value parsed */
};

/* "TCGETS 10" or "0x541b (FIONREAD, SIOCINQ or TIOCINQ) 2". */
static int seen_item(const struct sg_arch *a, const char *s, size_t len, uint64_t *v, uint64_t *count)
{
	size_t sp = len;
	while (sp > 0 && s[sp - 1] != ' ')
		sp--;
	if (sp == 0 || sp == len)
		return -1;
	char *end;
	*count = strtoull(s + sp, &end, 10);
	if (end != s + len)
		return -1;
	size_t text = sp - 1;
	for (size_t i = 0; i + 1 < text; i++)
		if (s[i] == ' ' && s[i + 1] == '(') {
			text = i;
			break;
		}
	return tr_parse_value(a, s, text, v);
}

static void read_seen(struct merger *m, const struct sg_loc *loc, const struct sg_arch *a, struct seen *out)
{
	memset(out, 0, sizeof(*out));
	size_t len;
	const char *line = loc->first_line > 1 ? sg_source_line((struct sg_source *)loc->src, m->arena,
							       loc->first_line - 1, &len) : NULL;
	size_t n = sizeof(SG_SEEN_PREFIX) - 1;
	if (!line || len <= n || strncmp(line, SG_SEEN_PREFIX, n) != 0)
		return;
	char *text = sg_strndup(m->arena, line, len), *p;
	out->count = strtoull(text + n, &p, 10);
	out->values_ok = 1;
	if (*p == ' ' && p[1] == 't')
		p += strcspn(p, ":(");
	if (*p == '(')
		p += strcspn(p, ")") + (p[strcspn(p, ")")] ? 1 : 0);
	if (*p != ':')
		return;
	p += 2;
	while (*p && out->n < TR_MAX_VALUES) {
		/* Items are separated by ", " outside parentheses. */
		size_t i = 0;
		int depth = 0;
		while (p[i] && !(depth == 0 && p[i] == ',' && p[i + 1] == ' ')) {
			depth += p[i] == '(' ? 1 : p[i] == ')' ? -1 : 0;
			i++;
		}
		if (seen_item(a, p, i, &out->values[out->n], &out->counts[out->n]) == 0)
			out->n++;
		else
			out->values_ok = 0;
		p += i + (p[i] ? 2 : 0);
	}
}

static uint64_t seen_count(const struct seen *s, uint64_t v, size_t k, size_t i)
{
	for (size_t j = 0; j < s->n; j++)
		if (s->values[j] == v)
			return s->counts[j];
	if (s->n || !s->count)
		return 1;
	/* No per-value counts: the total shared out. */
	uint64_t share = s->count / k + (i < s->count % k);
	return share ? share : 1;
}

static int filter_error(struct merger *m, const struct sg_loc *loc, const char *name, const char *why)
{
	sg_error(&m->diag, loc, "cannot merge this filter of '%s': %s; --merge reads the forms seccomp-gen-trace "
		 "writes ('%s: 1', 'argN == V || ...', 'argN in MASK || ...')", name, why, name);
	return -1;
}

static int is_allow(const struct sg_action *act)
{
	if (act->kind == SG_ACT_ALLOW)
		return 1;
	return act->kind == SG_ACT_NUMBER && act->value && act->value->kind == SG_VAL_NUMBER &&
	       act->value->u.num.mag == 1 && !act->value->u.num.negative;
}

/* `argN in A || argN in B ...`: each mask kept apart (a write-xor-exec
 * pair stays one), the values the comment lists recorded where a mask
 * admits them, and the rest of the count on the masks. */
static int merge_masks(struct merger *m, const struct sg_filter *f, const struct tr_argrule *r,
		       const struct seen *seen, struct tr_call *c)
{
	uint64_t masks[16], rest = c->count;
	size_t n = f->nclauses < 16 ? f->nclauses : 16;
	for (size_t i = 0; i < n; i++)
		if (sg_eval_value(&m->diag, c->arch, f->clauses[i].atoms[0].value, &masks[i]))
			return -1;
	if (f->nclauses > n)
		return filter_error(m, &f->clauses[n].atoms[0].loc, r->syscall, "it has more than 16 masks");
	for (size_t j = 0; seen->values_ok && j < seen->n; j++)
		for (size_t i = 0; i < n; i++)
			if (!(seen->values[j] & ~masks[i])) {
				c->args[r->arg] = seen->values[j];
				c->count = seen->counts[j];
				rest -= c->count < rest ? c->count : rest;
				tr_record(m->rec, c);
				break;
			}
	for (size_t i = 0; i < n; i++) {
		c->count = i == 0 ? rest : 0;
		tr_record_mask(m->rec, c, masks[i]);
	}
	return 0;
}

static int merge_one(struct merger *m, const struct sg_stmt *s, const struct sg_descriptor *d,
		     const struct sg_arch *a)
{
	const struct sg_named_value *sys = sg_arch_syscall(a, d->name);
	if (!sys) {
		sg_error(&m->diag, &d->loc, "unknown syscall '%s' on %s", d->name, a->name);
		return -1;
	}
	const struct sg_filter *f = &s->u.filter.filters[0];
	struct seen seen;
	read_seen(m, &s->loc, a, &seen);
	struct tr_call c = { .arch = a, .audit_arch = a->audit_arch, .nr = (uint64_t)sys->value,
			     .count = seen.count ? seen.count : 1 };
	if (f->nclauses == 0) {
		tr_record(m->rec, &c);
		return 0;
	}
	const struct tr_argrule *r = tr_argrule_find(d->name);
	if (!r)
		return filter_error(m, &f->loc, d->name, "seccomp-gen-trace filters no argument of it");
	for (size_t i = 0; i < f->nclauses; i++) {
		const struct sg_clause *cl = &f->clauses[i];
		if (cl->natoms != 1 || cl->atoms[0].arg != r->arg ||
		    cl->atoms[0].op != (r->kind == TR_ARG_EQ ? SG_OP_EQ : SG_OP_IN))
			return filter_error(m, &cl->atoms[0].loc, d->name,
					    sg_printf(m->arena, "it filters only arg%u, with %s", r->arg,
						      r->kind == TR_ARG_EQ ? "'=='" : "'in'"));
	}
	c.known = 1u << r->arg;
	if (r->kind == TR_ARG_MASK)
		return merge_masks(m, f, r, &seen, &c);
	for (size_t i = 0; i < f->nclauses; i++) {
		uint64_t v;
		if (sg_eval_value(&m->diag, a, f->clauses[i].atoms[0].value, &v))
			return -1;
		c.args[r->arg] = v;
		c.count = seen_count(&seen, v, f->nclauses, i);
		tr_record(m->rec, &c);
	}
	return 0;
}

/* The arches a statement is for: its [arch=...], else the merge's. */
static size_t stmt_arches(struct merger *m, const struct sg_descriptor *d, const struct sg_arch **out)
{
	for (size_t i = 0; i < d->nmeta; i++) {
		if (strcmp(d->meta[i].key, "arch") != 0)
			continue;
		size_t n = 0;
		for (size_t j = 0; j < d->meta[i].nvalues && n < 8; j++) {
			const struct sg_arch *a = sg_arch_find(d->meta[i].values[j].name);
			if (!a) {
				sg_error(&m->diag, &d->meta[i].values[j].loc, "unknown arch '%s'",
					 d->meta[i].values[j].name);
				continue;
			}
			out[n++] = a;
		}
		return n;
	}
	for (size_t i = 0; i < m->narches && i < 8; i++)
		out[i] = m->arches[i];
	return m->narches < 8 ? m->narches : 8;
}

static void merge_stmts(struct merger *m, const struct sg_stmt *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case SG_STMT_INCLUDE:
			if (s->u.include.file)
				merge_stmts(m, s->u.include.file->stmts);
			break;
		case SG_STMT_FREQUENCY: /* the counts are in the comments */
		case SG_STMT_DEFAULT:   /* says nothing of what is allowed */
			break;
		case SG_STMT_DENYLIST:
			sg_error(&m->diag, &s->loc, "cannot merge a @denylist policy: it lists what is refused");
			break;
		case SG_STMT_FILTER:
			for (size_t i = 0; i < s->u.filter.ndescs; i++) {
				const struct sg_descriptor *d = &s->u.filter.descs[i];
				if (s->u.filter.nfilters != 1) {
					filter_error(m, &s->loc, d->name, "it has several filters");
					break;
				}
				if (!is_allow(&s->u.filter.filters[0].action)) {
					filter_error(m, &s->u.filter.filters[0].action.loc, d->name,
						     "its action is not allow");
					break;
				}
				const struct sg_arch *arches[8];
				size_t n = stmt_arches(m, d, arches);
				for (size_t k = 0; k < n; k++)
					if (merge_one(m, s, d, arches[k]))
						break;
			}
			break;
		}
		if (sg_diag_saturated(&m->diag))
			return;
	}
}

/* The arches named in [arch=...] anywhere in the file: seccomp-gen-trace
 * leaves the tag out only where a statement holds for every arch it
 * wrote, so untagged statements are for all of these. */
static void tagged_arches(const struct sg_stmt *s, unsigned *mask)
{
	for (; s; s = s->next) {
		if (s->kind == SG_STMT_INCLUDE && s->u.include.file)
			tagged_arches(s->u.include.file->stmts, mask);
		if (s->kind != SG_STMT_FILTER)
			continue;
		for (size_t i = 0; i < s->u.filter.ndescs; i++) {
			const struct sg_descriptor *d = &s->u.filter.descs[i];
			for (size_t j = 0; j < d->nmeta; j++)
				for (size_t k = 0; strcmp(d->meta[j].key, "arch") == 0 && k < d->meta[j].nvalues; k++)
					for (size_t x = 0; sg_arches[x]; x++)
						if (sg_arch_find(d->meta[j].values[k].name) == sg_arches[x])
							*mask |= 1u << x;
		}
	}
}

int tr_merge(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *const *arches,
	     size_t narches)
{
	struct merger m = { .arena = a, .rec = rec, .arches = arches, .narches = narches };
	sg_diag_init(&m.diag, stderr, a);
	struct sg_load_options lo = { 0 };
	struct sg_file *f = sg_load(a, &m.diag, path, &lo);
	if (!f || m.diag.errors)
		return 1;
	if (!arches) {
		unsigned mask = 0;
		tagged_arches(f->stmts, &mask);
		const struct sg_arch **found = sg_alloc_array(a, 8, sizeof(*found));
		size_t n = 0;
		for (size_t x = 0; sg_arches[x] && n < 8; x++)
			if (mask & 1u << x)
				found[n++] = sg_arches[x];
		if (!n && sg_arch_host())
			found[n++] = sg_arch_host();
		if (!n) {
			fprintf(stderr, "seccomp-gen-trace: error: this machine's arch is not a target; give -a\n");
			return 1;
		}
		m.arches = found;
		m.narches = n;
	}
	merge_stmts(&m, f->stmts);
	return m.diag.errors ? 1 : 0;
}
