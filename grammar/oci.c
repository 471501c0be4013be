/* Container profiles (Docker's seccomp JSON, the OCI runtime spec's
 * linux.seccomp) -> struct sg_oci_profile.  What is accepted follows the
 * three programs that read a profile: the engine (moby/profiles
 * seccomp/seccomp.go and seccomp_linux.go: the extensions), the runtime
 * (crun's src/libcrun/seccomp.c: actions, operators, errnoRet) and
 * libseccomp 2.5.4 (which values it refuses).  Keys the runtimes ignore
 * are warnings here; everything a runtime or libseccomp would refuse, and
 * what the engine would read differently from what was meant (a key of
 * includes/excludes it does not know), is a located error. */
#include "grammar/oci.h"

#include <string.h>

#include "support/arena.h"
#include "grammar/json.h"

struct rd {
	struct sg_arena *arena;
	struct sg_diag *diag;
	int bad;
};

struct field {
	const char *name;
	const struct sg_json_member *m;
};

static void error_at(struct rd *r, const struct sg_loc *loc, const char *fmt, const char *arg)
{
	sg_error(r->diag, loc, fmt, arg);
	r->bad = 1;
}

static int key_is(const struct sg_json_member *m, const char *name)
{
	return strlen(name) == m->key_len && memcmp(m->key, name, m->key_len) == 0;
}

/* Sorts obj's members into f[0..n); a key twice is an error.  An unknown
 * key is an error when strict (includes/excludes: the engine would not
 * read a misspelt condition, and the entry would apply everywhere), else a
 * warning (the runtimes ignore it). */
static void take_fields(struct rd *r, const struct sg_json *obj, struct field *f, size_t n, const char *what,
			const char *expected, int strict)
{
	for (size_t i = 0; i < obj->u.object.n; i++) {
		const struct sg_json_member *m = &obj->u.object.members[i];
		size_t k = 0;
		while (k < n && !key_is(m, f[k].name))
			k++;
		if (k == n) {
			if (strict) {
				sg_error(r->diag, &m->key_loc, "unknown key '%s' in %s; expected %s", m->key, what, expected);
				r->bad = 1;
			} else {
				sg_warning(r->diag, &m->key_loc, "unknown key '%s' in %s is ignored, as the runtimes ignore it; expected %s",
					   m->key, what, expected);
			}
		} else if (f[k].m) {
			sg_error(r->diag, &m->key_loc, "%s has '%s' twice", what, f[k].name);
			sg_note(r->diag, &f[k].m->key_loc, "the first is here");
			r->bad = 1;
		} else {
			f[k].m = m;
		}
	}
}

static int is_kind(struct rd *r, const struct sg_json *v, enum sg_json_kind kind, const char *what)
{
	if (v->kind == kind)
		return 1;
	sg_error(r->diag, &v->loc, "%s must be %s, not %s", what, sg_json_kind_name(kind), sg_json_kind_name(v->kind));
	r->bad = 1;
	return 0;
}

/* An array, or null (Go reads null as an empty slice). */
static int is_list(struct rd *r, const struct sg_json *v, const char *what)
{
	return v->kind == SG_JSON_NULL || is_kind(r, v, SG_JSON_ARRAY, what);
}

static size_t list_len(const struct sg_json *v)
{
	return v->kind == SG_JSON_ARRAY ? v->u.array.n : 0;
}

/* An unsigned integer of at most max, as Go reads a uint/uint64. */
static int number(struct rd *r, const struct sg_json *v, const char *what, uint64_t max, uint64_t *out)
{
	if (!is_kind(r, v, SG_JSON_NUMBER, what))
		return -1;
	const struct sg_numlit *n = &v->u.number.num;
	if (!v->u.number.integer || (n->negative && n->mag) || n->overflow) {
		sg_error(r->diag, &v->loc, "%s must be an unsigned integer below 2^64", what);
		r->bad = 1;
		return -1;
	}
	if (n->mag > max) {
		sg_error(r->diag, &v->loc, "%s must be 0 to %llu", what, (unsigned long long)max);
		r->bad = 1;
		return -1;
	}
	*out = n->mag;
	return 0;
}

static const char *plain_string(struct rd *r, const struct sg_json *v, const char *what)
{
	if (!is_kind(r, v, SG_JSON_STRING, what))
		return NULL;
	if (!sg_json_string_is_plain(v)) {
		error_at(r, &v->loc, "%s must not hold a NUL character", what);
		return NULL;
	}
	return v->u.string.s;
}

