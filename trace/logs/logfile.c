#include "trace/logs/logfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "grammar/load.h"
#include "support/arena.h"

int tr_log_open(struct tr_log *l, struct sg_arena *a, const char *path)
{
	memset(l, 0, sizeof(*l));
	sg_diag_init(&l->diag, stderr, a);
	size_t len;
	char *text = sg_read_file(a, path, &len);
	if (!text) {
		fprintf(stderr, "seccomp-gen-trace: error: cannot read '%s': %s\n", path,
			errno == EFBIG ? "File too large (the limit is 16 MiB)" : strerror(errno));
		return -1;
	}
	l->src.path = path;
	l->src.text = text;
	l->src.len = len;
	return 0;
}

int tr_log_next(struct tr_log *l)
{
	if (l->pos >= l->src.len)
		return 0;
	const char *s = l->src.text + l->pos;
	const char *nl = memchr(s, '\n', l->src.len - l->pos);
	l->len = nl ? (size_t)(nl - s) : l->src.len - l->pos;
	l->text = s;
	l->pos += l->len + (nl ? 1 : 0);
	if (l->len && s[l->len - 1] == '\r')
		l->len--;
	l->line++;
	return 1;
}

void tr_log_error(struct tr_log *l, const char *at, size_t len, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	int col = (int)(at - l->text) + 1;
	struct sg_loc loc = { &l->src, l->line, col, l->line, col + (int)(len ? len : 1) - 1 };
	sg_error(&l->diag, &loc, "%s", msg);
}
