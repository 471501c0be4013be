/* The policy: one statement per syscall, sorted by name, each under a
 * comment with how often the run made it and with which argument values.
 * Statements are made per arch and then merged where their text is the
 * same, so a run with compat calls gets `name[arch=x86]: ...` only where
 * the ABIs differ.  Written to a temporary file and renamed, so a failure
 * leaves nothing behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "gen/lint/lint.h"
#include "gen/write/output.h"
#include "support/arena.h"
#include "trace/trace.h"

struct stmt {
	const char *name;
	const char *body;    /* after "name: " */
	const char **vtexts; /* value texts, for the comment (NULL: unconditional) */
	uint64_t *vcounts;
	size_t nv;
	const char *note;    /* why the syscall is unconditional, or NULL */
	const char *wx;      /* why writable and executable memory is allowed, or NULL */
	uint64_t count;
	unsigned arches;     /* bit i: written arch i */
};

static int cmp_value(const void *pa, const void *pb)
{
	const struct tr_value *a = pa, *b = pb;
	return a->value < b->value ? -1 : a->value > b->value;
}

static void render(struct sg_arena *ar, const struct tr_sys *s, struct stmt *st)
{
	const struct tr_argrule *r = s->rule;
	st->body = "1";
	if (!r)
		return;
	if (s->overflow) {
		st->note = sg_printf(ar, "more than %d values of arg%u: not filtered", TR_MAX_VALUES, r->arg);
		return;
	}
	if (s->unfiltered) {
		st->note = sg_printf(ar, "arg%u not known for %llu %s: not filtered", r->arg,
				     (unsigned long long)s->unfiltered, s->unfiltered == 1 ? "call" : "calls");
		return;
	}
	if (r->kind == TR_ARG_EQ && !s->nvalues)
		return;
	struct tr_value *v = sg_alloc_array(ar, s->nvalues, sizeof(*v));
	memcpy(v, s->values, s->nvalues * sizeof(*v));
	qsort(v, s->nvalues, sizeof(*v), cmp_value);
	st->nv = s->nvalues;
	st->vtexts = sg_alloc_array(ar, st->nv, sizeof(*st->vtexts));
	st->vcounts = sg_alloc_array(ar, st->nv, sizeof(*st->vcounts));
	uint64_t *raw = sg_alloc_array(ar, st->nv ? st->nv : 1, sizeof(*raw));
	const char *body = sg_strdup(ar, "");
	for (size_t i = 0; i < st->nv; i++) {
		const char *alts;
		const char *t = tr_value_text(ar, s->arch, r->family, v[i].value, &alts);
		st->vtexts[i] = alts ? sg_printf(ar, "%s (%s)", t, alts) : t;
		st->vcounts[i] = v[i].count;
		raw[i] = v[i].value;
		if (r->kind == TR_ARG_EQ)
			body = sg_printf(ar, "%s%sarg%u == %s", body, i == 0 ? "" : i % 3 ? " || " : " || \\\n\t",
					 r->arg, t);
	}
	if (r->kind == TR_ARG_MASK)
		body = tr_mask_cond(ar, s->arch, r, raw, st->nv, s->floors, s->nfloors, &st->wx);
	st->body = body;
}

static int same_stmt(const struct stmt *a, const struct stmt *b)
{
	if (strcmp(a->name, b->name) || strcmp(a->body, b->body) || a->nv != b->nv ||
	    (a->note != NULL) != (b->note != NULL) || (a->wx != NULL) != (b->wx != NULL) ||
	    (a->wx && strcmp(a->wx, b->wx)))
		return 0;
	for (size_t i = 0; i < a->nv; i++)
		if (strcmp(a->vtexts[i], b->vtexts[i]))
			return 0;
	return 1;
}

static int cmp_stmt(const void *pa, const void *pb)
{
	const struct stmt *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return a->arches < b->arches ? -1 : a->arches > b->arches;
}

/* "[arch=x86_64,x86]" unless the statement holds for every arch written. */
static const char *arch_tag(struct sg_arena *ar, unsigned arches, const struct sg_arch *const *w, size_t nw)
{
	if (arches == (1u << nw) - 1)
		return "";
	char *tag = sg_strdup(ar, "[arch=");
	int first = 1;
	for (size_t i = 0; i < nw; i++)
		if (arches & 1u << i) {
			tag = sg_printf(ar, "%s%s%s", tag, first ? "" : ",", w[i]->minijail_name);
			first = 0;
		}
	return sg_printf(ar, "%s]", tag);
}

