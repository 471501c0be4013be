/* Argument checks as a search (gen/backend/argsearch.h):
 *  - a syscall allowed for 100 values of one argument finds each, and
 *    refuses the values between them, in a number of instructions that
 *    grows with the logarithm of the count (a chain would take up to 100);
 *  - 1500 values: a copy of the default's RET close by for the misses, JA
 *    only at the top of the tree;
 *  - random policies of '==' rules with different actions, mixed with
 *    other comparisons, compile (the translation validation is on) and
 *    decide as the policy says on random inputs and on every constant and
 *    its neighbours, on every arch. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/bpf/interp.h"
#include "gen/ir/ir_eval.h"
#include "tests/suite.h"
#include "tests/tap.h"

static char path[64];

static int compile(const char *text, const struct sg_arch *arch, struct sg_arena *a, struct sg_compiled *out)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	fclose(f);
	struct sg_diag diag;
	sg_diag_init(&diag, stdout, a);
	struct sg_options opts = { .arch = arch, .warn_off = ~0u };
	return sg_compile_file(a, &diag, path, "p", &opts, out);
}

static size_t steps(const struct sg_compiled *c, uint32_t nr, const uint64_t args[6], uint32_t *ret)
{
	struct sg_seccomp_data d = { .nr = nr, .arch = c->prog.arch->audit_arch };
	memcpy(d.args, args, sizeof(d.args));
	size_t n = 0;
	if (sg_run(c->prog.insns, c->prog.len, &d, c->prog.arch->big_endian, ret, &n))
		return (size_t)-1;
	return n;
}

static void logarithmic(const struct sg_arch *arch)
{
	char text[8192] = "ioctl: ";
	for (int i = 0; i < 100; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%sarg1 == %d", i ? " || " : "",
			 0x5400 + 3 * i);
	strcat(text, "\n");
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled c;
	if (!tap_ok(compile(text, arch, a, &c) == 0, "%s: 100 values of arg1 compile", arch->name)) {
		sg_arena_free(a);
		return;
	}
	uint32_t nr = (uint32_t)sg_arch_syscall(arch, "ioctl")->value;
	size_t most = 0, wrong = 0;
	for (int v = 0x5400 - 2; v <= 0x5400 + 3 * 100; v++) {
		uint64_t args[6] = { 3, (uint64_t)v };
		uint32_t ret;
		size_t n = steps(&c, nr, args, &ret);
		int in = v >= 0x5400 && (v - 0x5400) % 3 == 0 && v < 0x5400 + 300;
		wrong += ret != (in ? SG_RET_ALLOW : SG_RET_KILL_THREAD);
		most = n > most ? n : most;
	}
	tap_ok(wrong == 0, "%s: each of them is allowed and every value between them refused", arch->name);
	/* arch check 2, nr load 1, dispatch 1, high word 2 on 64-bit, low
	 * word load 1, ceil(log2(100 / 3)) = 6 splits, a leaf chain of 3. */
	size_t bound = 4 + (arch->bits == 64 ? 2 : 0) + 1 + 6 + 3;
	tap_ok(most <= bound, "%s: at most %zu instructions for any of them (bound %zu)", arch->name, most, bound);
	sg_arena_free(a);
}

/* 1500 values: the far misses reach the default through a copy of its
 * RET close by, not a JA each; JA remain only where a split's subtree is
 * longer than a conditional jump reaches (the top levels). */
static void large(void)
{
	const struct sg_arch *arch = sg_arch_find("x86_64");
	size_t size = 1500 * 24 + 64, len = 0;
	char *text = malloc(size);
	len += (size_t)snprintf(text, size, "ioctl: ");
	for (int i = 0; i < 1500; i++)
		len += (size_t)snprintf(text + len, size - len, "%sarg1 == %d", i ? " || " : "", 0x5400 + 7 * i);
	snprintf(text + len, size - len, "\n");
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled c;
	int ok = compile(text, arch, a, &c) == 0;
	free(text);
	if (!tap_ok(ok, "1500 values of arg1 compile")) {
		sg_arena_free(a);
		return;
	}
	size_t ja = 0, most = 0, wrong = 0;
	for (size_t pc = 0; pc < c.prog.len; pc++)
		ja += c.prog.insns[pc].code == (SG_BPF_JMP | SG_BPF_JA);
	for (int v = 0x5400 - 1; v <= 0x5400 + 7 * 1500; v++) {
		uint64_t args[6] = { 3, (uint64_t)v };
		uint32_t ret;
		size_t n = steps(&c, 16, args, &ret);
		int in = v >= 0x5400 && (v - 0x5400) % 7 == 0 && v < 0x5400 + 7 * 1500;
		wrong += ret != (in ? SG_RET_ALLOW : SG_RET_KILL_THREAD);
		most = n > most ? n : most;
	}
	tap_ok(wrong == 0, "1500 values: each allowed, every value between them refused");
	tap_ok(ja <= 8, "1500 values: %zu JA in %zu instructions (at most 8)", ja, c.prog.len);
	/* 4 to the dispatch, 2 high word, 1 low load, 9 splits, 3 JEQ, a JA
	 * for each of the top levels, RET. */
	tap_ok(most <= 24, "1500 values: at most %zu instructions for any (at most 24)", most);
	sg_arena_free(a);
}

