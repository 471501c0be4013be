#include "gen/check/testfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gen/backend/multiarch.h"
#include "gen/bpf/interp.h"
#include "gen/ir/hints.h"
#include "gen/ir/resolve.h"
#include "grammar/load.h"
#include "grammar/parse.h"
#include "support/arena.h"

struct line_ctx {
	struct sg_arena *arena;
	struct sg_diag *diag;
	struct sg_source *src;
	const struct sg_arch *arch; /* the arch the line is being run on */
	const struct sg_arch *const *arches; /* the program's */
	size_t narches;
	int use_kill_process;
	sg_test_check check;
	void *check_ctx;
	int line;
	size_t start; /* offset of the line in the file */
};

static struct sg_loc loc_at(const struct line_ctx *c, size_t off, size_t len)
{
	struct sg_loc l = { c->src, c->line, (int)(off - c->start) + 1, c->line, 0 };
	l.last_column = l.first_column + (int)(len ? len : 1) - 1;
	return l;
}

static size_t skip_space(const char *t, size_t i, size_t end)
{
	while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
		i++;
	return i;
}

static int eval_arg(struct line_ctx *c, size_t off, size_t len, uint64_t *out)
{
	const char *t = c->src->text;
	while (len && isspace((unsigned char)t[off])) {
		off++;
		len--;
	}
	while (len && isspace((unsigned char)t[off + len - 1]))
		len--;
	struct sg_loc at = loc_at(c, off, len);
	if (!len) {
		sg_error(c->diag, &at, "empty argument");
		return -1;
	}
	struct sg_value *v = sg_parse_value(c->arena, c->diag, c->src, off, len, c->line, at.first_column);
	return v ? sg_eval_value(c->diag, c->arch, v, out) : -1;
}

/* name, or a syscall number.  Returns 1, with nothing reported, for a
 * name the arch does not have when skip_missing is set. */
static int parse_callee(struct line_ctx *c, size_t *i, size_t end, struct sg_seccomp_data *d,
			const char **name, int skip_missing)
{
	const char *t = c->src->text;
	size_t s = *i;
	while (*i < end && (isalnum((unsigned char)t[*i]) || t[*i] == '_'))
		(*i)++;
	struct sg_loc at = loc_at(c, s, *i - s);
	if (*i == s) {
		sg_error(c->diag, &at, "expected a syscall name or number");
		return -1;
	}
	char *word = sg_strndup(c->arena, t + s, *i - s);
	*name = word;
	if (isdigit((unsigned char)word[0])) {
		char *e;
		errno = 0;
		unsigned long long v = strtoull(word, &e, 0);
		if (*e || errno || v > UINT32_MAX) {
			sg_error(c->diag, &at, "invalid syscall number '%.64s'", word);
			return -1;
		}
		d->nr = (uint32_t)v;
		return 0;
	}
	const struct sg_named_value *sc = sg_arch_syscall(c->arch, word);
	if (!sc && skip_missing)
		return 1;
	if (!sc) {
		sg_unknown_syscall(c->diag, c->arch, &at, word);
		return -1;
	}
	d->nr = (uint32_t)sc->value;
	return 0;
}

/* "errno EACES": a result that fails only for its errno name is
 * reported at the name, with the closest one.  Returns 1 if reported. */
static int bad_errno_name(struct line_ctx *c, const char *text, size_t at_off)
{
	if (strncmp(text, "errno ", 6) != 0)
		return 0;
	const char *name = text + 6;
	while (*name == ' ')
		name++;
	if (!isalpha((unsigned char)*name) && *name != '_')
		return 0;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return 0;
	struct sg_loc at = loc_at(c, at_off + (size_t)(name - text), strlen(name));
	const struct sg_named_value *k = sg_arch_constant(c->arch, name);
	if (k) /* a known name out of range: the general message says so */
		return 0;
	const char *near = sg_suggest_errno(c->arch, name);
	if (near)
		sg_error(c->diag, &at, "invalid result '%.64s': unknown errno name '%.64s' on %s; did you mean '%s'?",
			 text, name, c->arch->name, near);
	else
		sg_error(c->diag, &at, "invalid result '%.64s': unknown errno name '%.64s' on %s", text, name,
			 c->arch->name);
	return 1;
}

static int parse_args(struct line_ctx *c, size_t *i, size_t end, struct sg_seccomp_data *d)
{
	const char *t = c->src->text;
	size_t open = *i, arg = 0, depth = 0, from = ++*i;
	for (; *i < end; (*i)++) {
		char ch = t[*i];
		if (ch == '(') {
			depth++;
		} else if ((ch == ',' || ch == ')') && depth == 0) {
			if (ch == ')' && arg == 0 && skip_space(t, from, *i) == *i) {
				(*i)++;
				return 0; /* name() */
			}
			if (arg == 6) {
				struct sg_loc at = loc_at(c, from, *i - from);
				sg_error(c->diag, &at, "a syscall has at most 6 arguments");
				return -1;
			}
			if (eval_arg(c, from, *i - from, &d->args[arg++]))
				return -1;
			from = *i + 1;
			if (ch == ')') {
				(*i)++;
				return 0;
			}
		} else if (ch == ')') {
			depth--;
		}
	}
	struct sg_loc at = loc_at(c, open, 1);
	sg_error(c->diag, &at, "unclosed '('");
	return -1;
}

