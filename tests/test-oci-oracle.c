/* The differential oracle for container profiles (issue 27): seccomp-gen's
 * program for a profile against libseccomp's, built as the engine and
 * crun build it (tests/oci-libseccomp.c), both run in the interpreter over
 * the same inputs, and a sample of them in the running kernel.  Zero
 * differences are expected on Docker's default profile (x86_64, aarch64,
 * x86_64 with i386, arm64 with arm; several capability sets and kernels)
 * and on generated profiles (every operator and action, conflicting
 * entries, masks, high 32 bits, compat arches).  Inputs: every syscall
 * number of each arch and beyond, -1 and x32 numbers, wrong arches, and
 * for the syscalls a profile names, argument vectors made of its values,
 * their neighbours and their other 32-bit halves.
 *
 * Not compared (counted and printed instead): x32 numbers, which
 * seccomp-gen kills as it has no x32 target (libseccomp's program is
 * built without SCMP_ARCH_X32); numbers of names libseccomp 2.5.4 does not
 * know and seccomp-gen's tables do (newer syscalls: a newer libseccomp
 * adds them); profiles seccomp-gen refuses because rules with comparisons
 * and different actions meet in one syscall (README.md says why); how
 * many of those libseccomp refuses too is printed.
 *
 * SG_OCI_PROFILES sets the number of generated profiles (default 10000). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen/driver/inputs.h"
#include "gen/ir/oci_lower.h"
#include "grammar/load.h"
#include "grammar/oci.h"
#include "support/arena.h"
#include "tests/kernel.h"
#include "tests/oci-libseccomp.h"
#include "tests/suite.h"
#include "tests/tap.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t pick(size_t n)
{
	return (size_t)(rnd() % n);
}

/* --- one comparison ------------------------------------------------------ */

struct stats {
	unsigned long inputs, differences, unnamed_skipped, x32_killed;
	unsigned long scmp_bug; /* inputs libseccomp's multi-arch build decides unlike its one-arch builds */
};

struct job {
	const char *what;
	const struct sg_arch *arches[2];
	size_t n;
	struct scmp_env env;
	int verbose; /* print the first differences */
	int kernel_samples;
};

static uint32_t run(const struct sg_insn *p, size_t len, const struct sg_seccomp_data *d)
{
	uint32_t ret = 0xdeadbeef;
	if (sg_run(p, len, d, 0, &ret, NULL))
		return 0xbad0bad0;
	return ret;
}

/* Values worth giving an argument: each value of the profile, its
 * neighbours, its other halves, and the edges. */
struct values {
	uint64_t v[512];
	size_t n;
};

static void add_value(struct values *vs, uint64_t v)
{
	if (vs->n < sizeof(vs->v) / sizeof(vs->v[0]))
		vs->v[vs->n++] = v;
}

static void collect_values(const struct sg_json *top, struct values *vs)
{
	static const uint64_t edges[] = { 0, 1, 0xffffffffu, 0x100000000ull, UINT64_MAX, 0x80000000u };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		add_value(vs, edges[i]);
	const struct sg_json *calls = NULL;
	for (size_t i = 0; i < top->u.object.n; i++)
		if (strcmp(top->u.object.members[i].key, "syscalls") == 0)
			calls = top->u.object.members[i].value;
	for (size_t i = 0; calls && calls->kind == SG_JSON_ARRAY && i < calls->u.array.n; i++) {
		const struct sg_json *c = calls->u.array.items[i];
		for (size_t k = 0; c->kind == SG_JSON_OBJECT && k < c->u.object.n; k++) {
			const struct sg_json *args = c->u.object.members[k].value;
			if (strcmp(c->u.object.members[k].key, "args") != 0 || args->kind != SG_JSON_ARRAY)
				continue;
			for (size_t a = 0; a < args->u.array.n; a++) {
				const struct sg_json *cmp = args->u.array.items[a];
				uint64_t value = 0, two = 0;
				for (size_t m = 0; m < cmp->u.object.n; m++) {
					if (strcmp(cmp->u.object.members[m].key, "value") == 0)
						value = cmp->u.object.members[m].value->u.number.num.mag;
					if (strcmp(cmp->u.object.members[m].key, "valueTwo") == 0)
						two = cmp->u.object.members[m].value->u.number.num.mag;
				}
				uint64_t base[] = { value, two, two & value, two | ~value };
				for (size_t b = 0; b < 4; b++) {
					add_value(vs, base[b]);
					add_value(vs, base[b] + 1);
					add_value(vs, base[b] - 1);
					add_value(vs, base[b] ^ 0xffffffff00000000ull);
					add_value(vs, base[b] & 0xffffffffu);
					add_value(vs, base[b] | 0x100000000ull);
				}
			}
		}
	}
}

