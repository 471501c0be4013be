#include "gen/ir/ir_eval.h"

#include "gen/bpf/bpf.h"

int sg_ir_atom_holds(const struct sg_ir_program *p, const struct sg_ir_atom *a, const uint64_t args[6])
{
	/* The kernel passes 64-bit words; on a 32-bit arch only the low half
	 * is the argument (README: "on 32-bit arches, the 32-bit word"). */
	uint64_t x = p->arch->bits == 64 ? args[a->arg] : (uint32_t)args[a->arg];
	/* Width 32 (seccompiler's dword): only the low 32 bits are compared. */
	if (a->width == 32)
		x = (uint32_t)x;
	uint64_t mask = p->arch->bits == 64 ? UINT64_MAX : 0xffffffffu;
	uint64_t v = a->value;
	switch (a->op) {
	case SG_OP_EQ: return x == v;
	case SG_OP_NE: return x != v;
	case SG_OP_LT: return x < v;
	case SG_OP_LE: return x <= v;
	case SG_OP_GT: return x > v;
	case SG_OP_GE: return x >= v;
	case SG_OP_MASK: return (x & v) != 0;       /* any bit of the mask */
	case SG_OP_IN: return (x & ~v & mask) == 0; /* no bit outside it */
	case SG_OP_MASKED_EQ: return (x & a->mask) == v; /* seccompiler's masked_eq; v is masked */
	default: break;
	}
	/* An operation this function does not know cannot hold: the
	 * validation then reports every program that tests it. */
	return 0;
}

int sg_ir_clause_holds(const struct sg_ir_program *p, const struct sg_ir_clause *c, const uint64_t args[6])
{
	for (size_t i = 0; i < c->natoms; i++)
		if (!sg_ir_atom_holds(p, &c->atoms[i], args))
			return 0;
	return 1;
}

const struct sg_ir_rule *sg_ir_first_match(const struct sg_ir_program *p, const struct sg_ir_decision *d,
					   const uint64_t args[6])
{
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sg_ir_rule *r = &d->rules[i];
		if (r->nclauses == 0)
			return r;
		for (size_t j = 0; j < r->nclauses; j++)
			if (sg_ir_clause_holds(p, &r->clauses[j], args))
				return r;
	}
	return NULL;
}

const struct sg_ir_decision *sg_ir_lookup(const struct sg_ir_program *p, uint32_t nr)
{
	/* p->syscalls is sorted by number. */
	size_t lo = 0, hi = p->nsyscalls;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->syscalls[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nsyscalls && p->syscalls[lo].nr == nr ? p->syscalls[lo].decision : NULL;
}

const struct sg_ir_decision *sg_ir_decider(const struct sg_ir_program *p, uint32_t arch, uint32_t nr,
					   uint32_t *ret)
{
	/* Numbers mean nothing for another arch's ABI. */
	*ret = p->kill_ret;
	if (arch != p->arch->audit_arch)
		return NULL;
	/* On x86_64 the x32 ABI shares the arch value and marks its numbers
	 * with bit 30 (arch/x86/include/uapi/asm/unistd.h); seccomp-gen gives
	 * them the kill action, and with them every number above, which no
	 * ABI uses (the kernel's nr is an int: they are negative). */
	if (p->arch->audit_arch == SG_AUDIT_ARCH_X86_64 && nr >= SG_X32_SYSCALL_BIT &&
	    !(p->minus_one_default && nr == UINT32_MAX))
		return NULL;
	*ret = p->default_ret;
	return sg_ir_lookup(p, nr);
}

uint32_t sg_ir_decide(const struct sg_ir_program *p, const struct sg_ir_decision *d, const uint64_t args[6])
{
	const struct sg_ir_rule *r = sg_ir_first_match(p, d, args);
	return r ? r->ret : p->default_ret;
}

uint32_t sg_ir_eval(const struct sg_ir_program *p, const struct sg_seccomp_data *data)
{
	uint32_t ret;
	const struct sg_ir_decision *d = sg_ir_decider(p, data->arch, data->nr, &ret);
	return d ? sg_ir_decide(p, d, data->args) : ret;
}
