#include "gen/write/depfile.h"

#include <stdio.h>
#include <string.h>

#include "gen/write/output.h"
#include "support/arena.h"

const char *sg_depfile_default_path(struct sg_arena *arena, const char *output)
{
	const char *base = strrchr(output, '/');
	base = base ? base + 1 : output;
	const char *dot = strrchr(base, '.');
	/* ".hidden" has no suffix to replace. */
	size_t keep = dot && dot != base ? (size_t)(dot - output) : strlen(output);
	return sg_printf(arena, "%.*s.d", (int)keep, output);
}

/* A file name as make reads it in a rule, escaped the way gcc escapes it
 * (libcpp/mkdeps.cc): '$' is doubled; '#' gets a backslash; a space or tab
 * gets a backslash, and so does each backslash right before it, because
 * make reads 2N backslashes before a space as N backslashes ending a word. */
static const char *make_quote(struct sg_arena *arena, const char *s)
{
	size_t len = strlen(s);
	char *out = sg_alloc(arena, 2 * len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t') {
			for (size_t j = i; j > 0 && s[j - 1] == '\\'; j--)
				*o++ = '\\';
			*o++ = '\\';
		} else if (c == '$') {
			*o++ = '$';
		} else if (c == '#') {
			*o++ = '\\';
		}
		*o++ = c;
	}
	*o = '\0';
	return out;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Make has no way to write a newline in a file name. */
static int writable(const char *name, const char *what)
{
	if (!strchr(name, '\n'))
		return 1;
	fprintf(stderr, "seccomp-gen: error: cannot write %s with a newline in its name to a dependency file\n",
		what);
	return 0;
}

/* Appends one word to the rule, continuing the line with " \" when it
 * would grow past 76 columns, as gcc does. */
static void put_word(FILE *out, const char *word, size_t *col)
{
	size_t len = strlen(word);
	if (*col > 1 && *col + 1 + len > 76) {
		fputs(" \\\n", out);
		*col = 0;
	}
	fputc(' ', out);
	fputs(word, out);
	*col += 1 + len;
}

int sg_depfile_write(struct sg_arena *arena, const struct sg_depfile *d, const char *const *deps,
		     size_t ndeps, const char *const *mains, size_t nmains)
{
	const char **unique = sg_alloc_array(arena, ndeps ? ndeps : 1, sizeof(*unique));
	size_t n = 0;
	for (size_t i = 0; i < ndeps; i++) {
		if (strcmp(deps[i], "-") == 0 || in_list(deps[i], unique, n))
			continue;
		if (!writable(deps[i], "a policy"))
			return -1;
		unique[n++] = deps[i];
	}
	for (size_t i = 0; i < d->ntargets; i++)
		if (!writable(d->targets[i].name, "a target"))
			return -1;

	struct sg_output out;
	if (sg_output_open(&out, d->path, 0))
		return -1;
	size_t col = 0;
	for (size_t i = 0; i < d->ntargets; i++) {
		const char *t = d->targets[i].quote ? make_quote(arena, d->targets[i].name) : d->targets[i].name;
		if (i)
			fputc(' ', out.fp);
		fputs(t, out.fp);
		col += strlen(t) + (i ? 1 : 0);
	}
	fputc(':', out.fp);
	col++;
	for (size_t i = 0; i < n; i++)
		put_word(out.fp, make_quote(arena, unique[i]), &col);
	fputc('\n', out.fp);
	if (d->phony)
		for (size_t i = 0; i < n; i++)
			if (!in_list(unique[i], mains, nmains))
				fprintf(out.fp, "\n%s:\n", make_quote(arena, unique[i]));
	return sg_output_commit(&out);
}
