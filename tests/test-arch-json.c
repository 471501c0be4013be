/* --arch-json with the constants.json files minijail made for crosvm
 * ($SG_SHARED/corpus/crosvm/<arch>/constants.json, when the corpus is
 * there).  The arch read from each file must be the built-in arch of that
 * name (audit value, word size, byte order), with its arrays sorted as
 * arch/arch.h requires.  Every corpus policy of the arch is then compiled
 * with both tables, the way crosvm builds them; the two programs must be
 * equal instruction for instruction, unless the policy uses a name whose
 * value differs between the tables, and then the test says which. */
#include <dirent.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch_json.h"
#include "gen/write/emit.h"
#include "tests/suite.h"
#include "tests/tap.h"

/* A name whose value differs between the tables, or that one lacks. */
struct diff {
	const char *name;
	const char *why;
};

struct diffs {
	struct diff *v;
	size_t n, cap;
	struct sg_arena *arena;
};

/* The syscalls (or constants) of an arch. */
static const struct sg_named_value *entries(const struct sg_arch *a, int syscalls, size_t *n)
{
	*n = syscalls ? a->nsyscalls : a->nconstants;
	return syscalls ? a->syscalls : a->constants;
}

static const struct sg_named_value *find(const struct sg_arch *a, int syscalls, const char *name)
{
	return syscalls ? sg_arch_syscall(a, name) : sg_arch_constant(a, name);
}

static void compare_tables(struct diffs *d, const char *what, const struct sg_arch *json, const struct sg_arch *table,
			   int syscalls, uint64_t word)
{
	size_t njson;
	const struct sg_named_value *v = entries(json, syscalls, &njson);
	for (size_t i = 0; i < njson; i++) {
		const char *name = sg_value_name(json, &v[i]);
		const struct sg_named_value *t = find(table, syscalls, name);
		const char *why = NULL;
		if (!t)
			why = sg_printf(d->arena, "%s %" PRId64 " in constants.json, not in the table", what, v[i].value);
		else if (((uint64_t)t->value ^ (uint64_t)v[i].value) & word)
			why = sg_printf(d->arena, "%s %" PRId64 " in constants.json, %" PRId64 " in the table", what,
					v[i].value, t->value);
		if (why) {
			struct diff *e = &SG_PUSH(d->arena, d->v, d->n, d->cap);
			e->name = name;
			e->why = why;
		}
	}
}

/* Names the table has and constants.json lacks: a policy using one
 * compiles with the table only. */
static void missing_from_json(struct diffs *d, const char *what, const struct sg_arch *table,
			      const struct sg_arch *json, int syscalls)
{
	size_t ntable;
	const struct sg_named_value *v = entries(table, syscalls, &ntable);
	for (size_t i = 0; i < ntable; i++) {
		const char *name = sg_value_name(table, &v[i]);
		if (!find(json, syscalls, name)) {
			struct diff *e = &SG_PUSH(d->arena, d->v, d->n, d->cap);
			e->name = name;
			e->why = sg_printf(d->arena, "%s in the table, not in constants.json", what);
		}
	}
}

static const struct diff *find_diff(const struct diffs *d, const char *name)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

static int sorted(const struct sg_arch *a, int syscalls)
{
	size_t n;
	const struct sg_named_value *v = entries(a, syscalls, &n);
	for (size_t i = 1; i < n; i++)
		if (strcmp(sg_value_name(a, &v[i - 1]), sg_value_name(a, &v[i])) >= 0)
			return 0;
	return 1;
}

/* The differing names a policy uses, written to *out ("A, B"). */
struct uses {
	const struct diffs *d;
	struct sg_arena *arena;
	const char *list;
};

static void use(struct uses *u, const char *name)
{
	const struct diff *e = find_diff(u->d, name);
	if (!e)
		return;
	tap_diag("  %s: %s", name, e->why);
	u->list = u->list ? sg_printf(u->arena, "%s, %s", u->list, name) : name;
}

