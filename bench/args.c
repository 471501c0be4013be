/* Argument checks on the crosvm corpus: for every syscall a policy
 * filters on its arguments, the instructions executed by seccomp-gen's
 * program, by minijail's (its compiled programs, ../shared/corpus/
 * crosvm-minijail/ARCH/NAME.bpf) and by libseccomp -O2's for the same
 * rules, all simulated on the same inputs: the translation validation's
 * argument vectors for that syscall (gen/check/validate.h: each comparison made
 * true and false on both sides of its constant, with the rest of its
 * clause true), the same vectors for every syscall with the same filters.
 * Also what must not get worse: unconditionally allowed syscalls'
 * instructions, program length, and how many of those allows the kernel's
 * action cache can prove.  Prints figures against issue 16's targets,
 * with two that bound them: the other end of the trade-off (the dispatch
 * given over to argument-checked syscalls) and the programs whose 0.4x
 * budget is under the least any program needs (FLOOR).  Asserts nothing. */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench/args.h"
#ifdef HAVE_SECCOMP_H
#include "bench/scmp-arch.h"
#endif
#include "gen/bpf/interp.h"
#include "gen/check/validate.h"
#include "gen/driver/compile.h"
#include "gen/ir/ir_eval.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/suite.h"

static struct prog load_bpf(const char *path)
{
	struct prog p = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	if (!f)
		return p;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	p.insns = malloc(size > 0 ? (size_t)size : 1);
	if (size > 0 && p.insns && fread(p.insns, 1, (size_t)size, f) == (size_t)size)
		p.len = (size_t)size / 8;
	fclose(f);
	return p;
}

/* The argument vectors of one decision (equal decisions share them). */
struct group {
	const struct sg_ir_decision *d;
	uint64_t (*v)[6];
	size_t n, cap;
};

struct collect {
	const struct sg_ir_program *ir;
	struct group *groups;
	size_t ngroups;
};

static struct group *group_of(struct collect *c, const struct sg_ir_decision *d)
{
	for (size_t i = 0; i < c->ngroups; i++)
		if (c->groups[i].d == d || sg_ir_decision_equal(c->groups[i].d, d))
			return &c->groups[i];
	struct group *g = &c->groups[c->ngroups++];
	memset(g, 0, sizeof(*g));
	g->d = d;
	return g;
}

static int take(void *ctx, const struct sg_seccomp_data *data)
{
	struct collect *c = ctx;
	if (data->arch != c->ir->arch->audit_arch)
		return 0;
	const struct sg_ir_decision *d = sg_ir_lookup(c->ir, data->nr);
	if (!d || d->nrules < 2)
		return 0;
	struct group *g = group_of(c, d);
	for (size_t i = 0; i < g->n; i++) /* small sets: a scan will do */
		if (memcmp(g->v[i], data->args, sizeof(g->v[i])) == 0)
			return 0;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->v = realloc(g->v, g->cap * sizeof(*g->v));
	}
	memcpy(g->v[g->n++], data->args, sizeof(g->v[0]));
	return 0;
}

/* Instructions a program executes on one input; -1 if its result is not
 * want.  *before: those before it first reads an argument (the arch
 * check and the dispatch on the number), if before is not NULL. */
static long steps_of(const struct prog *p, const struct sg_seccomp_data *d, uint32_t want, long *before)
{
	uint32_t ret;
	size_t steps;
	if (!p->len || sg_run(p->insns, p->len, d, 0, &ret, &steps) || ret != want)
		return -1;
	if (before) {
		struct sg_exec_state st;
		sg_exec_start(&st);
		sg_exec_resume(p->insns, p->len, d, 0, &st, 1, NULL);
		*before = (long)st.steps;
	}
	return (long)steps;
}

#ifdef HAVE_SECCOMP_H
/* One clause as libseccomp comparisons; 0 if it has none for it (at
 * most one comparison per argument, and no '&' with several bits). */
