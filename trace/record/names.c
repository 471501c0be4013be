/* Numbers to names: an arch by its audit value, a syscall by its number.
 * The arch tables are sorted by name; the tracer needs the other way. */
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"

const struct sg_arch *tr_arch_by_audit(uint32_t audit_arch)
{
	for (size_t i = 0; sg_arches[i]; i++)
		if (sg_arches[i]->audit_arch == audit_arch)
			return sg_arches[i];
	return NULL;
}

struct by_nr {
	const struct sg_arch *arch;
	const struct sg_named_value **v; /* sorted by number, then name */
	size_t n;
};

static const struct sg_arch *sort_arch;

static int cmp_nr(const void *pa, const void *pb)
{
	const struct sg_named_value *a = *(const struct sg_named_value *const *)pa;
	const struct sg_named_value *b = *(const struct sg_named_value *const *)pb;
	if (a->value != b->value)
		return a->value < b->value ? -1 : 1;
	return strcmp(sg_value_name(sort_arch, a), sg_value_name(sort_arch, b));
}

/* One table per arch, made on first use and kept for the run. */
static struct by_nr tables[16];
static size_t ntables;

void tr_names_release(void)
{
	for (size_t i = 0; i < ntables; i++)
		free(tables[i].v);
	ntables = 0;
}

static const struct by_nr *table_for(const struct sg_arch *a)
{
	for (size_t i = 0; i < ntables; i++)
		if (tables[i].arch == a)
			return &tables[i];
	if (ntables == sizeof(tables) / sizeof(tables[0]))
		abort();
	struct by_nr *t = &tables[ntables++];
	t->arch = a;
	t->n = a->nsyscalls;
	t->v = malloc((t->n ? t->n : 1) * sizeof(*t->v));
	if (!t->v)
		abort();
	for (size_t i = 0; i < t->n; i++)
		t->v[i] = &a->syscalls[i];
	sort_arch = a;
	qsort(t->v, t->n, sizeof(*t->v), cmp_nr);
	return t;
}

/* Where two names share a number (arm's sync_file_range2 and
 * arm_sync_file_range), the first in strcmp order: both compile alike. */
const char *tr_syscall_name(const struct sg_arch *a, uint64_t nr)
{
	const struct by_nr *t = table_for(a);
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint64_t)t->v[mid]->value < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && (uint64_t)t->v[lo]->value == nr)
		return sg_value_name(a, t->v[lo]);
	return NULL;
}
