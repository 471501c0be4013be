/* --from-strace LOG: the output of `strace -f` (or without -f), with or
 * without timestamps (-t, -tt, -ttt, -r), -y's fd paths and -X's forms of
 * constants (names, raw numbers, or "0x5401 /\* TCGETS *\/").
 *
 * A syscall line is "[pid N] " or "N " (with -f), a timestamp, then
 * "name(args" and either ") = result" or " <unfinished ...>"; the
 * "<... name resumed>" half is skipped, since the call was counted when
 * it started.  "[ Process PID=N runs in 32 bit mode. ]" switches that
 * process to the compat arch.  Other lines (signals, exits, the
 * program's own output) are skipped.  A filtered argument that is not a
 * number or a name in the arch's tables (strace knows names the kernel's
 * UAPI headers lack) leaves the syscall unconditional, with a note. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "trace/logs/logfile.h"
#include "trace/trace.h"

#define MAX_COMPAT_PIDS 256

struct reader {
	struct tr_log log;
	struct tr_recorder *rec;
	const struct sg_arch *arch, *compat;
	long compat_pids[MAX_COMPAT_PIDS];
	size_t ncompat;
};

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

static int has(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, what, n) == 0)
			return 1;
	return 0;
}

static int ends_with(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what);
	return len >= n && memcmp(s + len - n, what, n) == 0;
}

/* "[ Process PID=1234 runs in 32 bit mode. ]" */
static void personality(struct reader *r, const char *p, const char *end)
{
	long pid = strtol(p + 14, NULL, 10);
	int compat = has(p, (size_t)(end - p), "runs in 32 bit mode");
	for (size_t i = 0; i < r->ncompat; i++)
		if (r->compat_pids[i] == pid) {
			if (!compat)
				r->compat_pids[i] = r->compat_pids[--r->ncompat];
			return;
		}
	if (compat && r->ncompat < MAX_COMPAT_PIDS)
		r->compat_pids[r->ncompat++] = pid;
}

static int is_compat(const struct reader *r, long pid)
{
	for (size_t i = 0; i < r->ncompat; i++)
		if (r->compat_pids[i] == pid)
			return 1;
	return 0;
}

/* The arguments between the parentheses, split at top-level commas:
 * strings, brackets, C comments and -y's "3</path>" hold commas of their
 * own.  Returns how many complete arguments there are (at most 6). */
static size_t split_args(const char *p, const char *end, const char **arg, size_t *alen, int unfinished)
{
	size_t n = 0;
	int depth = 0;
	const char *start = p;
	for (; p < end; p++) {
		char ch = *p;
		if (ch == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			continue;
		}
		if (ch == '/' && p + 1 < end && p[1] == '*') {
			const char *c = p + 2;
			while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
				c++;
			p = c + 1;
			continue;
		}
		if (ch == '<' && p > start && isdigit((unsigned char)p[-1])) {
			while (p < end && *p != '>')
				p++;
			continue;
		}
		if (ch == '(' || ch == '[' || ch == '{')
			depth++;
		else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0)
			depth--;
		else if (ch == ')' && depth == 0)
			break;
		if ((ch == ',' || (ch == ')' && depth == 0)) && depth == 0) {
			if (n < 6) {
				arg[n] = skip_space(start, p);
				alen[n] = (size_t)(p - arg[n]);
				n++;
			}
			start = p + 1;
		}
	}
	/* The last argument: before ")", or before " <unfinished ...>" if
	 * strace printed it (it prints "read(3, " when the rest is output). */
	if (n < 6 && ((p < end && *p == ')') || unfinished)) {
		const char *a = skip_space(start, p), *e = p;
		while (e > a && e[-1] == ' ')
			e--;
		if (a < e) {
			arg[n] = a;
			alen[n] = (size_t)(e - a);
			n++;
		}
	}
	return n;
}

/* clone's flags are printed by name ("flags=CLONE_VM|..."), and not in
 * the order of the kernel's arguments. */
static int filtered_arg(const char *name, const struct tr_argrule *rule, const char **arg, size_t *alen, size_t n,
			const char **v, size_t *vlen)
{
	if (strcmp(name, "clone") == 0) {
		for (size_t i = 0; i < n; i++)
			if (alen[i] > 6 && strncmp(arg[i], "flags=", 6) == 0) {
				*v = arg[i] + 6;
				*vlen = alen[i] - 6;
				return 1;
			}
		return 0;
	}
	if (rule->arg >= n)
		return 0;
	*v = arg[rule->arg];
	*vlen = alen[rule->arg];
	return 1;
}