static int scmp_clause(const struct sg_ir_clause *c, struct scmp_arg_cmp *out, uint64_t word)
{
	if (c->natoms > 6)
		return 0;
	for (size_t i = 0; i < c->natoms; i++) {
		const struct sg_ir_atom *a = &c->atoms[i];
		for (size_t j = 0; j < i; j++)
			if (c->atoms[j].arg == a->arg)
				return 0;
		if (a->width == 32 && word != 0xffffffffu)
			return 0;
		struct scmp_arg_cmp *o = &out[i];
		o->arg = a->arg;
		o->datum_a = a->value;
		o->datum_b = 0;
		switch (a->op) {
		case SG_OP_EQ: o->op = SCMP_CMP_EQ; break;
		case SG_OP_NE: o->op = SCMP_CMP_NE; break;
		case SG_OP_LT: o->op = SCMP_CMP_LT; break;
		case SG_OP_LE: o->op = SCMP_CMP_LE; break;
		case SG_OP_GT: o->op = SCMP_CMP_GT; break;
		case SG_OP_GE: o->op = SCMP_CMP_GE; break;
		case SG_OP_MASKED_EQ:
			o->op = SCMP_CMP_MASKED_EQ;
			o->datum_a = a->mask;
			o->datum_b = a->value;
			break;
		case SG_OP_IN: /* no bit outside the mask */
			o->op = SCMP_CMP_MASKED_EQ;
			o->datum_a = ~a->value & word;
			o->datum_b = 0;
			break;
		case SG_OP_MASK: /* one bit set: masked equality with it */
			if (!a->value || (a->value & (a->value - 1)))
				return 0;
			o->op = SCMP_CMP_MASKED_EQ;
			o->datum_a = o->datum_b = a->value;
			break;
		default:
			return 0;
		}
	}
	return 1;
}

/* libseccomp -O2's program for the policy: every rule of every syscall
 * as its rules, default trap.  Syscalls whose rules it cannot say get an
 * unconditional allow, and ok[s] = 0 (the comparison then skips them; so
 * do those whose program decides differently from the policy, since
 * libseccomp does not keep first-match order between actions). */
static struct prog libseccomp_program(const struct sg_ir_program *ir, unsigned char *ok)
{
	struct prog p = { NULL, 0 };
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	if (!ctx)
		return p;
	uint32_t token = scmp_arch(ir->arch);
	if (token != seccomp_arch_native()) {
		seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		seccomp_arch_add(ctx, token);
	}
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	uint64_t word = ir->arch->bits == 64 ? UINT64_MAX : 0xffffffffu;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		int nr = seccomp_syscall_resolve_name(ir->syscalls[s].name);
		ok[s] = nr != __NR_SCMP_ERROR;
		if (!ok[s])
			continue;
		uint32_t last = d->rules[d->nrules - 1].ret;
		int fine = 1;
		struct scmp_arg_cmp cmp[6];
		for (size_t r = 0; r + 1 < d->nrules && fine; r++)
			for (size_t c = 0; c < d->rules[r].nclauses && fine; c++)
				fine = scmp_clause(&d->rules[r].clauses[c], cmp, word);
		if (!fine) {
			ok[s] = 0;
			seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
			continue;
		}
		for (size_t r = 0; r + 1 < d->nrules; r++)
			for (size_t c = 0; c < d->rules[r].nclauses; c++) {
				const struct sg_ir_clause *cl = &d->rules[r].clauses[c];
				scmp_clause(cl, cmp, word);
				if (seccomp_rule_add_array(ctx, d->rules[r].ret, nr, (unsigned)cl->natoms, cmp))
					ok[s] = 0;
			}
		if (last != SCMP_ACT_TRAP)
			seccomp_rule_add(ctx, last, nr, 0);
	}
	int fd = memfd_create("bpf", 0);
	if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
		off_t size = lseek(fd, 0, SEEK_END);
		p.insns = malloc((size_t)size);
		if (p.insns && pread(fd, p.insns, (size_t)size, 0) == size)
			p.len = (size_t)size / 8;
	}
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return p;
}
#else
static struct prog libseccomp_program(const struct sg_ir_program *ir, unsigned char *ok)
{
	memset(ok, 0, ir->nsyscalls);
	return (struct prog){ NULL, 0 };
}
#endif

/* Sums over the corpus. */
struct totals {
	double ours, mj;           /* mean instructions per argument-checked syscall, summed */
	double disp_ours, disp_mj; /* of those, before the first argument is read */
	double lib_ours, lib;      /* the same over the syscalls libseccomp can say */
	size_t nsyscalls, nlib, mismatches;
	double worst_mean, worst_path; /* the worst program's ratios */
	const char *worst_mean_at, *worst_path_at;
	double allow_ours, allow_mj; /* unconditionally allowed syscalls */
	size_t nallowed, cached;
	double len_ours, len_mj;
	size_t nprograms;
	/* The other end of the trade-off: programs whose dispatch is given
	 * over to the argument-checked syscalls (devoted()). */
	double dev_ours, dev_allow;
	/* Programs whose worst path under 0.4x minijail's is shorter than
	 * any correct program's (FLOOR). */
	size_t below_floor;
};