static void use_value(struct uses *u, const struct sg_value *v)
{
	if (!v)
		return;
	switch (v->kind) {
	case SG_VAL_NUMBER: break;
	case SG_VAL_NAME: use(u, v->u.name); break;
	case SG_VAL_OR:
		for (size_t i = 0; i < v->u.or.n; i++)
			use_value(u, v->u.or.terms[i]);
		break;
	case SG_VAL_NOT: use_value(u, v->u.operand); break;
	}
}

static void use_file(struct uses *u, const struct sg_file *f)
{
	for (const struct sg_stmt *s = f ? f->stmts : NULL; s; s = s->next) {
		if (s->kind == SG_STMT_INCLUDE) {
			use_file(u, s->u.include.file);
		} else if (s->kind == SG_STMT_DEFAULT) {
			use_value(u, s->u.action.value);
		} else if (s->kind == SG_STMT_FILTER) {
			for (size_t i = 0; i < s->u.filter.ndescs; i++)
				use(u, s->u.filter.descs[i].name);
			for (size_t i = 0; i < s->u.filter.nfilters; i++) {
				const struct sg_filter *fl = &s->u.filter.filters[i];
				use_value(u, fl->action.value);
				for (size_t c = 0; c < fl->nclauses; c++)
					for (size_t a = 0; a < fl->clauses[c].natoms; a++)
						use_value(u, fl->clauses[c].atoms[a].value);
			}
		}
	}
}

