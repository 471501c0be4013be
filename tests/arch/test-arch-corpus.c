/* Cross-checks the compiled-in tables against minijail's per-arch
 * constants.json files in the crosvm corpus ($SG_SHARED/corpus/crosvm/<arch>/),
 * which minijail generated from kernel and libc headers on its own.
 *
 * Every syscall and constant the JSON names must be in our table with the
 * same value, compared modulo 2^bits of the arch (minijail stores values in
 * a C long, so arm's JSON writes 0x80000000 as -2147483648).  Deliberate
 * exceptions are listed, with the reason, in tests/arch/known-differences.txt
 * as "arch NAME reason"; an exception that is no longer needed is reported
 * as a TAP diagnostic.  Skips when the corpus is not there. */
#include "arch/arch.h"
#include "tests/tap.h"

#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- known differences ------------------------------------------------ */

struct known {
	char *arch, *name;
	int used;
};
static struct known *known;
static size_t nknown;

static char *xstrdup(const char *s)
{
	char *d = malloc(strlen(s) + 1);

	if (!d) {
		perror("malloc");
		exit(99);
	}
	return strcpy(d, s);
}

/* Returns 0 if the file is missing or malformed (the caller reports it). */
static int load_known(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int ok = 1, lineno = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		char arch[64], name[256], reason[2];

		lineno++;
		if (line[0] == '#' || strspn(line, " \t\r\n") == strlen(line))
			continue;
		/* A reason is required: the point of the list is to say why. */
		if (sscanf(line, "%63s %255s %1s", arch, name, reason) != 3) {
			tap_diag("%s:%d: expected \"arch NAME reason\"", path, lineno);
			ok = 0;
			continue;
		}
		if (!sg_arch_find(arch) || strcmp(sg_arch_find(arch)->name, arch) != 0) {
			tap_diag("%s:%d: unknown arch %s", path, lineno, arch);
			ok = 0;
			continue;
		}
		known = realloc(known, (nknown + 1) * sizeof *known);
		if (!known) {
			perror("realloc");
			exit(99);
		}
		known[nknown].arch = xstrdup(arch);
		known[nknown].name = xstrdup(name);
		known[nknown].used = 0;
		nknown++;
	}
	fclose(f);
	return ok;
}

static void free_known(void)
{
	size_t i;

	for (i = 0; i < nknown; i++) {
		free(known[i].arch);
		free(known[i].name);
	}
	free(known);
	known = NULL;
	nknown = 0;
}

static int is_known(const char *arch, const char *name)
{
	size_t i;

	for (i = 0; i < nknown; i++)
		if (strcmp(known[i].arch, arch) == 0 && strcmp(known[i].name, name) == 0) {
			known[i].used = 1;
			return 1;
		}
	return 0;
}

/* --- a small JSON reader ------------------------------------------------
 * Enough for minijail's constants.json: objects, strings without exotic
 * escapes, integers; arrays and literals are skipped. */

struct json {
	const char *p, *end;
	int err;
	/* Called for every number; section is the enclosing key at depth 1
	 * ("constants", "syscalls") or "" at the top level. */
	void (*number)(void *ctx, const char *section, const char *key, const char *num);
	void *ctx;
};

static void ws(struct json *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p))
		j->p++;
}

static int peek(struct json *j)
{
	ws(j);
	return j->p < j->end ? (unsigned char)*j->p : -1;
}

static void string(struct json *j, char *out, size_t size)
{
	size_t n = 0;

	if (peek(j) != '"') {
		j->err = 1;
		return;
	}
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;

		if (c == '\\' && j->p < j->end)
			c = *j->p++;
		if (n + 1 < size)
			out[n++] = c;
	}
	if (j->p >= j->end) {
		j->err = 1;
		return;
	}
	j->p++;
	out[n] = '\0';
}

static void value(struct json *j, int depth, const char *section, const char *key);

static void object(struct json *j, int depth, const char *section)
{
	char key[256];

	j->p++; /* '{' */
	if (peek(j) == '}') {
		j->p++;
		return;
	}
	while (!j->err) {
		string(j, key, sizeof key);
		if (j->err || peek(j) != ':') {
			j->err = 1;
			return;
		}
		j->p++;
		value(j, depth + 1, depth == 0 ? key : section, key);
		if (peek(j) == ',') {
			j->p++;
			continue;
		}
		if (peek(j) == '}') {
			j->p++;
			return;
		}
		j->err = 1;
	}
}

static void value(struct json *j, int depth, const char *section, const char *key)
{
	int c = peek(j);
	char buf[256];

	if (c == '{') {
		object(j, depth, depth == 1 ? key : section);
	} else if (c == '"') {
		string(j, buf, sizeof buf);
	} else if (c == '[') {
		j->p++;
		if (peek(j) == ']') {
			j->p++;
			return;
		}
		while (!j->err) {
			value(j, depth + 1, section, key);
			c = peek(j);
			j->p++;
			if (c == ']')
				return;
			if (c != ',')
				j->err = 1;
		}
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		size_t n = 0;

		while (j->p < j->end && strchr("-+0123456789.eE", *j->p) && n + 1 < sizeof buf)
			buf[n++] = *j->p++;
		buf[n] = '\0';
		j->number(j->ctx, depth == 1 ? "" : section, key, buf);
	} else {
		/* true, false, null */
		while (j->p < j->end && *j->p >= 'a' && *j->p <= 'z')
			j->p++;
		if (c < 'a' || c > 'z')
			j->err = 1;
	}
}

