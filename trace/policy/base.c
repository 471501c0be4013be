/* --base POLICY: calls an existing policy already allows are left out, so
 * that a trace adds only what is missing.  The base is resolved with the
 * seccomp-gen library for each arch a call comes from, and each call is
 * decided by the IR's own evaluator (gen/ir/ir_eval.c), the reference the
 * compiled programs are validated against. */
#include <stdio.h>

#include "gen/bpf/bpf.h"
#include "gen/ir/ir_eval.h"
#include "gen/ir/resolve.h"
#include "grammar/load.h"
#include "support/arena.h"
#include "support/source.h"
#include "trace/trace.h"

struct base_arch {
	const struct sg_arch *arch;
	struct sg_ir_program *ir; /* NULL: does not compile for this arch */
};

struct tr_base {
	struct sg_arena *arena;
	const char *path;
	struct sg_file *file;
	struct base_arch per[8];
	size_t n;
};

static struct sg_ir_program *resolve_for(struct tr_base *b, const struct sg_arch *arch, FILE *out)
{
	struct sg_diag diag;
	sg_diag_init(&diag, out, b->arena);
	struct sg_resolve_options ro = { .arch = arch, .name = "base" };
	return sg_resolve(b->arena, &diag, b->file, &ro);
}

struct tr_base *tr_base_load(struct sg_arena *a, const char *path)
{
	struct tr_base *b = sg_alloc(a, sizeof(*b));
	b->arena = a;
	b->path = path;
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a);
	struct sg_load_options lo = { 0 };
	b->file = sg_load(a, &diag, path, &lo);
	if (!b->file || diag.errors)
		return NULL;
	/* Resolved for the host now, so that a mistake in the base is an
	 * error before the command runs. */
	const struct sg_arch *host = sg_arch_host();
	if (host) {
		b->per[0].arch = host;
		b->per[0].ir = resolve_for(b, host, stderr);
		if (!b->per[0].ir)
			return NULL;
		b->n = 1;
	}
	return b;
}

static struct sg_ir_program *ir_for(struct tr_base *b, const struct sg_arch *arch)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->per[i].arch == arch)
			return b->per[i].ir;
	if (b->n == sizeof(b->per) / sizeof(b->per[0]))
		return NULL;
	/* Another ABI (compat calls): a base written for the host may name
	 * syscalls that arch lacks; then it covers none of that arch's calls. */
	FILE *null = fopen("/dev/null", "w");
	struct sg_ir_program *ir = resolve_for(b, arch, null ? null : stderr);
	if (null)
		fclose(null);
	if (!ir)
		fprintf(stderr, "seccomp-gen-trace: warning: the base '%s' does not compile for %s; "
			"its %s calls are all kept\n", b->path, arch->name, arch->name);
	b->per[b->n].arch = arch;
	b->per[b->n++].ir = ir;
	return ir;
}

static int allowing(uint32_t ret)
{
	uint32_t action = ret & SG_RET_ACTION_FULL;
	return action == SG_RET_ALLOW || action == SG_RET_LOG;
}

/* The arguments the rules of d read (bit i: argument i). */
static unsigned args_read(const struct sg_ir_decision *d)
{
	unsigned args = 0;
	for (size_t i = 0; i < d->nrules; i++)
		for (size_t j = 0; j < d->rules[i].nclauses; j++) {
			const struct sg_ir_clause *c = &d->rules[i].clauses[j];
			for (size_t k = 0; k < c->natoms; k++)
				args |= 1u << c->atoms[k].arg;
		}
	return args;
}

/* An arch the base has not been compiled for yet (compat calls) is not
 * compiled here, where no call of it may ever come: every argument. */
unsigned tr_base_args_read(struct tr_base *b, const struct sg_arch *a, uint64_t nr)
{
	struct sg_ir_program *ir = NULL;
	size_t i = 0;
	while (i < b->n && b->per[i].arch != a)
		i++;
	if (i == b->n)
		return 0x3f;
	if (nr <= UINT32_MAX)
		ir = b->per[i].ir;
	if (!ir)
		return 0;
	uint32_t ret;
	const struct sg_ir_decision *d = sg_ir_decider(ir, a->audit_arch, (uint32_t)nr, &ret);
	return d ? args_read(d) : 0;
}

int tr_base_allows(struct tr_base *b, const struct tr_call *c)
{
	if (!c->arch || c->nr > UINT32_MAX)
		return 0;
	struct sg_ir_program *ir = ir_for(b, c->arch);
	if (!ir)
		return 0;
	uint32_t ret;
	const struct sg_ir_decision *d = sg_ir_decider(ir, c->audit_arch, (uint32_t)c->nr, &ret);
	if (!d)
		return allowing(ret);
	if (args_read(d) & ~c->known)
		return 0;
	uint64_t args[6];
	for (int i = 0; i < 6; i++)
		args[i] = c->known & 1u << i ? c->args[i] : 0;
	return allowing(sg_ir_decide(ir, d, args));
}