static int unnamed(const struct scmp_program *lp, size_t a, uint32_t nr)
{
	for (size_t i = 0; i < lp->nunnamed[a]; i++)
		if (lp->unnamed[a][i] == nr)
			return 1;
	return 0;
}

/* Compares the two programs over the inputs; returns the differences. */
static unsigned long compare(const struct job *j, const struct sg_program *sp, const struct scmp_program *full,
			     const struct scmp_program *lps, const struct values *vs, const uint32_t *named, size_t nnamed,
			     struct stats *st)
{
	unsigned long diffs = 0;
	for (size_t a = 0; a < j->n; a++) {
		const struct scmp_program *lp = &lps[a];
		const struct sg_arch *arch = j->arches[a];
		struct sg_seccomp_data d;
		memset(&d, 0, sizeof(d));
		d.arch = arch->audit_arch;
		/* 0 to 1023 (every ordinary number), the table's numbers above
		 * (arm's private calls), and the edges. */
		static const uint32_t edges[] = { 0xffffffffu, 0x7fffffffu, 0x40000000u, 0x40000001u, 0xfffffffeu };
		size_t nbig = 0;
		for (size_t i = 0; i < arch->nsyscalls; i++)
			nbig += arch->syscalls[i].value >= 1024;
		for (size_t k = 0; k < 1024 + nbig + 5; k++) {
			if (k < 1024) {
				d.nr = (uint32_t)k;
			} else if (k < 1024 + nbig) {
				size_t seen = 0, i = 0;
				for (; i < arch->nsyscalls; i++)
					if (arch->syscalls[i].value >= 1024 && seen++ == k - 1024)
						break;
				d.nr = (uint32_t)arch->syscalls[i].value;
			} else {
				d.nr = edges[k - 1024 - nbig];
			}
			int x32 = arch->audit_arch == SG_AUDIT_ARCH_X86_64 && d.nr >= 0x40000000u && d.nr != 0xffffffffu;
			if (unnamed(lp, a, d.nr) || unnamed(full, a, d.nr)) {
				st->unnamed_skipped++;
				continue;
			}
			int is_named = 0;
			for (size_t m = 0; m < nnamed; m++)
				is_named |= named[m] == d.nr;
			size_t vectors = is_named ? 48 : 1;
			for (size_t v = 0; v < vectors; v++) {
				for (int i = 0; i < 6; i++) {
					d.args[i] = v == 0 ? 0 : vs->v[pick(vs->n)];
					if (arch->bits == 32)
						d.args[i] &= 0xffffffffu; /* the kernel zero-extends */
				}
				uint32_t want = run(lp->insns, lp->len, &d), got = run(sp->insns, sp->len, &d);
				st->inputs++;
				st->scmp_bug += run(full->insns, full->len, &d) != want;
				if (x32) {
					/* seccomp-gen has no x32 target: the kill action. */
					st->x32_killed += got == SG_RET_KILL_THREAD;
					if (got != SG_RET_KILL_THREAD)
						diffs++;
					continue;
				}
				if (want == got)
					continue;
				if ((j->verbose || getenv("SG_OCI_VERBOSE")) && diffs < 3)
					tap_diag("%s: %s nr %u args %llx %llx %llx: libseccomp %08x, seccomp-gen %08x", j->what,
						 arch->name, d.nr, (unsigned long long)d.args[0], (unsigned long long)d.args[1],
						 (unsigned long long)d.args[2], want, got);
				diffs++;
			}
		}
		/* Another arch: both kill. */
		d.arch = 0x12345678;
		d.nr = 0;
		if (run(full->insns, full->len, &d) != run(sp->insns, sp->len, &d))
			diffs++;
		st->inputs++;
	}
	st->differences += diffs;
	return diffs;
}

