/* seccomp-gen-trace: the command line.  Runs a command under a recorder
 * (eBPF or ptrace, trace/record/), or reads strace and audit logs or
 * earlier outputs, and writes a policy that allows what the run did. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "config.h"
#include "gen/driver/cli.h"
#include "support/arena.h"
#include "trace/trace.h"

extern int tr_argfilters_off;

enum source_kind { SRC_STRACE, SRC_AUDIT, SRC_MERGE };

/* Which recorder runs the command (--recorder). */
enum recorder { REC_AUTO, REC_BPF, REC_PTRACE };

struct source {
	enum source_kind kind;
	const char *path;
};

struct cli {
	struct tr_write_options w;
	const struct sg_arch *arches[8];
	const char *bases[16];
	size_t nbases;
	struct source sources[32];
	size_t nsources;
	enum recorder recorder;
	int oci; /* --format oci */
};

enum { OPT_FREQUENCY = 256, OPT_BASE, OPT_MERGE, OPT_FROM_STRACE, OPT_FROM_AUDIT, OPT_NO_ARG_FILTERS,
       OPT_RECORDER, OPT_FORMAT };

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: seccomp-gen-trace [OPTIONS] [--] COMMAND [ARG...]\n"
		"       seccomp-gen-trace [OPTIONS] --from-strace LOG | --from-audit LOG | --merge POLICY...\n"
		"Runs COMMAND, recording its syscalls and those of its threads and children\n"
		"(in the kernel with eBPF, or under ptrace), and writes a seccomp-gen policy\n"
		"that allows exactly the syscalls the run made.\n"
		"COMMAND's standard streams and exit status pass through.\n"
		"\n"
		"  -o, --output FILE         write the policy here (default: standard output)\n"
		"  -a, --arch ARCH[,ARCH...] the arches to write (default: every arch the run's\n"
		"                            calls came through); for logs, the log's arch\n"
		"                            (default: this machine's)\n"
		"      --frequency FILE      also write @frequency weights (the call counts)\n"
		"                            to FILE, and name it in the policy\n"
		"      --base POLICY         leave out calls POLICY already allows (repeatable)\n"
		"      --merge POLICY        add the statements of an earlier output (repeatable)\n"
		"      --from-strace LOG     read `strace -f` output instead of running a command\n"
		"      --from-audit LOG      read the kernel's type=SECCOMP audit records\n"
		"      --no-arg-filters      write every syscall unconditionally\n"
		"      --format FORMAT       policy (default), or oci: the same policy as a\n"
		"                            Docker/OCI seccomp profile (seccomp-gen -f oci)\n"
		"      --recorder WHICH      bpf: count in the kernel (root, or CAP_BPF and\n"
		"                            CAP_PERFMON); ptrace: stop the command at each call;\n"
		"                            auto (default): bpf where it can load, else ptrace\n"
		"  -V, --version             print the version\n"
		"  -h, --help                print this help\n"
		"\n"
		"Exit status: COMMAND's (a command killed by a signal kills seccomp-gen-trace\n"
		"with the same signal); 1 if the policy cannot be written, 2 on a usage error,\n"
		"126 or 127 if COMMAND cannot be run.  Nothing is written on failure.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	return sg_usage_error("seccomp-gen-trace", "", fmt, arg);
}

static int parse_arches(struct cli *c, const char *arg)
{
	size_t max = sizeof(c->arches) / sizeof(c->arches[0]);
	int rc = sg_parse_arch_list("seccomp-gen-trace", arg, c->arches, max, &c->w.narches);
	c->w.arches = c->arches;
	return rc;
}

static int add_source(struct cli *c, enum source_kind kind, const char *path)
{
	if (c->nsources == sizeof(c->sources) / sizeof(c->sources[0]))
		return usage_error("too many logs and policies to read%s", "");
	c->sources[c->nsources++] = (struct source){ kind, path };
	return 0;
}

static int parse_recorder(struct cli *c, const char *arg)
{
	static const char *const names[] = { "auto", "bpf", "ptrace" };
	for (size_t i = 0; i < 3; i++)
		if (strcmp(arg, names[i]) == 0) {
			c->recorder = (enum recorder)i;
			return 0;
		}
	return usage_error("--recorder takes bpf, ptrace or auto, not '%s'", arg);
}

