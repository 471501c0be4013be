/* The decision tables again, judged by the running kernel: every
 * expectation of tests/decisions/ that applies to the host arch is made as
 * a real syscall in a child under the compiled filter.  One TAP line per
 * file. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/check/testfile.h"
#include "tests/kernel.h"
#include "tests/suite.h"
#include "tests/tap.h"

static int kernel_check(void *ctx, struct sg_diag *diag, const struct sg_loc *loc, const char *call,
			const struct sg_seccomp_data *data, uint32_t want)
{
	char why[160];
	if (kernel_agrees(ctx, data, want, why, sizeof(why)))
		return 0;
	sg_error(diag, loc, "%s: %s", call, why);
	return 1;
}

/* The harness must tell the actions apart: a one-instruction program
 * for each must give its own outcome, and not another's. */
static void self_check(const struct sg_arch *host)
{
	static const struct { uint32_t ret; enum kernel_outcome want; int err; } cases[] = {
		{ SG_RET_ALLOW, KO_ALLOWISH, 0 },   { SG_RET_ERRNO | 5, KO_ERRNO, 5 },
		{ SG_RET_ERRNO | 0, KO_ERRNO, 0 },  { SG_RET_TRAP, KO_TRAP, 0 },
		{ SG_RET_KILL_THREAD, KO_KILLED, 0 }, { SG_RET_KILL_PROCESS, KO_KILLED, 0 },
		{ SG_RET_LOG, KO_ALLOWISH, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sg_insn insn = sg_stmt(SG_BPF_RET | SG_BPF_K, cases[i].ret);
		struct sg_note note = { .kind = SG_NOTE_NONE };
		struct sg_program prog = { .name = "t", .policy_path = "t", .arch = host, .insns = &insn, .notes = &note, .len = 1 };
		struct sg_seccomp_data d = { .nr = 39 /* any */, .arch = host->audit_arch };
		int err = -1;
		enum kernel_outcome got = kernel_decide(&prog, &d, &err);
		tap_ok(got == cases[i].want && (got != KO_ERRNO || err == cases[i].err),
		       "harness: a filter returning 0x%08x shows as %s", cases[i].ret, kernel_outcome_name(cases[i].want));
	}
}

int main(void)
{
	const struct sg_arch *host = kernel_host_or_skip();
	if (!host)
		return tap_done();
	self_check(host);
	const char *srcdir = getenv("srcdir");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/decisions", srcdir ? srcdir : ".");
	if (chdir(dir)) {
		tap_ok(0, "cannot enter %s", dir);
		return tap_done();
	}
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	for (int i = 0; i < n; i++) {
		char policy[512];
		struct case_opts c;
		snprintf(policy, sizeof(policy), "%.*s.policy", (int)strlen(names[i]->d_name) - 7, names[i]->d_name);
		if (read_case_directives(names[i]->d_name, &c) == 0 && !c.want_error && case_runs_on(&c, host)) {
			struct sg_arena *a = sg_arena_new();
			struct sg_diag diag;
			sg_diag_init(&diag, stdout, a);
			struct sg_compiled out;
			struct sg_test_result res = { 0, 0 };
			c.opts.arch = host;
			printf("# %s\n", names[i]->d_name);
			int ok = sg_compile_file(a, &diag, policy, "t", &c.opts, &out) == 0 &&
				 sg_test_file_foreach(a, &diag, names[i]->d_name, host, c.opts.use_kill_process,
						      kernel_check, &out.prog, &res) == 0 &&
				 res.failed == 0;
			tap_ok(ok, "%s in the kernel (%u calls)", names[i]->d_name, res.passed);
			sg_arena_free(a);
		}
		free(names[i]);
	}
	free(names);
	return tap_done();
}
