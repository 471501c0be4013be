/* seccomp-gen: the command line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "arch/arch_json.h"
#include "gen/backend/multiarch.h"
#include "gen/check/testfile.h"
#include "gen/driver/cli.h"
#include "gen/driver/compile.h"
#include "gen/driver/inputs.h"
#include "gen/ir/oci_lower.h"
#include "gen/lint/lint.h"
#include "gen/write/depfile.h"
#include "gen/write/emit.h"
#include "gen/write/output.h"
#include "support/arena.h"
#include "support/source.h"

enum format { FORMAT_C, FORMAT_HEADER, FORMAT_RAW, FORMAT_DUMP, FORMAT_FIRECRACKER, FORMAT_FIRECRACKER_BINCODE,
	      FORMAT_OCI };

struct cli {
	struct sg_options opts;
	const char *output, *name, *test;
	const char *table; /* --table IDENT */
	int werror; /* -Werror */
	enum format format;
	struct sg_include_map maps[16];
	struct sg_depfile dep;
	/* More inputs and targets (gen/driver/inputs.h). */
	enum sg_input_format input_format;
	const char *category;
	int arch_given;
	const struct sg_arch *arches[8]; /* --arch A,B,... */
	const char *arch_json[8];        /* --arch-json FILE, repeatable */
	size_t narch_json;
};

enum { OPT_DEFAULT_ACTION = 256, OPT_KILL_PROCESS, OPT_DENYLIST, OPT_INCLUDE_MAP, OPT_TEST, OPT_NO_VALIDATE,
       OPT_ARCH_JSON, OPT_INPUT_FORMAT, OPT_CATEGORY, OPT_RET_LOG, OPT_TABLE,
       OPT_CAPS, OPT_KERNEL };

static void usage(FILE *out)
{
	const struct sg_arch *host = sg_arch_host();
	fprintf(out,
		"Usage: seccomp-gen [OPTIONS] POLICY...\n"
		"Compiles minijail-dialect seccomp policies into BPF programs for C.\n"
		"\n"
		"  -a, --arch ARCH[,ARCH...] target: x86_64, i386, aarch64, arm, riscv64\n"
		"                            (default: %s); several: one program that\n"
		"                            checks the arch first, then applies the policy\n"
		"                            compiled for it\n"
		"      --arch-json FILE      target: the arch minijail's constants.json\n"
		"                            describes, with its syscalls and constants;\n"
		"                            several: one program for all\n"
		"      --input-format FORMAT policy, json (seccompiler's JSON filters) or oci\n"
		"                            (a container profile: Docker's seccomp JSON);\n"
		"                            default: by the content of .json files and of\n"
		"                            files that start with '{'\n"
		"      --caps LIST           container profiles: the container's capabilities,\n"
		"                            CAP_A,CAP_B; +CAP_A,-CAP_B change Docker's default\n"
		"                            set (the default); all; or '' for none\n"
		"      --kernel X.Y          container profiles: the kernel minKernel is\n"
		"                            compared with (default: one new enough for all)\n"
		"      --category NAME       from JSON filters, only the thread category NAME\n"
		"  -o, --output FILE         write here (default: standard output)\n"
		"  -f, --format FORMAT       c (default), header, raw or dump; firecracker\n"
		"                            (bitcode) or firecracker-bincode (up to\n"
		"                            v1.14): a --seccomp-filter file of the\n"
		"                            programs vmm, api and vcpu; oci: a Docker/OCI\n"
		"                            seccomp profile (JSON) that means the same\n"
		"                            under libseccomp, as crun and runc load it\n"
		"  -n, --name IDENT          symbol prefix (default: from the file name,\n"
		"                            net_device.policy -> net_device); with several\n"
		"                            policies, the table's prefix (default: seccomp_gen)\n"
		"      --table IDENT         write the name-to-program table IDENT_filters[],\n"
		"                            also for one policy\n"
		"      --default-action ACTION  the action for syscalls the policy does not\n"
		"                            name; overrides @default\n"
		"      --use-kill-process    'kill' means kill-process (default: kill-thread)\n"
		"      --denylist            compile a @denylist policy\n"
		"      --use-ret-log         log (SECCOMP_RET_LOG) where the policy would\n"
		"                            kill or return an errno, as minijail's option\n"
		"      --include-map OLD=NEW  read @include paths starting with OLD from NEW\n"
		"      --test FILE           check the program against FILE's expectations\n"
		"                            (lines 'read(0) -> allow') instead of writing it\n"
		"      --no-validate         do not check the program against the policy in\n"
		"                            the interpreter (translation validation)\n"
		"  -WNAME, -Wno-NAME         enable or disable a warning: zero-mask,\n"
		"                            constant-comparison, unreachable-filter,\n"
		"                            arch-syscall (on by default),\n"
		"                            return-after-condition and dangerous-syscall\n"
		"                            (off by default)\n"
		"  -Werror                   make warnings errors\n"
		"  -MD                       also write a dependency file for make: OUTPUT\n"
		"                            with its suffix replaced by .d, listing every\n"
		"                            policy and @frequency file read\n"
		"  -MF FILE                  write the dependency file to FILE\n"
		"  -MT TARGET                the rule's target (default: OUTPUT); repeatable\n"
		"  -MQ TARGET                -MT, escaping characters special to make\n"
		"  -MP                       add an empty rule for each included file, so\n"
		"                            that deleting one does not break make\n"
		"  -V, --version             print the version\n"
		"  -h, --help                print this help\n"
		"\n"
		"Exit status: 0 on success, 1 on errors in a policy or failed expectations,\n"
		"2 on a usage error.\n",
		host ? host->name : "none, give --arch");
}