static const char *times(uint64_t n)
{
	return n == 1 ? "time" : "times";
}

static void write_stmt(FILE *f, struct sg_arena *ar, const struct stmt *st, const char *tag)
{
	/* Above the "# seen" line, which --merge reads back. */
	if (st->wx)
		fprintf(f, "# Allows memory both writable and executable (no write-xor-exec): %s.\n", st->wx);
	fprintf(f, SG_SEEN_PREFIX "%llu %s", (unsigned long long)st->count, times(st->count));
	if (st->note)
		fprintf(f, " (%s)", st->note);
	for (size_t i = 0; i < st->nv; i++)
		fprintf(f, "%s%s %llu", i ? ", " : ": ", st->vtexts[i], (unsigned long long)st->vcounts[i]);
	fprintf(f, "\n%s%s: %s\n", st->name, tag, st->body);
	(void)ar;
}

/* The arches to write: those asked for, else every arch the calls came
 * through, in sg_arches[] order. */
static size_t written_arches(struct tr_sys **all, size_t n, const struct tr_write_options *o,
			     const struct sg_arch **w)
{
	if (o->arches) {
		for (size_t i = 0; i < o->narches; i++)
			w[i] = o->arches[i];
		return o->narches;
	}
	size_t nw = 0;
	for (size_t k = 0; sg_arches[k]; k++)
		for (size_t i = 0; i < n; i++)
			if (all[i]->arch == sg_arches[k]) {
				w[nw++] = sg_arches[k];
				break;
			}
	return nw;
}

size_t tr_written_arches(struct tr_recorder *rec, const struct tr_write_options *o, const struct sg_arch **w)
{
	size_t n;
	struct tr_sys **all = tr_recorder_list(rec, &n);
	return written_arches(all, n, o, w);
}

static int arch_index(const struct sg_arch *const *w, size_t nw, const struct sg_arch *a)
{
	for (size_t i = 0; i < nw; i++)
		if (w[i] == a)
			return (int)i;
	return -1;
}

/* Calls that cannot go in the policy are said on standard error. */
static void left_out(const struct tr_sys *s, int idx)
{
	const char *name = s->arch ? tr_syscall_name(s->arch, s->nr) : NULL;
	if (!s->arch)
		fprintf(stderr, "seccomp-gen-trace: warning: %llu calls through an ABI with no table (arch 0x%x, "
			"syscall %llu): not written\n", (unsigned long long)s->count, s->audit_arch,
			(unsigned long long)s->nr);
	else if (idx < 0)
		fprintf(stderr, "seccomp-gen-trace: warning: %llu %s calls (%s) not written: give -a with %s to "
			"include them\n", (unsigned long long)s->count, s->arch->name, name ? name : "?",
			s->arch->name);
	else if (s->arch->audit_arch == 0xc000003eu && s->nr >= 0x40000000u)
		fprintf(stderr, "seccomp-gen-trace: warning: %llu x32 calls (syscall 0x%llx): x32 is not a target, "
			"not written\n", (unsigned long long)s->count, (unsigned long long)s->nr);
	else
		fprintf(stderr, "seccomp-gen-trace: warning: %llu calls of syscall %llu, which %s's table does not "
			"name: not written\n", (unsigned long long)s->count, (unsigned long long)s->nr, s->arch->name);
}

static struct stmt *collect(struct sg_arena *ar, struct tr_sys **all, size_t n, const struct sg_arch *const *w,
			    size_t nw, size_t *nout)
{
	struct stmt *out = sg_alloc_array(ar, n ? n : 1, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tr_sys *s = all[i];
		int idx = s->arch ? arch_index(w, nw, s->arch) : -1;
		const char *name = idx >= 0 ? tr_syscall_name(s->arch, s->nr) : NULL;
		if (!name) {
			left_out(s, idx);
			continue;
		}
		struct stmt st = { .name = name, .count = s->count, .arches = 1u << idx };
		render(ar, s, &st);
		size_t j = 0;
		while (j < k && !same_stmt(&out[j], &st))
			j++;
		if (j == k) {
			out[k++] = st;
			continue;
		}
		out[j].arches |= st.arches;
		out[j].count += st.count;
		for (size_t v = 0; v < st.nv; v++)
			out[j].vcounts[v] += st.vcounts[v];
	}
	qsort(out, k, sizeof(*out), cmp_stmt);
	*nout = k;
	return out;
}

