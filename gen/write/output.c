#include "gen/write/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sg_output_open(struct sg_output *o, const char *path, int binary)
{
	(void)binary;
	memset(o, 0, sizeof(*o));
	o->path = path;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* A device or pipe (/dev/null, /dev/stdout) is written in place:
	 * renaming over it would replace it. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->fp = fopen(path, "w");
		if (!o->fp) {
			fprintf(stderr, "seccomp-gen: error: cannot write '%s': %s\n", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	size_t len = strlen(path);
	o->tmp = malloc(len + 16);
	if (!o->tmp)
		abort();
	snprintf(o->tmp, len + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		fprintf(stderr, "seccomp-gen: error: cannot create '%s': %s\n", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* mkstemp makes 0600; an output file gets the usual mode. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		close(fd);
		sg_output_abort(o);
		return -1;
	}
	return 0;
}

void sg_output_abort(struct sg_output *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp) {
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
}

int sg_output_commit(struct sg_output *o)
{
	const char *shown = o->path && strcmp(o->path, "-") ? o->path : "standard output";
	int failed = fflush(o->fp) != 0 || ferror(o->fp);
	int saved = errno;
	if (o->fp != stdout) {
		failed |= fclose(o->fp) != 0;
		saved = failed ? errno : saved;
	}
	o->fp = NULL;
	if (failed) {
		fprintf(stderr, "seccomp-gen: error: cannot write %s: %s\n", shown, strerror(saved));
		sg_output_abort(o);
		return -1;
	}
	if (o->tmp) {
		if (rename(o->tmp, o->path) != 0) {
			fprintf(stderr, "seccomp-gen: error: cannot write '%s': %s\n", o->path, strerror(errno));
			sg_output_abort(o);
			return -1;
		}
		free(o->tmp);
		o->tmp = NULL;
	}
	return 0;
}