static int parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, 'a' },
		{ "frequency", required_argument, NULL, OPT_FREQUENCY },
		{ "base", required_argument, NULL, OPT_BASE },
		{ "merge", required_argument, NULL, OPT_MERGE },
		{ "from-strace", required_argument, NULL, OPT_FROM_STRACE },
		{ "from-audit", required_argument, NULL, OPT_FROM_AUDIT },
		{ "no-arg-filters", no_argument, NULL, OPT_NO_ARG_FILTERS },
		{ "recorder", required_argument, NULL, OPT_RECORDER },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;
	/* "+": options end at COMMAND, whose own options are its business. */
	while ((opt = getopt_long(argc, argv, "+o:a:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': c->w.output = optarg; break;
		case 'a':
			if ((rc = parse_arches(c, optarg)))
				return rc;
			break;
		case OPT_FREQUENCY: c->w.frequency = optarg; break;
		case OPT_BASE:
			if (c->nbases == sizeof(c->bases) / sizeof(c->bases[0]))
				return usage_error("too many --base options%s", "");
			c->bases[c->nbases++] = optarg;
			break;
		case OPT_MERGE:
			if ((rc = add_source(c, SRC_MERGE, optarg)))
				return rc;
			break;
		case OPT_FROM_STRACE:
			if ((rc = add_source(c, SRC_STRACE, optarg)))
				return rc;
			break;
		case OPT_FROM_AUDIT:
			if ((rc = add_source(c, SRC_AUDIT, optarg)))
				return rc;
			break;
		case OPT_NO_ARG_FILTERS: tr_argfilters_off = 1; break;
		case OPT_RECORDER:
			if ((rc = parse_recorder(c, optarg)))
				return rc;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "oci") != 0 && strcmp(optarg, "policy") != 0)
				return usage_error("--format takes policy or oci, not '%s'", optarg);
			c->oci = strcmp(optarg, "oci") == 0;
			break;
		case 'V':
			printf("seccomp-gen-trace %s\n", PACKAGE_VERSION);
			if (tr_bpf_missing)
				printf("recorders: ptrace (built without the eBPF recorder: %s)\n", tr_bpf_missing);
			else
				printf("recorders: bpf, ptrace\n");
			exit(0);
		case 'h': usage(stdout); exit(0);
		default: fprintf(stderr, "Try 'seccomp-gen-trace --help'.\n"); return 2;
		}
	}
	if (optind == argc && !c->nsources)
		return usage_error("no command given (and no --from-strace, --from-audit or --merge)%s", "");
	if (c->w.output && c->w.frequency && strcmp(c->w.output, c->w.frequency) == 0)
		return usage_error("--frequency and -o name the same file '%s'", c->w.output);
	if (c->w.frequency && strcmp(c->w.frequency, "-") == 0)
		return usage_error("--frequency needs a file name%s", "");
	if (c->w.frequency && c->oci)
		return usage_error("--frequency weighs seccomp-gen's programs; a profile has no weights%s", "");
	return 0;
}

/* The arch a log's calls are for: the first -a, else the host's. */
static const struct sg_arch *log_arch(const struct cli *c)
{
	return c->w.narches ? c->w.arches[0] : sg_arch_host();
}

static int read_sources(struct cli *c, struct sg_arena *a, struct tr_recorder *rec, const char **names,
			size_t *nnames)
{
	for (size_t i = 0; i < c->nsources; i++) {
		const struct source *s = &c->sources[i];
		int rc = 0;
		switch (s->kind) {
		case SRC_STRACE: rc = tr_from_strace(a, rec, s->path, log_arch(c)); break;
		case SRC_AUDIT: rc = tr_from_audit(a, rec, s->path); break;
		case SRC_MERGE: rc = tr_merge(a, rec, s->path, c->w.arches, c->w.narches); break;
		}
		if (rc)
			return rc;
		static const char *const what[] = { "the strace log", "the audit log", "the policy" };
		names[(*nnames)++] = sg_printf(a, "%s %s", what[s->kind], s->path);
	}
	return 0;
}

/* Runs the command under the recorder asked for; auto says which it
 * took and why, in one line. */
static int run_command(const struct cli *c, struct sg_arena *a, struct tr_recorder *rec, char **argv, int *status)
{
	struct tr_bpf *b = NULL;
	const char *why = NULL;
	if (c->recorder == REC_PTRACE)
		return tr_run(argv, rec, status);
	if (tr_bpf_open(a, rec, &b, &why) != 0) {
		if (c->recorder == REC_BPF) {
			fprintf(stderr, "seccomp-gen-trace: error: the eBPF recorder cannot run: %s\n", why);
			return 1;
		}
		fprintf(stderr, "seccomp-gen-trace: recorder: ptrace, as the eBPF recorder cannot run: %s\n", why);
		return tr_run(argv, rec, status);
	}
	if (c->recorder == REC_AUTO)
		fprintf(stderr, "seccomp-gen-trace: recorder: bpf, loaded and attached in %.0f ms\n", tr_bpf_load_ms(b));
	int rc = tr_bpf_run(b, argv, rec, status);
	tr_bpf_close(b);
	return rc;
}

/* Ends seccomp-gen-trace as the command ended: the same exit status, or
 * killed by the same signal (without a core file of the tracer's own);
 * 128 + the signal where that signal does not kill. */
static int pass_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (!WIFSIGNALED(status))
		return 1;
	int sig = WTERMSIG(status);
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	fflush(NULL);
	raise(sig);
	return 128 + sig;
}

static const char *command_text(struct sg_arena *a, char **argv)
{
	char *t = sg_strdup(a, "a run of '");
	for (size_t i = 0; argv[i]; i++)
		t = sg_printf(a, "%s%s%s", t, i ? " " : "", argv[i]);
	return sg_printf(a, "%s'", t);
}

int main(int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof(c));
	atexit(tr_names_release);
	int rc = parse_args(&c, argc, argv);
	if (rc)
		return rc;
	struct sg_arena *a = sg_arena_new();
	struct tr_recorder *rec = tr_recorder_new(a);
	for (size_t i = 0; i < c.nbases; i++) {
		struct tr_base *b = tr_base_load(a, c.bases[i]);
		if (!b) {
			sg_arena_free(a);
			return 1;
		}
		tr_recorder_add_base(rec, b);
	}
	const char *names[40];
	size_t nnames = 0;
	if (read_sources(&c, a, rec, names, &nnames)) {
		sg_arena_free(a);
		return 1;
	}
	int status = 0, have_status = 0;
	if (optind < argc) {
		rc = run_command(&c, a, rec, argv + optind, &status);
		if (rc) {
			sg_arena_free(a);
			return rc;
		}
		have_status = 1;
		names[nnames++] = command_text(a, argv + optind);
	}
	c.w.sources = names;
	c.w.nsources = nnames;
	rc = c.oci ? tr_write_profile(a, rec, &c.w) : tr_write_policy(a, rec, &c.w);
	sg_arena_free(a);
	if (rc)
		return 1;
	return have_status ? pass_status(status) : 0;
}
