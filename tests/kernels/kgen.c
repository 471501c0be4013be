/* kgen ARCH OUTDIR: what check-kernels' guest for ARCH runs, and what the
 * host expects of it.  Writes
 *   OUTDIR/filters.c   every program, compiled for ARCH by seccomp-gen's
 *                      own C writer, in one table kg_filters[];
 *   OUTDIR/cases.c     the calls to make (tests/kernels/guest.h);
 *   OUTDIR/expected.txt  "ID GROUP CLASS ERR CALL" per call: what the
 *                      interpreter (sg_run) or the .expect file says the
 *                      kernel must do (classes as in guest.c);
 *   OUTDIR/programs.txt  "GROUP NAME" for each program the kernel must load.
 * The calls: every expectation of tests/decisions/ that applies to ARCH,
 * a program compiled for another arch (the arch check must kill), and
 * for each crosvm policy of ARCH (SG_SHARED) a sample of calls chosen
 * for the branches of its program they cover. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/bpf/interp.h"
#include "gen/check/testfile.h"
#include "gen/driver/compile.h"
#include "gen/write/emit.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/kernel.h"
#include "tests/suite.h"

#define MAX_PROGS 1024

struct gen {
	const struct sg_arch *arch;
	struct sg_arena *arena;
	struct sg_program *progs[MAX_PROGS];
	size_t nprogs;
	FILE *cases, *expected, *programs;
	unsigned ncases, skipped;
	const char *group; /* for expected.txt */
	const char *prog;  /* the program the cases being added run under */
	int failed;
};

/* The class the guest must report for a seccomp return value, as
 * tests/kernel.c's harness sees it in this kernel. */
static char class_of(uint32_t ret, int *err)
{
	*err = 0;
	switch (kernel_expected(ret, err)) {
	case KO_KILLED: return 'K';
	case KO_TRAP: return 'T';
	case KO_ERRNO: return 'E';
	default: *err = 0; return 'A';
	}
}

static void add_case(struct gen *g, const struct sg_seccomp_data *d, uint32_t want, const char *call)
{
	int err;
	char cls = class_of(want, &err);
	fprintf(g->cases, "\t{ \"%s\", %uu, { ", g->prog, d->nr);
	for (int i = 0; i < 6; i++)
		fprintf(g->cases, "0x%llxull%s", (unsigned long long)d->args[i], i < 5 ? ", " : "");
	fprintf(g->cases, " } },\n");
	fprintf(g->expected, "%u %s %c %d %s\n", g->ncases++, g->group, cls, err, call);
}

static struct sg_program *keep(struct gen *g, struct sg_compiled *out, const char *name, const char *group)
{
	if (g->nprogs == MAX_PROGS) {
		fprintf(stderr, "kgen: more than %d programs\n", MAX_PROGS);
		exit(1);
	}
	out->prog.name = sg_strdup(g->arena, name);
	g->progs[g->nprogs++] = &out->prog;
	fprintf(g->programs, "%s %s\n", group, name);
	return &out->prog;
}

/* A C identifier from a file name: "op-eq.expect" -> "d_op_eq". */
static const char *ident(struct gen *g, const char *prefix, const char *file)
{
	char buf[512];
	size_t n = snprintf(buf, sizeof(buf), "%s%s", prefix, file);
	char *dot = strrchr(buf, '.');
	if (dot)
		*dot = '\0', n = (size_t)(dot - buf);
	for (size_t i = 0; i < n; i++)
		if (!(buf[i] == '_' || (buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= 'A' && buf[i] <= 'Z') ||
		      (buf[i] >= '0' && buf[i] <= '9')))
			buf[i] = '_';
	return sg_strdup(g->arena, buf);
}

static int fits(const struct gen *g, const struct sg_seccomp_data *d)
{
	for (int i = 0; i < 6; i++)
		if (g->arch->bits == 32 && d->args[i] > 0xffffffffu)
			return 0;
	return 1;
}

static int decision_case(void *ctx, struct sg_diag *diag, const struct sg_loc *loc, const char *call,
			 const struct sg_seccomp_data *data, uint32_t want)
{
	(void)diag, (void)loc;
	struct gen *g = ctx;
	/* A call of another arch, or with arguments a 32-bit process cannot
	 * pass, cannot be made by this guest. */
	if (data->arch != g->arch->audit_arch || !fits(g, data)) {
		g->skipped++;
		return 0;
	}
	add_case(g, data, want, call);
	return 0;
}

