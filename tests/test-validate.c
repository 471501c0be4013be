/* Translation validation (gen/check/validate.c).
 *  - Every decision table and corpus policy validates, on every arch, and
 *    the validator's inputs take both directions of (nearly) every
 *    conditional jump of the programs: the branch coverage is reported.
 *  - Wrong programs are caught: hand-made faults (a flipped jump, a wrong
 *    RET, a wrong arch check, an x32 check off by one) with the message
 *    checked, then every single-instruction mutation of some programs.  A
 *    mutant the validator lets through must be one that a large random
 *    search cannot tell from the policy either (an equivalent mutant).
 *  - The cost: inputs per program, and the time of compiling the corpus
 *    with and without validation (reported, not asserted: timing). */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gen/check/validate.h"
#include "gen/ir/ir_eval.h"
#include "tests/suite.h"
#include "tests/tap.h"

static const char *srcdir;

struct totals {
	size_t programs, inputs, max_inputs, branches, covered, missed;
};

static unsigned dead_search(const struct sg_ir_program *ir, const struct sg_program *prog, const char *label);

/* Compiles without validation, then validates with statistics. */
static int validate_file(const char *path, struct sg_options opts, struct totals *t, const char *label)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a); /* warnings off the TAP stream */
	struct sg_compiled out;
	struct sg_validate_stats st = { 0, 0, 0 };
	opts.no_validate = 1;
	int ok = sg_compile_file(a, &diag, path, "p", &opts, &out) == 0 &&
		 sg_validate(&diag, out.ir, &out.prog, &st) == 0;
	if (ok) {
		t->programs++;
		t->inputs += st.inputs;
		t->branches += st.branches;
		t->covered += st.covered;
		if (st.inputs > t->max_inputs)
			t->max_inputs = st.inputs;
		if (st.covered < st.branches)
			t->missed += dead_search(out.ir, &out.prog, label);
	}
	sg_arena_free(a);
	return ok;
}

static void decision_tables(void)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/decisions", srcdir);
	if (chdir(dir)) {
		tap_ok(0, "cannot enter %s", dir);
		return;
	}
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	struct totals t = { 0, 0, 0, 0, 0, 0 };
	unsigned failed = 0;
	for (int i = 0; i < n; i++) {
		struct case_opts c;
		char policy[512];
		snprintf(policy, sizeof(policy), "%.*s.policy", (int)strlen(names[i]->d_name) - 7, names[i]->d_name);
		if (read_case_directives(names[i]->d_name, &c) == 0 && !c.want_error)
			for (size_t k = 0; sg_arches[k]; k++) {
				if (!case_runs_on(&c, sg_arches[k]))
					continue;
				c.opts.arch = sg_arches[k];
				char label[600];
				snprintf(label, sizeof(label), "%s (%s)", policy, sg_arches[k]->name);
				if (!validate_file(policy, c.opts, &t, label)) {
					tap_ok(0, "%s validates", label);
					failed++;
				}
			}
		free(names[i]);
	}
	free(names);
	tap_ok(failed == 0 && t.programs > 100, "decision tables: %zu programs validate (%zu inputs, at most %zu for one)",
	       t.programs, t.inputs, t.max_inputs);
	tap_ok(t.missed == 0, "decision tables: the inputs take %zu of %zu branch directions (%.2f%%); "
	       "random search takes none of the others", t.covered, t.branches,
	       t.branches ? 100.0 * (double)t.covered / (double)t.branches : 100.0);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Compiles every policy of the corpus for dir's arch, as crosvm builds
 * them; with validate, with statistics into t. */
