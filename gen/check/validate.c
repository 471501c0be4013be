/* The check: the program against the IR over the input set
 * (gen/check/validate_inputs.c), with branch coverage, and the report of a
 * disagreement. */
#include "gen/check/validate.h"

#include <stdlib.h>
#include <string.h>

#include "gen/bpf/bpf.h"
#include "gen/ir/ir_eval.h"
#include "support/source.h"

struct checker {
	const struct sg_ir_program *ir;
	const struct sg_program *prog;
	unsigned char *taken;
	size_t inputs;
	struct sg_seccomp_data bad; /* the first disagreement */
	uint32_t got, want;
	/* The inputs come number by number: what depends on nr and arch
	 * alone is worked out once for each (see sg_exec_resume). */
	int have;
	uint32_t nr, arch;
	struct sg_exec_state prefix;
	const struct sg_ir_decision *decision;
	uint32_t fixed; /* the policy's result when decision is NULL */
};

static void start_number(struct checker *c, const struct sg_seccomp_data *d)
{
	c->have = 1;
	c->nr = d->nr;
	c->arch = d->arch;
	c->decision = sg_ir_decider(c->ir, d->arch, d->nr, &c->fixed);
	sg_exec_start(&c->prefix);
	sg_exec_resume(c->prog->insns, c->prog->len, d, c->prog->arch->big_endian, &c->prefix, 1, c->taken);
}

static int check_one(void *ctx, const struct sg_seccomp_data *d)
{
	struct checker *c = ctx;
	c->inputs++;
	if (!c->have || d->nr != c->nr || d->arch != c->arch)
		start_number(c, d);
	uint32_t want = c->decision ? sg_ir_decide(c->ir, c->decision, d->args) : c->fixed;
	uint32_t got = c->prefix.ret;
	if (!c->prefix.done) {
		struct sg_exec_state st = c->prefix;
		int off_end = sg_exec_resume(c->prog->insns, c->prog->len, d, c->prog->arch->big_endian, &st, 0,
					     c->taken);
		got = off_end ? ~want : st.ret; /* off the end: sg_check() rules it out */
	}
	if (got != want) {
		c->bad = *d;
		c->got = got;
		c->want = want;
		return 1;
	}
	return 0;
}

static const char *syscall_name(const struct sg_ir_program *ir, uint32_t nr)
{
	for (size_t i = 0; i < ir->nsyscalls; i++)
		if (ir->syscalls[i].nr == nr)
			return ir->syscalls[i].name;
	for (size_t i = 0; i < ir->arch->nsyscalls; i++)
		if ((uint32_t)ir->arch->syscalls[i].value == nr)
			return sg_value_name(ir->arch, &ir->arch->syscalls[i]);
	return "an unnamed syscall";
}

static void report(struct sg_diag *diag, const struct checker *c)
{
	const struct sg_seccomp_data *d = &c->bad;
	char got[32], want[32];
	sg_ret_name(c->got, got, sizeof(got));
	sg_ret_name(c->want, want, sizeof(want));
	sg_error(diag, NULL,
		 "internal error: translation validation failed: the program compiled from '%s' for %s "
		 "returns %s for %s (nr %u, arch 0x%08x, args 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx), "
		 "but the policy says %s",
		 c->prog->policy_path ? c->prog->policy_path : c->prog->name, c->ir->arch->name, got,
		 syscall_name(c->ir, d->nr), d->nr, d->arch, (unsigned long long)d->args[0],
		 (unsigned long long)d->args[1], (unsigned long long)d->args[2], (unsigned long long)d->args[3],
		 (unsigned long long)d->args[4], (unsigned long long)d->args[5], want);
	const struct sg_ir_decision *dec = d->arch == c->ir->arch->audit_arch ? sg_ir_lookup(c->ir, d->nr) : NULL;
	const struct sg_ir_rule *r = dec ? sg_ir_first_match(c->ir, dec, d->args) : NULL;
	if (r && r->loc && sg_ir_eval(c->ir, d) == r->ret)
		sg_note(diag, r->loc, "the policy decides by this filter");
}

int sg_validate(struct sg_diag *diag, const struct sg_ir_program *ir, const struct sg_program *prog,
		struct sg_validate_stats *stats)
{
	struct checker c;
	memset(&c, 0, sizeof(c));
	c.ir = ir;
	c.prog = prog;
	c.taken = calloc(prog->len ? prog->len : 1, 1);
	if (!c.taken)
		abort();
	int bad = sg_validate_inputs(ir, prog, check_one, &c);
	if (bad)
		report(diag, &c);
	if (stats) {
		memset(stats, 0, sizeof(*stats));
		stats->inputs = c.inputs;
		for (size_t pc = 0; pc < prog->len; pc++) {
			const struct sg_insn *in = &prog->insns[pc];
			if (SG_BPF_CLASS(in->code) != SG_BPF_JMP || SG_BPF_OP(in->code) == SG_BPF_JA)
				continue;
			stats->branches += 2;
			stats->covered += (c.taken[pc] & 1) + (c.taken[pc] >> 1);
		}
	}
	free(c.taken);
	return bad ? -1 : 0;
}