/* No program decides a syscall by its arguments in fewer instructions:
 * load the arch, test it, load the number, one jump to tell this syscall
 * from the others, load the argument, one test of it, return. */
#define FLOOR 7

/* Argument-checked syscalls a million times each, the others once: the
 * dispatch reaches them first, whatever that costs the rest. */
static uint64_t devoted(const struct sg_ir_syscall *s)
{
	return s->decision->nrules > 1 ? 1000000 : 1;
}

static void syscall_line(const char *policy, const char *arch, const struct sg_ir_syscall *s, size_t n,
			 double ours, long ours_max, double ours_args, double mj, long mj_max, double mj_args, double lib,
			 int lib_ok)
{
	printf("  %-30s %-8s %-16s %5zu %7.2f %4ld %6.2f %7.2f %4ld %6.2f ", policy, arch, s->name, n, ours, ours_max,
	       ours_args, mj, mj_max, mj_args);
	if (lib_ok)
		printf("%7.2f", lib);
	else
		printf("%7s", "-");
	printf(" %6.3f\n", ours / mj);
}

static void bench_policy(const char *corpus, const char *mjdir, const char *archdir, const char *file,
			 struct totals *t)
{
	const struct sg_arch *arch = sg_arch_find(archdir);
	char dir[8192], path[16384], bpf[16384];
	snprintf(dir, sizeof(dir), "%s/%s", corpus, archdir);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(bpf, sizeof(bpf), "%s/%s/%.*s.bpf", mjdir, archdir, (int)(strlen(file) - 7), file);
	struct prog mj = load_bpf(bpf);
	if (!mj.len) {
		printf("  %-30s %-8s no minijail program at %s\n", file, archdir, bpf);
		free(mj.insns);
		return;
	}
	struct sg_arena *a = sg_arena_new();
	FILE *devnull = fopen("/dev/null", "w");
	struct sg_compiled out;
	if (compile_crosvm(a, devnull, path, dir, arch, &out)) {
		printf("  %-30s %-8s does not compile\n", file, archdir);
		goto done;
	}
	const struct sg_ir_program *ir = out.ir;
	struct prog ours = { out.prog.insns, out.prog.len };
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a);
	struct sg_program devp;
	struct prog dev = { NULL, 0 };
	if (program_with_weights(a, &diag, out.ir, devoted, &devp) == 0)
		dev = (struct prog){ devp.insns, devp.len };
	unsigned char *lib_ok = calloc(ir->nsyscalls + 1, 1);
	struct prog lib = libseccomp_program(ir, lib_ok);
	struct collect c = { ir, calloc(ir->nsyscalls + 1, sizeof(struct group)), 0 };
	sg_validate_inputs(ir, &out.prog, take, &c);

	double p_ours = 0, p_mj = 0;
	long p_ours_max = 0, p_mj_max = 0;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_syscall *sc = &ir->syscalls[s];
		struct sg_seccomp_data d = { .nr = sc->nr, .arch = arch->audit_arch };
		if (sc->decision->nrules < 2) {
			if (sc->decision->rules[0].ret != SG_RET_ALLOW)
				continue;
			long so = steps_of(&ours, &d, SG_RET_ALLOW, NULL), sm = steps_of(&mj, &d, SG_RET_ALLOW, NULL);
			if (so < 0 || sm < 0) {
				t->mismatches++;
				continue;
			}
			t->allow_ours += (double)so;
			t->allow_mj += (double)sm;
			long dv = steps_of(&dev, &d, SG_RET_ALLOW, NULL);
			if (dv < 0)
				t->mismatches++;
			t->dev_allow += (double)dv;
			t->nallowed++;
			t->cached += (size_t)cache_const_allow(&out.prog, sc->nr);
			continue;
		}
		struct group *g = group_of(&c, sc->decision);
		double so = 0, sm = 0, sl = 0, ao = 0, am = 0, sd = 0;
		long mo = 0, mm = 0;
		int lok = lib_ok[s] && lib.len;
		for (size_t i = 0; i < g->n; i++) {
			memcpy(d.args, g->v[i], sizeof(d.args));
			uint32_t want = sg_ir_eval(ir, &d);
			long bo = 0, bm = 0;
			long o = steps_of(&ours, &d, want, &bo), m = steps_of(&mj, &d, want, &bm);
			long l = steps_of(&lib, &d, want, NULL);
			long dv = steps_of(&dev, &d, want, NULL);
			if (dv < 0)
				t->mismatches++;
			sd += (double)dv;
			if (o < 0 || m < 0) {
				t->mismatches++;
				continue;
			}
			if (l < 0)
				lok = 0;
			so += (double)o;
			sm += (double)m;
			ao += (double)(o - bo);
			am += (double)(m - bm);
			sl += (double)l;
			mo = o > mo ? o : mo;
			mm = m > mm ? m : mm;
		}
		if (!g->n)
			continue;
		double n = (double)g->n;
		syscall_line(file, archdir, sc, g->n, so / n, mo, ao / n, sm / n, mm, am / n, sl / n, lok);
		t->disp_ours += (so - ao) / n;
		t->disp_mj += (sm - am) / n;
		t->ours += so / n;
		t->mj += sm / n;
		t->dev_ours += sd / n;
		t->nsyscalls++;
		if (lok) {
			t->lib_ours += so / n;
			t->lib += sl / n;
			t->nlib++;
		}
		p_ours += so / n;
		p_mj += sm / n;
		p_ours_max = mo > p_ours_max ? mo : p_ours_max;
		p_mj_max = mm > p_mj_max ? mm : p_mj_max;
	}
	if (p_mj > 0 && 0.4 * (double)p_mj_max < FLOOR)
		t->below_floor++;
	if (p_mj > 0) {
		static char where[2][256];
		if (p_ours / p_mj > t->worst_mean) {
			t->worst_mean = p_ours / p_mj;
			snprintf(where[0], sizeof(where[0]), "%s/%s", archdir, file);
			t->worst_mean_at = where[0];
		}
		if ((double)p_ours_max / (double)p_mj_max > t->worst_path) {
			t->worst_path = (double)p_ours_max / (double)p_mj_max;
			snprintf(where[1], sizeof(where[1]), "%s/%s (%ld vs %ld)", archdir, file, p_ours_max, p_mj_max);
			t->worst_path_at = where[1];
		}
	}
	t->len_ours += (double)ours.len;
	t->len_mj += (double)mj.len;
	t->nprograms++;
	for (size_t i = 0; i < c.ngroups; i++)
		free(c.groups[i].v);
	free(c.groups);
	free(lib.insns);
	free(lib_ok);
