/* The multi-arch combination (gen/backend/multiarch.c) on its own: a combined
 * program must decide, for each of its arches, as that arch's own program
 * does, and kill every other arch; the dispatch must reach bodies further
 * than a conditional jump can (through JA trampolines); the 4096-
 * instruction limit holds for the whole; and programs that are not
 * shaped as sg_codegen() makes them, or that cannot share one filter, are
 * refused with a message.  The programs come from policies written to a
 * temporary directory, so their sizes can be chosen. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch_json.h"
#include "gen/backend/multiarch.h"
#include "gen/bpf/interp.h"
#include "gen/driver/inputs.h"
#include "gen/write/emit.h"
#include "tests/suite.h"
#include "tests/tap.h"

static char tmpdir[] = "/tmp/sg-multiarch-XXXXXX";
static char messages[8192]; /* the diagnostics of the last compile */

static const char *write_policy(const char *name, const char *text)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(p);
		exit(99);
	}
	return p;
}

/* Compiles path for the arches; diagnostics go to messages. */
static int compile(struct sg_arena *a, const char *path, const struct sg_arch *const *arches, size_t n,
		   struct sg_compiled *out)
{
	FILE *mem = fmemopen(messages, sizeof(messages) - 1, "w");
	struct sg_diag diag;
	sg_diag_init(&diag, mem, a);
	struct sg_options opts = { .arch = arches[0], .arches = n > 1 ? arches : NULL, .narches = n > 1 ? n : 0 };
	struct sg_unit *units = NULL;
	size_t nunits = 0, cap = 0;
	int rc = sg_load_units(a, &diag, path, SG_INPUT_POLICY, NULL, &opts, &units, &nunits, &cap);
	if (rc == 0)
		rc = sg_compile_unit(a, &diag, &units[0], "p", &opts, out);
	fclose(mem);
	return rc;
}

static uint32_t run(const struct sg_program *p, const struct sg_seccomp_data *d)
{
	uint32_t ret = 0xdeadbeef;
	if (sg_run(p->insns, p->len, d, p->arch->big_endian, &ret, NULL))
		return 0xdeadbeef;
	return ret;
}

/* For each arch of the list: every syscall number up to 500 and a few
 * argument values, against the arch's own program; and other arches'
 * values, against the kill action.  Returns the disagreements. */
static unsigned compare(const struct sg_program *combined, struct sg_compiled *single,
			const struct sg_arch *const *arches, size_t n, uint32_t kill_ret)
{
	static const uint64_t values[] = { 0, 1, 2, 7, 0xffffffff, 0x100000001 };
	unsigned bad = 0;
	for (size_t i = 0; i < n; i++)
		for (uint32_t nr = 0; nr < 500; nr++)
			for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
				struct sg_seccomp_data d = { .nr = nr, .arch = arches[i]->audit_arch };
				for (int k = 0; k < 6; k++)
					d.args[k] = arches[i]->bits == 64 ? values[v] : (uint32_t)values[v];
				bad += run(combined, &d) != run(&single[i].prog, &d);
			}
	for (size_t i = 0; sg_arches[i]; i++) {
		int listed = 0;
		for (size_t k = 0; k < n; k++)
			listed |= arches[k]->audit_arch == sg_arches[i]->audit_arch;
		struct sg_seccomp_data d = { .nr = 0, .arch = sg_arches[i]->audit_arch };
		if (!listed)
			bad += run(combined, &d) != kill_ret;
	}
	return bad;
}

/* A policy of about `rules` conditional syscalls of x86_64 and i386. */
static const char *big_policy(const char *name, int rules)
{
	static const char *const calls[] = { "read", "write", "close", "ioctl", "fcntl", "futex", "madvise",
					     "mprotect", "munmap", "prctl", "dup", "openat", "lseek", "getpid",
					     "kill", "tgkill", "uname", "brk", "dup3", "clock_gettime" };
	size_t ncalls = sizeof(calls) / sizeof(calls[0]), len = 0, cap = 1 << 20;
	char *text = malloc(cap);
	for (int i = 0; i < rules; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s: arg%d == %d || arg%d > %d && arg%d < %d\n",
					calls[i % ncalls], i % 6, i, (i + 1) % 6, i * 7, (i + 2) % 6, i * 13 + 100);
	const char *path = write_policy(name, text);
	free(text);
	return path;
}

