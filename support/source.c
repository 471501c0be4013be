#define _GNU_SOURCE /* vasprintf */
#include "support/source.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/arena.h"

void sg_diag_init(struct sg_diag *d, FILE *out, struct sg_arena *arena)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->arena = arena;
	d->error_limit = 20;
}

int sg_diag_saturated(const struct sg_diag *d)
{
	return d->errors >= d->error_limit;
}

static void index_lines(struct sg_source *s, struct sg_arena *a)
{
	size_t n = 1;
	for (size_t i = 0; i < s->len; i++)
		n += s->text[i] == '\n';
	s->line_starts = sg_alloc_array(a, n, sizeof(size_t));
	s->nlines = 0;
	s->line_starts[s->nlines++] = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			s->line_starts[s->nlines++] = i + 1;
}

const char *sg_source_line(struct sg_source *s, struct sg_arena *a, int line, size_t *len)
{
	if (!s->line_starts)
		index_lines(s, a);
	if (line < 1 || (size_t)line > s->nlines)
		return NULL;
	size_t start = s->line_starts[line - 1], end = start;
	while (end < s->len && s->text[end] != '\n')
		end++;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->text + start;
}

/* Prints the line with a gutter, then a caret under the columns of loc.
 * Very long lines are shown as a window around the column, and bytes that
 * are not printable ASCII as '?', so the caret stays aligned. */
static void show_line(struct sg_diag *d, const struct sg_loc *loc)
{
	struct sg_source *s = (struct sg_source *)loc->src;
	if (!s->line_starts)
		index_lines(s, d->arena);
	if (loc->first_line < 1 || (size_t)loc->first_line > s->nlines)
		return;
	size_t start = s->line_starts[loc->first_line - 1];
	size_t end = start;
	while (end < s->len && s->text[end] != '\n')
		end++;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	size_t col = loc->first_column > 0 ? (size_t)loc->first_column - 1 : 0;
	size_t width = loc->last_line == loc->first_line && loc->last_column >= loc->first_column
			       ? (size_t)(loc->last_column - loc->first_column + 1) : 1;
	size_t from = start, to = end;
	const size_t before = 60, after = 100;
	if (col > before)
		from = start + col - before;
	if (to - from > before + after)
		to = from + before + after;
	if (col > end - start)
		col = end - start;
	if (width > 60)
		width = 60;
	int gutter = fprintf(d->out, "%5d | ", loc->first_line) - 2;
	if (from > start)
		fputs("...", d->out);
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)s->text[i];
		fputc(c == '\t' || (c >= 0x20 && c < 0x7f) ? c : '?', d->out);
	}
	if (to < end)
		fputs("...", d->out);
	fprintf(d->out, "\n%*s| ", gutter, "");
	if (from > start)
		fputs("   ", d->out);
	for (size_t i = from; i < start + col && i < to; i++)
		fputc(s->text[i] == '\t' ? '\t' : ' ', d->out);
	fputc('^', d->out);
	for (size_t i = 1; i < width; i++)
		fputc('~', d->out);
	fputc('\n', d->out);
}

