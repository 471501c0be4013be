/* The eBPF recorder: the command runs at native speed while a program in
 * the kernel (trace/record/recorder.bpf.c, linked in as the skeleton
 * bpftool generated from it) counts its syscalls and those of its
 * threads and children.  This side loads and attaches the program, starts
 * the command, which registers itself before its execve, waits for it and every
 * descendant, and hands the counts to the recorder (trace/record/record.c)
 * as the ptrace runner hands it each call.
 *
 * Facts relied on:
 *  - tp_btf programs need root or CAP_BPF with CAP_PERFMON (Linux 5.8),
 *    and the kernel's BTF (/sys/kernel/btf/vmlinux), which libbpf reads to
 *    relocate the program's accesses (CO-RE) and to find the tracepoints.
 *  - libbpf mmaps the program's .bss: the counts are read in place.
 *  - The command runs with the caller's credentials: a tracer that is not
 *    root drops CAP_BPF and CAP_PERFMON (and their ambient and inheritable
 *    bits) in the child before the execve, and a set-user-ID tracer goes
 *    back to the real ids. */
#define _GNU_SOURCE /* pipe2 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/arena.h"
#include "trace/trace.h"

#include "trace/record/bpf-shared.h"
#include "trace/record/recorder.skel.h"

const char *const tr_bpf_missing = NULL;

#define AUDIT_ARCH_X86_64_VALUE 0xc000003eu
#define AUDIT_ARCH_I386_VALUE 0x40000003u

struct tr_bpf {
	struct tr_bpf_prog *skel;
	uint64_t cookie; /* the command's getpid(cookie) registers it */
	const struct sg_arch *arch[TR_BPF_NARCH];
	double load_ms;
};

/* libbpf's messages are kept, the last shown only when loading fails. */
static char libbpf_last[512];

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	char buf[sizeof(libbpf_last)];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	if (*buf)
		memcpy(libbpf_last, buf, sizeof(buf));
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Why the program cannot be loaded, for the message and for --recorder=auto. */
static const char *load_error(struct sg_arena *a, const char *step, int err)
{
	if (err == EPERM || err == EACCES)
		return sg_printf(a, "%s: %s (it needs root, or CAP_BPF and CAP_PERFMON)", step, strerror(err));
	return sg_printf(a, "%s: %s%s%s", step, strerror(err), *libbpf_last ? "; libbpf: " : "", libbpf_last);
}

/* What the program counts for each syscall number of each ABI: the
 * argument trace/record/argfilter.c filters, every argument where a
 * --base decides on others (so that the base sees the call whole, as it
 * does under ptrace), and the numbers of the calls that install a
 * seccomp filter. */
static void configure(struct tr_bpf *b, struct tr_recorder *rec)
{
	struct tr_bpf_prog__rodata *ro = b->skel->rodata;
	for (unsigned abi = 0; abi < TR_BPF_NARCH; abi++) {
		const struct sg_arch *arch = b->arch[abi];
		const struct sg_named_value *s = sg_arch_syscall(arch, "seccomp"), *p = sg_arch_syscall(arch, "prctl");
		ro->seccomp_nr[abi] = s ? (uint32_t)s->value : UINT32_MAX;
		ro->prctl_nr[abi] = p ? (uint32_t)p->value : UINT32_MAX;
		const struct sg_named_value *e = sg_arch_syscall(arch, "execve"), *ea = sg_arch_syscall(arch, "execveat");
		ro->execve_nr[abi] = e ? (uint32_t)e->value : UINT32_MAX;
		ro->execveat_nr[abi] = ea ? (uint32_t)ea->value : UINT32_MAX;
		if (abi == TR_BPF_NATIVE) {
			const struct sg_named_value *g = sg_arch_syscall(arch, "getpid");
			ro->getpid_nr = g ? (uint32_t)g->value : UINT32_MAX;
		}
		for (uint32_t nr = 0; nr < TR_BPF_NR_MAX; nr++) {
			const char *name = tr_syscall_name(arch, nr);
			const struct tr_argrule *r = name ? tr_argrule_find(name) : NULL;
			unsigned wanted = r ? 1u << r->arg : 0;
			if (tr_recorder_base_args(rec, arch, nr) & ~wanted)
				ro->argsel[abi][nr] = TR_BPF_FULL;
			else if (r)
				ro->argsel[abi][nr] = (uint8_t)(r->arg + 1);
		}
	}
}

