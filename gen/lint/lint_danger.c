#include "gen/lint/lint_danger.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gen/bpf/bpf.h"
#include "gen/ir/ir_eval.h"
#include "gen/lint/lint.h"
#include "support/source.h"

/* Values from the kernel's UAPI headers (linux/sched.h, linux/mman.h,
 * linux/ptrace.h, linux/bpf.h); the same on every supported arch. */
#define PROT_READ 0x1u
#define PROT_WRITE 0x2u
#define PROT_EXEC 0x4u
#define CLONE_VM 0x100u
#define CLONE_FS 0x200u
#define CLONE_FILES 0x400u
#define CLONE_SIGHAND 0x800u
#define CLONE_THREAD 0x10000u
#define CLONE_NEWNS 0x20000u
#define CLONE_SYSVSEM 0x40000u
#define CLONE_SETTLS 0x80000u
#define CLONE_PARENT_SETTID 0x100000u
#define CLONE_CHILD_CLEARTID 0x200000u
#define CLONE_CHILD_SETTID 0x1000000u
#define CLONE_NEWCGROUP 0x2000000u
#define CLONE_NEWUTS 0x4000000u
#define CLONE_NEWIPC 0x8000000u
#define CLONE_NEWUSER 0x10000000u
#define CLONE_NEWPID 0x20000000u
#define CLONE_NEWNET 0x40000000u
#define CLONE_NEWTIME 0x80u /* unshare and clone3 only: in clone it is CSIGNAL */
#define SIGCHLD 17u

/* What glibc passes for pthread_create and for fork. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | \
		      CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define FORK_FLAGS (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD)

struct probe {
	uint64_t value;
	const char *label;
};

/* A syscall whose danger is in one argument: the values that are
 * dangerous there, and what to write instead. */
struct arg_check {
	const char *syscalls[4];
	unsigned arg;
	struct probe probes[10];
	const char *why;
	const char *safe; /* each %s: the syscall */
};

static const struct arg_check arg_checks[] = {
	{ { "mmap", "mmap2", "mprotect", "pkey_mprotect" }, 2,
	  { { PROT_WRITE | PROT_EXEC, "PROT_WRITE|PROT_EXEC" }, { PROT_READ | PROT_WRITE | PROT_EXEC, "PROT_READ|PROT_WRITE|PROT_EXEC" } },
	  "memory both writable and executable",
	  "write '%s: arg2 in ~PROT_EXEC', or '%s: arg2 in ~PROT_EXEC || arg2 in ~PROT_WRITE' where it maps code" },
	{ { "ptrace" }, 0,
	  { { 16, "PTRACE_ATTACH" }, { 0x4206, "PTRACE_SEIZE" }, { 4, "PTRACE_POKETEXT" }, { 5, "PTRACE_POKEDATA" },
	    { 6, "PTRACE_POKEUSER" }, { 13, "PTRACE_SETREGS" } },
	  "the process may take control of any process it can reach",
	  "allow only the requests it needs, as '%s: arg0 == PTRACE_TRACEME'" },
	{ { "bpf" }, 0,
	  { { 5, "BPF_PROG_LOAD (5)" }, { 0, "BPF_MAP_CREATE (0)" }, { 17, "BPF_RAW_TRACEPOINT_OPEN (17)" },
	    { 18, "BPF_BTF_LOAD (18)" }, { 8, "BPF_PROG_ATTACH (8)" }, { 28, "BPF_LINK_CREATE (28)" } },
	  "the process may load programs into the kernel",
	  "allow only the commands it needs on maps it is given, as '%s: arg0 == 1' (BPF_MAP_LOOKUP_ELEM)" },
	{ { "setns" }, 1,
	  { { 0, "0 (any kind)" }, { CLONE_NEWUSER, "CLONE_NEWUSER" }, { CLONE_NEWNS, "CLONE_NEWNS" },
	    { CLONE_NEWPID, "CLONE_NEWPID" } },
	  "the process may join namespaces it holds a descriptor for",
	  "name the kind it needs, as '%s: arg1 == CLONE_NEWNET'" },
};

/* Namespace flags, for clone and unshare. */
static const struct probe ns_flags[] = {
	{ CLONE_NEWUSER, "CLONE_NEWUSER" }, { CLONE_NEWNS, "CLONE_NEWNS" },   { CLONE_NEWPID, "CLONE_NEWPID" },
	{ CLONE_NEWNET, "CLONE_NEWNET" },   { CLONE_NEWIPC, "CLONE_NEWIPC" }, { CLONE_NEWUTS, "CLONE_NEWUTS" },
	{ CLONE_NEWCGROUP, "CLONE_NEWCGROUP" },
};