static int by_string(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Compiles quietly; the messages are shown only when it fails (warnings
 * about the corpus are tests/test-corpus's business). */
static int compile(struct sg_arena *a, const char *path, const char *dir, const struct sg_arch *arch,
		   struct sg_compiled *out)
{
	struct sg_include_map map = { "/usr/share/policy/crosvm", dir };
	struct sg_options opts = { .arch = arch, .default_action = "trap", .maps = &map, .nmaps = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	struct sg_diag diag;
	sg_diag_init(&diag, mem, a);
	int rc = sg_compile_file(a, &diag, path, "p", &opts, out);
	fclose(mem);
	if (rc)
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
			tap_diag("%s", line);
	free(text);
	return rc;
}

static void check_policy(const char *dir, const char *file, const struct sg_arch *table, const struct sg_arch *json,
			 const struct diffs *d)
{
	char path[8192];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled with_table, with_json;
	/* A policy that compiles with neither is not this test's business
	 * (tests/test-corpus checks that they all compile). */
	int ok_table = compile(a, path, dir, table, &with_table) == 0;
	int ok_json = compile(a, path, dir, json, &with_json) == 0;
	if (ok_table && ok_json && with_table.prog.len == with_json.prog.len &&
	    memcmp(with_table.prog.insns, with_json.prog.insns, with_table.prog.len * sizeof(struct sg_insn)) == 0) {
		tap_ok(1, "%s/%s: the same %zu instructions with either table", table->name, file, with_table.prog.len);
	} else {
		struct sg_diag diag;
		sg_diag_init(&diag, stdout, a);
		struct sg_include_map map = { "/usr/share/policy/crosvm", dir };
		struct sg_load_options lo = { .maps = &map, .nmaps = 1 };
		struct uses u = { d, a, NULL };
		tap_diag("%s/%s: %s with the table, %s with constants.json", table->name, file,
			 ok_table ? "compiles" : "fails", ok_json ? "compiles" : "fails");
		use_file(&u, sg_load(a, &diag, path, &lo));
		if (ok_table && ok_json)
			for (size_t i = 0; i < with_table.prog.len && i < with_json.prog.len; i++)
				if (memcmp(&with_table.prog.insns[i], &with_json.prog.insns[i], sizeof(struct sg_insn))) {
					char b1[96], b2[96];
					tap_diag("  first difference at %zu: %s / %s (of %zu / %zu)", i,
						 sg_disasm(&with_table.prog.insns[i], i, b1, sizeof(b1)),
						 sg_disasm(&with_json.prog.insns[i], i, b2, sizeof(b2)), with_table.prog.len,
						 with_json.prog.len);
					break;
				}
		tap_ok(u.list != NULL, "%s/%s: the programs differ, because it uses %s", table->name, file,
		       u.list ? u.list : "no name whose value differs");
	}
	sg_arena_free(a);
}

static void check_arch(const char *corpus, const char *dirname)
{
	char dir[4096], path[4200];
	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", corpus, dirname) >= sizeof(dir) ||
	    (size_t)snprintf(path, sizeof(path), "%s/constants.json", dir) >= sizeof(path)) {
		tap_ok(0, "%s: path too long", dirname);
		return;
	}
	const struct sg_arch *table = sg_arch_find(dirname);
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stdout, a);
	const struct sg_arch *json = sg_arch_load_json(a, &diag, path);
	if (!tap_ok(table && json, "%s: constants.json loads", dirname)) {
		sg_arena_free(a);
		return;
	}
	tap_ok(strcmp(json->name, table->name) == 0 && json->audit_arch == table->audit_arch &&
		       json->bits == table->bits && json->big_endian == table->big_endian,
	       "%s: constants.json's arch (arch_name %s, arch_nr 0x%08x, %u bits) is the built-in %s", dirname,
	       json->minijail_name, json->audit_arch, json->bits, table->name);
	tap_ok(sorted(json, 1) && sorted(json, 0),
	       "%s: %zu syscalls and %zu constants, sorted by name", dirname, json->nsyscalls, json->nconstants);

	struct diffs d = { NULL, 0, 0, a };
	uint64_t word = table->bits == 64 ? UINT64_MAX : 0xffffffffu;
	compare_tables(&d, "syscall", json, table, 1, word);
	compare_tables(&d, "constant", json, table, 0, word);
	size_t from_json = d.n;
	missing_from_json(&d, "syscall", table, json, 1);
	missing_from_json(&d, "constant", table, json, 0);
	tap_diag("%s: %zu names of constants.json are not in the table with the same value; the table has %zu names constants.json lacks",
		 dirname, from_json, d.n - from_json);
	for (size_t i = 0; i < from_json; i++)
		tap_diag("  %s: %s", d.v[i].name, d.v[i].why);

	/* The explanation itself: a policy that uses the first such constant
	 * must compile differently, and be explained by it. */
	for (size_t i = 0; i < from_json; i++) {
		if (!sg_arch_constant(json, d.v[i].name))
			continue;
		char tmp[] = "/tmp/sg-arch-json-XXXXXX", file[600];
		if (!mkdtemp(tmp))
			break;
		snprintf(file, sizeof(file), "%s/uses.policy", tmp);
		FILE *f = fopen(file, "w");
		if (f) {
			fprintf(f, "read: arg0 == %s\n", d.v[i].name);
			fclose(f);
			tap_diag("a policy that uses %s:", d.v[i].name);
			check_policy(tmp, "uses.policy", table, json, &d);
			unlink(file);
		}
		rmdir(tmp);
		break;
	}

	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name);
	tap_ok(n > 0, "%s: %d policies", dirname, n);
	for (int i = 0; i < n; i++) {
		check_policy(dir, names[i]->d_name, table, json, &d);
		free(names[i]);
	}
	if (n > 0)
		free(names);
	sg_arena_free(a);
}

int main(void)
{
	const char *corpus = shared_corpus_or_skip();
	if (!corpus)
		return tap_done();
	DIR *top = opendir(corpus);
	struct dirent *e;
	char names[16][256];
	size_t n = 0;
	while (top && (e = readdir(top)) && n < 16) {
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s/constants.json", corpus, e->d_name);
		FILE *f = e->d_name[0] != '.' ? fopen(path, "r") : NULL;
		if (f) {
			fclose(f);
			snprintf(names[n++], sizeof(names[0]), "%s", e->d_name);
		}
	}
	if (top)
		closedir(top);
	qsort(names, n, sizeof(names[0]), by_string);
	tap_ok(n > 0, "the corpus has %zu constants.json files", n);
	for (size_t i = 0; i < n; i++)
		check_arch(corpus, names[i]);
	return tap_done();
}
