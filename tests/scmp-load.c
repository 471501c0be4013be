/* libseccomp as crun drives it (see tests/scmp-load.h).  Each step
 * follows libcrun_generate_seccomp: seccomp_init(defaultAction, errno
 * defaultErrnoRet or EPERM), seccomp_arch_add for each of architectures
 * ("SCMP_ARCH_" cut, lower-cased, EEXIST ignored), and for each entry its
 * action with errnoRet or EPERM (ERRNO and TRACE); an entry whose action
 * is the default action is skipped; each name is resolved with
 * seccomp_syscall_resolve_name (unknown names skipped with a warning);
 * an entry without args is seccomp_rule_add(action, nr, 0), one whose
 * args name an index twice is added as one rule per comparison, and any
 * other as one rule of all of them. */
#include "tests/scmp-load.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/arena.h"
#include "grammar/json.h"
#include "support/source.h"

#ifdef HAVE_LIBSECCOMP
#include <seccomp.h>

struct load {
	struct sg_arena *a;
	char *err;
	size_t errsize;
	int failed;
	struct scmp_skipped *skipped;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct load *l, const char *fmt, ...)
{
	if (!l->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(l->err, l->errsize, fmt, ap);
		va_end(ap);
	}
	l->failed = 1;
	return -1;
}

static const struct sg_json *member(const struct sg_json *obj, const char *key)
{
	if (!obj || obj->kind != SG_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->u.object.n; i++)
		if (strcmp(obj->u.object.members[i].key, key) == 0)
			return obj->u.object.members[i].value;
	return NULL;
}

static int number(struct load *l, const struct sg_json *v, const char *what, uint64_t *out)
{
	if (!v || v->kind != SG_JSON_NUMBER || !v->u.number.integer || v->u.number.num.negative ||
	    v->u.number.num.overflow)
		return fail(l, "%s is not an unsigned integer", what);
	*out = v->u.number.num.mag;
	return 0;
}

static const char *string(struct load *l, const struct sg_json *v, const char *what)
{
	if (!v || v->kind != SG_JSON_STRING) {
		fail(l, "%s is not a string", what);
		return NULL;
	}
	return v->u.string.s;
}

/* crun's get_seccomp_action. */
static int action(struct load *l, const struct sg_json *name, const struct sg_json *errno_ret, uint32_t *out)
{
	const char *s = string(l, name, "an action");
	uint64_t e = EPERM;
	if (!s)
		return -1;
	if (errno_ret && number(l, errno_ret, "errnoRet", &e))
		return -1;
	static const struct {
		const char *name;
		uint32_t action;
	} table[] = {
		{ "SCMP_ACT_ALLOW", SCMP_ACT_ALLOW }, { "SCMP_ACT_KILL", SCMP_ACT_KILL },
		{ "SCMP_ACT_TRAP", SCMP_ACT_TRAP }, { "SCMP_ACT_LOG", SCMP_ACT_LOG },
		{ "SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS }, { "SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD },
		{ "SCMP_ACT_NOTIFY", SCMP_ACT_NOTIFY },
	};
	int with_errno = strcmp(s, "SCMP_ACT_ERRNO") == 0 || strcmp(s, "SCMP_ACT_TRACE") == 0;
	if (errno_ret && !with_errno)
		return fail(l, "errno value specified for action `%s`", s);
	if (strcmp(s, "SCMP_ACT_ERRNO") == 0) {
		*out = SCMP_ACT_ERRNO((uint32_t)e);
		return 0;
	}
	if (strcmp(s, "SCMP_ACT_TRACE") == 0) {
		*out = SCMP_ACT_TRACE((uint32_t)e);
		return 0;
	}
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(s, table[i].name) == 0) {
			*out = table[i].action;
			return 0;
		}
	return fail(l, "seccomp get action `%s`", s);
}

