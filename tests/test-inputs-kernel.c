/* The new inputs and targets judged by the running kernel: every
 * expectation of tests/seccompiler/NAME.CAT.expect (seccompiler JSON
 * filters, one category each) and of tests/multiarch/NAME.expect
 * (programs for several arches) that applies to the host arch is made as
 * a real syscall in a child under the compiled filter.  A multi-arch
 * program is compiled for each of its arch lists that has the host; the
 * calls it would get from another arch cannot be made here and are only
 * counted.  One TAP line per file (and list). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/backend/multiarch.h"
#include "gen/check/testfile.h"
#include "gen/driver/inputs.h"
#include "tests/kernel.h"
#include "tests/suite.h"
#include "tests/tap.h"

struct kctx {
	const struct sg_program *prog;
	const struct sg_arch *host;
	unsigned other_arch; /* calls from another arch: not made */
};

static int kernel_check(void *ctx, struct sg_diag *diag, const struct sg_loc *loc, const char *call,
			const struct sg_seccomp_data *data, uint32_t want)
{
	struct kctx *k = ctx;
	if (data->arch != k->host->audit_arch) {
		k->other_arch++;
		return 0;
	}
	char why[160];
	if (kernel_agrees(k->prog, data, want, why, sizeof(why)))
		return 0;
	sg_error(diag, loc, "%s: %s", call, why);
	return 1;
}

/* Compiles the unit(s) of path (category: one of a JSON file) for arches
 * and runs expect against the result in the kernel. */
static void run(const char *path, const char *category, const struct sg_arch *const *arches, size_t narches,
		const char *expect, const struct sg_arch *host, const char *what)
{
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stdout, a);
	struct sg_options opts = { .arch = arches[0], .arches = narches > 1 ? arches : NULL,
				   .narches = narches > 1 ? narches : 0 };
	struct sg_unit *units = NULL;
	size_t nunits = 0, cap = 0;
	struct sg_compiled out;
	struct sg_test_result res = { 0, 0 };
	struct kctx k = { &out.prog, host, 0 };
	int ok = sg_load_units(a, &diag, path, SG_INPUT_AUTO, category, &opts, &units, &nunits, &cap) == 0 &&
		 nunits == 1 && sg_compile_unit(a, &diag, &units[0], "t", &opts, &out) == 0;
	if (ok) {
		const struct sg_arch *const *list;
		size_t n = sg_program_arches(&out.prog, &list);
		ok = sg_test_file_foreach_arches(a, &diag, expect, list, n, units[0].kill_process, kernel_check, &k,
						 &res) == 0 &&
		     res.failed == 0;
	}
	tap_ok(ok && res.passed > k.other_arch, "%s in the kernel (%u calls; %u from other arches not made)", what,
	       res.passed - k.other_arch, k.other_arch);
	sg_arena_free(a);
}

/* tests/seccompiler: NAME.CAT.expect is category CAT of NAME.json. */
static void seccompiler_filters(const struct sg_arch *host)
{
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	for (int i = 0; i < n; i++) {
		char json[512], cat[256];
		const char *e = names[i]->d_name, *dot = strchr(e, '.');
		size_t len = strlen(e) - 7;
		struct case_opts c;
		if (dot && (size_t)(dot - e) < len && read_case_directives(e, &c) == 0 && case_runs_on(&c, host)) {
			snprintf(json, sizeof(json), "%.*s.json", (int)(dot - e), e);
			snprintf(cat, sizeof(cat), "%.*s", (int)(len - (size_t)(dot - e) - 1), dot + 1);
			printf("# %s\n", e);
			run(json, cat, &host, 1, e, host, e);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

/* tests/multiarch: NAME.expect's "@arches A,B" lines that have the host. */
static void multiarch_programs(const struct sg_arch *host)
{
	struct dirent **names;
	int n = scandir(".", &names, is_expect, by_name);
	for (int i = 0; i < n; i++) {
		const char *e = names[i]->d_name;
		char policy[512], line[512];
		snprintf(policy, sizeof(policy), "%.*s.policy", (int)strlen(e) - 7, e);
		FILE *f = fopen(e, "r");
		while (f && fgets(line, sizeof(line), f)) {
			if (strncmp(line, "@arches", 7) != 0)
				continue;
			const struct sg_arch *arches[8];
			size_t na = 0;
			int has_host = 0;
			char list[512];
			line[strcspn(line, "\r\n")] = '\0';
			snprintf(list, sizeof(list), "%s", line + 7 + strspn(line + 7, " \t"));
			for (char *w = strtok(line + 7, " \t,"); w && na < 8; w = strtok(NULL, " \t,")) {
				arches[na] = sg_arch_find(w);
				if (!arches[na])
					break;
				has_host |= arches[na++] == host;
			}
			if (has_host) {
				char what[600];
				snprintf(what, sizeof(what), "%s (%s)", e, list);
				printf("# %s\n", what);
				run(policy, NULL, arches, na, e, host, what);
			}
		}
		if (f)
			fclose(f);
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

int main(void)
{
	const struct sg_arch *host = kernel_host_or_skip();
	if (!host)
		return tap_done();
	/* Absolute, since the test changes directory twice. */
	char *srcdir = realpath(getenv("srcdir") ? getenv("srcdir") : ".", NULL);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/seccompiler", srcdir ? srcdir : ".");
	if (tap_ok(chdir(dir) == 0, "enter %s", dir))
		seccompiler_filters(host);
	snprintf(dir, sizeof(dir), "%s/tests/multiarch", srcdir ? srcdir : ".");
	if (tap_ok(chdir(dir) == 0, "enter %s", dir))
		multiarch_programs(host);
	free(srcdir);
	return tap_done();
}