done:
	free(mj.insns);
	fclose(devnull);
	sg_arena_free(a);
}

/* The kernel time of xhci_device's ioctl (bench/args-kernel.c), for the
 * constant a linear chain finds last: the last clause of its last
 * conditional rule. */
static void hot_ioctl(const char *corpus, const char *mjdir)
{
	const struct sg_arch *host = sg_arch_host();
	if (!host || strcmp(host->name, "x86_64") != 0) {
		printf("\nkernel: skipped (needs an x86_64 host)\n");
		return;
	}
	char dir[8192], path[16384], bpf[16384];
	snprintf(dir, sizeof(dir), "%s/x86_64", corpus);
	snprintf(path, sizeof(path), "%s/xhci_device.policy", dir);
	snprintf(bpf, sizeof(bpf), "%s/x86_64/xhci_device.bpf", mjdir);
	struct prog mj = load_bpf(bpf);
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled out;
	const struct sg_ir_syscall *ioctl = NULL;
	if (mj.len && compile_crosvm(a, stderr, path, dir, host, &out) == 0)
		for (size_t s = 0; s < out.ir->nsyscalls; s++)
			if (strcmp(out.ir->syscalls[s].name, "ioctl") == 0)
				ioctl = &out.ir->syscalls[s];
	if (ioctl && ioctl->decision->nrules > 1) {
		const struct sg_ir_decision *d = ioctl->decision;
		const struct sg_ir_rule *r = &d->rules[d->nrules - 2];
		const struct sg_ir_clause *c = &r->clauses[r->nclauses - 1];
		unsigned long cmd = (unsigned long)c->atoms[c->natoms - 1].value;
		unsigned char *ok = calloc(out.ir->nsyscalls + 1, 1);
		struct prog lib = libseccomp_program(out.ir, ok);
		struct prog ours = { out.prog.insns, out.prog.len };
		kernel_hot_ioctl(&ours, &mj, &lib, cmd);
		free(lib.insns);
		free(ok);
	} else {
		printf("\nkernel: skipped (no xhci_device.policy, or its minijail program, in the corpus)\n");
	}
	free(mj.insns);
	sg_arena_free(a);
}

