/* Round trips through a container profile (issue 27): a policy is written
 * as a profile (-f oci, gen/write/emit_oci.c), the profile is read back
 * by seccomp-gen's own reader (grammar/oci.c, gen/ir/oci_lower.c) and
 * compiled, and the program must decide as the policy does (its decision
 * IR, gen/ir/ir_eval.c) over the translation validation's inputs of every
 * arch.  tests/oci-write.sh does the same with libseccomp as the second
 * compiler.  Policies: the .policy files of tests/oci (each arch, x86_64,i386 and
 * aarch64,arm), seccomp-gen's demo policies and the crosvm corpus (each
 * for its arch; skipped without the shared corpus).
 *
 * Known and counted apart: syscall -1 on x86_64, which a profile gives the
 * default action (as libseccomp's programs do) where the policy's program
 * kills it with the x32 numbers; and the kill for a wrong arch, which is
 * kill-thread for a profile (libseccomp's bad-arch action) and may be
 * kill-process for a policy. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/bpf/interp.h"
#include "gen/check/validate.h"
#include "gen/driver/inputs.h"
#include "gen/ir/ir_eval.h"
#include "gen/write/emit.h"
#include "gen/ir/oci_lower.h"
#include "grammar/json.h"
#include "grammar/oci.h"
#include "support/arena.h"
#include "tests/suite.h"
#include "tests/tap.h"

struct cmp {
	const struct sg_program *prog;
	struct sg_ir_program *const *irs;
	size_t n;
	unsigned long inputs, diffs, known;
	const char *what;
};

static int is_kill(uint32_t r)
{
	return r == SG_RET_KILL_THREAD || r == SG_RET_KILL_PROCESS;
}

static int check_input(void *ctx, const struct sg_seccomp_data *d)
{
	struct cmp *c = ctx;
	uint32_t got = 0, want = SG_RET_KILL_THREAD;
	int own = 0;
	sg_run(c->prog->insns, c->prog->len, d, c->prog->arch->big_endian, &got, NULL);
	for (size_t i = 0; i < c->n; i++)
		if (c->irs[i]->arch->audit_arch == d->arch) {
			want = sg_ir_eval(c->irs[i], d);
			own = 1;
		}
	c->inputs++;
	if (got == want)
		return 0;
	if ((d->nr == 0xffffffffu && d->arch == SG_AUDIT_ARCH_X86_64) || (!own && is_kill(got) && is_kill(want)) ||
	    (own && d->arch == SG_AUDIT_ARCH_X86_64 && d->nr >= 0x40000000u && is_kill(got) && is_kill(want))) {
		c->known++;
		return 0;
	}
	if (c->diffs++ < 3)
		tap_diag("%s: arch %08x nr %u args %llx %llx: the profile gives %08x, the policy %08x", c->what, d->arch, d->nr,
			 (unsigned long long)d->args[0], (unsigned long long)d->args[1], got, want);
	return 0;
}

static unsigned count(const char *s, const char *what)
{
	unsigned n = 0;
	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

struct totals {
	unsigned trips, refused, unread, failed;
	unsigned long inputs, known;
};

/* One policy, already compiled (irs), through a profile and back. */
static void trip(struct sg_arena *a, const char *what, struct sg_ir_program *const *irs, size_t n,
		 const struct sg_arch *const *arches, struct totals *t)
{
	FILE *devnull = fopen("/dev/null", "w");
	struct sg_diag diag;
	sg_diag_init(&diag, devnull, a);
	const char *text = sg_oci_profile(a, &diag, irs, n);
	if (!text) {
		t->refused++; /* a located error: what a profile cannot say */
		fclose(devnull);
		return;
	}
	struct sg_source *src = sg_alloc(a, sizeof(*src));
	memset(src, 0, sizeof(*src));
	src->path = "profile.json";
	src->text = text;
	src->len = strlen(text);
	char *msgs = NULL;
	size_t msgs_len = 0;
	FILE *mem = open_memstream(&msgs, &msgs_len);
	sg_diag_init(&diag, mem, a);
	struct sg_json *top = sg_json_parse(a, &diag, src);
	struct sg_oci_profile *p = top ? sg_oci_read(a, &diag, top, src) : NULL;
	struct sg_compiled out;
	struct sg_unit u;
	memset(&u, 0, sizeof(u));
	u.name = "trip";
	u.path = "profile.json";
	u.oci = p;
	struct sg_options o;
	memset(&o, 0, sizeof(o));
	o.arch = arches[0];
	o.arches = arches;
	o.narches = n;
	int bad = !p || sg_oci_check_names(&diag, p) || sg_compile_unit(a, &diag, &u, "trip", &o, &out);
	fclose(mem);
	if (bad && diag.errors == count(msgs, ": error: ") &&
	    diag.errors == count(msgs, "has rules with comparisons and different actions")) {
		/* The writer orders overlapping rules for libseccomp's tree;
		 * the reader refuses them (README.md). */
		t->unread++;
		free(msgs);
		fclose(devnull);
		return;
	}
	if (bad) {
		tap_diag("%s: seccomp-gen does not read back the profile it wrote:\n%s", what, msgs);
		t->failed++;
		free(msgs);
		fclose(devnull);
		return;
	}
	free(msgs);
	struct cmp c = { &out.prog, irs, n, 0, 0, 0, what };
	for (size_t i = 0; i < n; i++)
		sg_validate_inputs(irs[i], &out.prog, check_input, &c);
	t->inputs += c.inputs;
	t->known += c.known;
	if (c.diffs)
		t->failed++;
	else
		t->trips++;
	fclose(devnull);
}