/* A sample of inputs in the kernel, on the host's arch: each program in a
 * child, the outcomes (errno and value, trap, kill, allowed) the same. */
static unsigned kernel_sample(const struct job *j, const struct sg_program *sp, const struct scmp_program *lp,
			      const struct values *vs, const uint32_t *named, size_t nnamed, unsigned samples,
			      unsigned *ran)
{
	unsigned bad = 0;
	struct sg_program lprog = *sp;
	lprog.insns = lp->insns;
	lprog.len = lp->len;
	lprog.arches = NULL;
	lprog.narches = 0;
	for (unsigned s = 0; s < samples; s++) {
		struct sg_seccomp_data d;
		memset(&d, 0, sizeof(d));
		d.arch = j->arches[0]->audit_arch;
		d.nr = nnamed && s % 2 ? named[pick(nnamed)] : (uint32_t)j->arches[0]->syscalls[pick(j->arches[0]->nsyscalls)].value;
		/* Calls that would end or stop the child if let through are the
		 * backstop's to answer; leave out the ones it lets run. */
		for (int i = 0; i < 6; i++)
			d.args[i] = s % 3 ? vs->v[pick(vs->n)] : 0;
		if (unnamed(lp, 0, d.nr))
			continue;
		int e1 = 0, e2 = 0;
		enum kernel_outcome a = kernel_decide(&lprog, &d, &e1), b = kernel_decide(sp, &d, &e2);
		if (a == KO_EXECUTED || b == KO_EXECUTED || a == KO_BROKEN || b == KO_BROKEN)
			continue;
		(*ran)++;
		if (a != b || (a == KO_ERRNO && e1 != e2)) {
			if (bad < 3)
				tap_diag("%s: kernel, nr %u: libseccomp's %s (%d), seccomp-gen's %s (%d)", j->what, d.nr,
					 kernel_outcome_name(a), e1, kernel_outcome_name(b), e2);
			bad++;
		}
	}
	return bad;
}

/* The syscall numbers, on the first arch, of the names in the text: the
 * ones that get argument vectors. */
static size_t named_numbers(const struct sg_json *top, const struct job *j, uint32_t *out, size_t max)
{
	size_t n = 0;
	const struct sg_json *calls = NULL;
	for (size_t i = 0; i < top->u.object.n; i++)
		if (strcmp(top->u.object.members[i].key, "syscalls") == 0)
			calls = top->u.object.members[i].value;
	for (size_t i = 0; calls && calls->kind == SG_JSON_ARRAY && i < calls->u.array.n; i++) {
		const struct sg_json *c = calls->u.array.items[i];
		for (size_t k = 0; k < c->u.object.n; k++) {
			const struct sg_json *names = c->u.object.members[k].value;
			if (strcmp(c->u.object.members[k].key, "names") != 0 || names->kind != SG_JSON_ARRAY)
				continue;
			for (size_t m = 0; m < names->u.array.n; m++)
				for (size_t a = 0; a < j->n; a++) {
					const struct sg_named_value *sc = sg_oci_syscall(j->arches[a], names->u.array.items[m]->u.string.s);
					if (sc && n < max)
						out[n++] = (uint32_t)sc->value;
				}
		}
	}
	return n;
}

enum outcome { SAME, DIFFERENT, SG_REFUSED_BOTH, SG_REFUSED_ONLY, SCMP_REFUSED_ONLY };

