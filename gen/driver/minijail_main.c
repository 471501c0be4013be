/* compile_seccomp_policy: seccomp-gen under the name and command line of
 * minijail's build-time compiler (tools/compile_seccomp_policy.py), so
 * that builds which call that program (crosvm's jail/build.rs, ChromeOS
 * packages) use seccomp-gen unchanged:
 *
 *   compile_seccomp_policy [--arch-json FILE] [--default-action ACTION]
 *       [--denylist] [--use-kill-process] [--use-ret-log]
 *       [--include-depth-limit N] [--optimization-strategy linear|bst]
 *       [--output-header-file] POLICY OUTPUT
 *
 * The target is the arch the --arch-json file describes (constants.json
 * in the current directory by default, as minijail).  The program is the
 * one `seccomp-gen -f raw` writes for the same policy and options. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "arch/arch_json.h"
#include "gen/driver/cli.h"
#include "gen/driver/compile.h"
#include "gen/driver/inputs.h"
#include "gen/write/emit.h"
#include "gen/write/output.h"
#include "support/arena.h"
#include "support/source.h"

#define PROG "compile_seccomp_policy"

struct mj_cli {
	struct sg_options opts;
	const char *arch_json;
	const char *policy, *output;
	int header;
};

enum { OPT_STRATEGY = 256, OPT_DEPTH, OPT_ARCH_JSON, OPT_DENYLIST, OPT_DEFAULT_ACTION, OPT_KILL_PROCESS,
       OPT_RET_LOG, OPT_HEADER, OPT_VERSION };

static void usage(FILE *out)
{
	fputs("Usage: " PROG " [OPTIONS] POLICY OUTPUT\n"
	      "Compiles a minijail seccomp policy into a BPF program: seccomp-gen with the\n"
	      "command line of minijail's compile_seccomp_policy.\n"
	      "\n"
	      "  --arch-json FILE          the target's constants.json (default: constants.json)\n"
	      "  --default-action ACTION   the action for syscalls the policy does not name;\n"
	      "                            overrides @default; 'kill' is kill-process\n"
	      "  --denylist                compile a @denylist policy\n"
	      "  --use-kill-process        'kill' means kill-process (default: kill-thread)\n"
	      "  --use-ret-log             log (SECCOMP_RET_LOG) instead of killing or\n"
	      "                            returning an errno; also MINIJAIL_DEFAULT_RET_LOG\n"
	      "  --include-depth-limit N   files open at once through @include (default: 10)\n"
	      "  --optimization-strategy linear|bst\n"
	      "                            accepted; seccomp-gen's own layout is used\n"
	      "  --output-header-file      write OUTPUT.h, a C header with\n"
	      "                            OUTPUT_binary_seccomp_policy[] and\n"
	      "                            OUTPUT_seccomp_bpf_program, instead of OUTPUT\n"
	      "  --version, -h, --help\n"
	      "\n"
	      "Exit status: 0 on success, 1 on errors in a policy, 2 on a usage error.\n",
	      out);
}

static int usage_error(const char *what, const char *arg)
{
	return sg_usage_error(PROG, "error: ", what, arg);
}

static int parse_args(struct mj_cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "optimization-strategy", required_argument, NULL, OPT_STRATEGY },
		{ "include-depth-limit", required_argument, NULL, OPT_DEPTH },
		{ "arch-json", required_argument, NULL, OPT_ARCH_JSON },
		{ "denylist", no_argument, NULL, OPT_DENYLIST },
		{ "default-action", required_argument, NULL, OPT_DEFAULT_ACTION },
		{ "use-kill-process", no_argument, NULL, OPT_KILL_PROCESS },
		{ "use-ret-log", no_argument, NULL, OPT_RET_LOG },
		{ "output-header-file", no_argument, NULL, OPT_HEADER },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	c->arch_json = "constants.json";
	c->opts.max_depth = 10; /* minijail's default */
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_STRATEGY:
			/* minijail's two dispatch shapes; seccomp-gen's search tree
			 * is never longer than either (README, "What the program
			 * checks"), and decides the same. */
			if (strcmp(optarg, "linear") != 0 && strcmp(optarg, "bst") != 0)
				return usage_error("--optimization-strategy is linear or bst, not '%s'", optarg);
			break;
		case OPT_DEPTH: {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (*optarg < '1' || *optarg > '9' || *end || n > 1000)
				return usage_error("--include-depth-limit takes a number from 1 to 1000, not '%s'", optarg);
			c->opts.max_depth = (unsigned)n;
			break;
		}
		case OPT_ARCH_JSON: c->arch_json = optarg; break;
		case OPT_DENYLIST: c->opts.denylist = 1; break;
		/* minijail reads --default-action with kill-process as its
		 * 'kill', whatever --use-kill-process says. */
		case OPT_DEFAULT_ACTION:
			c->opts.default_action = strcmp(optarg, "kill") == 0 ? "kill-process" : optarg;
			break;
		case OPT_KILL_PROCESS: c->opts.use_kill_process = 1; break;
		case OPT_RET_LOG: c->opts.ret_log = 1; break;
		case OPT_HEADER: c->header = 1; break;
		case OPT_VERSION: printf(PROG " (seccomp-gen) %s\n", PACKAGE_VERSION); exit(0);
		case 'h': usage(stdout); exit(0);
		default: fprintf(stderr, "Try '" PROG " --help'.\n"); return 2;
		}
	}
	if (argc - optind != 2)
		return usage_error(argc - optind < 2 ? "%s needs POLICY and OUTPUT" : "%s takes only POLICY and OUTPUT",
				   PROG);
	c->policy = argv[optind];
	c->output = argv[optind + 1];
	/* Present at all, even empty: as minijail reads it. */
	if (getenv("MINIJAIL_DEFAULT_RET_LOG")) {
		fprintf(stderr, PROG ": warning: MINIJAIL_DEFAULT_RET_LOG is set: the policy only logs, it stops nothing\n");
		c->opts.ret_log = 1;
	}
	return 0;
}