int tr_bpf_open(struct sg_arena *a, struct tr_recorder *rec, struct tr_bpf **out, const char **why)
{
	*out = NULL;
	const struct sg_arch *host = sg_arch_host();
	if (!host || host->audit_arch != AUDIT_ARCH_X86_64_VALUE) {
		*why = "the eBPF recorder is built for x86_64 only";
		return -1;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		*why = sg_printf(a, "this kernel has no BTF (/sys/kernel/btf/vmlinux: %s)", strerror(errno));
		return -1;
	}
	double t0 = now_ms();
	libbpf_set_print(libbpf_quiet);
	struct tr_bpf *b = sg_alloc(a, sizeof(*b));
	b->arch[TR_BPF_NATIVE] = host;
	b->arch[TR_BPF_COMPAT] = tr_arch_by_audit(AUDIT_ARCH_I386_VALUE);
	b->skel = tr_bpf_prog__open();
	if (!b->skel) {
		*why = load_error(a, "opening the program", errno);
		return -1;
	}
	configure(b, rec);
	if (getrandom(&b->cookie, sizeof(b->cookie), 0) != (ssize_t)sizeof(b->cookie) || !b->cookie) {
		*why = sg_printf(a, "getrandom: %s", strerror(errno));
		tr_bpf_prog__destroy(b->skel);
		return -1;
	}
	b->skel->rodata->cookie = b->cookie;
	/* Tests fill the tables with fewer entries (PROCS,VALUES). */
	const char *small = getenv("SG_TRACE_BPF_TABLES");
	unsigned procs, values;
	if (small && sscanf(small, "%u,%u", &procs, &values) == 2 && procs && values) {
		bpf_map__set_max_entries(b->skel->maps.traced, procs);
		bpf_map__set_max_entries(b->skel->maps.values, values);
	}
	int err = tr_bpf_prog__load(b->skel);
	if (!err)
		err = tr_bpf_prog__attach(b->skel);
	if (err) {
		*why = load_error(a, "loading the program", -err);
		tr_bpf_prog__destroy(b->skel);
		return -1;
	}
	b->load_ms = now_ms() - t0;
	*out = b;
	return 0;
}

void tr_bpf_close(struct tr_bpf *b)
{
	if (b)
		tr_bpf_prog__destroy(b->skel);
}

double tr_bpf_load_ms(const struct tr_bpf *b)
{
	return b->load_ms;
}

/* The caller's credentials for the command: the real ids, and no
 * CAP_BPF or CAP_PERFMON unless the caller is root. */
static int drop_privileges(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (getegid() != gid && setresgid(gid, gid, gid) != 0)
		return -1;
	if (geteuid() != uid && setresuid(uid, uid, uid) != 0)
		return -1;
	if (uid == 0)
		return 0;
	static const int caps[] = { CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN };
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, caps[i], 0, 0);
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	if (syscall(SYS_capget, &h, d) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		uint32_t bit = 1u << (caps[i] % 32);
		d[caps[i] / 32].effective &= ~bit;
		d[caps[i] / 32].permitted &= ~bit;
		d[caps[i] / 32].inheritable &= ~bit;
	}
	return syscall(SYS_capset, &h, d) == 0 ? 0 : -1;
}

static volatile sig_atomic_t main_pid;

static void forward(int sig)
{
	if (main_pid > 0)
		kill((pid_t)main_pid, sig);
}

/* The child: registers itself with the program (getpid with the
 * cookie, which the program sees with its pid in the kernel's pid
 * namespace, whatever namespace the tracer runs in), then runs the
 * command.  An exec failure goes back through errfd. */