/* --- actions -------------------------------------------------------------- */

/* libseccomp refuses SCMP_ACT_ERRNO(4095) and above (seccomp_rule_add and
 * seccomp_init give -EINVAL; measured on 2.5.4), although the kernel
 * would return 4095; SCMP_ACT_TRACE keeps 16 bits. */
#define MAX_OCI_ERRNO 4094
#define MAX_TRACE_DATA 0xffff

static const struct {
	const char *word;
	enum sg_action_kind kind;
} actions[] = {
	{ "SCMP_ACT_KILL", SG_ACT_KILL_THREAD }, /* libseccomp: SCMP_ACT_KILL is SCMP_ACT_KILL_THREAD */
	{ "SCMP_ACT_KILL_THREAD", SG_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", SG_ACT_KILL_PROCESS },
	{ "SCMP_ACT_TRAP", SG_ACT_TRAP },
	{ "SCMP_ACT_ERRNO", SG_ACT_RETURN },
	{ "SCMP_ACT_TRACE", SG_ACT_TRACE },
	{ "SCMP_ACT_ALLOW", SG_ACT_ALLOW },
	{ "SCMP_ACT_LOG", SG_ACT_LOG },
	{ "SCMP_ACT_NOTIFY", SG_ACT_USER_NOTIFY },
};

static struct sg_value *num_value(struct rd *r, const struct sg_loc *loc, uint64_t n)
{
	struct sg_value *v = sg_alloc(r->arena, sizeof(*v));
	v->kind = SG_VAL_NUMBER;
	v->loc = *loc;
	v->u.num.mag = n;
	return v;
}

/* act: the action's string; ret: its errnoRet (or defaultErrnoRet), or
 * NULL.  As crun reads them: ERRNO and TRACE take errnoRet, EPERM (1)
 * when it is absent, and any other action with errnoRet is an error. */
static int action(struct rd *r, const struct sg_json *act, const struct sg_json_member *ret, const char *what,
		  struct sg_action *out)
{
	memset(out, 0, sizeof(*out));
	const char *word = plain_string(r, act, what);
	if (!word)
		return -1;
	out->loc = act->loc;
	size_t i = 0;
	while (i < sizeof(actions) / sizeof(actions[0]) && strcmp(word, actions[i].word) != 0)
		i++;
	if (i == sizeof(actions) / sizeof(actions[0])) {
		error_at(r, &act->loc,
			 "unknown action '%s'; expected SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, "
			 "SCMP_ACT_TRAP, SCMP_ACT_ERRNO, SCMP_ACT_TRACE, SCMP_ACT_ALLOW, SCMP_ACT_LOG or SCMP_ACT_NOTIFY",
			 word);
		return -1;
	}
	out->kind = actions[i].kind;
	int takes = out->kind == SG_ACT_RETURN || out->kind == SG_ACT_TRACE;
	uint64_t n = 1; /* EPERM */
	if (ret && !takes) {
		sg_error(r->diag, &ret->key_loc, "'%s' is only for SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not %s", ret->key, word);
		r->bad = 1;
		return -1;
	}
	const char *key = ret ? sg_printf(r->arena, "'%s'", ret->key) : NULL;
	if (ret && number(r, ret->value, key, UINT64_MAX, &n))
		return -1;
	if (ret && out->kind == SG_ACT_RETURN && n > MAX_OCI_ERRNO) {
		sg_error(r->diag, &ret->value->loc, "%s must be 0 to %d: libseccomp refuses errno 4095 and above", key,
			 MAX_OCI_ERRNO);
		r->bad = 1;
		return -1;
	}
	if (ret && out->kind == SG_ACT_TRACE && n > MAX_TRACE_DATA) {
		sg_error(r->diag, &ret->value->loc, "%s must be 0 to %d: the tracer sees 16 bits", key, MAX_TRACE_DATA);
		r->bad = 1;
		return -1;
	}
	if (takes)
		out->value = num_value(r, ret ? &ret->value->loc : &act->loc, n);
	return 0;
}

/* --- arches and capabilities ----------------------------------------------- */

/* Every SCMP_ARCH_* of the runtime spec, and seccomp-gen's name for those
 * it has a target for. */
static const struct {
	const char *scmp, *sg;
} scmp_arches[] = {
	{ "SCMP_ARCH_X86", "i386" },      { "SCMP_ARCH_X86_64", "x86_64" }, { "SCMP_ARCH_X32", NULL },
	{ "SCMP_ARCH_ARM", "arm" },       { "SCMP_ARCH_AARCH64", "aarch64" }, { "SCMP_ARCH_MIPS", NULL },
	{ "SCMP_ARCH_MIPS64", NULL },     { "SCMP_ARCH_MIPS64N32", NULL },  { "SCMP_ARCH_MIPSEL", NULL },
	{ "SCMP_ARCH_MIPSEL64", NULL },   { "SCMP_ARCH_MIPSEL64N32", NULL }, { "SCMP_ARCH_PPC", NULL },
	{ "SCMP_ARCH_PPC64", NULL },      { "SCMP_ARCH_PPC64LE", NULL },    { "SCMP_ARCH_S390", NULL },
	{ "SCMP_ARCH_S390X", NULL },      { "SCMP_ARCH_PARISC", NULL },     { "SCMP_ARCH_PARISC64", NULL },
	{ "SCMP_ARCH_RISCV64", "riscv64" }, { "SCMP_ARCH_LOONGARCH64", NULL }, { "SCMP_ARCH_M68K", NULL },
	{ "SCMP_ARCH_SH", NULL },         { "SCMP_ARCH_SHEB", NULL },
};

static int arch(struct rd *r, const struct sg_json *v, const char *what, struct sg_oci_arch *out)
{
	const char *s = plain_string(r, v, what);
	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof(scmp_arches) / sizeof(scmp_arches[0]); i++)
		if (strcmp(s, scmp_arches[i].scmp) == 0) {
			out->scmp = scmp_arches[i].scmp;
			out->sg_name = scmp_arches[i].sg;
			out->loc = v->loc;
			return 0;
		}
	error_at(r, &v->loc, "unknown arch '%s'; expected an SCMP_ARCH_ name such as SCMP_ARCH_X86_64, "
		 "SCMP_ARCH_X86, SCMP_ARCH_AARCH64, SCMP_ARCH_ARM or SCMP_ARCH_RISCV64", s);
	return -1;
}