static void decisions(struct gen *g, const char *srcdir)
{
	char dir[PATH_MAX], cwd[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/tests/decisions", srcdir);
	if (!getcwd(cwd, sizeof(cwd)) || chdir(dir)) {
		fprintf(stderr, "kgen: cannot enter %s\n", dir);
		exit(1);
	}
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	for (int i = 0; i < n; i++) {
		const char *file = names[i]->d_name;
		char policy[512];
		struct case_opts c;
		snprintf(policy, sizeof(policy), "%.*s.policy", (int)strlen(file) - 7, file);
		if (read_case_directives(file, &c) == 0 && !c.want_error && case_runs_on(&c, g->arch)) {
			struct sg_diag diag;
			struct sg_compiled *out = sg_alloc(g->arena, sizeof(*out));
			struct sg_test_result res = { 0, 0 };
			sg_diag_init(&diag, stderr, g->arena);
			c.opts.arch = g->arch;
			if (sg_compile_file(g->arena, &diag, policy, "t", &c.opts, out)) {
				fprintf(stderr, "kgen: %s does not compile for %s\n", policy, g->arch->name);
				g->failed = 1;
				continue;
			}
			char group[600];
			snprintf(group, sizeof(group), "decisions/%s", file);
			g->group = sg_strdup(g->arena, group);
			g->prog = keep(g, out, ident(g, "d_", file), g->group)->name;
			sg_test_file_foreach(g->arena, &diag, file, g->arch, c.opts.use_kill_process, decision_case, g,
					     &res);
		}
		free(names[i]);
	}
	free(names);
	if (chdir(cwd))
		exit(1);
}

static struct sg_compiled *compile(struct gen *g, const char *path, const struct sg_arch *arch)
{
	struct sg_diag diag;
	struct sg_options opts = { .arch = arch };
	struct sg_compiled *out = sg_alloc(g->arena, sizeof(*out));
	sg_diag_init(&diag, stderr, g->arena);
	if (sg_compile_file(g->arena, &diag, path, "t", &opts, out)) {
		fprintf(stderr, "kgen: %s does not compile for %s\n", path, arch->name);
		exit(1);
	}
	return out;
}

/* The programs guest.c's action tests run, and one for another arch,
 * under which any call of this arch must be killed. */
static void specials(struct gen *g, const char *srcdir)
{
	static const char *const actions[] = { "log", "trap", "notify" };
	char path[PATH_MAX];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/tests/kernels/%s.policy", srcdir, actions[i]);
		char name[32];
		snprintf(name, sizeof(name), "a_%s", actions[i]);
		keep(g, compile(g, path, g->arch), name, "actions");
	}
	/* arm's program on the arm64 kernel's compat path must kill too. */
	const struct sg_arch *other = sg_arch_find(strcmp(g->arch->name, "aarch64") == 0 ? "riscv64" : "aarch64");
	snprintf(path, sizeof(path), "%s/tests/kernels/foreign.policy", srcdir);
	struct sg_program *p = keep(g, compile(g, path, other), "foreign", "arch-check");
	g->group = "arch-check";
	g->prog = p->name;
	const struct sg_named_value *calls[] = { sg_arch_syscall(g->arch, "getpid"), sg_arch_syscall(g->arch, "getppid"),
						 sg_arch_syscall(g->arch, "exit_group") };
	for (size_t i = 0; i < 3; i++) {
		struct sg_seccomp_data d = { .nr = (uint32_t)calls[i]->value, .arch = g->arch->audit_arch };
		uint32_t ret;
		char call[128];
		int err;
		snprintf(call, sizeof(call), "%s under a program for %s", sg_value_name(g->arch, calls[i]), other->name);
		if (sg_run(p->insns, p->len, &d, other->big_endian, &ret, NULL) || class_of(ret, &err) != 'K') {
			/* The interpreter must say kill too, or the test means nothing. */
			fprintf(stderr, "kgen: the program for %s does not kill a call of %s\n", other->name, g->arch->name);
			g->failed = 1;
		}
		add_case(g, &d, ret, call);
	}
}

/* A small deterministic generator (xorshift64), seeded per program. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The constants the program compares with: argument values built from
 * them reach its branches far more often than random ones. */
static size_t constants(const struct sg_program *p, uint32_t *k, size_t max)
{
	size_t n = 0;
	k[n++] = 0;
	k[n++] = 0xffffffffu;
	for (size_t pc = 0; pc < p->len && n + 2 < max; pc++) {
		uint16_t cls = p->insns[pc].code & 0x07;
		if (cls == SG_BPF_JMP || cls == SG_BPF_ALU) {
			k[n++] = p->insns[pc].k;
			k[n++] = p->insns[pc].k + 1;
		}
	}
	return n;
}

static uint32_t word(uint64_t *seed, const uint32_t *k, size_t nk)
{
	uint64_t r = next_rand(seed);
	switch (r % 4) {
	case 0: return (uint32_t)(r >> 32);
	default: return k[(r >> 8) % nk];
	}
}

#define CANDIDATES 48 /* argument vectors tried per syscall */
#define PER_SYSCALL 3 /* at most this many kept per syscall */