static void child(const char *path, char **argv, uint64_t cookie, int errfd, const struct sigaction *saved)
{
	extern char **environ;
	sigaction(SIGINT, &saved[0], NULL);
	sigaction(SIGQUIT, &saved[1], NULL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	int e = 0;
	if (drop_privileges() != 0)
		e = errno;
	syscall(SYS_getpid, cookie);
	if (!e) {
		execve(path, argv, environ);
		e = errno;
	}
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int map_empty(int fd)
{
	uint32_t key;
	return bpf_map_get_next_key(fd, NULL, &key) != 0;
}

/* Hands the counts to the recorder: one call per (ABI, number), per
 * value where values are counted; the calls of a counted syscall whose
 * value was not kept (a full map) are recorded without it, which makes
 * that syscall unconditional. */
static void read_counts(struct tr_bpf *b, struct tr_recorder *rec)
{
	struct tr_bpf_prog *s = b->skel;
	static uint64_t with_value[TR_BPF_NARCH][TR_BPF_NR_MAX];
	memset(with_value, 0, sizeof(with_value));
	int fd = bpf_map__fd(s->maps.values);
	struct tr_bpf_value_key key, next;
	for (int more = bpf_map_get_next_key(fd, NULL, &next) == 0; more;
	     more = bpf_map_get_next_key(fd, &key, &next) == 0) {
		key = next;
		uint64_t count;
		if (bpf_map_lookup_elem(fd, &key, &count) != 0 || key.arch >= TR_BPF_NARCH || key.nr >= TR_BPF_NR_MAX)
			continue;
		const struct sg_arch *arch = b->arch[key.arch];
		struct tr_call c = { .arch = arch, .audit_arch = arch->audit_arch, .nr = key.nr, .count = count,
				     .known = key.known };
		memcpy(c.args, key.args, sizeof(c.args));
		tr_record(rec, &c);
		with_value[key.arch][key.nr] += count;
	}
	for (unsigned abi = 0; abi < TR_BPF_NARCH; abi++)
		for (uint32_t nr = 0; nr < TR_BPF_NR_MAX; nr++) {
			uint64_t n = s->bss->counts[abi][nr];
			if (n <= with_value[abi][nr])
				continue;
			const struct sg_arch *arch = b->arch[abi];
			struct tr_call c = { .arch = arch, .audit_arch = arch->audit_arch, .nr = nr,
					     .count = n - with_value[abi][nr] };
			tr_record(rec, &c);
		}
	fd = bpf_map__fd(s->maps.odd);
	struct tr_bpf_odd_key okey, onext;
	for (int more = bpf_map_get_next_key(fd, NULL, &onext) == 0; more;
	     more = bpf_map_get_next_key(fd, &okey, &onext) == 0) {
		okey = onext;
		uint64_t count;
		if (bpf_map_lookup_elem(fd, &okey, &count) != 0 || okey.arch >= TR_BPF_NARCH)
			continue;
		const struct sg_arch *arch = b->arch[okey.arch];
		struct tr_call c = { .arch = arch, .audit_arch = arch->audit_arch, .nr = okey.nr, .count = count };
		tr_record(rec, &c);
	}
}

/* Nothing is lost in silence: a process not followed fails the run;
 * values not kept are a warning (their syscalls are unconditional). */
static int check_lost(const struct tr_bpf *b)
{
	const struct tr_bpf_lost *l = &b->skel->bss->lost;
	int rc = 0;
	if (l->procs) {
		fprintf(stderr, "seccomp-gen-trace: error: %llu processes of the command were not followed: the "
			"eBPF recorder's table of processes (%u) was full; their calls are missing\n",
			(unsigned long long)l->procs, (unsigned)bpf_map__max_entries(b->skel->maps.traced));
		rc = 1;
	}
	if (l->odd) {
		fprintf(stderr, "seccomp-gen-trace: error: %llu calls with numbers of %d or more were not counted: "
			"the eBPF recorder's table of them (%d) was full\n", (unsigned long long)l->odd,
			TR_BPF_NR_MAX, TR_BPF_MAX_ODD);
		rc = 1;
	}
	if (l->states) {
		fprintf(stderr, "seccomp-gen-trace: error: %llu calls of threads under their own seccomp filter could "
			"not be told apart (no memory for the eBPF recorder's state of the thread); a call the filter "
			"refused may be missing\n", (unsigned long long)l->states);
		rc = 1;
	}
	if (l->values)
		fprintf(stderr, "seccomp-gen-trace: warning: %llu argument values were not kept: the eBPF recorder's "
			"table of values (%u) was full; their syscalls are written without a filter\n",
			(unsigned long long)l->values, (unsigned)bpf_map__max_entries(b->skel->maps.values));
	return rc;
}

int tr_bpf_run(struct tr_bpf *b, char **argv, struct tr_recorder *rec, int *status)
{
	struct sg_arena *a = sg_arena_new();
	int rc = 1;
	char *path = tr_find_command(a, argv[0], &rc);
	if (!path) {
		sg_arena_free(a);
		return rc;
	}
	rc = 1;
	/* An exec failure back from the child.  -1: closed. */
	int errpipe[2] = { -1, -1 };
	struct sigaction ign = { .sa_handler = SIG_IGN }, saved[2];
	sigaction(SIGINT, &ign, &saved[0]);
	sigaction(SIGQUIT, &ign, &saved[1]);
	if (pipe2(errpipe, O_CLOEXEC) < 0) {
		fprintf(stderr, "seccomp-gen-trace: error: pipe: %s\n", strerror(errno));
		goto out;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "seccomp-gen-trace: error: fork: %s\n", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		close(errpipe[0]);
		child(path, argv, b->cookie, errpipe[1], saved);
	}
	close_fd(&errpipe[1]);
	int traced_fd = bpf_map__fd(b->skel->maps.traced);
	main_pid = pid;
	struct sigaction fwd = { .sa_handler = forward };
	sigaction(SIGTERM, &fwd, NULL);
	sigaction(SIGHUP, &fwd, NULL);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "seccomp-gen-trace: error: waitpid: %s\n", strerror(errno));
			goto out;
		}
	main_pid = 0;
	/* Descendants that outlive the command are still recorded, until
	 * the last one exits. */
	while (!map_empty(traced_fd))
		usleep(2000);
	int err = 0;
	if (read(errpipe[0], &err, sizeof(err)) == (ssize_t)sizeof(err)) {
		fprintf(stderr, "seccomp-gen-trace: error: cannot run %s: %s\n", path, strerror(err));
		rc = err == ENOENT ? 127 : 126;
		goto out;
	}
	if (check_lost(b))
		goto out;
	read_counts(b, rec);
	rc = 0;
out:
	for (int i = 0; i < 2; i++)
		close_fd(&errpipe[i]);
	sigaction(SIGINT, &saved[0], NULL);
	sigaction(SIGQUIT, &saved[1], NULL);
	sg_arena_free(a);
	return rc;
}