static enum outcome check_profile(const struct job *j, const char *path, const char *text, size_t len,
				  struct stats *st, unsigned *kernel_bad, unsigned *kernel_ran, FILE *msgs)
{
	struct sg_arena *arena = sg_arena_new();
	struct sg_json *top = NULL;
	struct sg_compiled out;
	struct sg_options o;
	memset(&o, 0, sizeof(o));
	o.arch = j->arches[0];
	o.arches = j->arches;
	o.narches = j->n;
	o.oci_caps = j->env.caps;
	o.oci_caps_set = 1;
	o.oci_has_kernel = j->env.has_kernel;
	o.oci_kernel_major = j->env.kernel_major;
	o.oci_kernel_minor = j->env.kernel_minor;
	int sg_rc = compile_oci_text(arena, msgs, path, text, len, "oracle", &o, &top, &out);
	enum outcome r = SAME;
	struct scmp_program lp, lps[2];
	memset(&lp, 0, sizeof(lp));
	memset(lps, 0, sizeof(lps));
	int l_rc = top ? scmp_build(top, j->arches, j->n, &j->env, 1, &lp) : -1;
	for (size_t a = 0; a < j->n && l_rc == 0; a++)
		l_rc = scmp_build_one(top, j->arches, a, &j->env, 1, &lps[a]);
	if (sg_rc && l_rc)
		r = SG_REFUSED_BOTH;
	else if (sg_rc)
		r = SG_REFUSED_ONLY;
	else if (l_rc)
		r = SCMP_REFUSED_ONLY;
	else {
		struct values vs = { .n = 0 };
		collect_values(top, &vs);
		uint32_t named[256];
		size_t nnamed = named_numbers(top, j, named, 256);
		if (compare(j, &out.prog, &lp, lps, &vs, named, nnamed, st))
			r = DIFFERENT;
		if (j->kernel_samples)
			*kernel_bad += kernel_sample(j, &out.prog, &lps[0], &vs, named, nnamed, (unsigned)j->kernel_samples,
						     kernel_ran);
	}
	if (r == SCMP_REFUSED_ONLY && j->verbose)
		tap_diag("%s: libseccomp refuses (%s), seccomp-gen does not", path, lp.why);
	scmp_program_free(&lp);
	scmp_program_free(&lps[0]);
	scmp_program_free(&lps[1]);
	sg_arena_free(arena);
	return r;
}

/* --- Docker's default profile ------------------------------------------------ */

static void docker_default(const struct sg_arch *host)
{
	const char *shared = getenv("SG_SHARED");
	char path[4096];
	snprintf(path, sizeof(path), "%s/corpus/oci/docker-default.json", shared ? shared : "../shared");
	size_t len;
	struct sg_arena *file = sg_arena_new();
	char *text = sg_read_file(file, path, &len);
	if (!text) {
		tap_skip("%s not found (set SG_SHARED)", path);
		sg_arena_free(file);
		return;
	}
	const struct sg_arch *x86_64 = sg_arch_find("x86_64"), *i386 = sg_arch_find("i386"),
			     *aarch64 = sg_arch_find("aarch64"), *arm = sg_arch_find("arm"),
			     *riscv64 = sg_arch_find("riscv64");
	const struct sg_arch *configs[][2] = { { x86_64, NULL }, { aarch64, NULL }, { x86_64, i386 },
					       { aarch64, arm }, { riscv64, NULL } };
	uint64_t dflt = sg_oci_default_caps(), all = (1ull << SG_OCI_NCAPS) - 1;
	int sys_admin = sg_oci_cap_find("CAP_SYS_ADMIN"), ptrace = sg_oci_cap_find("CAP_SYS_PTRACE");
	struct {
		const char *name;
		struct scmp_env env;
	} envs[] = {
		{ "Docker's default capabilities", { dflt, 0, 0, 0 } },
		{ "default + CAP_SYS_ADMIN", { dflt | 1ull << sys_admin, 0, 0, 0 } },
		{ "default + CAP_SYS_PTRACE, kernel 4.4", { dflt | 1ull << ptrace, 1, 4, 4 } },
		{ "every capability (--privileged)", { all, 0, 0, 0 } },
		{ "no capability", { 0, 0, 0, 0 } },
	};
	for (size_t c = 0; c < sizeof(configs) / sizeof(configs[0]); c++)
		for (size_t e = 0; e < sizeof(envs) / sizeof(envs[0]); e++) {
			struct job j = { "docker-default", { configs[c][0], configs[c][1] }, configs[c][1] ? 2 : 1,
					 envs[e].env, 1, 0 };
			if (host && configs[c][0] == host && !configs[c][1] && (e == 0 || e == 1))
				j.kernel_samples = 60;
			struct stats st = { 0 };
			unsigned kbad = 0, kran = 0;
			enum outcome r = check_profile(&j, path, text, len, &st, &kbad, &kran, stdout);
			tap_ok(r == SAME && st.differences == 0,
			       "docker-default.json, %s%s%s, %s: %lu inputs, %lu differences (%lu x32 inputs killed by "
			       "seccomp-gen; %lu inputs of syscalls libseccomp 2.5.4 cannot name not compared)",
			       configs[c][0]->name, configs[c][1] ? "+" : "", configs[c][1] ? configs[c][1]->name : "",
			       envs[e].name, st.inputs, st.differences, st.x32_killed, st.unnamed_skipped);
			if (j.kernel_samples) {
				const char *why = kernel_unavailable();
				if (why)
					tap_skip("kernel sample: %s", why);
				else
					tap_ok(kbad == 0 && kran > 0, "docker-default.json, %s, %s, in the kernel: %u calls, %u differences",
					       host->name, envs[e].name, kran, kbad);
			}
		}
	sg_arena_free(file);
}

