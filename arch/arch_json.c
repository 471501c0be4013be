#include "arch/arch_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/json.h"
#include "support/arena.h"
#include "support/source.h"

/* include/uapi/linux/audit.h */
#define AUDIT_ARCH_64BIT 0x80000000u
#define AUDIT_ARCH_LE 0x40000000u

struct loader {
	struct sg_arena *arena;
	struct sg_diag *diag;
	int bad;
	char *strings; /* the arch's names, as the tables are built */
	size_t used;
};

static void fail(struct loader *l, const struct sg_loc *loc, const char *what, const char *key)
{
	sg_error(l->diag, loc, "'%s' %s", key, what);
	l->bad = 1;
}

/* An integer of the file as 64-bit two's complement; *negative says how
 * to read it.  Python's json reads any size; the values that matter fit
 * int64 or uint64. */
static int integer(struct loader *l, const struct sg_json *v, const char *key, uint64_t *out, int *negative)
{
	if (v->kind != SG_JSON_NUMBER || !v->u.number.integer) {
		fail(l, &v->loc, "must be an integer", key);
		return -1;
	}
	const struct sg_numlit *n = &v->u.number.num;
	if (n->overflow || (n->negative && n->mag > (uint64_t)INT64_MAX + 1)) {
		fail(l, &v->loc, "does not fit in 64 bits", key);
		return -1;
	}
	*negative = n->negative && n->mag;
	*out = n->negative ? 0 - n->mag : n->mag;
	return 0;
}

