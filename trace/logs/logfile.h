/* A log read line by line, with located errors in seccomp-gen's form
 * (file:line:col: error: ..., the line and a caret). */
#ifndef SG_TRACE_LOGFILE_H
#define SG_TRACE_LOGFILE_H

#include <stddef.h>

#include "support/source.h"

struct sg_arena;

struct tr_log {
	struct sg_source src;
	struct sg_diag diag;
	size_t pos;   /* start of the next line */
	int line;     /* number of the current line */
	const char *text; /* the current line (not NUL-terminated) */
	size_t len;
};

/* Returns 0, or -1 after an error naming the file. */
int tr_log_open(struct tr_log *l, struct sg_arena *a, const char *path);

/* The next line in l->text and l->len; 0 at the end. */
int tr_log_next(struct tr_log *l);

/* An error at columns [at, at + len) of the current line. */
__attribute__((format(printf, 4, 5)))
void tr_log_error(struct tr_log *l, const char *at, size_t len, const char *fmt, ...);

#endif