/* --- generated profiles ----------------------------------------------------- */

static const char *const pool[] = {
	"read", "write", "openat", "ioctl", "socket", "mmap", "clone", "personality", "prctl", "fcntl",
	"open", "arch_prctl", "getppid", "kill", "futex", "sync_file_range",
	"socketcall", "mmap2", "sync_file_range2", "breakpoint", "swapcontext", "arm_sync_file_range",
};
static const char *const actions[] = {
	"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO",
	"SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY",
};
static const char *const opnames[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};

static uint64_t gen_value(void)
{
	static const uint64_t vals[] = {
		0, 1, 2, 5, 8, 0x7f, 0x80000000u, 0xffffffffu, 0x100000000ull, 0x100000005ull,
		0xffffffff00000000ull, UINT64_MAX, 0x7fffffffffffffffull, 0xff00, 0x0f0f0f0f0f0f0f0full,
	};
	return pick(4) ? vals[pick(sizeof(vals) / sizeof(vals[0]))] : rnd() >> pick(64);
}

static void gen_action(char **p, const char *key, const char *errkey)
{
	const char *a = actions[pick(sizeof(actions) / sizeof(actions[0]))];
	*p += sprintf(*p, "\"%s\": \"%s\"", key, a);
	if ((!strcmp(a, "SCMP_ACT_ERRNO") || !strcmp(a, "SCMP_ACT_TRACE")) && pick(2))
		*p += sprintf(*p, ", \"%s\": %u", errkey, (unsigned)pick(4));
}

static void gen_cond(char **p, const char *key)
{
	static const char *const caps[] = { "CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_CHOWN" };
	static const char *const arches[] = { "amd64", "x86", "arm64", "arm", "riscv64", "s390x" };
	*p += sprintf(*p, ", \"%s\": {", key);
	const char *sep = "";
	if (pick(2)) {
		*p += sprintf(*p, "\"caps\": [\"%s\"]", caps[pick(3)]);
		sep = ", ";
	}
	if (pick(2)) {
		*p += sprintf(*p, "%s\"arches\": [\"%s\", \"%s\"]", sep, arches[pick(6)], arches[pick(6)]);
		sep = ", ";
	}
	if (pick(3) == 0)
		*p += sprintf(*p, "%s\"minKernel\": \"%s\"", sep, pick(2) ? "4.8" : "6.2");
	*p += sprintf(*p, "}");
}

/* A small profile: a default action, one to six entries over a pool of
 * names that exist on some arches and not others, any action (the same
 * syscall in several entries with different actions, with and without
 * comparisons, an action equal to the default), up to three comparisons
 * of different arguments, values with and without high 32 bits, masks
 * (0 too), conditions on capabilities, arches and the kernel.
 *
 * Two things libseccomp 2.5.4 gets wrong are left out, so that what is
 * compared is what libseccomp means rather than where it breaks: a
 * syscall gets comparisons in one entry of a profile only, and an entry
 * compares each argument once.  With several entries with comparisons
 * for one syscall, or one argument compared twice (which the runtimes
 * add as separate rules), libseccomp's merged tree gave decisions that
 * are not the OR of its rules on about 2% of such profiles (arg2 >= 2^32
 * || arg2 < 6 || arg2 < 7062023 trapped arg2 = 0xffffffff), and once
 * seccomp_rule_add_array did not return.  Docker's default profile,
 * whose socket and personality entries are of that kind, is compared
 * above, with no difference. */
