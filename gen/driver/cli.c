/* Command-line helpers shared by the three programs (gen/driver/cli.h). */
#include <stdio.h>
#include <string.h>

#include "gen/driver/cli.h"

int sg_usage_error(const char *prog, const char *tag, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: %s", prog, tag);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return 2;
}

/* One name of the list; 0, or 2 after saying why it is no arch. */
static int find_arch(const char *prog, const char *word, const struct sg_arch **out)
{
	char list[128];
	*out = sg_arch_find(word);
	if (*out)
		return 0;
	sg_arch_list(list, sizeof(list));
	const char *near = sg_arch_suggest(word);
	if (near)
		fprintf(stderr, "%s: unknown arch '%s'; did you mean '%s'? supported: %s\n", prog, word, near, list);
	else
		fprintf(stderr, "%s: unknown arch '%s'; supported: %s\n", prog, word, list);
	return 2;
}

int sg_parse_arch_list(const char *prog, const char *arg, const struct sg_arch **arches, size_t max, size_t *n)
{
	char word[64];
	*n = 0;
	for (const char *p = arg;; p++) {
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(word) || *n == max)
			return sg_usage_error(prog, "", "--arch takes a comma-separated list of arches, not '%s'", arg);
		memcpy(word, p, len);
		word[len] = '\0';
		const struct sg_arch *a;
		if (find_arch(prog, word, &a))
			return 2;
		for (size_t i = 0; i < *n; i++)
			if (arches[i] == a)
				return sg_usage_error(prog, "", "--arch names %s twice", a->name);
		arches[(*n)++] = a;
		p += len;
		if (!*p)
			return 0;
	}
}
