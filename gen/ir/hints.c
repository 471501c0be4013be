#include "gen/ir/hints.h"

#include <string.h>

#include "support/source.h"

/* Syscalls that newer arches (aarch64, riscv64: the kernel's generic
 * table, include/uapi/asm-generic/unistd.h) or other ABIs do not have,
 * with what C libraries call there instead; the first one the arch has
 * is named.  Edit distance would pick a neighbour in spelling ('fstat'
 * for 'stat'), not in meaning. */
static const struct {
	const char *name;
	const char *instead[3];
} replacements[] = {
	{ "open", { "openat" } },
	{ "creat", { "openat" } },
	{ "stat", { "newfstatat", "fstatat64" } },
	{ "lstat", { "newfstatat", "fstatat64" } },
	{ "stat64", { "newfstatat", "fstatat64" } },
	{ "lstat64", { "newfstatat", "fstatat64" } },
	{ "fstat64", { "fstat" } },
	{ "fstatat64", { "newfstatat" } },
	{ "newfstatat", { "fstatat64" } },
	{ "fork", { "clone" } },
	{ "vfork", { "clone" } },
	{ "dup2", { "dup3" } },
	{ "poll", { "ppoll" } },
	{ "select", { "pselect6" } },
	{ "_newselect", { "pselect6" } },
	{ "epoll_wait", { "epoll_pwait" } },
	{ "epoll_wait_old", { "epoll_pwait" } },
	{ "epoll_create", { "epoll_create1" } },
	{ "epoll_ctl_old", { "epoll_ctl" } },
	{ "pipe", { "pipe2" } },
	{ "access", { "faccessat", "faccessat2" } },
	{ "mkdir", { "mkdirat" } },
	{ "rmdir", { "unlinkat" } },
	{ "unlink", { "unlinkat" } },
	{ "rename", { "renameat", "renameat2" } },
	{ "renameat", { "renameat2" } },
	{ "link", { "linkat" } },
	{ "symlink", { "symlinkat" } },
	{ "readlink", { "readlinkat" } },
	{ "chmod", { "fchmodat" } },
	{ "chown", { "fchownat" } },
	{ "lchown", { "fchownat" } },
	{ "mknod", { "mknodat" } },
	{ "utime", { "utimensat" } },
	{ "utimes", { "utimensat" } },
	{ "futimesat", { "utimensat" } },
	{ "getdents", { "getdents64" } },
	{ "time", { "clock_gettime" } },
	{ "alarm", { "setitimer" } },
	{ "pause", { "rt_sigsuspend" } },
	{ "signalfd", { "signalfd4" } },
	{ "eventfd", { "eventfd2" } },
	{ "inotify_init", { "inotify_init1" } },
	{ "getpgrp", { "getpgid" } },
	{ "ustat", { "statfs" } },
	{ "mmap", { "mmap2" } },
	{ "mmap2", { "mmap" } },
	{ "fcntl64", { "fcntl" } },
	{ "_llseek", { "lseek" } },
	{ "sendfile64", { "sendfile" } },
	{ "getrlimit", { "ugetrlimit", "prlimit64" } },
	{ "ugetrlimit", { "getrlimit", "prlimit64" } },
	{ "statfs64", { "statfs" } },
	{ "fstatfs64", { "fstatfs" } },
	{ "truncate64", { "truncate" } },
	{ "ftruncate64", { "ftruncate" } },
	{ "socketcall", { "socket" } },
	{ "send", { "sendto" } },
	{ "recv", { "recvfrom" } },
	{ "waitpid", { "wait4" } },
	{ "sigaction", { "rt_sigaction" } },
	{ "sigprocmask", { "rt_sigprocmask" } },
	{ "sigreturn", { "rt_sigreturn" } },
	{ "sigsuspend", { "rt_sigsuspend" } },
	{ "umount", { "umount2" } },
	{ "clock_gettime64", { "clock_gettime" } },
	{ "clock_nanosleep_time64", { "clock_nanosleep" } },
	{ "futex_time64", { "futex" } },
};

static const char *syscall_name_at(const void *ctx, size_t i)
{
	const struct sg_arch *a = ctx;
	return sg_value_name(a, &a->syscalls[i]);
}

/* The replacement of name the arch has, or NULL. */
static const char *replacement(const struct sg_arch *arch, const char *name)
{
	for (size_t i = 0; i < sizeof(replacements) / sizeof(replacements[0]); i++) {
		if (strcmp(replacements[i].name, name) != 0)
			continue;
		for (size_t j = 0; j < 3 && replacements[i].instead[j]; j++)
			if (sg_arch_syscall(arch, replacements[i].instead[j]))
				return replacements[i].instead[j];
	}
	return NULL;
}

void sg_unknown_syscall(struct sg_diag *diag, const struct sg_arch *arch, const struct sg_loc *loc,
			const char *name)
{
	/* A generated name may be megabytes long: show its start. */
	int shown = strlen(name) > 64 ? 64 : (int)strlen(name);
	const char *more = strlen(name) > 64 ? "..." : "";
	const char *instead = replacement(arch, name);
	if (instead) {
		/* The arches that do have it, in [arch=...] spelling. */
		char have[128] = "";
		size_t len = 0;
		for (size_t i = 0; sg_arches[i]; i++)
			if (sg_arch_syscall(sg_arches[i], name) && len + 16 < sizeof(have))
				len += (size_t)snprintf(have + len, sizeof(have) - len, "%s%s", len ? "," : "",
							sg_arches[i]->minijail_name);
		if (len)
			sg_error(diag, loc,
				 "unknown syscall '%s' on %s, which has '%s' in its place; '%s[arch=%s]' limits a "
				 "line to the arches that have '%s'",
				 name, arch->name, instead, name, have, name);
		else
			sg_error(diag, loc, "unknown syscall '%s' on %s, which has '%s' in its place", name, arch->name,
				 instead);
		return;
	}
	const char *hint = sg_suggest(name, arch->nsyscalls, syscall_name_at, arch);
	if (hint)
		sg_error(diag, loc, "unknown syscall '%.*s%s' on %s; did you mean '%s'?", shown, name, more, arch->name,
			 hint);
	else
		sg_error(diag, loc, "unknown syscall '%.*s%s' on %s", shown, name, more, arch->name);
}

struct errno_names {
	const struct sg_arch *arch;
	size_t first, n; /* the constants starting with 'E' */
};

static const char *errno_name_at(const void *ctx, size_t i)
{
	const struct errno_names *e = ctx;
	return sg_value_name(e->arch, &e->arch->constants[e->first + i]);
}

const char *sg_suggest_errno(const struct sg_arch *arch, const char *name)
{
	/* The constants are sorted by name: the E... names are one run. */
	struct errno_names e = { arch, 0, 0 };
	while (e.first < arch->nconstants && sg_value_name(arch, &arch->constants[e.first])[0] < 'E')
		e.first++;
	while (e.first + e.n < arch->nconstants && sg_value_name(arch, &arch->constants[e.first + e.n])[0] == 'E')
		e.n++;
	return sg_suggest(name, e.n, errno_name_at, &e);
}