/* The arch a line's [arch=NAME] means: one of the program's (by any of
 * its names), else any arch seccomp-gen knows, to see that its calls get
 * the kill action. */
static const struct sg_arch *line_arch(const struct line_ctx *c, const char *name)
{
	const struct sg_arch *known = sg_arch_find(name);
	for (size_t k = 0; k < c->narches; k++) {
		const struct sg_arch *a = c->arches[k];
		if (strcmp(name, a->name) == 0 || strcmp(name, a->minijail_name) == 0 ||
		    (known && known->audit_arch == a->audit_arch))
			return a;
	}
	return known;
}

/* "[arch=x86_64,x86]" or "[from=arm64]" after the syscall name: the
 * arches named, and whether the key was "from". */
static int parse_line_arches(struct line_ctx *c, size_t *i, size_t end, const struct sg_arch **out, size_t max,
			     size_t *n, int *from)
{
	const char *t = c->src->text;
	size_t open = (*i)++;
	*n = 0;
	*from = end - *i >= 5 && strncmp(t + *i, "from=", 5) == 0;
	if (!*from && (end - *i < 5 || strncmp(t + *i, "arch=", 5) != 0)) {
		struct sg_loc at = loc_at(c, *i, 1);
		sg_error(c->diag, &at, "expected 'arch=' or 'from=' after '['");
		return -1;
	}
	*i += 5;
	for (;;) {
		size_t s = *i;
		while (*i < end && (isalnum((unsigned char)t[*i]) || t[*i] == '_'))
			(*i)++;
		struct sg_loc at = loc_at(c, s, *i - s);
		char *word = sg_strndup(c->arena, t + s, *i - s);
		const struct sg_arch *a = *i > s ? line_arch(c, word) : NULL;
		if (!a) {
			sg_error(c->diag, &at, *i > s ? "unknown arch '%s'" : "expected an arch name%s", word);
			return -1;
		}
		if (*n == max) {
			sg_error(c->diag, &at, "too many arches");
			return -1;
		}
		out[(*n)++] = a;
		if (*i < end && t[*i] == ',') {
			(*i)++;
			continue;
		}
		if (*i < end && t[*i] == ']') {
			(*i)++;
			return 0;
		}
		at = loc_at(c, open, 1);
		sg_error(c->diag, &at, "unclosed '['");
		return -1;
	}
}

/* Those of the n named arches the program is for (or, with others set,
 * is not for). */
static size_t select_arches(const struct line_ctx *c, const struct sg_arch **named, size_t n, int others,
			    const struct sg_arch **out)
{
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		int own = 0;
		for (size_t k = 0; k < c->narches; k++)
			own |= named[j] == c->arches[k];
		if (own != others)
			out[m++] = named[j];
	}
	return m;
}

/* The line from i on c->arch.  Returns 1 if it was skipped (its syscall
 * is not on this arch, and skip_missing is set), else 0, with the result
 * counted. */
static int run_call(struct line_ctx *c, size_t i, size_t end, int skip_missing, int say_arch,
		    struct sg_test_result *res)
{
	const char *t = c->src->text;
	size_t call_start = i;
	struct sg_seccomp_data d = { .arch = c->arch->audit_arch };
	const char *name;
	int r = parse_callee(c, &i, end, &d, &name, skip_missing);
	if (r == 1)
		return 1;
	if (r)
		goto bad;
	size_t call_end = i;
	if (i < end && t[i] == '[') {
		/* The arch list, read by run_line(). */
		while (i < end && t[i] != ']')
			i++;
		i++;
	}
	i = skip_space(t, i, end);
	if (i < end && t[i] == '(') {
		if (parse_args(c, &i, end, &d))
			goto bad;
		call_end = i;
	}
	i = skip_space(t, i, end);
	if (i + 1 >= end || t[i] != '-' || t[i + 1] != '>') {
		struct sg_loc at = loc_at(c, i, 1);
		sg_error(c->diag, &at, "expected '->' and the expected result");
		goto bad;
	}
	i = skip_space(t, i + 2, end);
	size_t rend = end;
	for (size_t k = i; k < end; k++)
		if (t[k] == '#') {
			rend = k;
			break;
		}
	while (rend > i && isspace((unsigned char)t[rend - 1]))
		rend--;
	char *want_text = sg_strndup(c->arena, t + i, rend - i);
	for (char *p = want_text; *p; p++)
		if (*p == '\t')
			*p = ' '; /* "errno<TAB>1" as "errno 1" */
	uint32_t want;
	if (sg_parse_action_word(want_text, c->arch, c->use_kill_process, &want)) {
		struct sg_loc at = loc_at(c, i, rend - i);
		if (bad_errno_name(c, want_text, i))
			goto bad;
		sg_error(c->diag, &at, "invalid result '%.64s'; expected allow, errno N, kill, kill-process, kill-thread, trap, trace, log or user-notify",
			 want_text);
		goto bad;
	}
	struct sg_loc at = loc_at(c, call_start, call_end - call_start);
	const char *call = sg_strndup(c->arena, t + call_start, call_end - call_start);
	if (say_arch)
		call = sg_printf(c->arena, "%s on %s", call, c->arch->name);
	if (c->check(c->check_ctx, c->diag, &at, call, &d, want) == 0) {
		res->passed++;
		return 0;
	}
bad:
	res->failed++;
	return 0;
}

