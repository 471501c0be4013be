/* The kernel's seccomp action cache (Linux 5.11+, kernel/seccomp.c:
 * seccomp_cache_prepare() and seccomp_is_const_allow()) emulates a filter
 * for each syscall number with only nr and arch known, and skips the
 * filter for good where that emulation reaches RET ALLOW.  Its emulator
 * follows loads of nr and arch, JA, JEQ/JGE/JGT/JSET with K, ALU AND with
 * K and RET K, and gives up on anything else.  Every syscall a policy
 * allows unconditionally must be cacheable; and (soundness of our reading
 * of it) no other syscall may be. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tests/suite.h"
#include "tests/tap.h"

static unsigned total_allowed, total_cached, total_wrong;

/* The length of the naive program: arch check and nr load, then for each
 * syscall a JEQ and its argument checks written out (two instructions a
 * word: load, jump) with a RET per rule, then the default and kill RETs. */
static size_t naive_length(const struct sg_ir_program *ir)
{
	size_t n = 3 + 2, words = ir->arch->bits == 64 ? 2 : 1;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		n += 1 + d->nrules;
		for (size_t r = 0; r < d->nrules; r++)
			for (size_t c = 0; c < d->rules[r].nclauses; c++)
				n += d->rules[r].clauses[c].natoms * words * 2;
	}
	return n;
}

static void check_policy(const char *path, const struct sg_arch *arch, const char *map_dir)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_compiled out;
	if (compile_crosvm(a, stdout, path, map_dir, arch, &out)) {
		tap_ok(0, "%s (%s) compiles", path, arch->name);
		sg_arena_free(a);
		return;
	}
	unsigned allowed = 0, cached = 0, wrong = 0;
	const struct sg_ir_program *ir = out.ir;
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		const struct sg_ir_decision *d = ir->syscalls[s].decision;
		int unconditional_allow = d->nrules == 1 && d->rules[0].ret == SG_RET_ALLOW;
		int c = cache_const_allow(&out.prog, ir->syscalls[s].nr);
		allowed += unconditional_allow;
		cached += unconditional_allow && c;
		wrong += !unconditional_allow && c;
		if (unconditional_allow && !c)
			tap_diag("%s: %s is allowed but not cacheable", path, ir->syscalls[s].name);
		if (!unconditional_allow && c)
			tap_diag("%s: %s is cacheable but has %zu rules", path, ir->syscalls[s].name, d->nrules);
	}
	tap_ok(cached == allowed && !wrong, "%s (%s): %u of %u unconditional allows cacheable, %u wrongly",
	       path, arch->name, cached, allowed, wrong);
	size_t naive = naive_length(ir);
	tap_ok(out.prog.len < naive, "%s (%s): %zu instructions, a naive linear program needs %zu", path,
	       arch->name, out.prog.len, naive);
	total_allowed += allowed;
	total_cached += cached;
	total_wrong += wrong;
	sg_arena_free(a);
}

int main(void)
{
	const char *srcdir = getenv("srcdir");
	char path[8192];
	static const char *const own[] = { "demo.policy", "demo_device.policy" };
	for (size_t i = 0; i < 2; i++)
		for (const struct sg_arch *const *a = sg_arches; *a; a++) {
			snprintf(path, sizeof(path), "%s/policies/%s", srcdir ? srcdir : ".", own[i]);
			check_policy(path, *a, NULL);
		}
	const char *corpus = shared_corpus_or_skip();
	if (!corpus)
		return tap_done();
	static const char *const dirs[] = { "x86_64", "aarch64", "arm", "riscv64" };
	for (size_t d = 0; d < 4; d++) {
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/%s", corpus, dirs[d]);
		struct dirent **names;
		int n = scandir(dir, &names, is_policy, by_name);
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			check_policy(path, sg_arch_find(dirs[d]), dir);
			free(names[i]);
		}
		if (n > 0)
			free(names);
	}
	tap_ok(total_cached == total_allowed && total_allowed > 1000 && !total_wrong,
	       "corpus: %u of %u unconditional allows cacheable (100%% required)", total_cached, total_allowed);
	return tap_done();
}