/* The @frequency path as the policy names it: relative to the policy's
 * directory when both are in the same one. */
static const char *frequency_ref(struct sg_arena *ar, const char *policy, const char *freq)
{
	const char *ps = policy ? strrchr(policy, '/') : NULL, *fs = strrchr(freq, '/');
	size_t pd = ps ? (size_t)(ps - policy) : 0, fd = fs ? (size_t)(fs - freq) : 0;
	if (pd == fd && (pd == 0 || strncmp(policy, freq, pd) == 0))
		return sg_printf(ar, "./%s", fs ? fs + 1 : freq);
	if (freq[0] == '/')
		return freq;
	char *cwd = getcwd(NULL, 0);
	const char *abs = sg_printf(ar, "%s/%s", cwd ? cwd : ".", freq);
	free(cwd);
	return abs;
}

static int write_frequency(struct sg_arena *ar, const char *path, const struct stmt *st, size_t n,
			   const struct sg_arch *const *w, size_t nw)
{
	struct sg_output out;
	if (sg_output_open(&out, path, 0))
		return 1;
	fprintf(out.fp, "# How often each syscall was made in the traced run (seccomp-gen-trace).\n");
	for (size_t i = 0; i < n;) {
		/* One line per name and arch set; statements of one syscall
		 * with different filters add up. */
		size_t j = i;
		uint64_t count = 0;
		unsigned arches = 0;
		while (j < n && strcmp(st[j].name, st[i].name) == 0) {
			count += st[j].count;
			arches |= st[j].arches;
			j++;
		}
		fprintf(out.fp, "%s%s: %llu\n", st[i].name, arch_tag(ar, arches, w, nw), (unsigned long long)count);
		i = j;
	}
	return sg_output_commit(&out) ? 1 : 0;
}

int tr_write_policy(struct sg_arena *ar, struct tr_recorder *rec, const struct tr_write_options *o)
{
	size_t n;
	struct tr_sys **all = tr_recorder_list(rec, &n);
	const struct sg_arch *w[16];
	size_t nw = written_arches(all, n, o, w);
	size_t nst;
	struct stmt *st = collect(ar, all, n, w, nw, &nst);
	if (o->frequency && write_frequency(ar, o->frequency, st, nst, w, nw))
		return 1;
	struct sg_output out;
	if (sg_output_open(&out, o->output, 0))
		return 1;
	FILE *f = out.fp;
	fprintf(f, "# Written by seccomp-gen-trace %s from", PACKAGE_VERSION);
	for (size_t i = 0; i < o->nsources; i++)
		fprintf(f, "%s %s", i ? "," : "", o->sources[i]);
	fprintf(f, ".\n# Every syscall made");
	for (size_t i = 0; i < nw; i++)
		fprintf(f, "%s%s", i ? (i + 1 == nw ? " and " : ", ") : " through ", w[i]->name);
	fprintf(f, " (%llu calls", (unsigned long long)tr_recorder_total(rec));
	if (tr_recorder_covered(rec))
		fprintf(f, ", of which %llu the base policies allow and are left out",
			(unsigned long long)tr_recorder_covered(rec));
	fprintf(f, ").\n# Compile it with seccomp-gen");
	/* --arch where the default (the build's own arch) would not do. */
	for (size_t i = 0; (nw > 1 || (nw == 1 && w[0] != sg_arch_host())) && i < nw; i++)
		fprintf(f, "%s%s", i ? "," : " --arch ", w[i]->name);
	fprintf(f, "; syscalls it does not name get the default action.\n");
	if (o->frequency)
		fprintf(f, "@frequency %s\n", frequency_ref(ar, o->output, o->frequency));
	for (size_t i = 0; i < nst; i++) {
		fputc('\n', f);
		write_stmt(f, ar, &st[i], arch_tag(ar, st[i].arches, w, nw));
	}
	return sg_output_commit(&out) ? 1 : 0;
}