static int corpus_pass(const char *corpus, const char *archdir, int validate, struct totals *t)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s", corpus, archdir);
	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name), failed = 0;
	for (int i = 0; i < n; i++) {
		char path[8192], label[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		snprintf(label, sizeof(label), "%s/%s", archdir, names[i]->d_name);
		struct sg_include_map map = { "/usr/share/policy/crosvm", dir };
		struct sg_options opts = { .arch = sg_arch_find(archdir), .default_action = "trap",
					   .maps = &map, .nmaps = 1, .no_validate = !validate };
		if (t) {
			if (!validate_file(path, opts, t, label)) {
				tap_ok(0, "%s validates", label);
				failed++;
			}
		} else {
			struct sg_arena *a = sg_arena_new();
			struct sg_diag diag;
			sg_diag_init(&diag, stderr, a);
			struct sg_compiled out;
			failed += sg_compile_file(a, &diag, path, "p", &opts, &out) != 0;
			sg_arena_free(a);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
	return n < 0 ? -1 : failed;
}

static const char *const corpus_arches[] = { "x86_64", "aarch64", "arm", "riscv64" };

static void corpus(void)
{
	const char *dir = shared_corpus_or_skip();
	if (!dir)
		return;
	struct totals t = { 0, 0, 0, 0, 0, 0 };
	int failed = 0;
	for (size_t i = 0; i < 4; i++)
		failed += corpus_pass(dir, corpus_arches[i], 1, &t) != 0;
	tap_ok(failed == 0 && t.programs > 0, "corpus: %zu programs validate (%zu inputs, at most %zu for one)",
	       t.programs, t.inputs, t.max_inputs);
	tap_ok(t.missed == 0, "corpus: the inputs take %zu of %zu branch directions (%.2f%%); "
	       "random search takes none of the others", t.covered, t.branches,
	       t.branches ? 100.0 * (double)t.covered / (double)t.branches : 100.0);
	/* Bounded work: the input set grows with the policy, not beyond. */
	tap_ok(t.max_inputs < 50000, "corpus: at most %zu inputs for one program", t.max_inputs);

	/* The cost, best of three rounds each way. */
	double best[2] = { 1e9, 1e9 };
	for (int round = 0; round < 3; round++)
		for (int v = 0; v < 2; v++) {
			double t0 = now();
			for (size_t i = 0; i < 4; i++)
				corpus_pass(dir, corpus_arches[i], v, NULL);
			double dt = now() - t0;
			if (dt < best[v])
				best[v] = dt;
		}
	tap_diag("compiling the corpus (%zu programs): %.1f ms without validation, %.1f ms with (%.1f ms a program)",
		 t.programs, best[0] * 1e3, best[1] * 1e3, (best[1] - best[0]) * 1e3 / (double)t.programs);
}

/* --- wrong programs ----------------------------------------------------- */

struct compiled {
	struct sg_arena *arena;
	struct sg_compiled c;
};

static int compile_text(struct compiled *out, const char *text, const struct sg_arch *arch)
{
	char path[] = "/tmp/sg-validate-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	out->arena = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stdout, out->arena);
	struct sg_options opts = { .arch = arch };
	/* The program keeps the path: it must outlive this frame. */
	const char *kept = sg_strdup(out->arena, path);
	int rc = sg_compile_file(out->arena, &diag, kept, "t", &opts, &out->c);
	unlink(path);
	return rc;
}

/* Validates prog with the messages captured; returns 0 if it passed.
 * The arena must be the compilation's: diagnostics cache the line index
 * of a source in the arena they are given. */
static int validate_capture(struct sg_arena *a, const struct sg_ir_program *ir, const struct sg_program *prog,
			    char **msg)
{
	size_t len;
	FILE *f = open_memstream(msg, &len);
	struct sg_diag diag;
	sg_diag_init(&diag, f, a);
	int rc = sg_validate(&diag, ir, prog, NULL);
	fclose(f);
	return rc;
}

static struct sg_program copy_program(const struct sg_program *p)
{
	struct sg_program q = *p;
	q.insns = malloc(p->len * sizeof(*q.insns));
	memcpy(q.insns, p->insns, p->len * sizeof(*q.insns));
	return q;
}

/* The first instruction after start with this code and k. */
static size_t find_insn(const struct sg_program *p, uint16_t code, uint32_t k)
{
	for (size_t i = 0; i < p->len; i++)
		if (p->insns[i].code == code && p->insns[i].k == k)
			return i;
	return (size_t)-1;
}

static void fault(const char *what, const struct compiled *c, size_t at, void (*change)(struct sg_insn *),
		  const char *must_name)
{
	if (at == (size_t)-1) {
		tap_ok(0, "%s: the instruction to change is not in the program", what);
		return;
	}
	struct sg_program bad = copy_program(&c->c.prog);
	change(&bad.insns[at]);
	char *msg = NULL;
	int rc = validate_capture(c->arena, c->c.ir, &bad, &msg);
	tap_ok(rc == -1 && strstr(msg, "internal error: translation validation failed") && strstr(msg, must_name),
	       "%s: caught, and the message names %s", what, must_name);
	if (rc != -1 || !strstr(msg, must_name))
		tap_diag("%s", msg);
	free(msg);
	free(bad.insns);
}

static void swap_targets(struct sg_insn *i)
{
	uint8_t t = i->jt;
	i->jt = i->jf;
	i->jf = t;
}

static void allow_to_errno(struct sg_insn *i)
{
	i->k = SG_RET_ERRNO | 1;
}

static void k_plus_one(struct sg_insn *i)
{
	i->k++;
}

static void hand_made_faults(void)
{
	const struct sg_arch *x86_64 = sg_arch_find("x86_64"), *arm = sg_arch_find("arm");
	struct compiled c;
	/* @default trap: the x32 numbers then have a range of their own. */
	const char *policy = "@default trap\nread: arg0 == 0x1234; return 5\nwrite: 1\nclose: arg1 & 0x100000000\n";
	if (compile_text(&c, policy, x86_64)) {
		tap_ok(0, "the fault policy compiles");
		return;
	}
	char *msg = NULL;
	tap_ok(validate_capture(c.arena, c.c.ir, &c.c.prog, &msg) == 0, "the program as compiled validates");
	free(msg);
	fault("a comparison's targets swapped", &c, find_insn(&c.c.prog, SG_BPF_JMP | SG_BPF_JEQ, 0x1234),
	      swap_targets, "read (nr 0");
	fault("allow turned into errno 1", &c, find_insn(&c.c.prog, SG_BPF_RET, SG_RET_ALLOW), allow_to_errno,
	      "but the policy says allow");
	fault("the arch check compares with another arch", &c,
	      find_insn(&c.c.prog, SG_BPF_JMP | SG_BPF_JEQ, x86_64->audit_arch), k_plus_one, "arch 0xc000003e");
	fault("a high-word test off by one bit", &c, find_insn(&c.c.prog, SG_BPF_JMP | SG_BPF_JSET, 1),
	      k_plus_one, "close");
	size_t x32 = find_insn(&c.c.prog, SG_BPF_JMP | SG_BPF_JGE, SG_X32_SYSCALL_BIT);
	if (x32 == (size_t)-1)
		x32 = find_insn(&c.c.prog, SG_BPF_JMP | SG_BPF_JSET, SG_X32_SYSCALL_BIT);
	fault("the x32 check off by one", &c, x32, k_plus_one, "nr 1073741824");
	sg_arena_free(c.arena);

	/* 32-bit: the program must ignore the high half of an argument. */
	if (compile_text(&c, "read: arg0 == 7\n", arm) == 0) {
		struct sg_program bad = copy_program(&c.c.prog);
		size_t at = find_insn(&bad, SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, SG_OFF_ARGS);
		if (at != (size_t)-1)
			bad.insns[at].k = SG_OFF_ARGS + 4; /* the high half on little-endian arm */
		char *m = NULL;
		tap_ok(at != (size_t)-1 && validate_capture(c.arena, c.c.ir, &bad, &m) == -1,
		       "arm: a program that reads an argument's high half is caught");
		free(m);
		free(bad.insns);
		sg_arena_free(c.arena);
	} else {
		tap_ok(0, "the arm fault policy compiles");
	}
}

/* --- mutation ----------------------------------------------------------- */

struct taken_ctx {
	const struct sg_program *p;
	unsigned char *map;
};

static int record_taken(void *ctx, const struct sg_seccomp_data *d)
{
	struct taken_ctx *c = ctx;
	uint32_t ret;
	sg_exec(c->p->insns, c->p->len, d, c->p->arch->big_endian, &ret, NULL, c->map);
	return 0;
}

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* A random value for an argument: often near a constant of the policy,
 * sometimes anything. */
static uint64_t random_arg(const struct sg_ir_program *ir, const uint64_t *consts, size_t nconsts)
{
	uint64_t r = rnd(), v;
	switch (r % 6) {
	case 0: v = 0; break;
	case 1: v = rnd() % 16; break;
	case 2: v = rnd(); break;
	case 3: v = (uint32_t)rnd(); break;
	default:
		v = nconsts ? consts[rnd() % nconsts] : 0;
		switch (rnd() % 5) {
		case 0: v++; break;
		case 1: v--; break;
		case 2: v ^= 1ull << (rnd() % 64); break;
		case 3: v ^= (uint64_t)(uint32_t)rnd() << 32; break;
		default: break;
		}
	}
	(void)ir;
	return v;
}

/* Looks for an input on which prog and the policy differ (returns 1),
 * and with taken not NULL, records the branches taken (sg_exec). */
static int random_search(const struct sg_ir_program *ir, const struct sg_program *prog, unsigned tries,
			 struct sg_seccomp_data *found, unsigned char *taken)
{
	uint64_t consts[512];
	size_t nconsts = 0;
	for (size_t i = 0; i < ir->nsyscalls; i++)
		for (size_t r = 0; r < ir->syscalls[i].decision->nrules; r++)
			for (size_t c = 0; c < ir->syscalls[i].decision->rules[r].nclauses; c++) {
				const struct sg_ir_clause *cl = &ir->syscalls[i].decision->rules[r].clauses[c];
				for (size_t k = 0; k < cl->natoms && nconsts < 512; k++)
					consts[nconsts++] = cl->atoms[k].value;
			}
	for (unsigned t = 0; t < tries; t++) {
		struct sg_seccomp_data d;
		memset(&d, 0, sizeof(d));
		uint64_t r = rnd();
		d.nr = r % 4 == 0 || !ir->nsyscalls ? (uint32_t)(rnd() % 1024)
						    : ir->syscalls[rnd() % ir->nsyscalls].nr;
		if (r % 97 == 0)
			d.nr = (uint32_t)rnd();
		d.arch = r % 53 == 0 ? (uint32_t)rnd() : ir->arch->audit_arch;
		for (int a = 0; a < 6; a++)
			d.args[a] = random_arg(ir, consts, nconsts);
		uint32_t got;
		if (sg_exec(prog->insns, prog->len, &d, prog->arch->big_endian, &got, NULL, taken) ||
		    got != sg_ir_eval(ir, &d)) {
			*found = d;
			return 1;
		}
	}
	return 0;
}

/* A branch direction the validator's inputs never take should be dead
 * code (the policy repeats itself: 'arg1 & 0x6400' before
 * 'arg1 == 0x5421'); a random search must not take it either.  Returns
 * how many it took. */
static unsigned dead_search(const struct sg_ir_program *ir, const struct sg_program *prog, const char *label)
{
	unsigned char *mine = calloc(prog->len, 1), *other = calloc(prog->len, 1);
	struct sg_seccomp_data d;
	unsigned missed = 0;
	struct taken_ctx c = { prog, mine };
	sg_validate_inputs(ir, prog, record_taken, &c);
	random_search(ir, prog, 50000, &d, other);
	for (size_t pc = 0; pc < prog->len; pc++)
		if (other[pc] & ~mine[pc]) {
			missed++;
			tap_diag("%s: random search takes a branch of instruction %zu that the validator does not", label, pc);
		}
	free(mine);
	free(other);
	return missed;
}

/* The mutants of instruction i, one at a time: returns 0 when there are
 * no more. */
static int mutate(struct sg_insn *i, int kind)
{
	unsigned cls = SG_BPF_CLASS(i->code), op = SG_BPF_OP(i->code);
	if (cls == SG_BPF_JMP && op != SG_BPF_JA) {
		switch (kind) {
		case 0: swap_targets(i); return 1;
		case 1: i->k++; return 1;
		case 2: i->k--; return 1;
		case 3: i->jt++; return 1;
		case 4: i->jf++; return 1;
		case 5: /* jge <-> jgt, jeq <-> jset */
			i->code = (uint16_t)(SG_BPF_JMP | (op == SG_BPF_JGE ? SG_BPF_JGT : op == SG_BPF_JGT ? SG_BPF_JGE
							: op == SG_BPF_JEQ ? SG_BPF_JSET : SG_BPF_JEQ));
			return 1;
		}
	} else if (cls == SG_BPF_JMP) {
		switch (kind) {
		case 0: i->k++; return 1;
		case 1: if (!i->k) return 0; i->k--; return 1;
		}
	} else if (cls == SG_BPF_RET) {
		switch (kind) {
		case 0: i->k = i->k == SG_RET_ALLOW ? SG_RET_KILL_THREAD : SG_RET_ALLOW; return 1;
		case 1: i->k ^= 1; return 1;
		}
	} else if (cls == SG_BPF_LD) {
		switch (kind) {
		case 0: i->k += 4; return 1;
		case 1: if (i->k < 4) return 0; i->k -= 4; return 1;
		}
	}
	return 0;
}

static void mutants(struct sg_arena *arena, const char *what, const struct sg_ir_program *ir,
		    const struct sg_program *prog)
{
	unsigned total = 0, caught = 0, rejected = 0, equivalent = 0, missed = 0;
	size_t at;
	for (size_t pc = 0; pc < prog->len; pc++)
		for (int kind = 0;; kind++) {
			struct sg_program m = copy_program(prog);
			if (!mutate(&m.insns[pc], kind)) {
				free(m.insns);
				break;
			}
			total++;
			struct sg_seccomp_data d;
			char *msg = NULL;
			if (sg_check(m.insns, m.len, &at))
				rejected++; /* the kernel's checks stop it before validation */
			else if (validate_capture(arena, ir, &m, &msg) == -1)
				caught++;
			else if (random_search(ir, &m, 20000, &d, NULL)) {
				missed++;
				if (missed <= 5)
					tap_diag("%s: missed a mutant (instruction %zu, kind %d): nr %u arch 0x%x args 0x%llx 0x%llx 0x%llx",
						 what, pc, kind, d.nr, d.arch, (unsigned long long)d.args[0],
						 (unsigned long long)d.args[1], (unsigned long long)d.args[2]);
			} else {
				equivalent++;
			}
			free(msg);
			free(m.insns);
		}
	tap_ok(missed == 0 && caught > 0,
	       "%s: %u mutants: %u caught, %u refused by the kernel's checks, %u equivalent as far as 20000 random inputs tell, %u missed",
	       what, total, caught, rejected, equivalent, missed);
}

static void mutation(void)
{
	static const struct { const char *policy, *arch; } cases[] = {
		{ "crosvm-block-device-generic64.policy", "aarch64" },
		{ "crosvm-block-device-arm.policy", "arm" },
		{ "op-relational-64bit.policy", "x86_64" },
		{ "in-mask-64bit.policy", "riscv64" },
		{ "merge-source-order.policy", "x86_64" },
		{ "multi-arg-all-six.policy", "i386" },
	};
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/decisions", srcdir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].policy);
		struct sg_arena *a = sg_arena_new();
		struct sg_diag diag;
		sg_diag_init(&diag, stdout, a);
		struct sg_compiled out;
		struct sg_include_map map = { "/usr/share/policy/test", "inc" };
		struct sg_options opts = { .arch = sg_arch_find(cases[i].arch), .maps = &map, .nmaps = 1 };
		if (access(path, R_OK) != 0) {
			tap_skip("%s is not there", cases[i].policy);
		} else if (chdir(dir) == 0 && sg_compile_file(a, &diag, path, "p", &opts, &out) == 0) {
			char what[256];
			snprintf(what, sizeof(what), "%s (%s, %zu instructions)", cases[i].policy, cases[i].arch,
				 out.prog.len);
			mutants(a, what, out.ir, &out.prog);
		} else {
			tap_ok(0, "%s compiles", cases[i].policy);
		}
		sg_arena_free(a);
	}
}

/* --- resuming a paused run -------------------------------------------- */

/* A run paused before the first argument load and resumed with other
 * arguments (what the validation does for each vector of one number)
 * ends as a run from the start does, in the same number of steps: also
 * when the part before the pause leaves state in A, X and M[]. */
static int same_as_full_run(const struct sg_insn *p, size_t len, const struct sg_seccomp_data *first,
			    const struct sg_seccomp_data *d, int *paused)
{
	struct sg_exec_state st;
	sg_exec_start(&st);
	*paused = sg_exec_resume(p, len, first, 0, &st, 1, NULL) == 1;
	if (*paused && sg_exec_resume(p, len, d, 0, &st, 0, NULL) != 0)
		return 0;
	uint32_t ret;
	size_t steps;
	return sg_exec(p, len, d, 0, &ret, &steps, NULL) == 0 && st.done && st.ret == ret && st.steps == steps;
}

static void resume_checks(void)
{
#define STMT(c, k) { (uint16_t)(c), 0, 0, (k) }
#define JUMP(c, k, t, f) { (uint16_t)(c), (t), (f), (k) }
	/* X = M[3] = nr, M[1] = nr + 5 (nr 94 returns 99 here); then, by
	 * arg0 lo - X: 5 allows, 6 returns M[1], others M[3]. */
	static const struct sg_insn prog[] = {
		STMT(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, 0),
		STMT(SG_BPF_ST, 3),
		STMT(SG_BPF_MISC | SG_BPF_TAX, 0),
		STMT(SG_BPF_LD | SG_BPF_IMM, 5),
		STMT(SG_BPF_ALU | SG_BPF_ADD | SG_BPF_X, 0),
		STMT(SG_BPF_ST, 1),
		JUMP(SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 99, 7, 0),
		STMT(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, 16),
		STMT(SG_BPF_ALU | SG_BPF_SUB | SG_BPF_X, 0),
		JUMP(SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 5, 5, 0),
		JUMP(SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 6, 0, 2),
		STMT(SG_BPF_LD | SG_BPF_MEM, 1),
		STMT(SG_BPF_RET | SG_BPF_A, 0),
		STMT(SG_BPF_LD | SG_BPF_MEM, 3),
		STMT(SG_BPF_RET | SG_BPF_A, 0),
		STMT(SG_BPF_RET | SG_BPF_K, SG_RET_ALLOW),
	};
#undef STMT
#undef JUMP
	size_t len = sizeof(prog) / sizeof(prog[0]), at;
	const char *bad = sg_check(prog, len, &at);
	tap_ok(!bad, "the hand-made program passes the kernel's checks%s%s", bad ? ": " : "", bad ? bad : "");
	static const uint32_t nrs[] = { 0, 7, 94, 0xffffffff };
	static const uint64_t arg0[] = { 5, 6, 0, 99, 0xffffffff00000005ull };
	int ok = 1, paused = 0, returned = 0;
	for (size_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++)
		for (size_t j = 0; j < sizeof(arg0) / sizeof(arg0[0]); j++) {
			struct sg_seccomp_data first = { .nr = nrs[i], .arch = 1, .args = { 77 } };
			struct sg_seccomp_data d = { .nr = nrs[i], .arch = 1, .args = { arg0[j] + nrs[i], 1, 2 } };
			int p;
			ok &= same_as_full_run(prog, len, &first, &d, &p);
			paused += p;
			returned += !p;
		}
	tap_ok(ok && paused == 15 && returned == 5,
	       "a run paused before the argument load and resumed with other arguments ends as a full run "
	       "(%d paused, %d returned before any argument)",
	       paused, returned);

	/* The same on compiled programs with argument checks, random inputs. */
	struct compiled c;
	const char *text = "read: arg0 == 3 || arg1 & 0x10\nwrite: arg2 < 0x100000000 && arg0 != 1\n"
			   "ioctl: arg1 in 0xff00ff\nclose: 1\n";
	if (compile_text(&c, text, sg_arch_find("x86_64")) != 0) {
		tap_ok(0, "the resume policy compiles");
		return;
	}
	const struct sg_program *p = &c.c.prog;
	ok = 1;
	for (int n = 0; n < 4000; n++) {
		struct sg_seccomp_data first = { .nr = (uint32_t)(rnd() % 24), .arch = c.c.ir->arch->audit_arch };
		struct sg_seccomp_data d = first;
		for (int a = 0; a < 6; a++)
			d.args[a] = rnd() % 3 == 0 ? rnd() % 8 : rnd();
		int p_;
		ok &= same_as_full_run(p->insns, p->len, &first, &d, &p_);
	}
	tap_ok(ok, "compiled program: 4000 random inputs resumed after the pause end as full runs");
	sg_arena_free(c.arena);
}

int main(void)
{
	srcdir = getenv("srcdir");
	if (!srcdir)
		srcdir = ".";
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)))
		return 99;
	if (srcdir[0] != '/') {
		static char abs[8192];
		snprintf(abs, sizeof(abs), "%s/%s", cwd, srcdir);
		srcdir = abs;
	}
	hand_made_faults();
	resume_checks();
	mutation();
	decision_tables();
	if (chdir(cwd))
		return 99;
	corpus();
	return tap_done();
}
