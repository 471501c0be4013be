#include "gen/driver/compile.h"

#include <ctype.h>
#include <string.h>

#include "gen/backend/codegen.h"
#include "gen/backend/dispatch.h"
#include "gen/bpf/interp.h"
#include "gen/check/validate.h"
#include "gen/ir/resolve.h"
#include "gen/lint/lint.h"
#include "support/arena.h"
#include "support/source.h"

static int compile_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_file *f, const char *path,
			const char *name, const struct sg_options *opts, struct sg_compiled *out, int build);

int sg_compile_file(struct sg_arena *arena, struct sg_diag *diag, const char *path, const char *name,
		    const struct sg_options *opts, struct sg_compiled *out)
{
	memset(out, 0, sizeof(*out));
	unsigned before = diag->errors;
	struct sg_load_options lo = { .maps = opts->maps, .nmaps = opts->nmaps, .max_depth = opts->max_depth };
	struct sg_file *f = sg_load(arena, diag, path, &lo);
	if (!f || sg_diag_saturated(diag))
		return -1;
	/* After syntax errors the statements that did parse are still
	 * resolved and linted, so that their errors are reported in the same
	 * run; but no program is built from them (a line cut short at an
	 * error may have left a long statement behind, and validating it is
	 * wasted: there is no output). */
	return compile_tree(arena, diag, f, path, name, opts, out, diag->errors == before);
}

int sg_compile_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_file *f, const char *path,
		    const char *name, const struct sg_options *opts, struct sg_compiled *out)
{
	return compile_tree(arena, diag, f, path, name, opts, out, 1);
}

static int compile_tree(struct sg_arena *arena, struct sg_diag *diag, const struct sg_file *f, const char *path,
			const char *name, const struct sg_options *opts, struct sg_compiled *out, int build)
{
	unsigned errors = diag->errors;
	memset(out, 0, sizeof(*out));
	out->deps = f->deps;
	out->ndeps = f->ndeps;
	struct sg_resolve_options ro = {
		.arch = opts->arch,
		.use_kill_process = opts->use_kill_process,
		.denylist = opts->denylist,
		.ret_log = opts->ret_log,
		.default_action = opts->default_action,
		.name = name,
	};
	out->ir = sg_resolve(arena, diag, f, &ro);
	if (!out->ir || diag->errors != errors)
		return -1;
	/* Warnings, or errors under -Werror: then there is no output. */
	sg_lint(diag, f, out->ir, sg_lint_enabled(opts->warn_on, opts->warn_off));
	if (diag->errors != errors || !build)
		return -1;
	struct sg_dispatch *d = sg_dispatch_build(arena, out->ir);
	if (sg_codegen(arena, diag, out->ir, d, &out->prog))
		return -1;
	out->prog.policy_path = path;
	size_t at;
	const char *why = sg_check(out->prog.insns, out->prog.len, &at);
	if (why) {
		sg_error(diag, NULL, "internal error: the program for '%s' fails the kernel's checks at instruction %zu: %s",
			 path, at, why);
		return -1;
	}
	/* The program must decide as the policy does; a mismatch is a bug
	 * in seccomp-gen, and no output is better than a wrong filter. */
	if (!opts->no_validate && sg_validate(diag, out->ir, &out->prog, NULL))
		return -1;
	return 0;
}

int sg_is_identifier(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

const char *sg_default_name(struct sg_arena *arena, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot != base)
		len = (size_t)(dot - base);
	if (len == 0)
		return "policy";
	char *name = sg_strndup(arena, base, len);
	for (char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			*c = '_';
	/* Identifiers may not start with a digit, and those starting with '_'
	 * are reserved at file scope. */
	if (isdigit((unsigned char)name[0]) || name[0] == '_')
		return sg_printf(arena, "policy_%s", name);
	return name;
}