static int operator(struct load *l, const struct sg_json *v, enum scmp_compare *op)
{
	static const struct {
		const char *name;
		enum scmp_compare op;
	} ops[] = {
		{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT }, { "SCMP_CMP_LE", SCMP_CMP_LE },
		{ "SCMP_CMP_EQ", SCMP_CMP_EQ }, { "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
		{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
	};
	const char *s = string(l, v, "an op");
	for (size_t i = 0; s && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(s, ops[i].name) == 0) {
			*op = ops[i].op;
			return 0;
		}
	return fail(l, "seccomp get operator `%s`", s ? s : "");
}

/* "SCMP_ARCH_X86_64" -> libseccomp's token, as crun resolves it. */
static uint32_t arch_token(const char *name)
{
	char lower[32];
	size_t i = 0;
	if (strncmp(name, "SCMP_ARCH_", 10) == 0)
		name += 10;
	for (; name[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	return seccomp_arch_resolve_name(lower);
}

static const char *native_name(const struct sg_arch *arch)
{
	switch (arch->audit_arch) {
	case SCMP_ARCH_X86_64: return "SCMP_ARCH_X86_64";
	case SCMP_ARCH_X86: return "SCMP_ARCH_X86";
	case SCMP_ARCH_AARCH64: return "SCMP_ARCH_AARCH64";
	case SCMP_ARCH_ARM: return "SCMP_ARCH_ARM";
	case SCMP_ARCH_RISCV64: return "SCMP_ARCH_RISCV64";
	default: return NULL;
	}
}

/* The filter starts with the native arch (seccomp_init); on a build
 * machine of another arch, that arch is swapped for native. */
static int arches(struct load *l, scmp_filter_ctx ctx, const struct sg_json *list, const struct sg_arch *native)
{
	uint32_t host = seccomp_arch_native(), want = native->audit_arch;
	int host_listed = host == want;
	if (host != want && seccomp_arch_add(ctx, want) < 0)
		return fail(l, "cannot add the native arch %s", native->name);
	for (size_t i = 0; list && list->kind == SG_JSON_ARRAY && i < list->u.array.n; i++) {
		const char *s = string(l, list->u.array.items[i], "an arch");
		if (!s)
			return -1;
		uint32_t token = arch_token(s);
		if (!token)
			return fail(l, "seccomp unknown architecture `%s`", s);
		host_listed |= token == host;
		int rc = seccomp_arch_add(ctx, token);
		if (rc < 0 && rc != -EEXIST)
			return fail(l, "seccomp adding architecture: %s", strerror(-rc));
	}
	if (!host_listed && seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) < 0)
		return fail(l, "cannot remove the build machine's arch");
	return 0;
}

static int add_entry(struct load *l, scmp_filter_ctx ctx, const struct sg_json *e, uint32_t dflt)
{
	uint32_t act;
	if (action(l, member(e, "action"), member(e, "errnoRet"), &act))
		return -1;
	if (act == dflt)
		return 0;
	const struct sg_json *names = member(e, "names"), *args = member(e, "args");
	struct scmp_arg_cmp cmp[6];
	size_t ncmp = 0;
	int multiple = 0;
	unsigned count[6] = { 0 };
	for (size_t k = 0; args && args->kind == SG_JSON_ARRAY && k < args->u.array.n && k < 6; k++) {
		const struct sg_json *arg = args->u.array.items[k];
		uint64_t index = 0, a = 0, b = 0;
		if (number(l, member(arg, "index"), "index", &index))
			return -1;
		if (index >= 6)
			return fail(l, "invalid seccomp index `%llu`", (unsigned long long)index);
		if (++count[index] > 1)
			multiple = 1;
		if ((member(arg, "value") && number(l, member(arg, "value"), "value", &a)) ||
		    (member(arg, "valueTwo") && number(l, member(arg, "valueTwo"), "valueTwo", &b)))
			return -1;
		cmp[ncmp].arg = (unsigned)index;
		cmp[ncmp].datum_a = a;
		cmp[ncmp].datum_b = b;
		if (operator(l, member(arg, "op"), &cmp[ncmp].op))
			return -1;
		ncmp++;
	}
	for (size_t j = 0; names && names->kind == SG_JSON_ARRAY && j < names->u.array.n; j++) {
		const char *name = string(l, names->u.array.items[j], "a name");
		if (!name)
			return -1;
		int nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR) {
			if (l->skipped)
				SG_PUSH(l->a, l->skipped->names, l->skipped->n, l->skipped->cap) = name;
			else
				fprintf(stderr, "scmp-load: warning: unknown seccomp syscall `%s` ignored (as crun does)\n",
					name);
			continue;
		}
		int rc = 0;
		if (!args)
			rc = seccomp_rule_add(ctx, act, nr, 0);
		else if (!multiple)
			rc = seccomp_rule_add_array(ctx, act, nr, (unsigned)ncmp, cmp);
		else
			for (size_t r = 0; r < ncmp && rc == 0; r++)
				rc = seccomp_rule_add_array(ctx, act, nr, 1, &cmp[r]);
		if (rc < 0)
			return fail(l, "seccomp_rule_add `%s`: %s", name, strerror(-rc));
	}
	return 0;
}

static int export(struct load *l, scmp_filter_ctx ctx, struct sg_insn **prog, size_t *n)
{
	FILE *tmp = tmpfile();
	if (!tmp)
		return fail(l, "tmpfile: %s", strerror(errno));
	int rc = seccomp_export_bpf(ctx, fileno(tmp));
	long size = rc < 0 ? -1 : lseek(fileno(tmp), 0, SEEK_END);
	if (rc < 0 || size < 0 || size % 8) {
		fclose(tmp);
		return fail(l, "seccomp_export_bpf: %s", rc < 0 ? strerror(-rc) : "bad size");
	}
	unsigned char *bytes = sg_alloc(l->a, (size_t)size + 1);
	rewind(tmp);
	size_t got = fread(bytes, 1, (size_t)size, tmp);
	fclose(tmp);
	if (got != (size_t)size)
		return fail(l, "reading the exported program failed");
	*n = (size_t)size / 8;
	*prog = sg_alloc_array(l->a, *n + 1, sizeof(**prog));
	/* struct sock_filter in the build machine's order. */
	for (size_t i = 0; i < *n; i++) {
		memcpy(&(*prog)[i].code, bytes + 8 * i, 2);
		(*prog)[i].jt = bytes[8 * i + 2];
		(*prog)[i].jf = bytes[8 * i + 3];
		memcpy(&(*prog)[i].k, bytes + 8 * i + 4, 4);
	}
	return 0;
}

static int build(struct load *l, const struct sg_json *root, const struct sg_arch *native, int optimize,
		 struct sg_insn **prog, size_t *n)
{
	if (!native_name(native))
		return fail(l, "libseccomp has no arch %s", native->name);
	uint32_t dflt;
	const struct sg_json *def = member(root, "defaultAction");
	if (!def)
		return fail(l, "seccomp misses the default action");
	if (action(l, def, member(root, "defaultErrnoRet"), &dflt))
		return -1;
	scmp_filter_ctx ctx = seccomp_init(dflt);
	if (!ctx)
		return fail(l, "error seccomp_init");
	int rc = arches(l, ctx, member(root, "architectures"), native);
	if (rc == 0 && optimize && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, (uint32_t)optimize) < 0)
		rc = fail(l, "SCMP_FLTATR_CTL_OPTIMIZE %d refused", optimize);
	const struct sg_json *calls = member(root, "syscalls");
	for (size_t i = 0; rc == 0 && calls && calls->kind == SG_JSON_ARRAY && i < calls->u.array.n; i++)
		rc = add_entry(l, ctx, calls->u.array.items[i], dflt);
	if (rc == 0)
		rc = export(l, ctx, prog, n);
	seccomp_release(ctx);
	return rc;
}

int scmp_available(void)
{
	return 1;
}

int scmp_load(struct sg_arena *a, const char *text, size_t len, const struct sg_arch *native, int optimize,
	      struct sg_insn **prog, size_t *n, struct scmp_skipped *skipped, char *err, size_t errsize)
{
	struct load l = { a, err, errsize, 0, skipped };
	struct sg_source *src = sg_alloc(a, sizeof(*src));
	src->path = "profile";
	src->text = text;
	src->len = len;
	char *msgs = NULL;
	size_t msglen = 0;
	FILE *out = open_memstream(&msgs, &msglen);
	if (!out)
		abort();
	struct sg_diag diag;
	sg_diag_init(&diag, out, a);
	const struct sg_json *root = sg_json_parse(a, &diag, src);
	fclose(out);
	int rc = root ? build(&l, root, native, optimize, prog, n) : fail(&l, "%s", msgs);
	free(msgs);
	return rc;
}

#else

int scmp_available(void)
{
	return 0;
}

int scmp_load(struct sg_arena *a, const char *text, size_t len, const struct sg_arch *native, int optimize,
	      struct sg_insn **prog, size_t *n, struct scmp_skipped *skipped, char *err, size_t errsize)
{
	(void)a, (void)text, (void)len, (void)native, (void)optimize, (void)prog, (void)n, (void)skipped;
	snprintf(err, errsize, "built without libseccomp");
	return -1;
}

#endif
