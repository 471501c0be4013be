/* libFuzzer harness over the whole pipeline: the input, as a policy,
 * compiled for one arch chosen by its hash (load, parse, resolve, lints, dispatch,
 * codegen, optimizer, translation validation), each program written in
 * every format (-f oci from its IR); and the input as a --test file against a fixed program.
 * A crash, a sanitizer report, a leak, or an "internal error" diagnostic
 * (the kernel's checks or the validation failed) is a finding.
 *
 * The input is written to fuzz.policy in a temporary directory that also
 * holds links to the suite's include fragments (SG_FUZZ_SRCDIR: the
 * source tree), so that @include and @frequency lines of the seed corpus
 * lead somewhere. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/bpf/interp.h"
#include "gen/check/testfile.h"
#include "gen/driver/compile.h"
#include "gen/lint/lint.h"
#include "gen/write/emit.h"
#include "support/arena.h"
#include "support/source.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], policy_path[96], fixed_path[96];
static FILE *devnull;

static void link_into_dir(const char *srcdir, const char *from, const char *name)
{
	char target[4096], link[256];
	snprintf(target, sizeof(target), "%s/%s", srcdir, from);
	snprintf(link, sizeof(link), "%s/%s", dir, name);
	if (symlink(target, link) != 0)
		perror(link);
}

static void cleanup(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/sg-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	atexit(cleanup);
	const char *srcdir = getenv("SG_FUZZ_SRCDIR");
	if (srcdir) {
		link_into_dir(srcdir, "tests/decisions/inc", "inc");
		link_into_dir(srcdir, "policies/common_device.policy", "common_device.policy");
		link_into_dir(srcdir, "tests/diagnostics/inc", "diag-inc");
	}
	snprintf(policy_path, sizeof(policy_path), "%s/fuzz.policy", dir);
	snprintf(fixed_path, sizeof(fixed_path), "%s/fixed.policy", dir);
	FILE *f = fopen(fixed_path, "w");
	if (!f)
		abort();
	fputs("read: 1\nwrite: arg0 == 1 || arg0 == 2\nopenat: arg2 in O_RDONLY|O_CLOEXEC; return ENOENT\n"
	      "ioctl: arg1 & 0x6400\nclose: arg0 > 2 && arg0 <= 0xfffff\n",
	      f);
	fclose(f);
	devnull = fopen("/dev/null", "w");
	return devnull ? 0 : -1;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
	/* A failure here is the harness's, not seccomp-gen's: say why. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	for (size_t off = 0; off < size;) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0) {
			perror(path);
			abort();
		}
		off += (size_t)w;
	}
	close(fd);
}

/* Diagnostics go to a buffer, searched for internal errors.  Those are
 * reported without a location, so they start a line with this; the
 * input's own text never starts a line (source lines are shown after a
 * line number), however it learns to spell the words. */
static const char internal[] = "seccomp-gen: error: internal error";

struct capture {
	char *text;
	size_t len;
	FILE *f;
};

static void check_capture(struct capture *c)
{
	fclose(c->f);
	for (const char *line = c->text; line && *line;) {
		if (strncmp(line, internal, sizeof(internal) - 1) == 0) {
			fprintf(stderr, "%s", c->text);
			abort();
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	free(c->text);
}

static void compile_for(const struct sg_arch *arch)
{
	struct sg_arena *a = sg_arena_new();
	struct capture cap = { NULL, 0, NULL };
	cap.f = open_memstream(&cap.text, &cap.len);
	struct sg_diag diag;
	sg_diag_init(&diag, cap.f, a);
	struct sg_include_map maps[2] = { { "/usr/share/policy/test", dir }, { "/usr/share/policy/crosvm", dir } };
	struct sg_options opts = { .arch = arch, .maps = maps, .nmaps = 2, .warn_on = ~0u };
	struct sg_compiled out;
	if (sg_compile_file(a, &diag, policy_path, "fuzz", &opts, &out) == 0) {
		size_t at;
		if (sg_check(out.prog.insns, out.prog.len, &at))
			abort(); /* sg_compile_file() promised a checked program */
		struct sg_program *progs[1] = { &out.prog };
		sg_write_c(devnull, a, progs, 1, "fuzz");
		sg_write_header(devnull, a, progs, 1, "fuzz");
		sg_write_raw(devnull, &out.prog);
		sg_write_dump(devnull, a, progs, 1);
		/* Issue 14: minijail's header, Firecracker's two encodings. */
		sg_write_minijail_header(devnull, &out.prog, "fuzz");
		struct sg_program fc[3] = { out.prog, out.prog, out.prog };
		fc[0].name = "vmm";
		fc[1].name = "api";
		fc[2].name = "vcpu";
		struct sg_program *fcp[3] = { &fc[0], &fc[1], &fc[2] };
		if (sg_write_firecracker(devnull, fcp, 3, 0) || sg_write_firecracker(devnull, fcp, 3, 1))
			abort(); /* three programs of at most 4096 instructions always fit */
		/* Issue 27: the Docker/OCI profile, from the IR (or a located
		 * error where a profile cannot say the policy). */
		const char *profile = sg_oci_profile(a, &diag, &out.ir, 1);
		if (profile)
			fputs(profile, devnull);
	}
	check_capture(&cap);
	sg_arena_free(a);
}

/* The fixed policy's programs, compiled once (they stay reachable, so
 * they are no leak). */
static struct fixed {
	struct sg_arena *arena;
	struct sg_compiled out;
} fixed_x86_64, fixed_arm;

static void compile_fixed(struct fixed *fx, const struct sg_arch *arch)
{
	fx->arena = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, fx->arena);
	struct sg_options opts = { .arch = arch };
	if (sg_compile_file(fx->arena, &diag, fixed_path, "fixed", &opts, &fx->out) != 0)
		abort();
}

/* The input as a test file for the fixed policy. */
static void run_as_test_file(struct fixed *fx)
{
	struct sg_arena *a = sg_arena_new();
	struct capture cap = { NULL, 0, NULL };
	cap.f = open_memstream(&cap.text, &cap.len);
	struct sg_diag diag;
	sg_diag_init(&diag, cap.f, a);
	struct sg_test_result res;
	sg_run_test_file(a, &diag, policy_path, &fx->out.prog, 0, &res);
	check_capture(&cap);
	sg_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Inputs of about 1 MB reach the limits of issue 17 (make
	 * fuzz-long); bigger ones only slow the search, and the 16 MiB file
	 * limit has its own test. */
	if (size > 1100000)
		return 0;
	write_input(policy_path, data, size);
	/* Each input is compiled for one arch, chosen by a hash of its
	 * bytes, and run as a test file against one fixed program: five
	 * compilations of every input made the campaign five times slower,
	 * and the arch-specific paths are still reached, by other inputs
	 * (issue 17's campaign counts executions). */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	size_t narches = 0;
	while (sg_arches[narches])
		narches++;
	compile_for(sg_arches[h % narches]);
	if (!fixed_x86_64.arena) {
		compile_fixed(&fixed_x86_64, sg_arch_find("x86_64"));
		compile_fixed(&fixed_arm, sg_arch_find("arm"));
	}
	run_as_test_file((h >> 16) & 1 ? &fixed_arm : &fixed_x86_64);
	return 0;
}
