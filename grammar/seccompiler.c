/* seccompiler JSON -> policy trees.  What is accepted is what seccompiler's
 * serde definitions accept (src/frontend/json.rs, src/backend/mod.rs):
 * unknown keys are errors (deny_unknown_fields), "mismatch_action" and
 * "match_action" are the same fields as "default_action" and
 * "filter_action", numbers are unsigned integers, an "index" above 5 and
 * an empty "args" are errors, and the two actions of a filter must differ.
 * Where seccomp-gen is stricter or reads a rule differently, README.md
 * says so. */
#include "grammar/seccompiler.h"

#include <string.h>

#include "grammar/json.h"
#include "support/arena.h"
#include "support/source.h"

struct conv {
	struct sg_arena *arena;
	struct sg_diag *diag;
	int bad;
};

/* A key of an object the format defines, with its alias. */
struct field {
	const char *name, *alias;
	int required;
	const struct sg_json_member *m; /* found */
};

/* All the rules of one syscall, merged as they are found. */
struct group {
	const char *name;
	const struct sg_loc *name_loc;  /* first "syscall" value */
	struct sg_clause *clauses;
	size_t nclauses, cap;
	const struct sg_loc *uncond;    /* first rule without args */
};

static void error_at(struct conv *c, const struct sg_loc *loc, const char *msg)
{
	sg_error(c->diag, loc, "%s", msg);
	c->bad = 1;
}

static int is_kind(struct conv *c, const struct sg_json *v, enum sg_json_kind kind, const char *what)
{
	if (v->kind == kind)
		return 1;
	sg_error(c->diag, &v->loc, "%s must be %s, not %s", what, sg_json_kind_name(kind),
		 sg_json_kind_name(v->kind));
	c->bad = 1;
	return 0;
}

static int key_is(const struct sg_json_member *m, const char *name)
{
	return name && strlen(name) == m->key_len && memcmp(m->key, name, m->key_len) == 0;
}

/* Sorts the members of obj into fields; unknown, duplicate and missing
 * keys are errors.  what: "a filter", "a rule", ... */
static void take_fields(struct conv *c, const struct sg_json *obj, struct field *f, size_t n,
			const char *what, const char *expected)
{
	for (size_t i = 0; i < obj->u.object.n; i++) {
		const struct sg_json_member *m = &obj->u.object.members[i];
		size_t k = 0;
		while (k < n && !key_is(m, f[k].name) && !key_is(m, f[k].alias))
			k++;
		if (k == n) {
			sg_error(c->diag, &m->key_loc, "unknown key '%s' in %s; expected %s", m->key, what, expected);
			c->bad = 1;
		} else if (f[k].m && !key_is(m, f[k].m->key)) {
			sg_error(c->diag, &m->key_loc, "%s has '%s' twice ('%s' is its other name)", what, f[k].name,
				 f[k].alias);
			sg_note(c->diag, &f[k].m->key_loc, "the first is here");
			c->bad = 1;
		} else if (f[k].m) {
			sg_error(c->diag, &m->key_loc, "%s has '%s' twice", what, f[k].name);
			sg_note(c->diag, &f[k].m->key_loc, "the first is here");
			c->bad = 1;
		} else {
			f[k].m = m;
		}
	}
	for (size_t k = 0; k < n; k++)
		if (f[k].required && !f[k].m) {
			sg_error(c->diag, &obj->loc, "%s needs '%s'", what, f[k].name);
			c->bad = 1;
		}
}

/* An unsigned 64-bit integer, as serde reads a u64. */
static struct sg_value *number(struct conv *c, const struct sg_json *v, const char *what)
{
	if (!is_kind(c, v, SG_JSON_NUMBER, what))
		return NULL;
	const struct sg_numlit *n = &v->u.number.num;
	const char *why = !v->u.number.integer ? "an integer"
			  : n->negative && n->mag ? "an unsigned integer"
			  : n->overflow ? "an integer below 2^64" : NULL;
	if (why) {
		sg_error(c->diag, &v->loc, "%s must be %s", what, why);
		c->bad = 1;
		return NULL;
	}
	struct sg_value *out = sg_alloc(c->arena, sizeof(*out));
	out->kind = SG_VAL_NUMBER;
	out->loc = v->loc;
	out->u.num.mag = n->mag;
	return out;
}