static uint32_t rnd(void)
{
	static uint64_t x = 0x9e3779b97f4a7c15ull;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)x;
}

/* A value from a small pool, so that rules share them; some 64-bit. */
static uint64_t pick(int wide)
{
	uint64_t v = rnd() % 24;
	if (wide && rnd() % 5 == 0)
		v |= (uint64_t)(1 + rnd() % 2) << 32;
	return v;
}

static void random_policy(char *text, size_t size, int wide)
{
	static const char *const actions[] = { "allow", "return 1", "return 2", "trap", "log" };
	size_t len = 0;
	int nrules = 2 + (int)(rnd() % 8);
	for (int r = 0; r < nrules; r++) {
		len += (size_t)snprintf(text + len, size - len, "ioctl: ");
		int nclauses = 1 + (int)(rnd() % 6);
		for (int c = 0; c < nclauses; c++) {
			const char *sep = c ? " || " : "";
			unsigned kind = rnd() % 10;
			unsigned long long v = (unsigned long long)pick(wide);
			if (kind < 6) /* the common case: one argument, '==' */
				len += (size_t)snprintf(text + len, size - len, "%sarg1 == %llu", sep, v);
			else if (kind == 6)
				len += (size_t)snprintf(text + len, size - len, "%sarg2 == %llu", sep, v);
			else if (kind == 7)
				len += (size_t)snprintf(text + len, size - len, "%sarg1 == %llu && arg2 != %u", sep, v,
							rnd() % 3);
			else if (kind == 8)
				len += (size_t)snprintf(text + len, size - len, "%sarg1 >= %llu && arg1 <= %llu", sep, v,
							v + rnd() % 4);
			else
				len += (size_t)snprintf(text + len, size - len, "%sarg1 & %u", sep, 1u << (rnd() % 5));
		}
		len += (size_t)snprintf(text + len, size - len, "; %s\n", actions[rnd() % 5]);
	}
}

static void random_policies(const struct sg_arch *arch, int count)
{
	size_t failed = 0, checked = 0;
	uint32_t nr = (uint32_t)sg_arch_syscall(arch, "ioctl")->value;
	for (int k = 0; k < count; k++) {
		char text[8192];
		random_policy(text, sizeof(text), arch->bits == 64);
		struct sg_arena *a = sg_arena_new();
		struct sg_compiled c;
		if (compile(text, arch, a, &c) != 0) {
			if (failed++ == 0)
				printf("# does not compile:\n%s", text);
			sg_arena_free(a);
			continue;
		}
		for (int i = 0; i < 400; i++) {
			uint64_t args[6] = { 0 };
			args[1] = i < 30 * 3 ? (uint64_t)(i / 3) + (uint64_t)(i % 3) - 1 : pick(arch->bits == 64) + rnd() % 3 - 1;
			if (i % 7 == 0)
				args[1] |= (uint64_t)(rnd() % 3) << 32;
			args[2] = rnd() % 4;
			struct sg_seccomp_data d = { .nr = nr, .arch = arch->audit_arch };
			memcpy(d.args, args, sizeof(d.args));
			uint32_t ret;
			steps(&c, nr, args, &ret);
			checked++;
			if (ret != sg_ir_eval(c.ir, &d) && failed++ == 0)
				printf("# decides 0x%x for arg1 0x%llx arg2 %llu in:\n%s", ret,
				       (unsigned long long)args[1], (unsigned long long)args[2], text);
		}
		sg_arena_free(a);
	}
	tap_ok(failed == 0, "%s: %d random policies of '==' rules and others compile and decide right (%zu inputs)",
	       arch->name, count, checked);
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/sg-argsearch-%d.policy", (int)getpid());
	for (size_t i = 0; sg_arches[i]; i++) {
		logarithmic(sg_arches[i]);
		random_policies(sg_arches[i], getenv("SG_ARGSEARCH_N") ? atoi(getenv("SG_ARGSEARCH_N")) : 150);
	}
	large();
	unlink(path);
	return tap_done();
}