/* A line runs on each of the program's arches that has its syscall (a
 * multi-arch program's policy may name syscalls of one arch only, such
 * as socketcall on i386).  "[arch=...]" keeps those of the arches named,
 * as in a policy: the line is for those targets only.  "[from=...]" makes
 * the call as a process of each arch named that the program is not for,
 * which must get the kill action. */
static void run_line(struct line_ctx *c, size_t end, struct sg_test_result *res)
{
	const char *t = c->src->text;
	size_t i = skip_space(t, c->start, end);
	if (i == end || t[i] == '#' || t[i] == '@')
		return;
	/* Bytes that are not text (outside a comment) would cut names short
	 * in messages, or hide a result's tail behind a NUL. */
	for (size_t k = i; k < end && t[k] != '#'; k++) {
		unsigned char ch = (unsigned char)t[k];
		if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch >= 0x7f) {
			struct sg_loc at = loc_at(c, k, 1);
			sg_error(c->diag, &at, "invalid byte 0x%02x", ch);
			res->failed++;
			return;
		}
	}
	size_t j = i;
	while (j < end && (isalnum((unsigned char)t[j]) || t[j] == '_'))
		j++;
	const struct sg_arch *named[16], *chosen[16];
	const struct sg_arch *const *targets = c->arches;
	size_t ntargets = c->narches, nnamed = 0, ran = 0;
	int listed = j < end && t[j] == '[', from = 0;
	if (listed) {
		if (parse_line_arches(c, &j, end, named, sizeof(named) / sizeof(named[0]), &nnamed, &from)) {
			res->failed++;
			return;
		}
		ntargets = select_arches(c, named, nnamed, from, chosen);
		targets = chosen;
		if (!ntargets)
			return; /* a line for other targets */
	}
	int skip_missing = !listed && c->narches > 1;
	for (size_t k = 0; k < ntargets; k++) {
		c->arch = targets[k];
		if (run_call(c, i, end, skip_missing, from || c->narches > 1, res) == 0)
			ran++;
	}
	if (!ran) {
		struct sg_loc at = loc_at(c, i, j - i);
		sg_error(c->diag, &at, "'%.*s' is a syscall on none of the program's arches", (int)(j - i), t + i);
		res->failed++;
	}
}

int sg_test_file_foreach(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			 const struct sg_arch *arch, int use_kill_process, sg_test_check check,
			 void *ctx, struct sg_test_result *res)
{
	return sg_test_file_foreach_arches(arena, diag, path, &arch, 1, use_kill_process, check, ctx, res);
}

int sg_test_file_foreach_arches(struct sg_arena *arena, struct sg_diag *diag, const char *path,
				const struct sg_arch *const *arches, size_t narches, int use_kill_process,
				sg_test_check check, void *ctx, struct sg_test_result *res)
{
	struct sg_source *src = sg_alloc(arena, sizeof(*src));
	src->path = path;
	src->text = sg_read_file(arena, path, &src->len);
	if (!src->text) {
		sg_error(diag, NULL, "cannot read test file '%s': %s", path, strerror(errno));
		return -1;
	}
	struct line_ctx c = { arena, diag, src, arches[0], arches, narches, use_kill_process, check, ctx, 0, 0 };
	memset(res, 0, sizeof(*res));
	for (size_t pos = 0; pos < src->len;) {
		size_t end = pos;
		while (end < src->len && src->text[end] != '\n')
			end++;
		c.line++;
		c.start = pos;
		run_line(&c, end, res);
		pos = end + 1;
	}
	return 0;
}

/* The interpreter as the judge. */
static int interp_check(void *ctx, struct sg_diag *diag, const struct sg_loc *loc, const char *call,
			const struct sg_seccomp_data *data, uint32_t want)
{
	const struct sg_program *prog = ctx;
	uint32_t got;
	char a[32], b[32];
	if (sg_run(prog->insns, prog->len, data, prog->arch->big_endian, &got, NULL)) {
		sg_error(diag, loc, "internal error: the program cannot run");
		return 1;
	}
	if (got == want)
		return 0;
	sg_error(diag, loc, "%.80s: expected %s, got %s", call, sg_ret_name(want, a, sizeof(a)),
		 sg_ret_name(got, b, sizeof(b)));
	return 1;
}

int sg_run_test_file(struct sg_arena *arena, struct sg_diag *diag, const char *path,
		     const struct sg_program *prog, int use_kill_process, struct sg_test_result *res)
{
	const struct sg_arch *const *arches;
	size_t n = sg_program_arches(prog, &arches);
	return sg_test_file_foreach_arches(arena, diag, path, arches, n, use_kill_process, interp_check,
					   (void *)prog, res);
}