static void show_include_chain(struct sg_diag *d, const struct sg_source *s)
{
	const char *lead = "In file included from";
	for (const struct sg_source *c = s; c->parent; c = c->parent) {
		fprintf(d->out, "%s %s:%d%s\n", lead, c->parent->path, c->parent_line,
			c->parent->parent ? "," : ":");
		lead = "                 from";
	}
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* A warning's key among those shown: a hash of its place and text. */
static uint64_t warning_key(const struct sg_loc *loc, const char *msg)
{
	uint64_t h = 14695981039346656037ull;
	if (loc && loc->src) {
		char place[64];
		snprintf(place, sizeof(place), ":%d:%d:%d:%d:", loc->first_line, loc->first_column, loc->last_line,
			 loc->last_column);
		h = fnv1a(fnv1a(h, loc->src->path), place);
	}
	h = fnv1a(h, msg);
	return h ? h : 1;
}

static void vreport(struct sg_diag *d, enum sg_severity sev, const struct sg_loc *loc,
		    const char *fmt, va_list ap)
{
	static const char *const names[] = { "error", "warning", "note" };
	/* The diagnostic is put together in memory and written at once:
	 * standard error is unbuffered, and a generated policy can have
	 * thousands of warnings of a dozen writes each. */
	FILE *out = d->out;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (mem)
		d->out = mem;
	if (loc && loc->src) {
		if (sev != SG_NOTE)
			show_include_chain(d, loc->src);
		fprintf(d->out, "%s:%d:%d: %s: ", loc->src->path, loc->first_line, loc->first_column,
			names[sev]);
	} else {
		fprintf(d->out, "seccomp-gen: %s: ", names[sev]);
	}
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	if (loc && loc->src && loc->first_line > 0)
		show_line(d, loc);
	if (mem) {
		d->out = out;
		if (fclose(mem) == 0)
			fwrite(text, 1, len, out);
		free(text);
	}
	fflush(out);
}

void sg_error(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...)
{
	d->hide_notes = 0;
	if (sg_diag_saturated(d)) {
		d->errors++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vreport(d, SG_ERROR, loc, fmt, ap);
	va_end(ap);
	if (++d->errors == d->error_limit)
		fprintf(d->out, "seccomp-gen: too many errors, stopping\n");
}

static void report(struct sg_diag *d, enum sg_severity sev, const struct sg_loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, sev, loc, fmt, ap);
	va_end(ap);
}

void sg_warning(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...)
{
	/* Formatted once: the text is both the key and what is shown. */
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	d->hide_notes = !sg_keyset_add(&d->shown, d->arena, warning_key(loc, msg));
	if (!d->hide_notes) {
		report(d, d->werror ? SG_ERROR : SG_WARNING, loc, "%s", msg);
		if (d->werror)
			d->errors++;
		else
			d->warnings++;
	}
	free(msg);
}

void sg_note(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...)
{
	if (sg_diag_saturated(d) || d->hide_notes)
		return;
	va_list ap;
	va_start(ap, fmt);
	vreport(d, SG_NOTE, loc, fmt, ap);
	va_end(ap);
}

/* Optimal-string-alignment distance (Levenshtein plus the swap of two
 * neighbours, so "opne" is one edit from "open"), bounded: returns
 * max + 1 as soon as the distance must exceed max. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t max)
{
	if ((la > lb ? la - lb : lb - la) > max || lb > 255)
		return max + 1;
	size_t rows[3][256], *prev2 = rows[0], *prev = rows[1], *row = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[lb];
}

/* The set of characters of s, folded into 64 bits. */
static uint64_t char_set(const char *s)
{
	uint64_t set = 0;
	for (; *s; s++)
		set |= (uint64_t)1 << ((unsigned char)*s & 63);
	return set;
}

const char *sg_suggest(const char *name, size_t n,
		       const char *(*get)(const void *ctx, size_t i), const void *ctx)
{
	size_t len = strlen(name);
	/* A third of the name may be wrong, at least one character. */
	size_t max = len / 3 ? len / 3 : 1, best = max + 1;
	uint64_t set = char_set(name);
	const char *found = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *cand = get(ctx, i);
		size_t clen = strlen(cand);
		if ((clen > len ? clen - len : len - clen) >= best)
			continue;
		/* One edit changes at most two members of the character set
		 * (a swap of neighbours none), so a candidate whose set
		 * differs in more than 2 * (best - 1) members cannot beat
		 * best: this skips nearly all of a few thousand constants
		 * without computing the distance. */
		if ((size_t)__builtin_popcountll(set ^ char_set(cand)) > 2 * (best - 1))
			continue;
		size_t dist = edit_distance(name, len, cand, clen, max);
		if (dist < best) {
			best = dist;
			found = cand;
		}
	}
	return found;
}