/* A name of the file, while the table is built. */
struct entry {
	const char *name;
	int64_t value;
	const struct sg_loc *where;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Reports each name the entries hold twice, at its second occurrence. */
static void duplicates(struct loader *l, const struct entry *v, const struct entry *sorted, size_t n,
		       const char *key)
{
	for (size_t i = 1; i < n; i++) {
		if (strcmp(sorted[i - 1].name, sorted[i].name) != 0)
			continue;
		size_t first = n, second = n;
		for (size_t k = 0; k < n; k++)
			if (strcmp(v[k].name, sorted[i].name) == 0) {
				if (first == n)
					first = k;
				else if (second == n)
					second = k;
			}
		sg_error(l->diag, v[second].where, "'%s' is in '%s' twice", sorted[i].name, key);
		sg_note(l->diag, v[first].where, "the first is here");
		l->bad = 1;
	}
}

/* "syscalls" or "constants": name -> integer, sorted by name, the names
 * appended to l->strings. */
static struct sg_named_value *table(struct loader *l, const struct sg_json *obj, const char *key, int syscalls,
				    size_t *n)
{
	*n = 0;
	if (obj->kind != SG_JSON_OBJECT) {
		sg_error(l->diag, &obj->loc, "'%s' must be an object from names to numbers, not %s", key,
			 sg_json_kind_name(obj->kind));
		l->bad = 1;
		return NULL;
	}
	struct entry *v = sg_alloc_array(l->arena, obj->u.object.n, sizeof(*v));
	for (size_t i = 0; i < obj->u.object.n; i++) {
		const struct sg_json_member *m = &obj->u.object.members[i];
		uint64_t x;
		int negative;
		if (m->key_len == 0 || strlen(m->key) != m->key_len) {
			sg_error(l->diag, &m->key_loc, "a name in '%s' must be a non-empty string without NUL", key);
			l->bad = 1;
			continue;
		}
		if (integer(l, m->value, m->key, &x, &negative))
			continue;
		if (syscalls && (negative || x > UINT32_MAX)) {
			fail(l, &m->value->loc, "is not a syscall number: they are 0 to 4294967295", m->key);
			continue;
		}
		v[*n] = (struct entry){ m->key, (int64_t)x, &m->key_loc };
		(*n)++;
	}
	/* Sort a copy, so that duplicates can be reported where they are. */
	struct entry *sorted = sg_alloc_array(l->arena, *n, sizeof(*sorted));
	memcpy(sorted, v, *n * sizeof(*v));
	qsort(sorted, *n, sizeof(*sorted), by_name);
	duplicates(l, v, sorted, *n, key);
	struct sg_named_value *out = sg_alloc_array(l->arena, *n, sizeof(*out));
	for (size_t i = 0; i < *n; i++) {
		size_t len = strlen(sorted[i].name) + 1;
		memcpy(l->strings + l->used, sorted[i].name, len);
		out[i].name = (uint32_t)l->used;
		out[i].value = sorted[i].value;
		l->used += len;
	}
	return out;
}

/* Room for every name of the objects (those that are objects). */
static size_t names_size(const struct sg_json *const *objs, size_t nobjs)
{
	size_t size = 1;
	for (size_t k = 0; k < nobjs; k++)
		if (objs[k]->kind == SG_JSON_OBJECT)
			for (size_t i = 0; i < objs[k]->u.object.n; i++)
				size += objs[k]->u.object.members[i].key_len + 1;
	return size;
}

/* A malformed "syscall_groups" is not an error until a policy names a
 * group: minijail's compiler too only trips over it then.  The first
 * problem is kept, for that error. */
static void problem(struct sg_arch *a, const struct sg_loc *loc, const char *msg)
{
	if (a->groups_problem)
		return;
	a->groups_problem = msg;
	a->groups_problem_loc = loc;
}

static int by_space_and_name(const void *x, const void *y)
{
	const struct sg_syscall_group *a = x, *b = y;
	int c = strcmp(a->space, b->space);
	return c ? c : strcmp(a->name, b->name);
}

/* One group: an array of syscall names of the file, each once. */
static int group_members(struct loader *l, struct sg_arch *a, const struct sg_json_member *g,
			 struct sg_syscall_group *out)
{
	const struct sg_json *list = g->value;
	if (list->kind != SG_JSON_ARRAY) {
		problem(a, &list->loc, sg_printf(l->arena, "syscall group '%s' must be an array of syscall names, not %s",
						 g->key, sg_json_kind_name(list->kind)));
		return -1;
	}
	const char **members = sg_alloc_array(l->arena, list->u.array.n, sizeof(*members));
	int bad = 0;
	for (size_t i = 0; i < list->u.array.n; i++) {
		const struct sg_json *v = list->u.array.items[i];
		members[i] = v->kind == SG_JSON_STRING ? v->u.string.s : "";
		if (v->kind != SG_JSON_STRING || !sg_json_string_is_plain(v)) {
			problem(a, &v->loc, sg_printf(l->arena, "a syscall group holds syscall names (strings), not %s",
						      sg_json_kind_name(v->kind)));
			bad = 1;
		} else if (!sg_arch_syscall(a, members[i])) {
			problem(a, &v->loc, sg_printf(l->arena, "syscall group '%s' names '%s', which is not in 'syscalls'",
						      g->key, members[i]));
			bad = 1;
		} else {
			for (size_t k = 0; k < i; k++)
				if (strcmp(members[k], members[i]) == 0) {
					problem(a, &v->loc,
						sg_printf(l->arena, "'%s' is in syscall group '%s' twice", members[i], g->key));
					bad = 1;
					break;
				}
		}
	}
	out->name = g->key;
	out->members = members;
	out->nmembers = list->u.array.n;
	return bad ? -1 : 0;
}

/* "syscall_groups": { "namespace": { "group": ["read", "write"] } }, as
 * minijail's tools/arch.py reads it.  Sets a->groups, or
 * a->groups_problem. */
static int groups(struct loader *l, struct sg_arch *a, const struct sg_json *top)
{
	static const char shape[] = "an object from namespaces to objects from group names to arrays of syscall names";
	if (top->kind != SG_JSON_OBJECT) {
		problem(a, &top->loc,
			sg_printf(l->arena, "'syscall_groups' must be %s, not %s", shape, sg_json_kind_name(top->kind)));
		return -1;
	}
	size_t total = 0;
	for (size_t i = 0; i < top->u.object.n; i++) {
		const struct sg_json *space = top->u.object.members[i].value;
		if (space->kind != SG_JSON_OBJECT) {
			problem(a, &space->loc, sg_printf(l->arena, "'syscall_groups' must be %s; namespace '%s' is %s", shape,
							  top->u.object.members[i].key, sg_json_kind_name(space->kind)));
			return -1;
		}
		total += space->u.object.n;
	}
	struct sg_syscall_group *g = sg_alloc_array(l->arena, total, sizeof(*g));
	size_t n = 0;
	int bad = 0;
	for (size_t i = 0; i < top->u.object.n; i++) {
		const struct sg_json_member *space = &top->u.object.members[i];
		if (space->key_len == 0 || strlen(space->key) != space->key_len || strchr(space->key, '@')) {
			problem(a, &space->key_loc, "a syscall group namespace must be a non-empty name without '@' or NUL");
			bad = 1;
		}
		for (size_t k = 0; k < space->value->u.object.n; k++) {
			const struct sg_json_member *m = &space->value->u.object.members[k];
			if (m->key_len == 0 || strlen(m->key) != m->key_len || strchr(m->key, '@')) {
				problem(a, &m->key_loc, "a syscall group name must be non-empty, without '@' or NUL");
				bad = 1;
				continue;
			}
			for (size_t j = 0; j < k; j++)
				if (strcmp(space->value->u.object.members[j].key, m->key) == 0) {
					problem(a, &m->key_loc, sg_printf(l->arena, "syscall group '%s' is in namespace '%s' twice",
									  m->key, space->key));
					bad = 1;
				}
			g[n].space = space->key;
			if (group_members(l, a, m, &g[n]))
				bad = 1;
			n++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(top->u.object.members[j].key, space->key) == 0) {
				problem(a, &space->key_loc,
					sg_printf(l->arena, "namespace '%s' is in 'syscall_groups' twice", space->key));
				bad = 1;
			}
	}
	if (bad)
		return -1;
	qsort(g, n, sizeof(*g), by_space_and_name);
	a->groups = g;
	a->ngroups = n;
	return 0;
}

const struct sg_arch *sg_arch_load_json(struct sg_arena *arena, struct sg_diag *diag, const char *path)
{
	struct loader l = { arena, diag, 0, NULL, 0 };
	struct sg_json *top = sg_json_load(arena, diag, path, NULL);
	if (!top)
		return NULL;
	if (top->kind != SG_JSON_OBJECT) {
		sg_error(diag, &top->loc, "a constants.json file is an object with arch_nr, arch_name, bits, syscalls and constants, not %s",
			 sg_json_kind_name(top->kind));
		return NULL;
	}
	/* The sixth, syscall_groups, is optional. */
	static const char *const keys[] = { "arch_nr", "arch_name", "bits", "syscalls", "constants", "syscall_groups" };
	const struct sg_json_member *found[6] = { NULL };
	for (size_t i = 0; i < top->u.object.n; i++) {
		const struct sg_json_member *m = &top->u.object.members[i];
		for (size_t k = 0; k < 6; k++) {
			if (strcmp(m->key, keys[k]) != 0 || strlen(m->key) != m->key_len)
				continue;
			if (found[k]) {
				sg_error(diag, &m->key_loc, "'%s' is in the file twice", keys[k]);
				sg_note(diag, &found[k]->key_loc, "the first is here");
				l.bad = 1;
			}
			found[k] = m;
		}
	}
	for (size_t k = 0; k < 5; k++)
		if (!found[k]) {
			sg_error(diag, &top->loc, "a constants.json file needs '%s'", keys[k]);
			l.bad = 1;
		}
	if (l.bad)
		return NULL;

	struct sg_arch *a = sg_alloc(arena, sizeof(*a));
	uint64_t nr = 0, bits = 0;
	int negative = 0;
	const struct sg_json *nr_v = found[0]->value, *name_v = found[1]->value, *bits_v = found[2]->value;
	if (integer(&l, nr_v, "arch_nr", &nr, &negative) == 0 && (negative || nr > UINT32_MAX))
		fail(&l, &nr_v->loc, "must be an AUDIT_ARCH value, 0 to 4294967295", "arch_nr");
	if (name_v->kind != SG_JSON_STRING || !sg_json_string_is_plain(name_v) || name_v->u.string.len == 0)
		fail(&l, &name_v->loc, "must be the arch's name, a string", "arch_name");
	if (integer(&l, bits_v, "bits", &bits, &negative) == 0 && bits != 32 && bits != 64)
		fail(&l, &bits_v->loc, "must be 32 or 64", "bits");
	const struct sg_json *tables[2] = { found[3]->value, found[4]->value };
	/* Inputs are at most 16 MiB, so offsets fit in 32 bits. */
	l.strings = sg_alloc(arena, names_size(tables, 2));
	a->syscalls = table(&l, tables[0], "syscalls", 1, &a->nsyscalls);
	a->constants = table(&l, tables[1], "constants", 0, &a->nconstants);
	a->strings = l.strings;
	if (l.bad)
		return NULL;
	if (found[5])
		groups(&l, a, found[5]->value);

	a->audit_arch = (uint32_t)nr;
	a->bits = (unsigned)bits;
	a->minijail_name = name_v->u.string.s;
	const struct sg_arch *known = sg_arch_find(a->minijail_name);
	if (known) {
		/* The [arch=...] names, x32 handling and messages follow the
		 * arch seccomp-gen knows under this name, so it must be that
		 * arch. */
		if (known->audit_arch != a->audit_arch) {
			sg_error(diag, &nr_v->loc, "arch_nr 0x%08x is not %s's audit value 0x%08x", a->audit_arch,
				 known->name, known->audit_arch);
			return NULL;
		}
		if (known->bits != a->bits) {
			sg_error(diag, &bits_v->loc, "%s is a %u-bit arch, not %u-bit", known->name, known->bits, a->bits);
			return NULL;
		}
		a->name = known->name;
		a->big_endian = known->big_endian;
	} else {
		if (!(a->audit_arch & AUDIT_ARCH_64BIT) != (a->bits == 32)) {
			sg_error(diag, &bits_v->loc, "bits is %u, but arch_nr 0x%08x says %s", a->bits, a->audit_arch,
				 a->audit_arch & AUDIT_ARCH_64BIT ? "64-bit (__AUDIT_ARCH_64BIT)" : "32-bit");
			return NULL;
		}
		a->name = a->minijail_name;
		a->big_endian = !(a->audit_arch & AUDIT_ARCH_LE);
	}
	return a;
}