static size_t gen_profile(char *buf, int no_socket)
{
	char *p = buf;
	p += sprintf(p, "{");
	gen_action(&p, "defaultAction", "defaultErrnoRet");
	p += sprintf(p, ", \"syscalls\": [");
	size_t n = 1 + pick(6);
	int conditional[sizeof(pool) / sizeof(pool[0])] = { 0 };
	for (size_t e = 0; e < n; e++) {
		p += sprintf(p, "%s{\"names\": [", e ? ", " : "");
		size_t nn = 1 + pick(3), picked[3];
		int again = 0;
		for (size_t k = 0; k < nn; k++) {
			picked[k] = pick(pick(2) ? 8 : sizeof(pool) / sizeof(pool[0]));
			/* On x86, libseccomp turns a rule for socket() into one
			 * for socketcall(SYS_SOCKET) as well, which seccomp-gen
			 * does not (README.md). */
			if (no_socket && strcmp(pool[picked[k]], "socket") == 0)
				picked[k] = 0;
			again |= conditional[picked[k]];
			p += sprintf(p, "%s\"%s\"", k ? ", " : "", pool[picked[k]]);
		}
		p += sprintf(p, "], ");
		gen_action(&p, "action", "errnoRet");
		size_t nargs = again ? 0 : pick(4);
		for (size_t k = 0; k < nn && nargs; k++)
			conditional[picked[k]] = 1;
		if (nargs || pick(4) == 0) {
			p += sprintf(p, ", \"args\": [");
			size_t first = pick(3);
			for (size_t a = 0; a < nargs; a++) {
				size_t o = pick(7);
				p += sprintf(p, "%s{\"index\": %u, \"value\": %llu, \"op\": \"%s\"", a ? ", " : "", (unsigned)((first + a) % 3),
					     (unsigned long long)gen_value(), opnames[o]);
				if (o == 6 || pick(4) == 0)
					p += sprintf(p, ", \"valueTwo\": %llu", (unsigned long long)gen_value());
				p += sprintf(p, "}");
			}
			p += sprintf(p, "]");
		}
		if (pick(4) == 0)
			gen_cond(&p, "includes");
		if (pick(5) == 0)
			gen_cond(&p, "excludes");
		p += sprintf(p, "}");
	}
	p += sprintf(p, "]}");
	return (size_t)(p - buf);
}