static void check_equivalence(void)
{
	const struct sg_arch *arches[] = { sg_arch_find("x86_64"), sg_arch_find("i386") };
	struct sg_arena *a = sg_arena_new();
	const char *path = big_policy("big.policy", 60);
	struct sg_compiled combined, single[2];
	int ok = compile(a, path, arches, 2, &combined) == 0 && compile(a, path, &arches[0], 1, &single[0]) == 0 &&
		 compile(a, path, &arches[1], 1, &single[1]) == 0;
	if (!tap_ok(ok, "a policy of 60 conditional statements compiles for x86_64, i386 and each alone")) {
		tap_diag("%s", messages);
		sg_arena_free(a);
		return;
	}
	size_t at;
	tap_ok(single[0].prog.len > 300 && !sg_check(combined.prog.insns, combined.prog.len, &at),
	       "the x86_64 body is %zu instructions, the whole %zu, and passes the kernel's checks",
	       single[0].prog.len, combined.prog.len);
	/* The dispatch: ld arch; jeq x86_64; jeq i386; ret kill; then the
	 * i386 jeq's trampoline, since its body starts past 255. */
	const struct sg_insn *in = combined.prog.insns;
	tap_ok(in[3].code == (SG_BPF_RET | SG_BPF_K) && in[4].code == (SG_BPF_JMP | SG_BPF_JA) &&
		       in[2].jt == 1 && 4 + 1 + in[4].k > 255,
	       "the i386 jeq reaches its body at %u through a JA", (unsigned)(4 + 1 + in[4].k));
	tap_ok(compare(&combined.prog, single, arches, 2, combined.ir->kill_ret) == 0,
	       "it decides as the x86_64 and the i386 programs do, and kills every other arch");
	tap_ok(combined.nirs == 2 && combined.irs[1]->arch == arches[1] && combined.prog.narches == 2,
	       "the result keeps both IRs and both arches");

	/* The notes of the bodies are the single programs' own (from
	 * another load of the policy: the same lines). */
	int same_notes = 1, located = 0;
	size_t body = single[0].prog.len - 2;
	for (size_t i = 0; i < body; i++) {
		const struct sg_note *c = &combined.prog.notes[5 + i], *s = &single[0].prog.notes[2 + i];
		same_notes &= c->kind == s->kind && !c->loc == !s->loc &&
			      (!c->loc || c->loc->first_line == s->loc->first_line);
		located += c->loc != NULL;
	}
	same_notes &= located > 100;
	tap_ok(same_notes, "the x86_64 body's notes (policy lines) carry over");

	char *c_text = NULL;
	size_t c_len = 0;
	FILE *mem = open_memstream(&c_text, &c_len);
	struct sg_program *progs[] = { &combined.prog };
	sg_write_c(mem, a, progs, 1, NULL);
	fclose(mem);
	tap_ok(strstr(c_text, "for x86_64, i386:") && strstr(c_text, "arch == i386"),
	       "the C output names both arches and the dispatch");
	free(c_text);
	sg_arena_free(a);
}

static void check_limit(void)
{
	const struct sg_arch *arches[] = { sg_arch_find("x86_64"), sg_arch_find("i386") };
	struct sg_arena *a = sg_arena_new();
	const char *path = big_policy("limit.policy", 330);
	struct sg_compiled single, combined;
	int one = compile(a, path, arches, 1, &single) == 0;
	int both = compile(a, path, arches, 2, &combined) == 0;
	tap_ok(one && single.prog.len > 2048 && single.prog.len <= 4096 && !both &&
		       strstr(messages, "for x86_64, i386; the kernel accepts at most 4096"),
	       "a policy of %zu instructions for x86_64 alone is refused for x86_64 and i386 together",
	       one ? single.prog.len : 0);
	if (both || !strstr(messages, "4096"))
		tap_diag("%s", messages);
	sg_arena_free(a);
}

/* A hand-made program for arch. */
static struct sg_program *program(struct sg_arena *a, const struct sg_arch *arch, const struct sg_insn *insns,
				  size_t n)
{
	struct sg_program *p = sg_alloc(a, sizeof(*p));
	p->name = "hand";
	p->policy_path = "hand";
	p->arch = arch;
	p->insns = sg_alloc_array(a, n, sizeof(*insns));
	memcpy(p->insns, insns, n * sizeof(*insns));
	p->notes = sg_alloc_array(a, n, sizeof(*p->notes));
	p->len = n;
	return p;
}