/* The ranges the kernel gives meaning to: errno values above MAX_ERRNO
 * (include/linux/err.h) are clamped to it, and the tracer sees the 16
 * SECCOMP_RET_DATA bits.  seccompiler masks larger values to 16 bits
 * without a word; seccomp-gen refuses them, as it refuses "return 65537". */
#define MAX_ERRNO 4095
#define MAX_TRACE_DATA 0xffff

static const char *const action_words =
	"\"allow\", \"kill_thread\", \"kill_process\", \"log\", \"trap\", {\"errno\": N} or {\"trace\": N}";

/* seccompiler's SeccompAction (serde rename_all = "snake_case"): unit
 * variants are strings, Errno(u32) and Trace(u32) one-key objects. */
static int action(struct conv *c, const struct sg_json *v, const char *what, struct sg_action *out)
{
	static const struct { const char *word; enum sg_action_kind kind; } words[] = {
		{ "allow", SG_ACT_ALLOW }, { "kill_thread", SG_ACT_KILL_THREAD },
		{ "kill_process", SG_ACT_KILL_PROCESS }, { "log", SG_ACT_LOG }, { "trap", SG_ACT_TRAP },
	};
	memset(out, 0, sizeof(*out));
	out->loc = v->loc;
	if (v->kind == SG_JSON_STRING) {
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strcmp(v->u.string.s, words[i].word) == 0 && sg_json_string_is_plain(v)) {
				out->kind = words[i].kind;
				return 0;
			}
		if (strcmp(v->u.string.s, "errno") == 0 || strcmp(v->u.string.s, "trace") == 0)
			sg_error(c->diag, &v->loc, "'%s' takes a number: {\"%s\": N}", v->u.string.s, v->u.string.s);
		else
			sg_error(c->diag, &v->loc, "unknown action '%s'; expected %s", v->u.string.s, action_words);
		c->bad = 1;
		return -1;
	}
	if (v->kind == SG_JSON_OBJECT && v->u.object.n == 1) {
		const struct sg_json_member *m = &v->u.object.members[0];
		if (key_is(m, "errno") || key_is(m, "trace")) {
			int is_errno = key_is(m, "errno");
			out->kind = is_errno ? SG_ACT_RETURN : SG_ACT_TRACE;
			out->value = number(c, m->value, is_errno ? "an errno" : "trace data");
			if (!out->value)
				return -1;
			/* Checked here, once, not for each syscall the action
			 * ends up in. */
			if (out->value->u.num.mag > (is_errno ? MAX_ERRNO : MAX_TRACE_DATA)) {
				sg_error(c->diag, &m->value->loc, is_errno ? "an errno must be 0 to %d" : "trace data must be 0 to %d",
					 is_errno ? MAX_ERRNO : MAX_TRACE_DATA);
				c->bad = 1;
				return -1;
			}
			return 0;
		}
		sg_error(c->diag, &m->key_loc, "unknown action '%s'; expected %s", m->key, action_words);
		c->bad = 1;
		return -1;
	}
	sg_error(c->diag, &v->loc, "%s must be %s", what, action_words);
	c->bad = 1;
	return -1;
}

static int same_action(const struct sg_action *a, const struct sg_action *b)
{
	if (a->kind != b->kind)
		return 0;
	if (!a->value || !b->value)
		return a->value == b->value;
	return a->value->u.num.mag == b->value->u.num.mag;
}

