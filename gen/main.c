/* seccomp-gen: the command line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "gen/compile.h"
#include "gen/emit.h"
#include "gen/output.h"
#include "gen/testfile.h"
#include "grammar/arena.h"
#include "grammar/source.h"

enum format { FORMAT_C, FORMAT_HEADER, FORMAT_RAW, FORMAT_DUMP };

struct cli {
	struct sg_options opts;
	const char *output, *name, *test;
	enum format format;
	struct sg_include_map maps[16];
};

enum { OPT_DEFAULT_ACTION = 256, OPT_KILL_PROCESS, OPT_DENYLIST, OPT_INCLUDE_MAP, OPT_TEST };

static void usage(FILE *out)
{
	const struct sg_arch *host = sg_arch_host();
	fprintf(out,
		"Usage: seccomp-gen [OPTIONS] POLICY...\n"
		"Compiles minijail-dialect seccomp policies into BPF programs for C.\n"
		"\n"
		"  -a, --arch ARCH           target: x86_64, i386, aarch64, arm, riscv64\n"
		"                            (default: %s)\n"
		"  -o, --output FILE         write here (default: standard output)\n"
		"  -f, --format FORMAT       c (default), header, raw or dump\n"
		"  -n, --name IDENT          symbol prefix (default: from the file name,\n"
		"                            net_device.policy -> net_device); with several\n"
		"                            policies, the table's prefix (default: seccomp_gen)\n"
		"      --default-action ACTION  the action for syscalls the policy does not\n"
		"                            name; overrides @default\n"
		"      --use-kill-process    'kill' means kill-process (default: kill-thread)\n"
		"      --denylist            compile a @denylist policy\n"
		"      --include-map OLD=NEW  read @include paths starting with OLD from NEW\n"
		"      --test FILE           check the program against FILE's expectations\n"
		"                            (lines 'read(0) -> allow') instead of writing it\n"
		"  -V, --version             print the version\n"
		"  -h, --help                print this help\n"
		"\n"
		"Exit status: 0 on success, 1 on errors in a policy or failed expectations,\n"
		"2 on a usage error.\n",
		host ? host->name : "none, give --arch");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "seccomp-gen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'seccomp-gen --help'.\n");
	return 2;
}

static int parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "name", required_argument, NULL, 'n' },
		{ "default-action", required_argument, NULL, OPT_DEFAULT_ACTION },
		{ "use-kill-process", no_argument, NULL, OPT_KILL_PROCESS },
		{ "denylist", no_argument, NULL, OPT_DENYLIST },
		{ "include-map", required_argument, NULL, OPT_INCLUDE_MAP },
		{ "test", required_argument, NULL, OPT_TEST },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "c", "header", "raw", "dump" };
	char list[128];
	int opt;
	c->opts.arch = sg_arch_host();
	while ((opt = getopt_long(argc, argv, "a:o:f:n:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			c->opts.arch = sg_arch_find(optarg);
			if (!c->opts.arch) {
				sg_arch_list(list, sizeof(list));
				fprintf(stderr, "seccomp-gen: unknown arch '%s'; supported: %s\n", optarg, list);
				return 2;
			}
			break;
		case 'o': c->output = optarg; break;
		case 'f': {
			size_t i = 0;
			while (i < 4 && strcmp(optarg, formats[i]) != 0)
				i++;
			if (i == 4)
				return usage_error("unknown format '%s'; expected c, header, raw or dump", optarg);
			c->format = (enum format)i;
			break;
		}
		case 'n':
			if (!sg_is_identifier(optarg))
				return usage_error("--name '%s' is not a C identifier", optarg);
			c->name = optarg;
			break;
		case OPT_DEFAULT_ACTION: c->opts.default_action = optarg; break;
		case OPT_KILL_PROCESS: c->opts.use_kill_process = 1; break;
		case OPT_DENYLIST: c->opts.denylist = 1; break;
		case OPT_INCLUDE_MAP: {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1])
				return usage_error("--include-map takes OLD=NEW, not '%s'", optarg);
			if (c->opts.nmaps == sizeof(c->maps) / sizeof(c->maps[0]))
				return usage_error("too many --include-map options%s", "");
			*eq = '\0';
			c->maps[c->opts.nmaps++] = (struct sg_include_map){ optarg, eq + 1 };
			break;
		}
		case OPT_TEST: c->test = optarg; break;
		case 'V': printf("seccomp-gen %s\n", PACKAGE_VERSION); exit(0);
		case 'h': usage(stdout); exit(0);
		default: fprintf(stderr, "Try 'seccomp-gen --help'.\n"); return 2;
		}
	}
	c->opts.maps = c->maps;
	if (optind == argc)
		return usage_error("no policy given%s", "");
	if (!c->opts.arch)
		return usage_error("this machine's arch is not a target; give --arch%s", "");
	return 0;
}

static int write_output(const struct cli *c, struct sg_arena *a, struct sg_program **progs, size_t n)
{
	const char *table = c->name && n > 1 ? c->name : "seccomp_gen";
	if (c->format == FORMAT_RAW && n != 1) {
		fprintf(stderr, "seccomp-gen: error: the raw format holds one program; give one policy\n");
		return 1;
	}
	struct sg_output out;
	if (sg_output_open(&out, c->output, c->format == FORMAT_RAW))
		return 1;
	switch (c->format) {
	case FORMAT_C: sg_write_c(out.fp, a, progs, n, table); break;
	case FORMAT_HEADER: sg_write_header(out.fp, a, progs, n, table); break;
	case FORMAT_RAW: sg_write_raw(out.fp, progs[0]); break;
	case FORMAT_DUMP: sg_write_dump(out.fp, a, progs, n); break;
	}
	return sg_output_commit(&out) ? 1 : 0;
}

static int run_test(const struct cli *c, struct sg_arena *a, struct sg_diag *diag, struct sg_program *prog)
{
	struct sg_test_result res;
	if (sg_run_test_file(a, diag, c->test, prog, c->opts.use_kill_process, &res))
		return 1;
	fprintf(stderr, "%s: %u passed, %u failed (%s)\n", c->test, res.passed, res.failed, prog->arch->name);
	return res.failed || diag->errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof(c));
	int rc = parse_args(&c, argc, argv);
	if (rc)
		return rc;
	size_t n = (size_t)(argc - optind);
	struct sg_arena *arena = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, arena);
	struct sg_program **progs = sg_alloc_array(arena, n, sizeof(*progs));
	for (size_t i = 0; i < n; i++) {
		const char *path = argv[optind + (int)i];
		const char *name = c.name && n == 1 ? c.name : sg_default_name(arena, path);
		for (size_t j = 0; j < i; j++)
			if (progs[j] && strcmp(progs[j]->name, name) == 0)
				sg_error(&diag, NULL, "two policies are named '%s' (%s and %s)", name,
					 progs[j]->policy_path, path);
		struct sg_compiled *out = sg_alloc(arena, sizeof(*out));
		if (sg_compile_file(arena, &diag, path, name, &c.opts, out) == 0)
			progs[i] = &out->prog;
	}
	if (diag.errors)
		rc = 1;
	else if (c.test)
		rc = n == 1 ? run_test(&c, arena, &diag, progs[0])
			    : (fprintf(stderr, "seccomp-gen: error: --test takes one policy\n"), 1);
	else
		rc = write_output(&c, arena, progs, n);
	sg_arena_free(arena);
	return rc;
}
