/* oci-check [--arch A[,B...]] [--default-action ACTION] [--category NAME]
 *           [--use-kill-process] POLICY PROFILE
 *
 * Whether a Docker/OCI profile means what a policy means: the policy is
 * compiled for each arch (the decision IR, gen/ir/ir_eval.c, is the
 * meaning), the profile by libseccomp as crun compiles it
 * (tests/scmp-load.c), on a machine of the first arch.  The libseccomp
 * program runs in seccomp-gen's interpreter over the translation
 * validation's inputs of every arch (every syscall number, x32 and
 * foreign arches, argument values on both sides of each constant and
 * each 32-bit half; gen/check/validate.h) and syscall number -1, and must give
 * what the policy gives for each.
 *
 * Two differences are known, documented (README.md, "Containers") and
 * counted apart: a call from an arch the profile does not list gets
 * libseccomp's bad-arch action, kill-thread, and so does an x32 number
 * on x86_64 (crun does not set SCMP_FLTATR_ACT_BADARCH, and a profile
 * cannot), where a policy
 * compiled with kill-process kills the process; and syscall number -1 on
 * x86_64, which libseccomp's filter lets through to the default action
 * (it tests for -1 before its x32 check), where seccomp-gen's program
 * kills it with the x32 numbers.
 *
 * Prints "N inputs, D differences, K known" and exits 0 when D is 0, 1
 * when not (the first differences are listed), 2 on a usage error or a
 * policy or profile that does not compile, 77 without libseccomp. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/driver/cli.h"
#include "gen/driver/inputs.h"
#include "gen/bpf/interp.h"
#include "gen/ir/ir_eval.h"
#include "gen/check/validate.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/scmp-load.h"

struct check {
	struct sg_ir_program *irs[8];
	size_t n;
	const struct sg_insn *lib; /* libseccomp's program */
	size_t len;
	size_t inputs, differences, known_badarch, known_minus1;
};

/* What the policy gives: the program of the input's arch, or the kill
 * action for an arch it is not compiled for. */
static uint32_t expected(const struct check *c, const struct sg_seccomp_data *d)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->irs[i]->arch->audit_arch == d->arch)
			return sg_ir_eval(c->irs[i], d);
	return c->irs[0]->kill_ret;
}

static int listed(const struct check *c, uint32_t arch)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->irs[i]->arch->audit_arch == arch)
			return 1;
	return 0;
}

static int compare(void *ctx, const struct sg_seccomp_data *d)
{
	struct check *c = ctx;
	uint32_t want = expected(c, d), got;
	c->inputs++;
	if (sg_run(c->lib, c->len, d, 0, &got, NULL)) {
		fprintf(stderr, "oci-check: libseccomp's program does not run\n");
		exit(2);
	}
	if (got == want)
		return 0;
	int x32 = d->arch == SG_AUDIT_ARCH_X86_64 && d->nr >= SG_X32_SYSCALL_BIT && d->nr != UINT32_MAX;
	if ((!listed(c, d->arch) || x32) && want == SG_RET_KILL_PROCESS && got == SG_RET_KILL_THREAD) {
		c->known_badarch++;
		return 0;
	}
	for (size_t i = 0; i < c->n; i++)
		if (d->nr == UINT32_MAX && d->arch == SG_AUDIT_ARCH_X86_64 && c->irs[i]->arch->audit_arch == d->arch &&
		    want == c->irs[i]->kill_ret && got == c->irs[i]->default_ret) {
			c->known_minus1++;
			return 0;
		}
	if (++c->differences <= 10) {
		char a[32], b[32];
		fprintf(stderr, "oci-check: arch 0x%08x nr %u args %#llx %#llx %#llx %#llx %#llx %#llx: policy %s, "
			"profile %s\n", d->arch, d->nr, (unsigned long long)d->args[0], (unsigned long long)d->args[1],
			(unsigned long long)d->args[2], (unsigned long long)d->args[3],
			(unsigned long long)d->args[4], (unsigned long long)d->args[5],
			sg_ret_name(want, a, sizeof(a)), sg_ret_name(got, b, sizeof(b)));
	}
	return 0;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len + 4096 > cap && !(buf = realloc(buf, cap = 2 * cap + 4096)))
			abort();
		size_t got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "default-action", required_argument, NULL, 'd' },
		{ "category", required_argument, NULL, 'c' },
		{ "use-kill-process", no_argument, NULL, 'k' },
		{ "include-map", required_argument, NULL, 'm' },
		{ "denylist", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct sg_options opts = { .arch = sg_arch_host() };
	const struct sg_arch *arches[8] = { opts.arch };
	size_t narches = 1;
	const char *category = NULL;
	struct sg_include_map map;
	int opt;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (sg_parse_arch_list("oci-check", optarg, arches, 8, &narches))
				return 2;
			break;
		case 'd': opts.default_action = optarg; break;
		case 'c': category = optarg; break;
		case 'k': opts.use_kill_process = 1; break;
		case 'D': opts.denylist = 1; break;
		case 'm':
			map.old_prefix = optarg;
			map.new_prefix = strchr(optarg, '=');
			if (!map.new_prefix)
				return 2;
			*(char *)map.new_prefix++ = '\0';
			opts.maps = &map;
			opts.nmaps = 1;
			break;
		default: return 2;
		}
	}
	if (argc - optind != 2 || !arches[0]) {
		fprintf(stderr, "usage: oci-check [--arch A[,B]] [--default-action ACTION] [--category NAME] "
			"[--use-kill-process] [--denylist] [--include-map OLD=NEW] POLICY PROFILE\n");
		return 2;
	}
	if (!scmp_available()) {
		puts("oci-check: built without libseccomp");
		return 77;
	}
	struct sg_arena *a = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a);
	struct sg_unit *units = NULL;
	size_t nunits = 0, cap = 0;
	if (sg_load_units(a, &diag, argv[optind], SG_INPUT_AUTO, category, &opts, &units, &nunits, &cap) ||
	    nunits != 1) {
		fprintf(stderr, "oci-check: %s does not load as one policy\n", argv[optind]);
		return 2;
	}
	struct check c = { .n = narches };
	struct sg_compiled *parts = sg_alloc_array(a, narches, sizeof(*parts));
	for (size_t i = 0; i < narches; i++) {
		opts.arch = arches[i];
		if (sg_compile_unit(a, &diag, &units[0], units[0].name, &opts, &parts[i]))
			return 2;
		c.irs[i] = parts[i].ir;
	}
	size_t len;
	char *text = read_file(argv[optind + 1], &len);
	if (!text) {
		perror(argv[optind + 1]);
		return 2;
	}
	char err[512];
	struct sg_insn *lib;
	if (scmp_load(a, text, len, arches[0], 0, &lib, &c.len, err, sizeof(err))) {
		fprintf(stderr, "oci-check: libseccomp: %s\n", err);
		return 2;
	}
	c.lib = lib;
	for (size_t i = 0; i < narches; i++) {
		sg_validate_inputs(parts[i].ir, &parts[i].prog, compare, &c);
		/* -1: libseccomp lets it reach the rules on x86_64, where
		 * seccomp-gen treats it as an x32 number. */
		struct sg_seccomp_data d = { .nr = UINT32_MAX, .arch = arches[i]->audit_arch };
		compare(&c, &d);
	}
	printf("oci-check: %zu inputs, %zu differences, known: %zu bad-arch kill-thread, %zu nr -1; libseccomp "
	       "%zu instructions\n", c.inputs, c.differences, c.known_badarch, c.known_minus1, c.len);
	free(text);
	sg_arena_free(a);
	return c.differences ? 1 : 0;
}
