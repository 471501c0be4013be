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
 * kills it with the x32 numbers.  A third is counted apart too: a name
 * libseccomp does not know (a syscall newer than it) is skipped by crun
 * with a warning, and the syscall gets the default action.
 *
 * Prints "N inputs, D differences, K known" and exits 0 when D is 0, 1
 * when not (the first differences are listed), 2 on a usage error or a
 * policy or profile that does not compile, 77 without libseccomp.
 *
 * oci-check --random N [--arch A[,B]]: the same for N policies made up
 * from a fixed seed (three syscalls, first-match lists of every action,
 * conditions of every operator on three arguments, values at the 32-bit
 * and sign boundaries), each written by -f oci's writer in this process:
 * each must agree, or be refused with an error at its line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/driver/cli.h"
#include "gen/driver/inputs.h"
#include "gen/bpf/interp.h"
#include "gen/ir/ir_eval.h"
#include "grammar/load.h"
#include "gen/check/validate.h"
#include "gen/write/emit.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/scmp-load.h"

struct check {
	struct sg_ir_program *irs[8];
	size_t n;
	const struct sg_insn *lib; /* libseccomp's program */
	size_t len;
	size_t inputs, differences, known_badarch, known_minus1, known_unknown;
	struct scmp_skipped skipped; /* names libseccomp does not know */
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

static const struct sg_ir_syscall *find_syscall(const struct sg_ir_program *p, uint32_t nr)
{
	for (size_t i = 0; i < p->nsyscalls; i++)
		if (p->syscalls[i].nr == nr)
			return &p->syscalls[i];
	return NULL;
}

static int skipped(const struct check *c, const char *name)
{
	for (size_t i = 0; i < c->skipped.n; i++)
		if (strcmp(c->skipped.names[i], name) == 0)
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
	for (size_t i = 0; i < c->n; i++) {
		const struct sg_ir_syscall *sc = c->irs[i]->arch->audit_arch == d->arch ? find_syscall(c->irs[i], d->nr) : NULL;
		if (sc && got == c->irs[i]->default_ret && skipped(c, sc->name)) {
			c->known_unknown++;
			return 0;
		}
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

/* The policy's IR for each arch, compiled from one unit. */
static int compile_arches(struct sg_arena *a, struct sg_diag *diag, const struct sg_unit *u, struct sg_options opts,
			  const struct sg_arch *const *arches, size_t n, struct sg_compiled *parts)
{
	for (size_t i = 0; i < n; i++) {
		opts.arch = arches[i];
		opts.arches = NULL;
		opts.narches = 0;
		if (sg_compile_unit(a, diag, u, u->name, &opts, &parts[i]))
			return -1;
	}
	return 0;
}

/* Runs the profile text against the arches' programs; c gets the counts.
 * The meaning is whole's (the multi-arch compilation, where a container
 * profile's conditions are the native arch's for every arch), the inputs
 * come from each arch's own program. */
static int run_profile(struct sg_arena *a, struct check *c, const struct sg_compiled *whole,
		       const struct sg_compiled *parts, const struct sg_arch *const *arches, size_t n,
		       const char *text, size_t len)
{
	char err[512];
	struct sg_insn *lib;
	if (scmp_load(a, text, len, arches[0], 0, &lib, &c->len, &c->skipped, err, sizeof(err))) {
		fprintf(stderr, "oci-check: libseccomp: %s\n", err);
		return -1;
	}
	c->lib = lib;
	c->n = n;
	for (size_t i = 0; i < n; i++)
		c->irs[i] = whole->nirs ? whole->irs[i] : whole->ir;
	for (size_t i = 0; i < n; i++) {
		sg_validate_inputs(parts[i].ir, &parts[i].prog, compare, c);
		/* -1: libseccomp lets it reach the rules on x86_64, where
		 * seccomp-gen treats it as an x32 number. */
		struct sg_seccomp_data d = { .nr = UINT32_MAX, .arch = arches[i]->audit_arch };
		compare(c, &d);
	}
	return 0;
}

static uint64_t next_random(uint64_t *s)
{
	/* xorshift64 */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void random_policy(FILE *f, uint64_t *s, int wide)
{
	static const uint64_t values[] = { 0, 1, 2, 3, 7, 8, 0xff, 0x100, 0x5401, 0x7fffffff, 0x80000000, 0xffffffff,
					   0x100000000, 0xffffffffffffffff, 0x8000000000000000 };
	static const uint64_t masks[] = { 1, 2, 3, 4, 6, 0x10, 0xf0, 0x6400, 0x80000001, 0x8000000000000005 };
	static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=", "&", "in" };
	static const char *const actions[] = { "allow", "log", "trap", "return 1", "return 13", "kill-process",
					       "kill-thread", "trace" };
	static const char *const names[] = { "ioctl", "fcntl", "prctl" };
	fputs("read: 1\n", f);
	for (size_t k = 0; k < 3; k++) {
		fprintf(f, "%s: {", names[k]);
		size_t nfilters = 1 + next_random(s) % 2;
		for (size_t i = 0; i < nfilters; i++) {
			size_t nclauses = 1 + next_random(s) % 2;
			for (size_t c = 0; c < nclauses; c++) {
				size_t natoms = 1 + next_random(s) % 2;
				for (size_t t = 0; t < natoms; t++) {
					size_t op = next_random(s) % 8;
					uint64_t v = op >= 6 ? masks[next_random(s) % 10] : values[next_random(s) % 15];
					if (!wide)
						v &= 0xffffffff;
					fprintf(f, "%sarg%u %s %#llx", t ? " && " : c ? " || " : "",
						(unsigned)(next_random(s) % 3), ops[op], (unsigned long long)v);
				}
			}
			fprintf(f, "; %s, ", actions[next_random(s) % 8]);
		}
		fprintf(f, "%s}\n", actions[next_random(s) % 8]);
	}
}

/* --random: N made-up policies, each through the writer and libseccomp. */
static int random_mode(size_t count, const struct sg_arch *const *arches, size_t n)
{
	uint64_t seed = 0x9e3779b97f4a7c15u;
	size_t agree = 0, refused = 0, differ = 0;
	char path[] = "/tmp/oci-check.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 2;
	close(fd);
	int wide = 1;
	for (size_t i = 0; i < n; i++)
		wide &= arches[i]->bits == 64;
	for (size_t k = 0; k < count; k++) {
		FILE *f = fopen(path, "w");
		if (!f)
			return 2;
		random_policy(f, &seed, wide);
		fclose(f);
		struct sg_arena *a = sg_arena_new();
		char *msgs = NULL;
		size_t msglen = 0;
		FILE *mf = open_memstream(&msgs, &msglen);
		struct sg_diag diag;
		sg_diag_init(&diag, mf, a);
		struct sg_options opts = { .arch = arches[0], .arches = n > 1 ? arches : NULL, .narches = n > 1 ? n : 0 };
		struct sg_unit *units = NULL;
		size_t nunits = 0, cap = 0;
		struct sg_compiled whole, *parts = sg_alloc_array(a, n, sizeof(*parts));
		const char *text = NULL;
		int ok = sg_load_units(a, &diag, path, SG_INPUT_POLICY, NULL, &opts, &units, &nunits, &cap) == 0 &&
			 sg_compile_unit(a, &diag, &units[0], "random", &opts, &whole) == 0 &&
			 compile_arches(a, &diag, &units[0], opts, arches, n, parts) == 0;
		if (ok)
			text = sg_oci_profile(a, &diag, whole.nirs ? whole.irs : &whole.ir, whole.nirs ? whole.nirs : 1);
		fclose(mf);
		if (ok && !text) {
			/* Refused: with an error at a policy line. */
			if (strstr(msgs, ": error: ") && strstr(msgs, "cannot be written")) {
				refused++;
			} else {
				differ++;
				fprintf(stderr, "oci-check: random policy %zu refused without a located error:\n%s", k, msgs);
			}
		} else if (ok) {
			struct check c = { 0 };
			if (run_profile(a, &c, &whole, parts, arches, n, text, strlen(text)) || c.differences) {
				differ++;
				fprintf(stderr, "oci-check: random policy %zu differs\n", k);
			} else {
				agree++;
			}
		}
		free(msgs);
		sg_arena_free(a);
	}
	unlink(path);
	printf("oci-check: %zu random policies: %zu agree with libseccomp, %zu refused with a located error, "
	       "%zu differ\n", count, agree, refused, differ);
	return differ || !agree ? 1 : 0;
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
		{ "random", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct sg_options opts = { .arch = sg_arch_host() };
	const struct sg_arch *arches[8] = { opts.arch };
	size_t narches = 1, random = 0;
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
		case 'r': random = strtoul(optarg, NULL, 10); break;
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
	if ((random ? argc != optind : argc - optind != 2) || !arches[0]) {
		fprintf(stderr, "usage: oci-check [--arch A[,B]] [--default-action ACTION] [--category NAME] "
			"[--use-kill-process] [--denylist] [--include-map OLD=NEW] POLICY PROFILE\n"
			"       oci-check --random N [--arch A[,B]]\n");
		return 2;
	}
	if (!scmp_available()) {
		puts("oci-check: built without libseccomp");
		return 77;
	}
	if (random)
		return random_mode(random, arches, narches);
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
	struct sg_compiled whole, *parts = sg_alloc_array(a, narches, sizeof(*parts));
	struct sg_options all = opts;
	all.arch = arches[0];
	all.arches = narches > 1 ? arches : NULL;
	all.narches = narches > 1 ? narches : 0;
	if (sg_compile_unit(a, &diag, &units[0], units[0].name, &all, &whole) ||
	    compile_arches(a, &diag, &units[0], opts, arches, narches, parts))
		return 2;
	size_t len;
	char *text = sg_read_file(a, argv[optind + 1], &len);
	if (!text) {
		perror(argv[optind + 1]);
		return 2;
	}
	struct check c = { 0 };
	if (run_profile(a, &c, &whole, parts, arches, narches, text, len))
		return 2;
	printf("oci-check: %zu inputs, %zu differences, known: %zu bad-arch kill-thread, %zu nr -1, %zu on the %zu "
	       "names libseccomp does not know; libseccomp %zu instructions\n", c.inputs, c.differences,
	       c.known_badarch, c.known_minus1, c.known_unknown, c.skipped.n, c.len);
	for (size_t i = 0; i < c.skipped.n; i++)
		printf("oci-check: libseccomp does not know '%s', which crun skips with a warning\n", c.skipped.names[i]);
	sg_arena_free(a);
	return c.differences ? 1 : 0;
}