static void generated(const struct sg_arch *host)
{
	const char *env = getenv("SG_OCI_PROFILES");
	unsigned long want = env ? strtoul(env, NULL, 10) : 10000;
	const struct sg_arch *x86_64 = sg_arch_find("x86_64"), *i386 = sg_arch_find("i386"),
			     *aarch64 = sg_arch_find("aarch64"), *arm = sg_arch_find("arm"),
			     *riscv64 = sg_arch_find("riscv64");
	const struct sg_arch *configs[][2] = { { x86_64, NULL }, { x86_64, i386 }, { aarch64, NULL }, { aarch64, arm },
					       { riscv64, NULL }, { i386, NULL }, { arm, NULL } };
	unsigned long compared = 0, tried = 0, by[5] = { 0 };
	struct stats st = { 0 };
	unsigned kbad = 0, kran = 0;
	FILE *devnull = fopen("/dev/null", "w");
	char *buf = malloc(1 << 16);
	clock_t t0 = clock();
	while (compared < want && tried < want * 3) {
		tried++;
		size_t c = pick(sizeof(configs) / sizeof(configs[0]));
		uint64_t caps = pick(2) ? sg_oci_default_caps() : pick(2) ? (1ull << SG_OCI_NCAPS) - 1 : 0;
		struct job j = { "generated", { configs[c][0], configs[c][1] }, configs[c][1] ? 2 : 1,
				 { caps, (int)pick(2), 4 + (unsigned)pick(3), (unsigned)pick(20) }, 0, 0 };
		/* Compat arches only where the profile lets them through. */
		size_t len = gen_profile(buf, configs[c][0] == i386 || configs[c][1] == i386);
		if (j.n == 2) {
			char *end = buf + len - 1; /* the closing brace */
			len += (size_t)sprintf(end, ", \"architectures\": [\"%s\"]}",
					       configs[c][1] == i386 ? "SCMP_ARCH_X86" : "SCMP_ARCH_ARM") - 1;
		}
		if (host && configs[c][0] == host && j.n == 1 && tried % 100 == 0)
			j.kernel_samples = 4;
		char name[64];
		snprintf(name, sizeof(name), "generated-%lu.json", tried);
		enum outcome r = check_profile(&j, name, buf, len, &st, &kbad, &kran, devnull);
		by[r]++;
		if (r == SAME || r == DIFFERENT)
			compared++;
		const char *dump = getenv("SG_OCI_DUMP");
		if (dump && (r == DIFFERENT || r == SCMP_REFUSED_ONLY)) {
			char file[512];
			snprintf(file, sizeof(file), "%s/%s-%s%s%s-caps%llx-k%d.%u.%u", dump, name, configs[c][0]->name,
				 j.n == 2 ? "+" : "", j.n == 2 ? configs[c][1]->name : "", (unsigned long long)caps,
				 j.env.has_kernel, j.env.kernel_major, j.env.kernel_minor);
			FILE *f = fopen(file, "w");
			if (f) {
				fwrite(buf, 1, len, f);
				fclose(f);
			}
		}
		if ((r == DIFFERENT || r == SCMP_REFUSED_ONLY) && (by[DIFFERENT] + by[SCMP_REFUSED_ONLY] <= 3 || getenv("SG_OCI_VERBOSE")))
			tap_diag("%s (%s%s%s): %s", name, configs[c][0]->name, j.n == 2 ? "+" : "",
				 j.n == 2 ? configs[c][1]->name : "", buf);
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	fclose(devnull);
	free(buf);
	tap_ok(compared >= want && by[DIFFERENT] == 0 && by[SCMP_REFUSED_ONLY] == 0,
	       "%lu generated profiles compared (%lu inputs, %.1f s): %lu with different decisions, %lu that libseccomp "
	       "refuses and seccomp-gen does not; %lu x32 inputs killed by seccomp-gen",
	       compared, st.inputs, secs, by[DIFFERENT], by[SCMP_REFUSED_ONLY], st.x32_killed);
	tap_diag("also generated: %lu profiles refused by both, %lu refused by seccomp-gen only (rules with "
		 "comparisons and different actions for one syscall)", by[SG_REFUSED_BOTH], by[SG_REFUSED_ONLY]);
	const char *why = host ? kernel_unavailable() : "the host is not a supported arch";
	if (why)
		tap_skip("kernel sample of generated profiles: %s", why);
	else
		tap_ok(kbad == 0 && kran > 0, "generated profiles in the kernel: %u calls, %u differences", kran, kbad);
}

/* test-oci-oracle FILE ARCH[,ARCH] CAPS-HEX [MAJOR.MINOR]: one profile,
 * every difference shown (for looking into one). */
static int one(char **argv)
{
	size_t len;
	struct sg_arena *file = sg_arena_new();
	char *text = sg_read_file(file, argv[1], &len);
	if (!text) {
		perror(argv[1]);
		sg_arena_free(file);
		return 2;
	}
	struct job j = { argv[1], { NULL, NULL }, 1, { strtoull(argv[3], NULL, 16), 0, 0, 0 }, 1, 0 };
	char *comma = strchr(argv[2], ',');
	if (comma) {
		*comma = 0;
		j.arches[1] = sg_arch_find(comma + 1);
		j.n = 2;
	}
	j.arches[0] = sg_arch_find(argv[2]);
	if (argv[4] && sscanf(argv[4], "%u.%u", &j.env.kernel_major, &j.env.kernel_minor) == 2)
		j.env.has_kernel = 1;
	struct stats st = { 0 };
	unsigned kb = 0, kr = 0;
	enum outcome r = check_profile(&j, argv[1], text, len, &st, &kb, &kr, stderr);
	printf("outcome %d, %lu differences of %lu inputs\n", (int)r, st.differences, st.inputs);
	sg_arena_free(file);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4)
		return one(argv);
	const char *why;
	const struct sg_arch *host = kernel_host(&why);
	docker_default(host);
	generated(host);
	return tap_done();
}
