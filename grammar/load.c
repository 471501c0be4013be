#include "grammar/load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grammar/parse.h"
#include "support/arena.h"

#define DEFAULT_MAX_DEPTH 32
/* A file included twice is read twice, so a few files that each include
 * the next twice make 2^32 reads within the depth limit.  These bound
 * what one compilation reads in all. */
#define MAX_FILES_READ 10000
#define MAX_BYTES_READ (4 * (uint64_t)SG_MAX_FILE_SIZE)

struct loader {
	struct sg_arena *arena;
	struct sg_diag *diag;
	const struct sg_load_options *opts;
	unsigned max_depth;
	/* The files currently open, outermost first, for cycle detection. */
	struct open_file {
		dev_t dev;
		ino_t ino;
		const char *path;
	} chain[64];
	unsigned depth;
	const char **deps;
	size_t ndeps, deps_cap;
	uint64_t files_read, bytes_read;
	int budget_reported;
};

char *sg_read_file(struct sg_arena *arena, const char *path, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > SG_MAX_FILE_SIZE) {
		errno = EFBIG;
		goto fail;
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536, n = 0;
	char *buf = sg_alloc(arena, cap + 1);
	for (;;) {
		if (n == cap) {
			/* Growth stops one byte past the limit: enough to
			 * tell that the file is too large. */
			size_t bigger_cap = cap * 2 > SG_MAX_FILE_SIZE + 1 ? SG_MAX_FILE_SIZE + 1 : cap * 2;
			if (bigger_cap == cap) {
				errno = EFBIG;
				goto fail;
			}
			char *bigger = sg_alloc(arena, bigger_cap + 1);
			memcpy(bigger, buf, n);
			buf = bigger;
			cap = bigger_cap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		/* Also what keeps the scanner's int indexes in range. */
		if (n > SG_MAX_FILE_SIZE) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:;
	int saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

/* Applies the first --include-map whose OLD is a prefix of path ending at
 * a path component boundary. */
static const char *map_path(struct loader *l, const char *path)
{
	for (size_t i = 0; i < l->opts->nmaps; i++) {
		const char *old = l->opts->maps[i].old_prefix;
		size_t n = strlen(old);
		while (n > 1 && old[n - 1] == '/')
			n--;
		if (strncmp(path, old, n) == 0 && (path[n] == '/' || path[n] == '\0'))
			return sg_printf(l->arena, "%s%s", l->opts->maps[i].new_prefix, path + n);
	}
	return NULL;
}

/* Collapses "." and "a/.." components, as minijail's os.path.normpath(). */
static char *normalize(struct sg_arena *a, const char *path)
{
	size_t len = strlen(path);
	char *out = sg_alloc(a, len + 2);
	const char **parts = sg_alloc_array(a, len + 1, sizeof(*parts));
	size_t *lens = sg_alloc_array(a, len + 1, sizeof(*lens));
	size_t n = 0;
	int absolute = path[0] == '/';
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		const char *q = p;
		while (*q && *q != '/')
			q++;
		size_t plen = (size_t)(q - p);
		if (plen == 0 || (plen == 1 && p[0] == '.')) {
			/* skip */
		} else if (plen == 2 && p[0] == '.' && p[1] == '.' && n > 0 &&
			   !(lens[n - 1] == 2 && parts[n - 1][0] == '.' && parts[n - 1][1] == '.')) {
			n--;
		} else if (!(plen == 2 && p[0] == '.' && p[1] == '.' && absolute)) {
			parts[n] = p;
			lens[n++] = plen;
		}
		p = q;
	}
	char *o = out;
	if (absolute)
		*o++ = '/';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = '/';
		memcpy(o, parts[i], lens[i]);
		o += lens[i];
	}
	if (o == out)
		*o++ = '.';
	*o = '\0';
	return out;
}

/* The file an @include or @frequency names: after --include-map, and
 * relative to the directory of the including file (as minijail does). */
static const char *resolve_path(struct loader *l, const struct sg_source *from, const char *path)
{
	const char *mapped = map_path(l, path);
	if (mapped)
		return normalize(l->arena, mapped);
	if (path[0] == '/')
		return normalize(l->arena, path);
	const char *slash = strrchr(from->path, '/');
	if (!slash)
		return normalize(l->arena, path);
	return normalize(l->arena, sg_printf(l->arena, "%.*s/%s", (int)(slash - from->path),
					     from->path, path));
}

static const char *name_at(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* For a file that does not exist, the closest name in its directory
 * ("common_device.policy" for "comon_device.policy"), as the path would
 * be written with it; NULL if none is close. */
static const char *nearest_file(struct loader *l, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dir = slash ? (slash == path ? "/" : sg_strndup(l->arena, path, (size_t)(slash - path))) : ".";
	const char *base = slash ? slash + 1 : path;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	const char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	/* A directory of thousands is not what a typo hint is for. */
	while ((e = readdir(d)) && n < 4096)
		if (e->d_name[0] != '.')
			SG_PUSH(l->arena, names, n, cap) = sg_strdup(l->arena, e->d_name);
	closedir(d);
	/* readdir's order is the file system's: sort, so that the hint is
	 * the same on every machine. */
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	const char *near = sg_suggest(base, n, name_at, names);
	if (!near)
		return NULL;
	return slash ? sg_printf(l->arena, "%.*s%s", (int)(base - path), path, near) : near;
}

/* Before reading another file: has this compilation read too much
 * already?  Reported once, at the @include that would go over. */
static int over_budget(struct loader *l, const struct sg_loc *site, const char *path, struct stat *st)
{
	uint64_t size = stat(path, st) == 0 && S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0;
	if (l->files_read < MAX_FILES_READ && l->bytes_read + size <= MAX_BYTES_READ)
		return 0;
	if (!l->budget_reported)
		sg_error(l->diag, site,
			 "too much included: more than %u files or %u MiB read in all (a file is read again at "
			 "each @include of it)",
			 MAX_FILES_READ, (unsigned)(MAX_BYTES_READ >> 20));
	l->budget_reported = 1;
	return 1;
}

static struct sg_source *open_source(struct loader *l, const char *path, const struct sg_loc *site,
				     const char *what, struct stat *st)
{
	size_t len;
	/* An included file must be a file: a device or a FIFO would be read
	 * until the size limit (/dev/zero) or block the build (/dev/stdin).
	 * The policy named on the command line may be a pipe. */
	if (site && stat(path, st) == 0 && !S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode)) {
		sg_error(l->diag, site, "cannot read %s '%s': not a regular file", what, path);
		return NULL;
	}
	if (site && over_budget(l, site, path, st))
		return NULL;
	char *text = sg_read_file(l->arena, path, &len);
	if (!text) {
		int missing = errno == ENOENT;
		const char *why = errno == EFBIG ? "File too large (the limit is 16 MiB)" : strerror(errno);
		const char *near = site && missing ? nearest_file(l, path) : NULL;
		if (near)
			sg_error(l->diag, site, "cannot read %s '%s': %s; did you mean '%s'?", what, path, why, near);
		else if (site)
			sg_error(l->diag, site, "cannot read %s '%s': %s", what, path, why);
		else
			sg_error(l->diag, NULL, "cannot read '%s': %s", path, why);
		return NULL;
	}
	if (stat(path, st) < 0)
		memset(st, 0, sizeof(*st));
	l->files_read++;
	l->bytes_read += len;
	struct sg_source *src = sg_alloc(l->arena, sizeof(*src));
	src->path = sg_strdup(l->arena, path);
	src->text = text;
	src->len = len;
	if (site) {
		src->parent = site->src;
		src->parent_line = site->first_line;
	}
	SG_PUSH(l->arena, l->deps, l->ndeps, l->deps_cap) = src->path;
	return src;
}

static struct sg_file *load_file(struct loader *l, const char *path, const struct sg_loc *site);

static void load_frequency(struct loader *l, struct sg_stmt *s)
{
	const char *path = resolve_path(l, s->loc.src, s->u.include.path);
	struct stat st;
	struct sg_source *src = open_source(l, path, &s->u.include.path_loc, "frequency file", &st);
	if (!src)
		return;
	struct sg_parser p;
	sg_parse(&p, l->arena, l->diag, src, SG_FREQUENCY_FILE);
	s->u.include.entries = p.freq;
	s->u.include.nentries = p.nfreq;
}

/* "a.policy -> b.policy -> a.policy": the open files from the first
 * occurrence of the file that is being included again. */
static void report_cycle(struct loader *l, const struct sg_loc *site, unsigned from, const char *again)
{
	size_t len = strlen(again) + 1;
	for (unsigned i = from; i < l->depth; i++)
		len += strlen(l->chain[i].path) + 4;
	char *chain = sg_alloc(l->arena, len), *o = chain;
	for (unsigned i = from; i < l->depth; i++)
		o += sprintf(o, "%s -> ", l->chain[i].path);
	sprintf(o, "%s", again);
	sg_error(l->diag, site, "include cycle: %s", chain);
}

static void load_includes(struct loader *l, struct sg_file *f)
{
	for (struct sg_stmt *s = f->stmts; s; s = s->next) {
		if (sg_diag_saturated(l->diag))
			return;
		if (s->kind == SG_STMT_FREQUENCY) {
			load_frequency(l, s);
		} else if (s->kind == SG_STMT_INCLUDE) {
			const char *path = resolve_path(l, f->src, s->u.include.path);
			s->u.include.file = load_file(l, path, &s->u.include.path_loc);
		}
	}
}

static struct sg_file *load_file(struct loader *l, const char *path, const struct sg_loc *site)
{
	if (site && l->depth >= l->max_depth) {
		sg_error(l->diag, site, "includes nested more than %u levels deep", l->max_depth);
		return NULL;
	}
	struct stat st;
	struct sg_source *src = open_source(l, path, site, "included file", &st);
	if (!src)
		return NULL;
	for (unsigned i = 0; i < l->depth; i++) {
		if (st.st_ino && l->chain[i].dev == st.st_dev && l->chain[i].ino == st.st_ino) {
			report_cycle(l, site, i, src->path);
			return NULL;
		}
	}
	struct sg_file *f = sg_alloc(l->arena, sizeof(*f));
	f->src = src;
	struct sg_parser p;
	sg_parse(&p, l->arena, l->diag, src, SG_POLICY_FILE);
	f->stmts = p.stmts;
	l->chain[l->depth++] = (struct open_file){ st.st_dev, st.st_ino, src->path };
	load_includes(l, f);
	l->depth--;
	return f;
}

struct sg_file *sg_load(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			const struct sg_load_options *opts)
{
	static const struct sg_load_options none;
	struct loader l = { .arena = arena, .diag = diag, .opts = opts ? opts : &none };
	l.max_depth = l.opts->max_depth ? l.opts->max_depth : DEFAULT_MAX_DEPTH;
	if (l.max_depth > sizeof(l.chain) / sizeof(l.chain[0]) - 1)
		l.max_depth = sizeof(l.chain) / sizeof(l.chain[0]) - 1;
	struct sg_file *f = load_file(&l, path, NULL);
	if (f) {
		f->deps = l.deps;
		f->ndeps = l.ndeps;
	}
	return f;
}