/* include/uapi/linux/capability.h, in number order. */
static const char *const cap_names[SG_OCI_NCAPS] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
	"CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
	"CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
	"CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
	"CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

int sg_oci_cap_find(const char *name)
{
	for (int i = 0; i < SG_OCI_NCAPS; i++)
		if (strcmp(name, cap_names[i]) == 0)
			return i;
	return -1;
}

const char *sg_oci_cap_name(int cap)
{
	return cap >= 0 && cap < SG_OCI_NCAPS ? cap_names[cap] : NULL;
}

/* The words of includes/excludes "arches": the engine compares them with
 * its own arch's name (goToNative[runtime.GOARCH] in seccomp_linux.go:
 * "amd64", "x86", "arm64", ...); Docker's profile also uses "x32" and
 * "s390", which no engine arch is.  Anything else is a misspelling. */
static const char *const cond_arches[] = {
	"amd64", "x86", "x32", "arm", "arm64", "loongarch64", "loong64", "mips", "mipsel", "mipsle", "mips64",
	"mips64n32", "mipsel64", "mipsel64n32", "mips3l64n32", "ppc", "ppc64", "ppc64le", "riscv64", "s390",
	"s390x", "parisc", "parisc64", "m68k", "sh",
};

/* --- entries ---------------------------------------------------------------- */

static struct sg_oci_word *words(struct rd *r, const struct sg_json *v, const char *list, const char *what,
				 size_t *n)
{
	*n = 0;
	if (!is_list(r, v, list))
		return NULL;
	struct sg_oci_word *w = sg_alloc_array(r->arena, list_len(v) + 1, sizeof(*w));
	for (size_t i = 0; i < list_len(v); i++) {
		const struct sg_json *item = v->u.array.items[i];
		const char *s = plain_string(r, item, what);
		if (s) {
			w[*n].s = s;
			w[*n].loc = item->loc;
			(*n)++;
		}
	}
	return w;
}

/* "4.8": two decimal numbers of at most 255 each, not 0.0 (the engine's
 * KernelVersion.UnmarshalJSON); "" is no condition. */
