/* The command a recorder runs, found as execvp(3) would find it, and
 * reported as a shell would when it cannot be: shared by the ptrace and
 * eBPF recorders, which must fail alike. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/arena.h"
#include "trace/trace.h"

/* The command as execvp would find it, or NULL with errno set. */
static char *find_command(struct sg_arena *a, const char *cmd)
{
	if (!*cmd) {
		errno = ENOENT;
		return NULL;
	}
	if (strchr(cmd, '/')) {
		if (access(cmd, X_OK) != 0)
			return NULL;
		return sg_strdup(a, cmd);
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	int err = ENOENT;
	for (const char *p = path;; p++) {
		size_t len = strcspn(p, ":");
		char *full = len ? sg_printf(a, "%.*s/%s", (int)len, p, cmd) : sg_printf(a, "./%s", cmd);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(full, X_OK) == 0)
				return full;
			err = EACCES;
		}
		p += len;
		if (!*p)
			break;
	}
	errno = err;
	return NULL;
}

char *tr_find_command(struct sg_arena *a, const char *cmd, int *rc)
{
	char *path = find_command(a, cmd);
	if (path)
		return path;
	int e = errno;
	if (e == ENOENT)
		fprintf(stderr, "seccomp-gen-trace: error: %s: command not found\n", cmd);
	else
		fprintf(stderr, "seccomp-gen-trace: error: %s: %s\n", cmd, strerror(e));
	*rc = e == ENOENT ? 127 : 126;
	return NULL;
}