/* The sample of one program's decisions: for each syscall the policy
 * names, argument vectors made of its constants and random words, kept
 * when they take a branch no earlier call took (sg_exec's branch
 * coverage), the first one always; and calls of syscalls the policy does
 * not name (its default action). */
static void sample(struct gen *g, const struct sg_compiled *out)
{
	const struct sg_program *p = &out->prog;
	uint32_t k[512];
	size_t nk = constants(p, k, 512);
	unsigned char *seen = calloc(p->len, 1), *map = calloc(p->len, 1);
	uint64_t seed = 0x9e3779b97f4a7c15ull ^ p->len;
	for (const char *c = g->group; *c; c++)
		seed = seed * 131 + (unsigned char)*c;
	const struct sg_ir_program *ir = out->ir;
	for (size_t s = 0; s <= ir->nsyscalls; s++) {
		struct sg_seccomp_data d = { .arch = g->arch->audit_arch };
		/* The last round: a number the policy does not name. */
		d.nr = s < ir->nsyscalls ? ir->syscalls[s].nr : 0;
		if (s == ir->nsyscalls)
			for (size_t t = 0; t < ir->nsyscalls && ir->syscalls[t].nr == d.nr; t++)
				d.nr++;
		unsigned kept = 0;
		for (int c = 0; c < CANDIDATES && kept < PER_SYSCALL; c++) {
			for (int i = 0; i < 6; i++) {
				uint64_t hi = g->arch->bits == 64 && next_rand(&seed) % 3 == 0 ? word(&seed, k, nk) : 0;
				d.args[i] = c == 0 ? 0 : hi << 32 | word(&seed, k, nk);
			}
			uint32_t ret;
			memset(map, 0, p->len);
			if (sg_exec(p->insns, p->len, &d, g->arch->big_endian, &ret, NULL, map)) {
				g->failed = 1;
				break;
			}
			int fresh = c == 0;
			for (size_t pc = 0; pc < p->len; pc++)
				if (map[pc] & ~seen[pc])
					fresh = 1, seen[pc] |= map[pc];
			if (!fresh)
				continue;
			char call[256];
			snprintf(call, sizeof(call), "nr %u (%s) args %llx %llx %llx %llx %llx %llx", d.nr,
				 s < ir->nsyscalls ? ir->syscalls[s].name : "not in the policy",
				 (unsigned long long)d.args[0], (unsigned long long)d.args[1],
				 (unsigned long long)d.args[2], (unsigned long long)d.args[3],
				 (unsigned long long)d.args[4], (unsigned long long)d.args[5]);
			add_case(g, &d, ret, call);
			kept++;
		}
	}
	free(seen);
	free(map);
}

static void corpus(struct gen *g)
{
	const char *root = shared_corpus();
	if (!root)
		return;
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/%s", root, g->arch->name);
	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name);
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX + 256];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		struct sg_compiled *out = sg_alloc(g->arena, sizeof(*out));
		if (compile_crosvm(g->arena, stderr, path, dir, g->arch, out)) {
			fprintf(stderr, "kgen: %s does not compile\n", path);
			g->failed = 1;
			continue;
		}
		char group[600];
		snprintf(group, sizeof(group), "corpus/%s/%s", g->arch->name, names[i]->d_name);
		g->group = sg_strdup(g->arena, group);
		g->prog = keep(g, out, ident(g, "c_", names[i]->d_name), g->group)->name;
		sample(g, out);
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "kgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: kgen ARCH SRCDIR OUTDIR\n");
		return 2;
	}
	struct gen g = { .arch = sg_arch_find(argv[1]), .arena = sg_arena_new() };
	if (!g.arch) {
		fprintf(stderr, "kgen: unknown arch %s\n", argv[1]);
		return 2;
	}
	g.cases = open_out(argv[3], "cases.c");
	g.expected = open_out(argv[3], "expected.txt");
	g.programs = open_out(argv[3], "programs.txt");
	fprintf(g.cases, "/* Generated by tests/kernels/kgen for %s.  Do not edit. */\n", g.arch->name);
	fprintf(g.cases, "#include \"tests/kernels/guest.h\"\n\nconst struct kcase kcases[] = {\n");
	decisions(&g, argv[2]);
	specials(&g, argv[2]);
	corpus(&g);
	fprintf(g.cases, "\t{ 0, 0, { 0 } }\n};\nconst unsigned nkcases = %u;\n", g.ncases);
	FILE *f = open_out(argv[3], "filters.c");
	sg_write_c(f, g.arena, g.progs, g.nprogs, "kg");
	int bad = g.failed | (fclose(f) != 0) | (fclose(g.cases) != 0) | (fclose(g.expected) != 0) |
		  (fclose(g.programs) != 0);
	fprintf(stderr, "kgen: %s: %zu programs, %u calls (%u expectations of other arches or widths left out)\n",
		g.arch->name, g.nprogs, g.ncases, g.skipped);
	sg_arena_free(g.arena);
	return bad;
}
