/* --from-audit LOG: the kernel's seccomp audit records, as auditd writes
 * them to audit.log ("type=SECCOMP msg=audit(...): ...") or the kernel
 * prints them when no audit daemon listens ("audit: type=1326
 * audit(...): ..."; AUDIT_SECCOMP is 1326).  kernel/auditsc.c writes
 * " sig=%ld arch=%x syscall=%ld compat=%d ip=0x%lx code=0x%x" after the
 * task's fields: the arch is the AUDIT_ARCH_* value of the call's ABI in
 * hex (ausearch -i writes a name, and a syscall name for the number).
 * The records carry no arguments, so every syscall is written
 * unconditionally. */
#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "trace/logs/logfile.h"
#include "trace/trace.h"

/* The value of " key=" in the line, or NULL. */
static const char *field(const char *s, size_t len, const char *key, size_t *vlen)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i + klen + 1 < len; i++) {
		if ((i && s[i - 1] != ' ') || strncmp(s + i, key, klen) != 0 || s[i + klen] != '=')
			continue;
		const char *v = s + i + klen + 1;
		size_t n = 0;
		while (v + n < s + len && v[n] != ' ')
			n++;
		*vlen = n;
		return v;
	}
	return NULL;
}

static int is_seccomp_record(const char *s, size_t len)
{
	for (size_t i = 0; i + 10 <= len; i++)
		if ((i + 12 <= len && strncmp(s + i, "type=SECCOMP", 12) == 0) || strncmp(s + i, "type=1326 ", 10) == 0)
			return 1;
	return 0;
}

static const struct sg_arch *audit_arch(const char *v, size_t n, uint32_t *value)
{
	char buf[32];
	if (!n || n >= sizeof(buf))
		return NULL;
	memcpy(buf, v, n);
	buf[n] = '\0';
	char *end;
	unsigned long x = strtoul(buf, &end, 16);
	if (!*end) {
		*value = (uint32_t)x;
		return tr_arch_by_audit((uint32_t)x);
	}
	/* ausearch -i: x86_64, i386, aarch64, armeb... */
	const struct sg_arch *a = sg_arch_find(buf);
	if (a)
		*value = a->audit_arch;
	return a;
}

static int one_record(struct tr_log *l, struct tr_recorder *rec)
{
	size_t alen, slen;
	const char *av = field(l->text, l->len, "arch", &alen);
	const char *sv = field(l->text, l->len, "syscall", &slen);
	if (!av || !sv) {
		tr_log_error(l, l->text, l->len, "a seccomp audit record without %s",
			     !av ? "arch=" : "syscall=");
		return -1;
	}
	uint32_t value = 0;
	const struct sg_arch *a = audit_arch(av, alen, &value);
	if (!a) {
		char list[128];
		sg_arch_list(list, sizeof(list));
		tr_log_error(l, av, alen, "unknown arch '%.*s' in a seccomp audit record; known: %s", (int)alen, av,
			     list);
		return -1;
	}
	struct tr_call c = { .arch = a, .audit_arch = value, .count = 1 };
	char buf[64];
	if (slen >= sizeof(buf) || !slen)
		goto bad;
	memcpy(buf, sv, slen);
	buf[slen] = '\0';
	char *end;
	c.nr = strtoull(buf, &end, 10);
	if (*end) {
		const struct sg_named_value *sys = sg_arch_syscall(a, buf);
		if (!sys) {
			tr_log_error(l, sv, slen, "unknown syscall '%s' on %s", buf, a->name);
			return -1;
		}
		c.nr = (uint64_t)sys->value;
	}
	tr_record(rec, &c);
	return 0;
bad:
	tr_log_error(l, sv, slen, "the syscall is not a number or a name");
	return -1;
}

int tr_from_audit(struct sg_arena *a, struct tr_recorder *rec, const char *path)
{
	struct tr_log l;
	if (tr_log_open(&l, a, path))
		return 1;
	while (tr_log_next(&l))
		if (is_seccomp_record(l.text, l.len))
			one_record(&l, rec);
	return l.diag.errors ? 1 : 0;
}