/* SeccompCmpOp: "eq", ..., or {"masked_eq": MASK}. */
static int comparison(struct conv *c, const struct sg_json *v, struct sg_atom *a)
{
	static const struct { const char *word; enum sg_op op; } ops[] = {
		{ "eq", SG_OP_EQ }, { "ne", SG_OP_NE }, { "lt", SG_OP_LT },
		{ "le", SG_OP_LE }, { "gt", SG_OP_GT }, { "ge", SG_OP_GE },
	};
	if (v->kind == SG_JSON_STRING) {
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strcmp(v->u.string.s, ops[i].word) == 0 && sg_json_string_is_plain(v)) {
				a->op = ops[i].op;
				return 0;
			}
		if (strcmp(v->u.string.s, "masked_eq") == 0) {
			error_at(c, &v->loc, "'masked_eq' takes a mask: {\"masked_eq\": MASK}");
			return -1;
		}
	} else if (v->kind == SG_JSON_OBJECT && v->u.object.n == 1 &&
		   key_is(&v->u.object.members[0], "masked_eq")) {
		a->op = SG_OP_MASKED_EQ;
		a->mask = number(c, v->u.object.members[0].value, "a mask");
		return a->mask ? 0 : -1;
	}
	error_at(c, &v->loc, "'op' must be \"eq\", \"ne\", \"lt\", \"le\", \"gt\", \"ge\" or {\"masked_eq\": MASK}");
	return -1;
}

static void comment(struct conv *c, const struct field *f)
{
	if (f->m)
		is_kind(c, f->m->value, SG_JSON_STRING, "'comment'");
}

/* {"index", "type", "op", "val", "comment"}: one comparison. */
static int condition(struct conv *c, const struct sg_json *v, struct sg_atom *a)
{
	memset(a, 0, sizeof(*a));
	a->loc = v->loc;
	if (!is_kind(c, v, SG_JSON_OBJECT, "a condition"))
		return -1;
	struct field f[] = {
		{ "index", NULL, 1, NULL }, { "type", NULL, 1, NULL }, { "op", NULL, 1, NULL },
		{ "val", NULL, 1, NULL }, { "comment", NULL, 0, NULL },
	};
	unsigned before = c->diag->errors;
	take_fields(c, v, f, 5, "a condition", "index, type, op, val or comment");
	comment(c, &f[4]);
	if (f[0].m) {
		const struct sg_json *iv = f[0].m->value;
		struct sg_value *index = number(c, iv, "'index'");
		a->arg_loc = iv->loc;
		if (index && index->u.num.mag > 5)
			error_at(c, &iv->loc, "'index' must be 0 to 5: a syscall has six arguments");
		else if (index)
			a->arg = (unsigned)index->u.num.mag;
	}
	if (f[1].m) {
		const struct sg_json *t = f[1].m->value;
		if (is_kind(c, t, SG_JSON_STRING, "'type'")) {
			if (strcmp(t->u.string.s, "dword") == 0 && sg_json_string_is_plain(t))
				a->width = 32;
			else if (strcmp(t->u.string.s, "qword") == 0 && sg_json_string_is_plain(t))
				a->width = 64;
			else {
				sg_error(c->diag, &t->loc, "'type' must be \"dword\" (the low 32 bits) or \"qword\" (64 bits), not '%s'",
					 t->u.string.s);
				c->bad = 1;
			}
		}
	}
	if (f[2].m)
		comparison(c, f[2].m->value, a);
	if (f[3].m) {
		a->value = number(c, f[3].m->value, "'val'");
		/* Notes on the generated code point at the value's line. */
		a->loc = f[3].m->value->loc;
	}
	return c->diag->errors == before ? 0 : -1;
}

static struct group *find_group(struct conv *c, struct group **groups, size_t *n, size_t *cap,
				const struct sg_json *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*groups)[i].name, name->u.string.s) == 0)
			return &(*groups)[i];
	struct group *g = &SG_PUSH(c->arena, *groups, *n, *cap);
	memset(g, 0, sizeof(*g));
	g->name = name->u.string.s;
	g->name_loc = &name->loc;
	return g;
}