/* --- the comparison ----------------------------------------------------- */

struct check {
	const struct sg_arch *arch;
	uint64_t mask;
	int json_bits;
	int64_t arch_nr;
	int have_arch_nr, bad_numbers;
	/* [0] syscalls, [1] constants */
	unsigned total[2], matched[2], excused[2], failed[2];
};

/* An integer in JSON text, as 64-bit two's complement. */
static int parse_int(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	if (s[0] == '-')
		*out = (uint64_t)strtoll(s, &end, 10);
	else
		*out = strtoull(s, &end, 10);
	return errno == 0 && end != s && *end == '\0';
}

static void on_number(void *ctx, const char *section, const char *key, const char *num)
{
	struct check *c = ctx;
	const struct sg_named_value *v;
	uint64_t x;
	int k;

	if (!parse_int(num, &x)) {
		tap_diag("%s: %s %s: not an integer: %s", c->arch->name, section, key, num);
		c->bad_numbers++;
		return;
	}
	if (section[0] == '\0') {
		if (strcmp(key, "arch_nr") == 0) {
			c->arch_nr = (int64_t)x;
			c->have_arch_nr = 1;
		} else if (strcmp(key, "bits") == 0) {
			c->json_bits = (int)x;
		}
		return;
	}
	if (strcmp(section, "syscalls") == 0)
		k = 0, v = sg_arch_syscall(c->arch, key);
	else if (strcmp(section, "constants") == 0)
		k = 1, v = sg_arch_constant(c->arch, key);
	else
		return;
	c->total[k]++;
	if (v && (((uint64_t)v->value ^ x) & c->mask) == 0) {
		c->matched[k]++;
	} else if (is_known(c->arch->name, key)) {
		c->excused[k]++;
	} else {
		c->failed[k]++;
		if (v)
			tap_diag("%s: %s: table has %" PRId64 ", constants.json has %s",
				 c->arch->name, key, v->value, num);
		else
			tap_diag("%s: %s (%s) is in constants.json but not in the table",
				 c->arch->name, key, section);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t r;

		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("realloc");
				exit(99);
			}
		}
		r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void check_arch(const struct sg_arch *a, const char *path)
{
	static const char *const what[2] = { "syscall", "constant" };
	struct check c;
	struct json j;
	size_t len = 0;
	char *text = slurp(path, &len);
	int k;

	if (!tap_ok(text != NULL, "%s: read %s", a->name, path))
		return;
	memset(&c, 0, sizeof c);
	c.arch = a;
	c.mask = a->bits == 64 ? UINT64_MAX : UINT32_MAX;
	memset(&j, 0, sizeof j);
	j.p = text;
	j.end = text + len;
	j.number = on_number;
	j.ctx = &c;
	if (peek(&j) == '{')
		object(&j, 0, "");
	else
		j.err = 1;
	tap_ok(!j.err && c.bad_numbers == 0, "%s: constants.json parses", a->name);
	tap_ok(c.have_arch_nr && (uint64_t)c.arch_nr == a->audit_arch,
	       "%s: constants.json arch_nr is AUDIT_ARCH 0x%08" PRIx32, a->name, a->audit_arch);
	tap_ok(c.json_bits == (int)a->bits, "%s: constants.json bits is %u", a->name, a->bits);
	for (k = 0; k < 2; k++) {
		tap_diag("%s: %u %s names in constants.json: %u match, %u known differences, %u failures",
			 a->name, c.total[k], what[k], c.matched[k], c.excused[k], c.failed[k]);
		tap_ok(c.total[k] > 0 && c.failed[k] == 0,
		       "%s: every %s name in constants.json is in the table with its value",
		       a->name, what[k]);
	}
	free(text);
}

/* snprintf that refuses to truncate a path. */
__attribute__((format(printf, 3, 4)))
static void path_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size) {
		fprintf(stderr, "path too long\n");
		exit(99);
	}
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(void)
{
	const char *shared = getenv("SG_SHARED");
	const char *top = getenv("top_srcdir");
	char corpus[4096], path[4096];
	size_t i;
	int checked = 0;

	if (!top || !*top)
		top = getenv("srcdir");
	if (!top || !*top)
		top = ".";
	path_fmt(path, sizeof path, "%s/tests/arch/known-differences.txt", top);
	tap_ok(load_known(path), "known-differences.txt is present and well-formed");

	if (!shared || !*shared)
		shared = "../shared";
	path_fmt(corpus, sizeof corpus, "%s/corpus/crosvm", shared);
	if (!is_dir(corpus)) {
		tap_skip("%s not found (set SG_SHARED)", corpus);
		free_known();
		return tap_done();
	}
	for (i = 0; sg_arches[i]; i++) {
		FILE *f;

		path_fmt(path, sizeof path, "%s/%s/constants.json", corpus, sg_arches[i]->name);
		f = fopen(path, "r");
		if (!f) {
			/* The corpus has no i386 policies. */
			tap_diag("%s: no %s", sg_arches[i]->name, path);
			continue;
		}
		fclose(f);
		check_arch(sg_arches[i], path);
		checked++;
	}
	tap_ok(checked > 0, "the corpus has at least one constants.json");
	for (i = 0; i < nknown; i++)
		if (!known[i].used)
			tap_diag("known-differences.txt: %s %s is no longer needed",
				 known[i].arch, known[i].name);
	free_known();
	return tap_done();
}
