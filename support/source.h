/* support/ (the lowest floor): no input of its own; out: arenas, source files, located diagnostics. */
/* Source files and locations, and the diagnostics printed against them:
 *
 *   In file included from dev.policy:3:
 *   common.policy:7:9: error: unknown constant 'O_RDONY'; did you mean 'O_RDONLY'?
 *       7 | openat: arg2 == O_RDONY
 *         |                 ^~~~~~~
 */
#ifndef SG_SOURCE_H
#define SG_SOURCE_H

#include <stddef.h>
#include <stdio.h>

#include "support/keyset.h"

struct sg_arena;

struct sg_source {
	const char *path;             /* as shown in messages */
	const char *text;             /* whole file; may hold NUL bytes */
	size_t len;
	const struct sg_source *parent; /* the file that included this one */
	int parent_line;
	size_t *line_starts;          /* built on first diagnostic */
	size_t nlines;
};

/* Bison's YYLTYPE: the four standard fields plus the file. */
struct sg_loc {
	const struct sg_source *src;
	int first_line, first_column, last_line, last_column;
};

enum sg_severity { SG_ERROR, SG_WARNING, SG_NOTE };

struct sg_diag {
	FILE *out;
	struct sg_arena *arena;
	unsigned errors, warnings;
	unsigned error_limit;    /* stop reporting after this many errors */
	int werror;              /* warnings count as errors */
	/* Warnings already shown, as hashes of their location and text: a
	 * policy compiled for several arches, or included by several
	 * policies of one table, shows each warning once. */
	struct sg_keyset shown;
	int hide_notes;          /* the last warning was a repeat: so are its notes */
};

void sg_diag_init(struct sg_diag *d, FILE *out, struct sg_arena *arena);

/* Reports at loc (NULL: no location, "seccomp-gen: error: ..."). */
__attribute__((format(printf, 3, 4)))
void sg_error(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void sg_warning(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void sg_note(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...);

/* True once the error limit is reached: callers stop reporting. */
int sg_diag_saturated(const struct sg_diag *d);

/* The text of a line (without its end), or NULL past the end. */
const char *sg_source_line(struct sg_source *s, struct sg_arena *a, int line, size_t *len);

/* The closest name to `name` among `n` candidates read through `get`, or
 * NULL if none is close enough to be a plausible typo. */
const char *sg_suggest(const char *name, size_t n,
		       const char *(*get)(const void *ctx, size_t i), const void *ctx);

#endif