static int usage_error(const char *fmt, const char *arg)
{
	return sg_usage_error("seccomp-gen", "", fmt, arg);
}

/* gcc's -MD, -MP, -MF FILE, -MT TARGET and -MQ TARGET reach getopt as -M
 * with an argument: "D", "P", or "F" with the file attached ("-MFdeps.d")
 * or in the next word. */
static int dep_option(struct sg_depfile *d, int argc, char **argv)
{
	const char *opt = optarg;
	/* "-M D": getopt took the next word, which gcc would not. */
	if (optarg != argv[optind - 1] + 2)
		return usage_error("unknown option '-M'; expected -MD, -MF, -MT, -MQ or -MP%s", "");
	if (strcmp(opt, "D") == 0) {
		d->enabled = 1;
		return 0;
	}
	if (strcmp(opt, "P") == 0) {
		d->phony = 1;
		return 0;
	}
	if (!strchr("FTQ", opt[0]) || !opt[0])
		return usage_error("unknown option '-M%s'; expected -MD, -MF, -MT, -MQ or -MP", opt);
	const char *value = opt + 1;
	if (!*value) {
		if (optind == argc)
			return usage_error("-M%s needs an argument", opt);
		value = argv[optind++];
	}
	if (opt[0] == 'F') {
		d->path = value;
	} else if (d->ntargets == SG_DEPFILE_MAX_TARGETS) {
		return usage_error("too many -MT and -MQ options%s", "");
	} else {
		d->targets[d->ntargets].name = value;
		d->targets[d->ntargets++].quote = opt[0] == 'Q';
	}
	return 0;
}

static int check_dep_options(const struct cli *c)
{
	const struct sg_depfile *d = &c->dep;
	int to_file = c->output && strcmp(c->output, "-") != 0;
	if (!d->enabled) {
		if (d->phony || d->path || d->ntargets)
			return usage_error("-MP, -MF, -MT and -MQ need -MD%s", "");
		return 0;
	}
	if (!d->path && !to_file)
		return usage_error("-MD needs -o FILE or -MF FILE to name the dependency file%s", "");
	if (!d->ntargets && !to_file)
		return usage_error("-MD needs -o FILE, -MT or -MQ to name the rule's target%s", "");
	return 0;
}

/* "x86_64,i386": the targets of one multi-arch program, in the order
 * its dispatch tests them. */