static const char *met(int ok)
{
	return ok ? "met" : "NOT met";
}

int main(int argc, char **argv)
{
	const char *shared = argc > 1 ? argv[1] : "../shared";
	char corpus[4096], mjdir[4096];
	snprintf(corpus, sizeof(corpus), "%s/corpus/crosvm", shared);
	snprintf(mjdir, sizeof(mjdir), "%s/corpus/crosvm-minijail", shared);
	static const char *const dirs[] = { "x86_64", "aarch64", "arm", "riscv64" };
	struct totals t = { 0 };
	printf("Argument-checked syscalls: mean (and most) instructions executed over the validation's inputs\n");
	printf("(args: of those, from the first argument load on)\n");
	printf("  %-30s %-8s %-16s %5s %7s %4s %6s %7s %4s %6s %7s %6s\n", "policy", "arch", "syscall", "inputs", "ours",
	       "max", "args", "minijail", "max", "args", "libsecc", "ratio");
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char dir[8192];
		snprintf(dir, sizeof(dir), "%s/%s", corpus, dirs[i]);
		struct dirent **names;
		int n = scandir(dir, &names, is_policy, by_name);
		for (int k = 0; k < n; k++) {
			bench_policy(corpus, mjdir, dirs[i], names[k]->d_name, &t);
			free(names[k]);
		}
		if (n > 0)
			free(names);
	}
	if (!t.nsyscalls) {
		printf("no corpus at %s (or no minijail programs at %s)\n", corpus, mjdir);
		return 1;
	}
	printf("\n%zu programs, %zu argument-checked syscalls (inputs where a program decided wrong: %zu)\n",
	       t.nprograms, t.nsyscalls, t.mismatches);
	double r = t.ours / t.mj;
	printf("argument-checked, total: seccomp-gen %.1f, minijail %.1f: %.3fx (target <= 0.5: %s)\n", t.ours, t.mj, r,
	       met(r <= 0.5));
	printf("  of which before the first argument load (arch check, dispatch): seccomp-gen %.1f, minijail %.1f: "
	       "%.3fx; the argument checks: %.1f, %.1f: %.3fx\n",
	       t.disp_ours, t.disp_mj, t.disp_ours / t.disp_mj, t.ours - t.disp_ours, t.mj - t.disp_mj,
	       (t.ours - t.disp_ours) / (t.mj - t.disp_mj));
	if (t.nlib)
		printf("  against libseccomp -O2 on the %zu syscalls it can say: seccomp-gen %.1f, libseccomp %.1f: %.3fx\n",
		       t.nlib, t.lib_ours, t.lib, t.lib_ours / t.lib);
	else
		printf("  libseccomp: not available in this build\n");
	printf("worst program, mean over its argument-checked syscalls: %.3fx minijail's (%s)\n", t.worst_mean,
	       t.worst_mean_at ? t.worst_mean_at : "-");
	printf("worst program, longest argument-checked path: %.3fx minijail's (%s) (target <= 0.4: %s)\n",
	       t.worst_path, t.worst_path_at ? t.worst_path_at : "-", met(t.worst_path <= 0.4));
	printf("  programs where 0.4x minijail's longest path is under %d instructions, the least any program\n"
	       "  can take to decide a syscall by an argument: %zu of %zu\n",
	       FLOOR, t.below_floor, t.nprograms);
	double ra = t.allow_ours / t.allow_mj, rl = t.len_ours / t.len_mj;
	printf("unconditionally allowed syscalls (%zu): %.3fx minijail's instructions (target <= 0.95: %s)\n", t.nallowed,
	       ra, met(ra <= 0.95));
	printf("program length: %.3fx minijail's (target <= 1.0: %s)\n", rl, met(rl <= 1.0));
	printf("allows the kernel's action cache proves: %zu of %zu, %.1f%% (target 100%%: %s)\n", t.cached, t.nallowed,
	       100.0 * (double)t.cached / (double)t.nallowed, met(t.cached == t.nallowed));
	printf("the dispatch given over to the argument-checked syscalls (weighted 10^6 each, the rest 1):\n"
	       "  argument-checked %.3fx minijail's, unconditionally allowed %.3fx: the other end of the trade-off\n",
	       t.dev_ours / t.mj, t.dev_allow / t.allow_mj);
	hot_ioctl(corpus, mjdir);
	return 0;
}