/* {"syscall", "args", "comment"}: added to its syscall's group. */
static void rule(struct conv *c, const struct sg_json *v, struct group **groups, size_t *n, size_t *cap)
{
	if (!is_kind(c, v, SG_JSON_OBJECT, "a rule"))
		return;
	struct field f[] = { { "syscall", NULL, 1, NULL }, { "args", NULL, 0, NULL }, { "comment", NULL, 0, NULL } };
	take_fields(c, v, f, 3, "a rule", "syscall, args or comment");
	comment(c, &f[2]);
	if (!f[0].m)
		return;
	const struct sg_json *name = f[0].m->value;
	if (!is_kind(c, name, SG_JSON_STRING, "'syscall'"))
		return;
	if (!sg_json_string_is_plain(name) || name->u.string.len == 0) {
		error_at(c, &name->loc, "'syscall' must be a syscall name");
		return;
	}
	struct group *g = find_group(c, groups, n, cap, name);
	if (!f[1].m) {
		if (!g->uncond)
			g->uncond = &name->loc;
		return;
	}
	const struct sg_json *args = f[1].m->value;
	if (!is_kind(c, args, SG_JSON_ARRAY, "'args'"))
		return;
	if (args->u.array.n == 0) {
		/* seccompiler: Error::EmptyRule. */
		error_at(c, &args->loc, "'args' is empty; leave it out for a rule that matches every call");
		return;
	}
	struct sg_clause cl = { sg_alloc_array(c->arena, args->u.array.n, sizeof(struct sg_atom)), args->u.array.n };
	int ok = 1;
	for (size_t i = 0; i < args->u.array.n; i++)
		if (condition(c, args->u.array.items[i], &cl.atoms[i]))
			ok = 0;
	if (ok)
		SG_PUSH(c->arena, g->clauses, g->nclauses, g->cap) = cl;
}

static struct sg_stmt *new_stmt(struct conv *c, enum sg_stmt_kind kind, const struct sg_loc *loc)
{
	struct sg_stmt *s = sg_alloc(c->arena, sizeof(*s));
	s->kind = kind;
	s->loc = *loc;
	return s;
}

/* One group as the statement "name: clause || clause ...; filter_action". */
static struct sg_stmt *group_stmt(struct conv *c, const struct group *g, const struct sg_action *act)
{
	struct sg_stmt *s = new_stmt(c, SG_STMT_FILTER, g->name_loc);
	struct sg_descriptor *d = sg_alloc(c->arena, sizeof(*d));
	d->name = g->name;
	d->loc = *g->name_loc;
	struct sg_filter *f = sg_alloc(c->arena, sizeof(*f));
	f->action = *act;
	f->loc = *g->name_loc;
	if (g->uncond && g->nclauses) {
		/* seccompiler's make_seccomp_filter() keeps only the rules with
		 * args in this case, so it filters what this rule allows. */
		sg_warning(c->diag, g->uncond, "a rule without args matches every '%s' call, so its rules with args do not matter",
			   g->name);
		sg_note(c->diag, NULL, "seccompiler ignores a rule without args when the syscall has rules with args; seccomp-gen does not");
	}
	if (!g->uncond) {
		f->clauses = g->clauses;
		f->nclauses = g->nclauses;
	}
	s->u.filter.descs = d;
	s->u.filter.ndescs = 1;
	s->u.filter.filters = f;
	s->u.filter.nfilters = 1;
	s->u.filter.colon = *g->name_loc;
	return s;
}