static int parse_arches(struct cli *c, const char *arg)
{
	size_t n;
	if (sg_parse_arch_list("seccomp-gen", arg, c->arches, sizeof(c->arches) / sizeof(c->arches[0]), &n))
		return -1;
	c->arch_given = 1;
	c->opts.arch = c->arches[0];
	c->opts.arches = n > 1 ? c->arches : NULL;
	c->opts.narches = n > 1 ? n : 0;
	return 0;
}

/* --arch-json: the targets come from the files, read once the run has an
 * arena for them.  Their paths are inputs for the dependency file. */
static int load_arch_json(struct cli *c, struct sg_arena *a, struct sg_diag *diag)
{
	const struct sg_arch **arches = sg_alloc_array(a, c->narch_json, sizeof(*arches));
	for (size_t i = 0; i < c->narch_json; i++) {
		arches[i] = sg_arch_load_json(a, diag, c->arch_json[i]);
		if (!arches[i])
			return -1;
	}
	c->opts.arch = arches[0];
	c->opts.arches = c->narch_json > 1 ? arches : NULL;
	c->opts.narches = c->narch_json > 1 ? c->narch_json : 0;
	return 0;
}

/* -Werror, -Wno-error, -WNAME and -Wno-NAME (gen/lint/lint.h). */
static int warning_option(struct cli *c, const char *arg)
{
	int no = strncmp(arg, "no-", 3) == 0;
	const char *name = no ? arg + 3 : arg;
	if (strcmp(name, "error") == 0) {
		c->werror = !no;
		return 0;
	}
	int lint = sg_lint_find(name);
	if (lint < 0) {
		fprintf(stderr, "seccomp-gen: unknown warning '-W%s'; expected -Werror, or -W or -Wno- with "
			"zero-mask, constant-comparison, unreachable-filter, arch-syscall, return-after-condition or "
			"dangerous-syscall\n", arg);
		return 2;
	}
	if (no) {
		c->opts.warn_off |= 1u << lint;
		c->opts.warn_on &= ~(1u << lint);
	} else {
		c->opts.warn_on |= 1u << lint;
		c->opts.warn_off &= ~(1u << lint);
	}
	return 0;
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
		{ "no-validate", no_argument, NULL, OPT_NO_VALIDATE },
		{ "arch-json", required_argument, NULL, OPT_ARCH_JSON },
		{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "use-ret-log", no_argument, NULL, OPT_RET_LOG },
		{ "table", required_argument, NULL, OPT_TABLE },
		{ "caps", required_argument, NULL, OPT_CAPS },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "c", "header", "raw", "dump", "firecracker", "firecracker-bincode",
					       "oci" };
	int opt;
	c->opts.arch = sg_arch_host();
	while ((opt = getopt_long(argc, argv, "a:o:f:n:VhM:W:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (parse_arches(c, optarg))
				return 2;
			break;
		case OPT_ARCH_JSON:
			if (c->narch_json == sizeof(c->arch_json) / sizeof(c->arch_json[0]))
				return usage_error("too many --arch-json options%s", "");
			c->arch_json[c->narch_json++] = optarg;
			break;
		case OPT_INPUT_FORMAT:
			if (sg_input_format_parse(optarg, &c->input_format))
				return usage_error("unknown input format '%s'; expected policy, json or oci", optarg);
			break;
		case OPT_CAPS: {
			const char *bad = NULL;
			if (sg_oci_parse_caps(optarg, &c->opts.oci_caps, &bad))
				return usage_error("--caps: unknown capability '%s'; expected CAP_A,CAP_B, +CAP_A,-CAP_B, all or ''",
						   bad);
			c->opts.oci_caps_set = 1;
			break;
		}
		case OPT_KERNEL:
			if (sg_oci_parse_kernel(optarg, &c->opts.oci_kernel_major, &c->opts.oci_kernel_minor))
				return usage_error("--kernel takes a version such as 4.8, not '%s'", optarg);
			c->opts.oci_has_kernel = 1;
			break;
		case OPT_CATEGORY: c->category = optarg; break;
		case 'o': c->output = optarg; break;
		case 'f': {
			size_t i = 0;
			while (i < 7 && strcmp(optarg, formats[i]) != 0)
				i++;
			if (i == 7)
				return usage_error("unknown format '%s'; expected c, header, raw, dump, firecracker, "
						   "firecracker-bincode or oci", optarg);
			c->format = (enum format)i;
			break;
		}
		case 'n':
			if (!sg_is_identifier(optarg))
				return usage_error("--name '%s' is not a C identifier", optarg);
			c->name = optarg;
			break;
		case OPT_TABLE:
			if (!sg_is_identifier(optarg))
				return usage_error("--table '%s' is not a C identifier", optarg);
			c->table = optarg;
			break;
		case OPT_DEFAULT_ACTION: c->opts.default_action = optarg; break;
		case OPT_KILL_PROCESS: c->opts.use_kill_process = 1; break;
		case OPT_DENYLIST: c->opts.denylist = 1; break;
		case OPT_RET_LOG: c->opts.ret_log = 1; break;
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
		case OPT_NO_VALIDATE: c->opts.no_validate = 1; break;
		case 'W':
			if (warning_option(c, optarg))
				return 2;
			break;
		case 'M':
			if (dep_option(&c->dep, argc, argv))
				return 2;
			break;
		case 'V': printf("seccomp-gen %s\n", PACKAGE_VERSION); exit(0);
		case 'h': usage(stdout); exit(0);
		default: fprintf(stderr, "Try 'seccomp-gen --help'.\n"); return 2;
		}
	}
	c->opts.maps = c->maps;
	if (optind == argc)
		return usage_error("no policy given%s", "");
	if (c->arch_given && c->narch_json)
		return usage_error("give the targets with --arch or with --arch-json, not both%s", "");
	if (!c->opts.arch && !c->narch_json)
		return usage_error("this machine's arch is not a target; give --arch%s", "");
	return check_dep_options(c);
}