/* Allowed at all: no argument says what they do to the system. */
static const struct {
	const char *syscall, *why, *safe;
} any_checks[] = {
	{ "execve", "the process may run any program, and seccomp cannot see the path",
	  "exec before installing the filter and leave 'execve' out" },
	{ "execveat", "the process may run any program, and seccomp cannot see the path",
	  "exec before installing the filter and leave 'execveat' out" },
	{ "mount", "the process may mount over any path it sees",
	  "set up mounts before installing the filter and leave 'mount' out" },
	{ "clone3", "its flags are in memory, where seccomp cannot check them for namespaces",
	  "write 'clone3: return ENOSYS', so that the C library falls back to clone, and check clone's flags" },
	{ "swapon", "it changes the whole system, not only the process", "leave 'swapon' out" },
	{ "swapoff", "it changes the whole system, not only the process", "leave 'swapoff' out" },
	{ "kexec_load", "it replaces the running kernel", "leave 'kexec_load' out" },
	{ "kexec_file_load", "it replaces the running kernel", "leave 'kexec_file_load' out" },
	{ "init_module", "it loads code into the kernel", "leave 'init_module' out" },
	{ "finit_module", "it loads code into the kernel", "leave 'finit_module' out" },
};

/* Allowed for every value of the argument that selects what they do. */
static const struct {
	const char *syscall, *arg, *why, *safe;
} unconditional_checks[] = {
	{ "ioctl", "request (arg1)", "drivers' requests reach deep into the kernel",
	  "the requests it needs, as 'ioctl: arg1 == TCGETS || arg1 == FIONREAD'" },
	{ "prctl", "option (arg0)", "some options change what the process may do",
	  "the options it needs, as 'prctl: arg0 == PR_SET_NAME'" },
	{ "socket", "family (arg0)", "raw, packet and netlink sockets reach far into the kernel",
	  "the families it needs, as 'socket: arg0 == AF_UNIX'" },
};

struct danger {
	const struct sg_ir_program *ir;
	struct sg_arena *arena;
	void (*found)(void *ctx, const struct sg_loc *loc, const char *msg);
	void *ctx;
};

static int allows(uint32_t ret)
{
	uint32_t action = ret & SG_RET_ACTION_FULL;
	return action == SG_RET_ALLOW || action == SG_RET_LOG;
}

static size_t indent(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	return i;
}

static int line_is(const char *text, size_t len, int comment)
{
	size_t i = indent(text, len);
	return comment ? i < len && text[i] == '#' : i == len;
}

/* seccomp-gen-trace's count line (SG_SEEN_PREFIX). */
static int is_count(const char *text, size_t len)
{
	size_t i = indent(text, len), n = sizeof(SG_SEEN_PREFIX) - 1;
	return len - i >= n && memcmp(text + i, SG_SEEN_PREFIX, n) == 0;
}

/* minijail's linter: a comment on the line before the statement (blank
 * lines between do not count) documents why it is allowed.  Lines ending
 * in '\' continue into the next, so they are part of the statement.  A
 * traced policy's "# seen" line documents nothing: the comment must be on
 * the line right above it, where a reviewer writes one (the tracer's own
 * header is a blank line away). */
static int documented(struct danger *g, const struct sg_loc *loc)
{
	struct sg_source *src = (struct sg_source *)loc->src;
	size_t len;
	for (int line = loc->first_line - 1; line >= 1; line--) {
		const char *text = sg_source_line(src, g->arena, line, &len);
		if (!text)
			return 0;
		if (len && text[len - 1] == '\\')
			continue;
		if (line_is(text, len, 0))
			continue;
		if (is_count(text, len)) {
			text = line > 1 ? sg_source_line(src, g->arena, line - 1, &len) : NULL;
			return text && line_is(text, len, 1) && !is_count(text, len);
		}
		return line_is(text, len, 1);
	}
	return 0;
}

__attribute__((format(printf, 3, 4)))
static void report(struct danger *g, const struct sg_loc *loc, const char *fmt, ...)
{
	if (!loc || documented(g, loc))
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	g->found(g->ctx, loc, msg);
}