static void own_policies(const char *srcdir, struct totals *t)
{
	char dir[4096], path[8192];
	snprintf(dir, sizeof(dir), "%s/tests/oci", srcdir);
	struct dirent **names;
	int n = scandir(dir, &names, is_policy, by_name);
	static const char *const sets[][2] = { { "x86_64", NULL }, { "i386", NULL }, { "aarch64", NULL },
					       { "arm", NULL }, { "riscv64", NULL }, { "x86_64", "i386" },
					       { "aarch64", "arm" } };
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
			const struct sg_arch *arches[2] = { sg_arch_find(sets[s][0]), sets[s][1] ? sg_arch_find(sets[s][1]) : NULL };
			size_t na = arches[1] ? 2 : 1;
			struct sg_arena *a = sg_arena_new();
			FILE *devnull = fopen("/dev/null", "w");
			struct sg_diag diag;
			sg_diag_init(&diag, devnull, a);
			struct sg_options o;
			memset(&o, 0, sizeof(o));
			o.arch = arches[0];
			o.arches = arches;
			o.narches = na;
			struct sg_unit *units = NULL;
			size_t nu = 0, cap = 0;
			struct sg_compiled out;
			if (sg_load_units(a, &diag, path, SG_INPUT_AUTO, NULL, &o, &units, &nu, &cap) == 0 && nu == 1 &&
			    sg_compile_unit(a, &diag, &units[0], "p", &o, &out) == 0) {
				struct sg_ir_program *one[1] = { out.ir };
				char what[8300];
				snprintf(what, sizeof(what), "%s (%s%s%s)", names[i]->d_name, sets[s][0], sets[s][1] ? "," : "",
					 sets[s][1] ? sets[s][1] : "");
				trip(a, what, na == 2 ? out.irs : one, na, arches, t);
			}
			fclose(devnull);
			sg_arena_free(a);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

static void corpus(struct totals *t)
{
	const char *dirname = shared_corpus();
	if (!dirname)
		return;
	static const char *const dirs[] = { "x86_64", "aarch64", "arm", "riscv64" };
	for (size_t d = 0; d < 4; d++) {
		char dir[4096], path[8192];
		snprintf(dir, sizeof(dir), "%s/%s", dirname, dirs[d]);
		struct dirent **names;
		int n = scandir(dir, &names, is_policy, by_name);
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			struct sg_arena *a = sg_arena_new();
			FILE *devnull = fopen("/dev/null", "w");
			const struct sg_arch *arches[1] = { sg_arch_find(dirs[d]) };
			struct sg_compiled out;
			if (compile_crosvm(a, devnull, path, dir, arches[0], &out) == 0) {
				struct sg_ir_program *one[1] = { out.ir };
				trip(a, path, one, 1, arches, t);
			}
			fclose(devnull);
			sg_arena_free(a);
			free(names[i]);
		}
		if (n > 0)
			free(names);
	}
}

int main(void)
{
	const char *srcdir = getenv("srcdir");
	struct totals own = { 0 }, crosvm = { 0 };
	own_policies(srcdir ? srcdir : ".", &own);
	tap_ok(own.failed == 0 && own.trips > 0,
	       "tests/oci/ policies, 7 arch sets: %u round trips decide as the policy (%lu inputs; %lu known "
	       "differences: -1 on x86_64, the kill's kind), %u refused by -f oci, %u not read back (rules with "
	       "different actions), %u failed",
	       own.trips, own.inputs, own.known, own.refused, own.unread, own.failed);
	if (!shared_corpus()) {
		tap_skip("../shared/corpus/crosvm not found (set SG_SHARED)");
		return tap_done();
	}
	corpus(&crosvm);
	tap_ok(crosvm.failed == 0 && crosvm.trips > 0,
	       "crosvm corpus: %u round trips decide as the policy (%lu inputs; %lu known differences), %u refused by "
	       "-f oci, %u not read back (rules with different actions), %u failed",
	       crosvm.trips, crosvm.inputs, crosvm.known, crosvm.refused, crosvm.unread, crosvm.failed);
	return tap_done();
}
