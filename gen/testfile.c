#include "gen/testfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gen/interp.h"
#include "gen/resolve.h"
#include "grammar/arena.h"
#include "grammar/load.h"
#include "grammar/parse.h"

struct line_ctx {
	struct sg_arena *arena;
	struct sg_diag *diag;
	struct sg_source *src;
	const struct sg_arch *arch;
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

/* name, or a syscall number */
static int parse_callee(struct line_ctx *c, size_t *i, size_t end, struct sg_seccomp_data *d,
			const char **name)
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
			sg_error(c->diag, &at, "invalid syscall number '%s'", word);
			return -1;
		}
		d->nr = (uint32_t)v;
		return 0;
	}
	const struct sg_named_value *sc = sg_arch_syscall(c->arch, word);
	if (!sc) {
		sg_error(c->diag, &at, "unknown syscall '%s' on %s", word, c->arch->name);
		return -1;
	}
	d->nr = (uint32_t)sc->value;
	return 0;
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

static void run_line(struct line_ctx *c, size_t end, struct sg_test_result *res)
{
	const char *t = c->src->text;
	size_t i = skip_space(t, c->start, end);
	if (i == end || t[i] == '#' || t[i] == '@')
		return;
	size_t call_start = i;
	struct sg_seccomp_data d = { .arch = c->arch->audit_arch };
	const char *name;
	if (parse_callee(c, &i, end, &d, &name))
		goto bad;
	size_t call_end = i;
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
	uint32_t want;
	if (sg_parse_action_word(want_text, c->arch, c->use_kill_process, &want)) {
		struct sg_loc at = loc_at(c, i, rend - i);
		sg_error(c->diag, &at, "invalid result '%s'; expected allow, errno N, kill, kill-process, kill-thread, trap, trace, log or user-notify",
			 want_text);
		goto bad;
	}
	struct sg_loc at = loc_at(c, call_start, call_end - call_start);
	const char *call = sg_strndup(c->arena, t + call_start, call_end - call_start);
	if (c->check(c->check_ctx, c->diag, &at, call, &d, want) == 0) {
		res->passed++;
		return;
	}
bad:
	res->failed++;
}

int sg_test_file_foreach(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			 const struct sg_arch *arch, int use_kill_process, sg_test_check check,
			 void *ctx, struct sg_test_result *res)
{
	struct sg_source *src = sg_alloc(arena, sizeof(*src));
	src->path = path;
	src->text = sg_read_file(arena, path, &src->len);
	if (!src->text) {
		sg_error(diag, NULL, "cannot read test file '%s': %s", path, strerror(errno));
		return -1;
	}
	struct line_ctx c = { arena, diag, src, arch, use_kill_process, check, ctx, 0, 0 };
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
	sg_error(diag, loc, "%s: expected %s, got %s", call, sg_ret_name(want, a, sizeof(a)),
		 sg_ret_name(got, b, sizeof(b)));
	return 1;
}

int sg_run_test_file(struct sg_arena *arena, struct sg_diag *diag, const char *path,
		     const struct sg_program *prog, int use_kill_process, struct sg_test_result *res)
{
	return sg_test_file_foreach(arena, diag, path, prog->arch, use_kill_process, interp_check,
				    (void *)prog, res);
}