/* -f oci: the profile is made, and its errors reported, before any file
 * is written (the dependency file included).  NULL after an error. */
static const char *make_oci(struct sg_arena *a, struct sg_diag *diag, struct sg_compiled **compiled, size_t n)
{
	if (n != 1) {
		fprintf(stderr, "seccomp-gen: error: a profile holds one policy; give one (with JSON filters, give --category)\n");
		return NULL;
	}
	struct sg_ir_program **irs = compiled[0]->nirs ? compiled[0]->irs : &compiled[0]->ir;
	return sg_oci_profile(a, diag, irs, compiled[0]->nirs ? compiled[0]->nirs : 1);
}

static int write_text(const struct cli *c, const char *text)
{
	struct sg_output out;
	if (sg_output_open(&out, c->output, 0))
		return 1;
	fputs(text, out.fp);
	return sg_output_commit(&out) ? 1 : 0;
}

static int write_output(const struct cli *c, struct sg_arena *a, struct sg_program **progs, size_t n)
{
	const char *table = c->table ? c->table : n < 2 ? NULL : c->name ? c->name : "seccomp_gen";
	if (c->format == FORMAT_RAW && n != 1) {
		fprintf(stderr, "seccomp-gen: error: the raw format holds one program; give one policy\n");
		return 1;
	}
	struct sg_output out;
	if (sg_output_open(&out, c->output, c->format >= FORMAT_RAW))
		return 1;
	switch (c->format) {
	case FORMAT_C: sg_write_c(out.fp, a, progs, n, table); break;
	case FORMAT_HEADER: sg_write_header(out.fp, a, progs, n, table); break;
	case FORMAT_RAW: sg_write_raw(out.fp, progs[0]); break;
	case FORMAT_DUMP: sg_write_dump(out.fp, a, progs, n); break;
	case FORMAT_OCI: break; /* make_oci() and write_text() */
	case FORMAT_FIRECRACKER:
	case FORMAT_FIRECRACKER_BINCODE:
		if (sg_write_firecracker(out.fp, progs, n, c->format == FORMAT_FIRECRACKER_BINCODE)) {
			sg_output_abort(&out);
			return 1;
		}
		break;
	}
	return sg_output_commit(&out) ? 1 : 0;
}