/* The first of n probes of arg the decision allows, and its rule. */
static const struct sg_ir_rule *first_allowed(struct danger *g, const struct sg_ir_decision *d, unsigned arg,
					      const struct probe *probes, size_t n, const struct probe **which)
{
	for (size_t i = 0; i < n && probes[i].label; i++) {
		uint64_t args[6] = { 0 };
		args[arg] = probes[i].value;
		const struct sg_ir_rule *r = sg_ir_first_match(g->ir, d, args);
		if (allows(r->ret)) {
			*which = &probes[i];
			return r;
		}
	}
	return NULL;
}

/* clone with a namespace flag: alone as in fork, and with a thread's
 * flags, where the kernel accepts the combination (kernel/fork.c,
 * copy_process: CLONE_NEWNS and CLONE_NEWUSER not with CLONE_FS,
 * CLONE_NEWUSER and CLONE_NEWPID not with CLONE_THREAD, CLONE_NEWIPC not
 * with CLONE_SYSVSEM). */
static void check_clone(struct danger *g, const struct sg_ir_syscall *s, int is_unshare)
{
	const char *all = is_unshare ? "CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_NEWTIME"
				     : "CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET";
	for (size_t i = 0; i < sizeof(ns_flags) / sizeof(ns_flags[0]); i++) {
		uint64_t f = ns_flags[i].value;
		uint64_t bases[2] = { is_unshare ? 0 : FORK_FLAGS, THREAD_FLAGS };
		for (int b = 0; b < (is_unshare ? 1 : 2); b++) {
			if (b == 1 && (f & (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWIPC)))
				continue;
			uint64_t args[6] = { bases[b] | f };
			const struct sg_ir_rule *r = sg_ir_first_match(g->ir, s->decision, args);
			if (!allows(r->ret))
				continue;
			report(g, r->loc,
			       "'%s' is allowed with %s in arg0: the process may make namespaces, a way into much of "
			       "the kernel; exclude them with '%s: arg0 in ~(%s)'",
			       s->name, ns_flags[i].label, s->name, all);
			return;
		}
	}
}

static void check_syscall(struct danger *g, const struct sg_ir_syscall *s)
{
	const struct sg_ir_decision *d = s->decision;
	if (strcmp(s->name, "clone") == 0 || strcmp(s->name, "unshare") == 0) {
		check_clone(g, s, s->name[0] == 'u');
		return;
	}
	for (size_t i = 0; i < sizeof(any_checks) / sizeof(any_checks[0]); i++) {
		if (strcmp(s->name, any_checks[i].syscall) != 0)
			continue;
		for (size_t r = 0; r < d->nrules; r++)
			if (allows(d->rules[r].ret)) {
				report(g, d->rules[r].loc, "'%s' is allowed: %s; %s", s->name, any_checks[i].why,
				       any_checks[i].safe);
				return;
			}
		return;
	}
	for (size_t i = 0; i < sizeof(unconditional_checks) / sizeof(unconditional_checks[0]); i++) {
		if (strcmp(s->name, unconditional_checks[i].syscall) != 0)
			continue;
		const struct sg_ir_rule *last = &d->rules[d->nrules - 1];
		if (allows(last->ret))
			report(g, last->loc, "'%s' is allowed for any %s: %s; allow only %s", s->name,
			       unconditional_checks[i].arg, unconditional_checks[i].why, unconditional_checks[i].safe);
		return;
	}
	for (size_t i = 0; i < sizeof(arg_checks) / sizeof(arg_checks[0]); i++) {
		const struct arg_check *c = &arg_checks[i];
		for (size_t k = 0; k < 4 && c->syscalls[k]; k++) {
			if (strcmp(s->name, c->syscalls[k]) != 0)
				continue;
			const struct probe *p;
			const struct sg_ir_rule *r =
				first_allowed(g, d, c->arg, c->probes, sizeof(c->probes) / sizeof(c->probes[0]), &p);
			if (!r)
				return;
			char safe[256];
			snprintf(safe, sizeof(safe), c->safe, s->name, s->name);
			report(g, r->loc, "'%s' is allowed with %s in arg%u: %s; %s", s->name, p->label, c->arg, c->why,
			       safe);
			return;
		}
	}
}

void sg_dangerous_syscalls(const struct sg_ir_program *ir, struct sg_arena *arena,
			   void (*found)(void *ctx, const struct sg_loc *loc, const char *msg), void *ctx)
{
	struct danger g = { ir, arena, found, ctx };
	for (size_t i = 0; i < ir->nsyscalls; i++)
		check_syscall(&g, &ir->syscalls[i]);
}