static int combine(struct sg_arena *a, struct sg_program **progs, size_t n, uint32_t kill, struct sg_program *out)
{
	FILE *mem = fmemopen(messages, sizeof(messages) - 1, "w");
	struct sg_diag diag;
	sg_diag_init(&diag, mem, a);
	int rc = sg_multiarch_combine(a, &diag, progs, n, kill, out);
	fclose(mem);
	return rc;
}

static void check_shapes(void)
{
	struct sg_arena *a = sg_arena_new();
	const struct sg_arch *x86_64 = sg_arch_find("x86_64"), *i386 = sg_arch_find("i386");
	const struct sg_insn ld_arch = sg_stmt(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, SG_OFF_ARCH);
	const struct sg_insn kill = sg_stmt(SG_BPF_RET | SG_BPF_K, SG_RET_KILL_THREAD);
	const struct sg_insn allow = sg_stmt(SG_BPF_RET | SG_BPF_K, SG_RET_ALLOW);
	const struct sg_insn trap = sg_stmt(SG_BPF_RET | SG_BPF_K, SG_RET_TRAP);
	struct sg_insn good_i386[] = { ld_arch, { SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 1, 0, 0x40000003 }, kill, trap };
	struct sg_program out, *progs[2];

	/* The optimiser folds the arch check of a program that decides the
	 * same for every input: it is taken whole. */
	struct sg_insn folded[] = { allow };
	progs[0] = program(a, x86_64, folded, 1);
	progs[1] = program(a, i386, good_i386, 4);
	int ok = combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == 0;
	struct sg_seccomp_data d64 = { .nr = 1, .arch = x86_64->audit_arch }, d32 = { .nr = 1, .arch = i386->audit_arch };
	struct sg_seccomp_data darm = { .nr = 1, .arch = sg_arch_find("arm")->audit_arch };
	tap_ok(ok && run(&out, &d64) == SG_RET_ALLOW && run(&out, &d32) == SG_RET_TRAP &&
		       run(&out, &darm) == SG_RET_KILL_THREAD,
	       "a program without an arch check (folded) is taken whole");

	struct sg_insn late_arch[] = { sg_stmt(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, SG_OFF_NR), ld_arch, allow };
	progs[0] = program(a, x86_64, late_arch, 3);
	tap_ok(combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == -1 &&
		       strstr(messages, "internal error: the x86_64 program of 'hand' cannot be combined: it reads the arch somewhere other than its first instruction"),
	       "a program that reads the arch later is refused");

	struct sg_insn wrong_arch[] = { ld_arch, { SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 1, 0, 0x40000003 }, kill, allow };
	progs[0] = program(a, x86_64, wrong_arch, 4);
	tap_ok(combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == -1 && strstr(messages, "its arch check is for another arch"),
	       "a program whose arch check is for another arch is refused");

	struct sg_insn other_kill[] = { ld_arch, { SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 1, 0, 0xc000003e }, trap, allow };
	progs[0] = program(a, x86_64, other_kill, 4);
	tap_ok(combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == -1 &&
		       strstr(messages, "another arch does not get the kill action"),
	       "a program that does not kill other arches is refused");

	progs[0] = program(a, i386, good_i386, 4);
	tap_ok(combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == -1 && strstr(messages, "i386 and i386 are the same arch"),
	       "the same arch twice is refused");

	/* A big-endian arch cannot share a filter with a little-endian one. */
	const char *srcdir = getenv("srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/arch-json/mips.json", srcdir ? srcdir : ".");
	struct sg_diag diag;
	sg_diag_init(&diag, stdout, a);
	const struct sg_arch *mips = sg_arch_load_json(a, &diag, path);
	struct sg_insn good_mips[] = { ld_arch, { SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K, 1, 0, 8 }, kill, allow };
	progs[0] = program(a, i386, good_i386, 4);
	progs[1] = mips ? program(a, mips, good_mips, 4) : NULL;
	tap_ok(mips && mips->big_endian && combine(a, progs, 2, SG_RET_KILL_THREAD, &out) == -1 &&
		       strstr(messages, "i386 and mips have different byte orders"),
	       "a big-endian arch (mips, from tests/arch-json/mips.json) and a little-endian one are refused");
	sg_arena_free(a);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 99;
	}
	check_equivalence();
	check_limit();
	check_shapes();
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmpdir);
	return tap_done();
}