/* The header's symbol prefix: OUTPUT, as minijail names it, without its
 * directory (minijail would put the directory in the C names).  NULL if
 * that is not a C identifier. */
static const char *header_name(const char *output)
{
	const char *base = strrchr(output, '/');
	base = base ? base + 1 : output;
	return sg_is_identifier(base) ? base : NULL;
}

static int write_output(const struct mj_cli *c, struct sg_arena *a, const struct sg_program *prog)
{
	struct sg_output out;
	if (!c->header) {
		if (sg_output_open(&out, c->output, 1))
			return 1;
		sg_write_raw(out.fp, prog);
		return sg_output_commit(&out) ? 1 : 0;
	}
	const char *name = header_name(c->output);
	if (sg_output_open(&out, sg_printf(a, "%s.h", c->output), 0))
		return 1;
	sg_write_minijail_header(out.fp, prog, name);
	return sg_output_commit(&out) ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct mj_cli c;
	memset(&c, 0, sizeof(c));
	int rc = parse_args(&c, argc, argv);
	if (rc)
		return rc;
	if (c.header && !header_name(c.output))
		return usage_error("with --output-header-file, OUTPUT names the C symbols, so its last part must be a C identifier, not '%s'",
				   c.output);
	struct stat st;
	if (stat(c.arch_json, &st) != 0)
		return usage_error("cannot find the target's constants.json '%s'; give it with --arch-json FILE", c.arch_json);
	struct sg_arena *arena = sg_arena_new();
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, arena);
	c.opts.arch = sg_arch_load_json(arena, &diag, c.arch_json);
	struct sg_unit *units = NULL;
	size_t nunits = 0, cap = 0;
	struct sg_compiled out;
	rc = 1;
	if (c.opts.arch && sg_load_units(arena, &diag, c.policy, SG_INPUT_POLICY, NULL, &c.opts, &units, &nunits, &cap) == 0 &&
	    sg_compile_unit(arena, &diag, &units[0], units[0].name, &c.opts, &out) == 0 && !diag.errors)
		rc = write_output(&c, arena, &out.prog);
	sg_arena_free(arena);
	return rc;
}
