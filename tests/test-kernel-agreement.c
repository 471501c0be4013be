/* The running kernel agrees with the interpreter: for programs compiled
 * for the host arch (the crosvm corpus and the decision tables), a sample
 * of the translation validation's inputs (gen/check/validate.h) is made as real
 * syscalls in a child under the filter (tests/kernel.c), and what the
 * kernel does must be what the interpreter's return value means.  The
 * validation proves the program equal to the policy in the interpreter;
 * this closes the loop to the kernel.  Inputs with another arch value
 * are left out: a process cannot make them with syscall(2). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/check/validate.h"
#include "tests/kernel.h"
#include "tests/suite.h"
#include "tests/tap.h"

/* The sample: each distinct return value's first input, then every
 * stride-th input, up to max. */
struct sample {
	const struct sg_program *prog;
	struct sg_seccomp_data *v;
	size_t n, max, seen, stride;
	uint32_t rets[64];
	size_t nrets;
};

static int take(void *ctx, const struct sg_seccomp_data *d)
{
	struct sample *s = ctx;
	uint32_t ret;
	if (d->arch != s->prog->arch->audit_arch || s->n == s->max)
		return 0;
	if (sg_run(s->prog->insns, s->prog->len, d, s->prog->arch->big_endian, &ret, NULL))
		return 1;
	int new_ret = 1;
	for (size_t i = 0; i < s->nrets && new_ret; i++)
		new_ret = s->rets[i] != ret;
	if (new_ret && s->nrets < 64)
		s->rets[s->nrets++] = ret;
	if (new_ret || s->seen++ % s->stride == 0)
		s->v[s->n++] = *d;
	return 0;
}

static int count_one(void *ctx, const struct sg_seccomp_data *d)
{
	(void)d;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t count_inputs(const struct sg_ir_program *ir, const struct sg_program *prog)
{
	size_t n = 0;
	sg_validate_inputs(ir, prog, count_one, &n);
	return n;
}

static unsigned total_inputs;

/* Whether the kernel here hands syscall number nr to seccomp at all: a
 * filter that fails every call with errno 77 must fail it.  (Some
 * virtualised kernels take a number for themselves: on one test machine
 * syscall(335) raises SIGILL before any filter runs.)  Cached. */
static int reaches_seccomp(const struct sg_arch *host, uint32_t nr)
{
	static struct { uint32_t nr; int yes; } cache[4096];
	static size_t ncache;
	for (size_t i = 0; i < ncache; i++)
		if (cache[i].nr == nr)
			return cache[i].yes;
	struct sg_insn insn = sg_stmt(SG_BPF_RET | SG_BPF_K, SG_RET_ERRNO | 77);
	struct sg_note note;
	memset(&note, 0, sizeof(note));
	struct sg_program probe = { .name = "probe", .policy_path = "probe", .arch = host, .insns = &insn,
				    .notes = &note, .len = 1 };
	struct sg_seccomp_data d = { .nr = nr, .arch = host->audit_arch };
	int err = 0;
	int yes = kernel_decide(&probe, &d, &err) == KO_ERRNO && err == 77;
	if (!yes)
		tap_diag("syscall number %u does not reach seccomp on this machine: left out", nr);
	if (ncache < 4096)
		cache[ncache++].nr = nr, cache[ncache - 1].yes = yes;
	return yes;
}

/* Compiles path for the host and checks `want` sampled inputs. */
static void check_policy(const char *label, const char *path, struct sg_options opts, size_t want)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a); /* warnings (crosvm has some) off the TAP stream */
	struct sg_compiled out;
	if (sg_compile_file(a, &diag, path, "p", &opts, &out) != 0) {
		tap_ok(0, "%s compiles", label);
		sg_arena_free(a);
		return;
	}
	size_t all = count_inputs(out.ir, &out.prog);
	struct sample s;
	memset(&s, 0, sizeof(s));
	s.prog = &out.prog;
	s.max = want;
	s.stride = all / want + 1;
	s.v = calloc(want, sizeof(*s.v));
	sg_validate_inputs(out.ir, &out.prog, take, &s);
	unsigned bad = 0, made = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct sg_seccomp_data *d = &s.v[i];
		uint32_t ret;
		char why[160];
		sg_run(out.prog.insns, out.prog.len, d, out.prog.arch->big_endian, &ret, NULL);
		if (!reaches_seccomp(out.prog.arch, d->nr))
			continue;
		made++;
		if (!kernel_agrees(&out.prog, d, ret, why, sizeof(why)) && bad++ < 3)
			tap_diag("%s: nr %u args 0x%llx 0x%llx 0x%llx: %s, as the interpreter's 0x%08x means",
				 label, d->nr, (unsigned long long)d->args[0], (unsigned long long)d->args[1],
				 (unsigned long long)d->args[2], why, ret);
	}
	total_inputs += made;
	tap_ok(bad == 0 && made > 0, "%s: the kernel agrees with the interpreter on %u of the validation's %zu inputs "
	       "(%zu return values)", label, made, all, s.nrets);
	free(s.v);
	sg_arena_free(a);
}

static void corpus(const struct sg_arch *host)
{
	const char *corpus = shared_corpus_or_skip();
	if (!corpus)
		return;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s", corpus, host->name);
	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name);
	if (n <= 0) {
		tap_skip("no corpus policies for %s", host->name);
		return;
	}
	for (int i = 0; i < n; i++) {
		char path[8192], label[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		snprintf(label, sizeof(label), "%s/%s", host->name, names[i]->d_name);
		struct sg_include_map map = { "/usr/share/policy/crosvm", dir };
		struct sg_options opts = { .arch = host, .default_action = "trap", .maps = &map, .nmaps = 1 };
		check_policy(label, path, opts, 16);
		free(names[i]);
	}
	free(names);
}

static void decision_tables(const struct sg_arch *host)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/decisions", srcdir ? srcdir : ".");
	if (chdir(dir)) {
		tap_ok(0, "cannot enter %s", dir);
		return;
	}
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	for (int i = 0; i < n; i++) {
		struct case_opts c;
		char policy[512];
		snprintf(policy, sizeof(policy), "%.*s.policy", (int)strlen(names[i]->d_name) - 7, names[i]->d_name);
		if (read_case_directives(names[i]->d_name, &c) == 0 && !c.want_error && case_runs_on(&c, host)) {
			c.opts.arch = host;
			check_policy(policy, policy, c.opts, 5);
		}
		free(names[i]);
	}
	free(names);
}

int main(void)
{
	const struct sg_arch *host = kernel_host_or_skip();
	if (!host)
		return tap_done();
	corpus(host);
	decision_tables(host);
	tap_diag("%u syscalls made under generated filters", total_inputs);
	return tap_done();
}