static void min_kernel(struct rd *r, const struct sg_json *v, struct sg_oci_cond *c)
{
	const char *s = plain_string(r, v, "'minKernel'");
	if (!s || !*s)
		return;
	unsigned part[2] = { 0, 0 };
	int k = 0, digits = 0, ok = 1;
	for (const char *p = s; *p && ok; p++) {
		if (*p >= '0' && *p <= '9') {
			part[k] = part[k] * 10 + (unsigned)(*p - '0');
			ok = ++digits <= 3 && part[k] <= 255;
		} else if (*p == '.' && k == 0 && digits) {
			k = 1;
			digits = 0;
		} else {
			ok = 0;
		}
	}
	if (!ok || k != 1 || !digits || (part[0] == 0 && part[1] == 0)) {
		error_at(r, &v->loc, "'minKernel' must be \"<kernel>.<major>\" such as \"4.8\" (each 0 to 255, not 0.0), not '%s'",
			 s);
		return;
	}
	c->has_min_kernel = 1;
	c->min_major = part[0];
	c->min_minor = part[1];
}

static void condition(struct rd *r, const struct sg_json *v, const char *what, struct sg_oci_cond *c)
{
	memset(c, 0, sizeof(*c));
	if (v->kind == SG_JSON_NULL || !is_kind(r, v, SG_JSON_OBJECT, what))
		return;
	c->present = 1;
	struct field f[] = { { "caps", NULL }, { "arches", NULL }, { "minKernel", NULL } };
	take_fields(r, v, f, 3, what, "caps, arches or minKernel", 1);
	if (f[0].m) {
		c->caps = words(r, f[0].m->value, "'caps'", "a capability", &c->ncaps);
		for (size_t i = 0; i < c->ncaps; i++)
			if (sg_oci_cap_find(c->caps[i].s) < 0)
				error_at(r, &c->caps[i].loc, "unknown capability '%s'; expected a name such as CAP_SYS_ADMIN", c->caps[i].s);
	}
	if (f[1].m) {
		c->arches = words(r, f[1].m->value, "'arches'", "an arch", &c->narches);
		for (size_t i = 0; i < c->narches; i++) {
			size_t k = 0, n = sizeof(cond_arches) / sizeof(cond_arches[0]);
			while (k < n && strcmp(c->arches[i].s, cond_arches[k]) != 0)
				k++;
			if (k == n)
				error_at(r, &c->arches[i].loc,
					 "unknown arch '%s'; the engine compares these with its arch as libseccomp names it: "
					 "amd64, x86, arm64, arm, riscv64, ppc64le, s390x, ...", c->arches[i].s);
		}
	}
	if (f[2].m)
		min_kernel(r, f[2].m->value, c);
}

static const struct {
	const char *word;
	enum sg_oci_op op;
} ops[] = {
	{ "SCMP_CMP_NE", SG_OCI_NE }, { "SCMP_CMP_LT", SG_OCI_LT }, { "SCMP_CMP_LE", SG_OCI_LE },
	{ "SCMP_CMP_EQ", SG_OCI_EQ }, { "SCMP_CMP_GE", SG_OCI_GE }, { "SCMP_CMP_GT", SG_OCI_GT },
	{ "SCMP_CMP_MASKED_EQ", SG_OCI_MASKED_EQ },
};

static int comparison(struct rd *r, const struct sg_json *v, struct sg_oci_cmp *c)
{
	memset(c, 0, sizeof(*c));
	c->loc = v->loc;
	if (!is_kind(r, v, SG_JSON_OBJECT, "an argument comparison"))
		return -1;
	unsigned before = r->diag->errors;
	struct field f[] = { { "index", NULL }, { "value", NULL }, { "valueTwo", NULL }, { "op", NULL } };
	take_fields(r, v, f, 4, "an argument comparison", "index, value, valueTwo or op", 0);
	uint64_t n;
	if (!f[0].m)
		error_at(r, &v->loc, "an argument comparison needs '%s'", "index");
	else if (number(r, f[0].m->value, "'index' (a syscall has six arguments)", 5, &n) == 0)
		c->index = (unsigned)n;
	if (f[1].m)
		number(r, f[1].m->value, "'value'", UINT64_MAX, &c->value);
	if (f[2].m)
		number(r, f[2].m->value, "'valueTwo'", UINT64_MAX, &c->value_two);
	if (!f[3].m) {
		error_at(r, &v->loc, "an argument comparison needs '%s'", "op");
	} else {
		const char *s = plain_string(r, f[3].m->value, "'op'");
		size_t k = 0, nops = sizeof(ops) / sizeof(ops[0]);
		while (s && k < nops && strcmp(s, ops[k].word) != 0)
			k++;
		if (s && k == nops)
			error_at(r, &f[3].m->value->loc,
				 "unknown operator '%s'; expected SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, "
				 "SCMP_CMP_GE, SCMP_CMP_GT or SCMP_CMP_MASKED_EQ", s);
		else if (s)
			c->op = ops[k].op;
	}
	return r->diag->errors == before ? 0 : -1;
}