/* ")" then, after strace's padding, "= result". */
static int has_result(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p != ')')
			continue;
		const char *q = skip_space(p + 1, end);
		if (q > p + 1 && end - q >= 2 && q[0] == '=' && q[1] == ' ')
			return 1;
	}
	return 0;
}

static void call_line(struct reader *r, long pid, const char *p, const char *end)
{
	const char *name = p;
	while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (p == name || p >= end || *p != '(')
		return;
	size_t nlen = (size_t)(p - name);
	int unfinished = ends_with(name, (size_t)(end - name), "<unfinished ...>");
	if (!unfinished && !has_result(p, end))
		return; /* not a syscall: the program's own output, say */
	const struct sg_arch *a = pid >= 0 && is_compat(r, pid) ? r->compat : r->arch;
	if (!a) {
		tr_log_error(&r->log, r->log.text, r->log.len,
			     "a process runs in 32-bit mode, but %s has no compat arch here", r->arch->name);
		return;
	}
	char buf[64];
	if (nlen >= sizeof(buf)) {
		tr_log_error(&r->log, name, nlen, "a syscall name too long to be one");
		return;
	}
	memcpy(buf, name, nlen);
	buf[nlen] = '\0';
	struct tr_call c = { .arch = a, .audit_arch = a->audit_arch, .count = 1 };
	if (strncmp(buf, "syscall_0x", 10) == 0) {
		c.nr = strtoull(buf + 10, NULL, 16);
	} else {
		const struct sg_named_value *sys = sg_arch_syscall(a, buf);
		if (!sys) {
			tr_log_error(&r->log, name, nlen, "unknown syscall '%s' on %s", buf, a->name);
			return;
		}
		c.nr = (uint64_t)sys->value;
	}
	const struct tr_argrule *rule = tr_argrule_find(tr_syscall_name(a, c.nr) ? tr_syscall_name(a, c.nr) : buf);
	if (rule) {
		const char *arg[6], *v;
		const char *args_end = unfinished ? end - strlen("<unfinished ...>") : end;
		size_t alen[6], vlen, n = split_args(p + 1, args_end, arg, alen, unfinished);
		uint64_t value;
		if (filtered_arg(buf, rule, arg, alen, n, &v, &vlen) && tr_parse_value(a, v, vlen, &value) == 0) {
			c.args[rule->arg] = value;
			c.known = 1u << rule->arg;
		}
	}
	tr_record(r->rec, &c);
}

static void one_line(struct reader *r)
{
	const char *p = r->log.text, *end = p + r->log.len;
	long pid = -1;
	if (end - p > 5 && strncmp(p, "[pid", 4) == 0) {
		pid = strtol(p + 4, NULL, 10);
		p = memchr(p, ']', (size_t)(end - p));
		if (!p)
			return;
		p++;
	} else if (p < end && isdigit((unsigned char)*p)) {
		/* "1234 " is a pid (strace -f); "12:34:56" or "1700000000.5"
		 * a timestamp. */
		const char *q = p;
		while (q < end && isdigit((unsigned char)*q))
			q++;
		if (q < end && *q == ' ') {
			pid = strtol(p, NULL, 10);
			p = q;
		}
	}
	p = skip_space(p, end);
	if (p < end && isdigit((unsigned char)*p)) {
		const char *q = p;
		while (q < end && (isdigit((unsigned char)*q) || *q == ':' || *q == '.'))
			q++;
		if (q < end && *q == ' ')
			p = skip_space(q, end);
	}
	if (end - p > 14 && strncmp(p, "[ Process PID=", 14) == 0) {
		personality(r, p, end);
		return;
	}
	if (p < end && islower((unsigned char)*p))
		call_line(r, pid, p, end);
}

int tr_from_strace(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *arch)
{
	struct reader *r = sg_alloc(a, sizeof(*r));
	r->rec = rec;
	r->arch = arch;
	r->compat = strcmp(arch->name, "x86_64") == 0 ? sg_arch_find("i386")
		    : strcmp(arch->name, "aarch64") == 0 ? sg_arch_find("arm") : NULL;
	if (tr_log_open(&r->log, a, path))
		return 1;
	while (tr_log_next(&r->log) && !sg_diag_saturated(&r->log.diag))
		one_line(r);
	return r->log.diag.errors ? 1 : 0;
}
