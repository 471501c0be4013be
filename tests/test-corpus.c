/* The crosvm corpus (../shared/corpus/crosvm/ARCH/NAME.policy, when it is
 * there): every policy compiles for its arch the way crosvm builds it
 * (--default-action trap, includes mapped to the policy's directory), the
 * program passes the kernel's checks, and on the host arch the kernel
 * accepts it. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "gen/bpf/interp.h"
#include "tests/kernel.h"
#include "tests/suite.h"
#include "tests/tap.h"

static void check_arch(const char *corpus, const char *dirname, const char *kernel_why)
{
	const struct sg_arch *arch = sg_arch_find(dirname);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s", corpus, dirname);
	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name);
	tap_ok(arch && n > 0, "%s: %d policies", dirname, n);
	for (int i = 0; i < n; i++) {
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		struct sg_arena *a = sg_arena_new();
		struct sg_compiled out;
		size_t at;
		int ok = compile_crosvm(a, stdout, path, dir, arch, &out) == 0;
		tap_ok(ok && !sg_check(out.prog.insns, out.prog.len, &at), "%s/%s compiles (%zu instructions)",
		       dirname, names[i]->d_name, ok ? out.prog.len : 0);
		if (ok && arch == sg_arch_host()) {
			if (kernel_why)
				tap_skip("%s", kernel_why);
			else
				tap_ok(kernel_load(&out.prog) == 0, "%s/%s loads into the kernel", dirname,
				       names[i]->d_name);
		}
		sg_arena_free(a);
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

int main(void)
{
	const char *corpus = shared_corpus_or_skip();
	if (!corpus)
		return tap_done();
	const char *kernel_why = kernel_unavailable();
	static const char *const dirs[] = { "x86_64", "aarch64", "arm", "riscv64" };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		check_arch(corpus, dirs[i], kernel_why);
	return tap_done();
}