/* Every file the run read goes in; the output (or -MT) is the target. */
static int write_depfile(struct cli *c, struct sg_arena *a, const char **deps, size_t ndeps,
			 const char *const *mains, size_t nmains)
{
	struct sg_depfile *d = &c->dep;
	if (!d->path)
		d->path = sg_depfile_default_path(a, c->output);
	if (c->output && strcmp(d->path, c->output) == 0) {
		fprintf(stderr, "seccomp-gen: error: the dependency file '%s' would overwrite the output\n", d->path);
		return 1;
	}
	if (!d->ntargets) {
		d->targets[0].name = c->output;
		d->targets[0].quote = 1;
		d->ntargets = 1;
	}
	return sg_depfile_write(a, d, deps, ndeps, mains, nmains) ? 1 : 0;
}

static int run_test(const struct cli *c, struct sg_arena *a, struct sg_diag *diag, struct sg_program *prog,
		    int use_kill_process)
{
	struct sg_test_result res;
	if (sg_run_test_file(a, diag, c->test, prog, use_kill_process, &res))
		return 1;
	fprintf(stderr, "%s: %u passed, %u failed (%s)\n", c->test, res.passed, res.failed,
		sg_program_arch_names(a, prog));
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
	diag.werror = c.werror;
	const char **deps = NULL;
	size_t ndeps = 0, deps_cap = 0;
	if (c.narch_json && load_arch_json(&c, arena, &diag)) {
		sg_arena_free(arena);
		return 1;
	}
	for (size_t i = 0; i < c.narch_json; i++)
		SG_PUSH(arena, deps, ndeps, deps_cap) = c.arch_json[i];
	/* A JSON file yields a program per thread category. */
	struct sg_unit *units = NULL;
	size_t nunits = 0, units_cap = 0;
	for (size_t i = 0; i < n; i++)
		sg_load_units(arena, &diag, argv[optind + (int)i], c.input_format, c.category, &c.opts, &units,
			      &nunits, &units_cap);
	struct sg_program **progs = sg_alloc_array(arena, nunits, sizeof(*progs));
	struct sg_compiled **compiled = sg_alloc_array(arena, nunits, sizeof(*compiled));
	for (size_t i = 0; i < nunits; i++) {
		const struct sg_unit *u = &units[i];
		const char *name = c.name && nunits == 1 ? c.name : u->name;
		for (size_t j = 0; j < i; j++)
			if (progs[j] && strcmp(progs[j]->name, name) == 0)
				sg_error(&diag, NULL, "two policies are named '%s' (%s and %s)", name,
					 progs[j]->policy_path, u->path);
		struct sg_compiled *out = sg_alloc(arena, sizeof(*out));
		if (sg_compile_unit(arena, &diag, u, name, &c.opts, out) == 0)
			progs[i] = &out->prog;
		compiled[i] = out;
		for (size_t j = 0; j < out->ndeps; j++)
			SG_PUSH(arena, deps, ndeps, deps_cap) = out->deps[j];
	}
	if (c.test)
		SG_PUSH(arena, deps, ndeps, deps_cap) = c.test;
	if (diag.errors || nunits == 0)
		rc = 1;
	else if (c.test)
		rc = nunits == 1 ? run_test(&c, arena, &diag, progs[0], c.opts.use_kill_process || units[0].kill_process)
				 : (fprintf(stderr, "seccomp-gen: error: --test takes one policy (with JSON filters, give --category)\n"), 1);
	const char *profile = NULL;
	if (rc == 0 && !c.test && c.format == FORMAT_OCI && !(profile = make_oci(arena, &diag, compiled, nunits)))
		rc = 1;
	/* The dependency file is renamed into place before the output: if it
	 * failed after the output, make would trust an old list of inputs. */
	if (rc == 0 && c.dep.enabled)
		rc = write_depfile(&c, arena, deps, ndeps, (const char *const *)argv + optind, n);
	if (rc == 0 && !c.test)
		rc = profile ? write_text(&c, profile) : write_output(&c, arena, progs, nunits);
	sg_arena_free(arena);
	return rc;
}
