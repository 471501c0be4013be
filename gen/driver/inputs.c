#include "gen/driver/inputs.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "gen/backend/multiarch.h"
#include "gen/bpf/interp.h"
#include "gen/check/validate.h"
#include "gen/ir/oci_lower.h"
#include "grammar/json.h"
#include "grammar/oci.h"
#include "grammar/seccompiler.h"
#include "support/arena.h"
#include "support/source.h"

int sg_input_format_parse(const char *word, enum sg_input_format *out)
{
	if (strcmp(word, "policy") == 0)
		*out = SG_INPUT_POLICY;
	else if (strcmp(word, "json") == 0)
		*out = SG_INPUT_JSON;
	else if (strcmp(word, "oci") == 0)
		*out = SG_INPUT_OCI;
	else
		return -1;
	return 0;
}

static int is_json_name(const char *path)
{
	size_t len = strlen(path);
	return len > 5 && strcmp(path + len - 5, ".json") == 0;
}

const char *sg_category_name(struct sg_arena *arena, const char *category)
{
	char *name = sg_strdup(arena, category);
	for (char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			*c = '_';
	/* As for file names (sg_default_name): no leading digit, and no
	 * leading '_', reserved at file scope. */
	if (isdigit((unsigned char)name[0]) || name[0] == '_')
		return sg_printf(arena, "filter_%s", name);
	return name;
}

static int skip_space(FILE *f)
{
	int c;
	while ((c = getc(f)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		;
	return c;
}

/* A file that is not named .json is JSON when it starts with '{' and a
 * key ('{' then '"'): a container profile needs no particular name.  A
 * policy may start with '{' too, a syscall list ({read, write}: 1), but
 * never with a quote after it. */
static int starts_like_json(const char *path)
{
	if (strcmp(path, "-") == 0)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int json = skip_space(f) == '{' && skip_space(f) == '"';
	fclose(f);
	return json;
}

static int load_oci(struct sg_arena *arena, struct sg_diag *diag, const char *path, const struct sg_json *top,
		    struct sg_source *src, const char *category, struct sg_unit **units, size_t *n, size_t *cap)
{
	if (category) {
		sg_error(diag, NULL, "%s is a container profile, which has no thread categories (--category)", path);
		return -1;
	}
	struct sg_oci_profile *p = sg_oci_read(arena, diag, top, src);
	if (!p || sg_oci_check_names(diag, p))
		return -1;
	struct sg_unit *u = &SG_PUSH(arena, *units, *n, *cap);
	memset(u, 0, sizeof(*u));
	u->name = sg_default_name(arena, path);
	u->path = path;
	u->oci = p;
	return 0;
}

static int load_json(struct sg_arena *arena, struct sg_diag *diag, const char *path, enum sg_input_format format,
		     const char *category, struct sg_unit **units, size_t *n, size_t *cap)
{
	struct sg_category *cats;
	size_t ncats, found = 0;
	struct sg_source *src;
	struct sg_json *top = sg_json_load(arena, diag, path, &src);
	if (!top)
		return -1;
	if (format == SG_INPUT_OCI || (format == SG_INPUT_AUTO && sg_oci_detect(top)))
		return load_oci(arena, diag, path, top, src, category, units, n, cap);
	int rc = sg_seccompiler_read(arena, diag, top, src, &cats, &ncats);
	for (size_t i = 0; i < ncats; i++) {
		if (category && strcmp(category, cats[i].name) != 0)
			continue;
		struct sg_unit *u = &SG_PUSH(arena, *units, *n, *cap);
		u->name = sg_category_name(arena, cats[i].name);
		u->path = path;
		u->category = cats[i].name;
		u->tree = cats[i].file;
		u->kill_process = 1;
		found++;
	}
	if (category && !found && rc == 0) {
		const char *list = cats[0].name;
		for (size_t i = 1; i < ncats; i++)
			list = sg_printf(arena, "%s, %s", list, cats[i].name);
		sg_error(diag, NULL, "%s has no thread category '%s'; it has %s", path, category, list);
		return -1;
	}
	return rc;
}

int sg_load_units(struct sg_arena *arena, struct sg_diag *diag, const char *path, enum sg_input_format format,
		  const char *category, const struct sg_options *opts, struct sg_unit **units, size_t *n,
		  size_t *cap)
{
	if (format == SG_INPUT_JSON || format == SG_INPUT_OCI ||
	    (format == SG_INPUT_AUTO && (is_json_name(path) || starts_like_json(path))))
		return load_json(arena, diag, path, format, category, units, n, cap);
	if (category) {
		sg_error(diag, NULL, "%s is a policy file, which has no thread categories (--category)", path);
		return -1;
	}
	unsigned errors = diag->errors;
	struct sg_load_options lo = { .maps = opts->maps, .nmaps = opts->nmaps, .max_depth = opts->max_depth };
	struct sg_file *f = sg_load(arena, diag, path, &lo);
	if (!f || sg_diag_saturated(diag))
		return -1;
	struct sg_unit *u = &SG_PUSH(arena, *units, *n, *cap);
	memset(u, 0, sizeof(*u));
	u->name = sg_default_name(arena, path);
	u->path = path;
	u->tree = f;
	return diag->errors == errors ? 0 : -1;
}

/* The combined program must decide as the program of the input's arch
 * does, and give every other arch the kill action: checked on the inputs
 * the translation validation runs for each arch (which include the other
 * arches' audit values). */
struct combined_check {
	struct sg_diag *diag;
	const struct sg_program *combined;
	struct sg_compiled *parts;
	size_t n;
	uint32_t kill_ret;
};

static uint32_t run(const struct sg_program *p, const struct sg_seccomp_data *d)
{
	uint32_t ret = 0;
	sg_exec(p->insns, p->len, d, p->arch->big_endian, &ret, NULL, NULL);
	return ret;
}

static int check_input(void *ctx, const struct sg_seccomp_data *d)
{
	const struct combined_check *c = ctx;
	uint32_t want = c->kill_ret, got = run(c->combined, d);
	for (size_t i = 0; i < c->n; i++)
		if (c->parts[i].prog.arch->audit_arch == d->arch)
			want = run(&c->parts[i].prog, d);
	if (got == want)
		return 0;
	char a[32], b[32];
	sg_error(c->diag, NULL, "internal error: the multi-arch program of '%s' gives %s for syscall %u of arch 0x%08x, where %s is due",
		 c->combined->policy_path, sg_ret_name(got, a, sizeof(a)), d->nr, d->arch,
		 sg_ret_name(want, b, sizeof(b)));
	return 1;
}

/* A container profile's tree for arch, under the engine's conditions the
 * options give. */
static const struct sg_file *oci_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_unit *u,
				      const struct sg_arch *arch, const struct sg_arch *native,
				      const struct sg_options *opts)
{
	struct sg_oci_env env = {
		.caps = opts->oci_caps_set ? opts->oci_caps : sg_oci_default_caps(),
		.has_kernel = opts->oci_has_kernel,
		.kernel_major = opts->oci_kernel_major,
		.kernel_minor = opts->oci_kernel_minor,
	};
	return sg_oci_tree(arena, diag, u->oci, arch, native, &env);
}

int sg_compile_unit(struct sg_arena *arena, struct sg_diag *diag, const struct sg_unit *u, const char *name,
		    const struct sg_options *opts, struct sg_compiled *out)
{
	struct sg_options o = *opts;
	o.use_kill_process |= u->kill_process;
	if (opts->narches < 2) {
		o.arch = opts->narches ? opts->arches[0] : opts->arch;
		const struct sg_file *tree = u->oci ? oci_tree(arena, diag, u, o.arch, o.arch, opts) : u->tree;
		return tree ? sg_compile_tree(arena, diag, tree, u->path, name, &o, out) : -1;
	}
	if (u->oci && sg_oci_check_arches(diag, u->oci, opts->arches, opts->narches))
		return -1;
	size_t n = opts->narches;
	struct sg_compiled *parts = sg_alloc_array(arena, n, sizeof(*parts));
	struct sg_program **progs = sg_alloc_array(arena, n, sizeof(*progs));
	int bad = 0;
	/* Each arch is compiled (and validated) on its own first, and all
	 * report their errors. */
	for (size_t i = 0; i < n; i++) {
		o.arch = opts->arches[i];
		const struct sg_file *tree = u->oci ? oci_tree(arena, diag, u, o.arch, opts->arches[0], opts) : u->tree;
		if (!tree || sg_compile_tree(arena, diag, tree, u->path, name, &o, &parts[i]))
			bad = 1;
		progs[i] = &parts[i].prog;
	}
	memset(out, 0, sizeof(*out));
	out->deps = parts[0].deps;
	out->ndeps = parts[0].ndeps;
	if (bad)
		return -1;
	uint32_t kill_ret = parts[0].ir->kill_ret;
	if (sg_multiarch_combine(arena, diag, progs, n, kill_ret, &out->prog))
		return -1;
	size_t at;
	const char *why = sg_check(out->prog.insns, out->prog.len, &at);
	if (why) {
		sg_error(diag, NULL, "internal error: the multi-arch program for '%s' fails the kernel's checks at instruction %zu: %s",
			 u->path, at, why);
		return -1;
	}
	out->ir = parts[0].ir;
	out->irs = sg_alloc_array(arena, n, sizeof(*out->irs));
	for (size_t i = 0; i < n; i++)
		out->irs[i] = parts[i].ir;
	out->nirs = n;
	if (!opts->no_validate) {
		struct combined_check c = { diag, &out->prog, parts, n, kill_ret };
		for (size_t i = 0; i < n; i++)
			if (sg_validate_inputs(parts[i].ir, &parts[i].prog, check_input, &c))
				return -1;
	}
	return 0;
}