static void entry(struct rd *r, const struct sg_json *v, struct sg_oci_profile *p)
{
	if (!is_kind(r, v, SG_JSON_OBJECT, "a syscalls entry"))
		return;
	unsigned before = r->diag->errors;
	struct field f[] = {
		{ "names", NULL }, { "name", NULL }, { "action", NULL }, { "errnoRet", NULL }, { "args", NULL },
		{ "comment", NULL }, { "includes", NULL }, { "excludes", NULL },
	};
	take_fields(r, v, f, 8, "a syscalls entry", "names, action, errnoRet, args, comment, includes or excludes", 0);
	struct sg_oci_entry e;
	memset(&e, 0, sizeof(e));
	e.loc = v->loc;
	if (f[0].m)
		e.names = words(r, f[0].m->value, "'names'", "a syscall name", &e.nnames);
	if (f[1].m) {
		/* The engine's deprecated single name. */
		const char *s = plain_string(r, f[1].m->value, "'name'");
		if (s && *s && e.nnames) {
			error_at(r, &f[1].m->key_loc, "an entry has either '%s' or 'names', not both", "name");
		} else if (s && *s) {
			e.names = sg_alloc(r->arena, sizeof(*e.names));
			e.names[0].s = s;
			e.names[0].loc = f[1].m->value->loc;
			e.nnames = 1;
		}
	}
	for (size_t i = 0; i < e.nnames; i++)
		if (!*e.names[i].s)
			error_at(r, &e.names[i].loc, "a syscall name must not be empty%s", "");
	if (!f[2].m)
		error_at(r, &v->loc, "a syscalls entry needs '%s'", "action");
	else
		action(r, f[2].m->value, f[3].m, "'action'", &e.action);
	if (f[4].m && is_list(r, f[4].m->value, "'args'")) {
		const struct sg_json *args = f[4].m->value;
		e.has_args = args->kind == SG_JSON_ARRAY;
		e.nargs = list_len(args);
		/* crun adds at most six comparisons of an entry (the rest are
		 * dropped without a word); runc adds them all. */
		if (e.nargs > 6)
			error_at(r, &args->u.array.items[6]->loc,
				 "an entry compares at most six arguments: crun drops the comparisons after the sixth, runc keeps them%s", "");
		e.args = sg_alloc_array(r->arena, e.nargs + 1, sizeof(*e.args));
		for (size_t i = 0; i < e.nargs; i++)
			comparison(r, args->u.array.items[i], &e.args[i]);
	}
	if (f[5].m)
		plain_string(r, f[5].m->value, "'comment'");
	if (f[6].m)
		condition(r, f[6].m->value, "'includes'", &e.includes);
	if (f[7].m)
		condition(r, f[7].m->value, "'excludes'", &e.excludes);
	if (r->diag->errors == before)
		p->entries[p->nentries++] = e; /* room for every item: sg_oci_read */
}

/* --- the profile ------------------------------------------------------------ */

static struct sg_oci_arch *arch_list(struct rd *r, const struct sg_json *v, const char *what, size_t *n)
{
	*n = 0;
	if (!is_list(r, v, what))
		return NULL;
	struct sg_oci_arch *a = sg_alloc_array(r->arena, list_len(v) + 1, sizeof(*a));
	for (size_t i = 0; i < list_len(v); i++)
		if (arch(r, v->u.array.items[i], "an arch", &a[*n]) == 0)
			(*n)++;
	return a;
}

static void archmap(struct rd *r, const struct sg_json *v, struct sg_oci_profile *p)
{
	if (!is_list(r, v, "'archMap'"))
		return;
	p->archmap = sg_alloc_array(r->arena, list_len(v) + 1, sizeof(*p->archmap));
	for (size_t i = 0; i < list_len(v); i++) {
		const struct sg_json *m = v->u.array.items[i];
		if (!is_kind(r, m, SG_JSON_OBJECT, "an archMap entry"))
			continue;
		struct field f[] = { { "architecture", NULL }, { "subArchitectures", NULL } };
		take_fields(r, m, f, 2, "an archMap entry", "architecture or subArchitectures", 0);
		struct sg_oci_archmap *am = &p->archmap[p->narchmap];
		memset(am, 0, sizeof(*am));
		if (!f[0].m) {
			error_at(r, &m->loc, "an archMap entry needs '%s'", "architecture");
			continue;
		}
		if (arch(r, f[0].m->value, "'architecture'", &am->arch))
			continue;
		if (f[1].m)
			am->subs = arch_list(r, f[1].m->value, "'subArchitectures'", &am->nsubs);
		p->narchmap++;
	}
}