/* {"default_action", "filter_action", "filter"}: one category's tree. */
static struct sg_file *category(struct conv *c, struct sg_source *src, const char *path,
				const struct sg_json_member *m)
{
	const struct sg_json *v = m->value;
	if (!is_kind(c, v, SG_JSON_OBJECT, "a filter"))
		return NULL;
	struct field f[] = {
		{ "default_action", "mismatch_action", 1, NULL },
		{ "filter_action", "match_action", 1, NULL },
		{ "filter", NULL, 1, NULL },
	};
	take_fields(c, v, f, 3, "a filter", "default_action, filter_action or filter");
	struct sg_action dflt, act;
	int have_dflt = f[0].m && action(c, f[0].m->value, "'default_action'", &dflt) == 0;
	int have_act = f[1].m && action(c, f[1].m->value, "'filter_action'", &act) == 0;
	if (have_dflt && have_act && same_action(&dflt, &act)) {
		/* seccompiler: Error::IdenticalActions. */
		sg_error(c->diag, &f[1].m->value->loc, "'filter_action' is the same as 'default_action': the filter would do nothing");
		c->bad = 1;
	}
	struct group *groups = NULL;
	size_t ngroups = 0, cap = 0;
	if (f[2].m && is_kind(c, f[2].m->value, SG_JSON_ARRAY, "'filter'")) {
		const struct sg_json *rules = f[2].m->value;
		for (size_t i = 0; i < rules->u.array.n && !sg_diag_saturated(c->diag); i++)
			rule(c, rules->u.array.items[i], &groups, &ngroups, &cap);
	}
	if (!have_dflt || !have_act)
		return NULL;
	struct sg_file *file = sg_alloc(c->arena, sizeof(*file));
	file->src = src;
	file->permissive_default = 1;
	file->deps = sg_alloc(c->arena, sizeof(*file->deps));
	file->deps[0] = path;
	file->ndeps = 1;
	struct sg_stmt **tail = &file->stmts;
	struct sg_stmt *s = new_stmt(c, SG_STMT_DEFAULT, &f[0].m->value->loc);
	s->u.action = dflt;
	*tail = s;
	tail = &s->next;
	for (size_t i = 0; i < ngroups; i++) {
		*tail = group_stmt(c, &groups[i], &act);
		tail = &(*tail)->next;
	}
	return file;
}

int sg_load_seccompiler(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			struct sg_category **out, size_t *n)
{
	struct sg_source *src;
	*out = NULL;
	*n = 0;
	struct sg_json *top = sg_json_load(arena, diag, path, &src);
	if (!top)
		return -1;
	return sg_seccompiler_read(arena, diag, top, src, out, n);
}

int sg_seccompiler_read(struct sg_arena *arena, struct sg_diag *diag, const struct sg_json *top, struct sg_source *src,
			struct sg_category **out, size_t *n)
{
	struct conv c = { arena, diag, 0 };
	*out = NULL;
	*n = 0;
	if (top->kind != SG_JSON_OBJECT) {
		sg_error(diag, &top->loc, "a seccompiler file is an object from thread categories to filters, not %s",
			 sg_json_kind_name(top->kind));
		return -1;
	}
	if (top->u.object.n == 0) {
		sg_error(diag, &top->loc, "the file has no thread category, so no filter to compile");
		return -1;
	}
	struct sg_category *cats = sg_alloc_array(arena, top->u.object.n, sizeof(*cats));
	size_t ncats = 0;
	for (size_t i = 0; i < top->u.object.n && !sg_diag_saturated(diag); i++) {
		const struct sg_json_member *m = &top->u.object.members[i];
		if (m->key_len == 0 || strlen(m->key) != m->key_len) {
			error_at(&c, &m->key_loc, "a thread category needs a name");
			continue;
		}
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++)
			if (key_is(&top->u.object.members[j], m->key)) {
				/* seccompiler: "duplicate filter key". */
				sg_error(diag, &m->key_loc, "thread category '%s' is defined twice", m->key);
				c.bad = 1;
				sg_note(diag, &top->u.object.members[j].key_loc, "the first is here");
				dup = 1;
			}
		/* A category with errors is left out; the others are still
		 * compiled, so that their errors show in the same run. */
		unsigned before = diag->errors;
		struct sg_file *f = category(&c, src, src->path, m);
		if (f && !dup && diag->errors == before) {
			cats[ncats].name = m->key;
			cats[ncats].loc = m->key_loc;
			cats[ncats].file = f;
			ncats++;
		}
	}
	*out = cats;
	*n = ncats;
	return c.bad ? -1 : 0;
}