int sg_oci_detect(const struct sg_json *top)
{
	if (top->kind != SG_JSON_OBJECT)
		return 0;
	for (size_t i = 0; i < top->u.object.n; i++) {
		const struct sg_json_member *m = &top->u.object.members[i];
		if (key_is(m, "defaultAction") || key_is(m, "archMap") || key_is(m, "architectures"))
			return 1;
		if (key_is(m, "syscalls") && m->value->kind == SG_JSON_ARRAY)
			return 1;
	}
	return 0;
}

struct sg_oci_profile *sg_oci_read(struct sg_arena *arena, struct sg_diag *diag, const struct sg_json *top,
				   struct sg_source *src)
{
	struct rd r = { arena, diag, 0 };
	if (!is_kind(&r, top, SG_JSON_OBJECT, "a seccomp profile"))
		return NULL;
	struct sg_oci_profile *p = sg_alloc(arena, sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->src = src;
	p->path = src->path;
	struct field f[] = {
		{ "defaultAction", NULL }, { "defaultErrnoRet", NULL }, { "architectures", NULL },
		{ "archMap", NULL }, { "syscalls", NULL }, { "flags", NULL }, { "listenerPath", NULL },
		{ "listenerMetadata", NULL },
	};
	take_fields(&r, top, f, 8, "a seccomp profile",
		    "defaultAction, defaultErrnoRet, architectures, archMap, syscalls, flags, listenerPath or listenerMetadata", 0);
	if (!f[0].m)
		error_at(&r, &top->loc, "a seccomp profile needs '%s' (the runtimes refuse one without it)", "defaultAction");
	else
		action(&r, f[0].m->value, f[1].m, "'defaultAction'", &p->dflt);
	if (f[2].m)
		p->arches = arch_list(&r, f[2].m->value, "'architectures'", &p->narches);
	if (f[3].m)
		archmap(&r, f[3].m->value, p);
	if (p->narches && p->narchmap) {
		/* seccomp_linux.go: "use either 'architectures' or 'archMap'". */
		sg_error(diag, &f[3].m->key_loc, "a profile has either 'architectures' or 'archMap', not both");
		sg_note(diag, &f[2].m->key_loc, "'architectures' is here");
		r.bad = 1;
	}
	if (f[4].m && is_list(&r, f[4].m->value, "'syscalls'")) {
		const struct sg_json *s = f[4].m->value;
		p->entries = sg_alloc_array(arena, list_len(s) + 1, sizeof(*p->entries));
		for (size_t i = 0; i < list_len(s) && !sg_diag_saturated(diag); i++)
			entry(&r, s->u.array.items[i], p);
	}
	/* What the runtime does with these is not in the program: the
	 * filter's flags and the listener are arguments of seccomp(2), which
	 * the program's loader chooses. */
	if (f[5].m && is_list(&r, f[5].m->value, "'flags'")) {
		size_t n;
		struct sg_oci_word *w = words(&r, f[5].m->value, "'flags'", "a filter flag", &n);
		for (size_t i = 0; i < n; i++)
			sg_warning(diag, &w[i].loc, "'%s' is a flag of seccomp(2), not part of the program; "
				   "give it to the call that loads the filter", w[i].s);
	}
	if (f[6].m && !(f[6].m->value->kind == SG_JSON_STRING && !*f[6].m->value->u.string.s))
		sg_warning(diag, &f[6].m->key_loc, "'listenerPath' is not part of the program: load it with "
			   "SECCOMP_FILTER_FLAG_NEW_LISTENER and pass the listener on yourself");
	if (f[7].m && !(f[7].m->value->kind == SG_JSON_STRING && !*f[7].m->value->u.string.s))
		sg_warning(diag, &f[7].m->key_loc, "'listenerMetadata' is only for a listener (listenerPath) and is ignored");
	return r.bad ? NULL : p;
}
