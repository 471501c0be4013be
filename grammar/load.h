/* grammar/: policy text in (and seccompiler JSON), the syntax tree out. */
/* Loading a policy: reading the file, parsing it, and loading what its
 * @include and @frequency statements name, recursively, so that later
 * stages get one complete tree and never touch the file system. */
#ifndef SG_LOAD_H
#define SG_LOAD_H

#include "grammar/ast.h"

struct sg_arena;
struct sg_diag;

struct sg_include_map {
	const char *old_prefix, *new_prefix;
};

struct sg_load_options {
	const struct sg_include_map *maps;
	size_t nmaps;
	unsigned max_depth; /* 0: the default, 32 */
};

/* Loads `path` (or standard input for "-").  Returns NULL on a read error;
 * on parse errors returns the tree with the errors counted in diag. */
struct sg_file *sg_load(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			const struct sg_load_options *opts);

/* The largest file read: a policy compiles to at most 4096 instructions,
 * so anything this big is a mistake (or /dev/zero), and memory stays
 * bounded. */
#define SG_MAX_FILE_SIZE (16u << 20)

/* Reads a whole file into the arena (NUL-terminated; len excludes it).
 * On failure returns NULL with errno set: EFBIG beyond SG_MAX_FILE_SIZE. */
char *sg_read_file(struct sg_arena *arena, const char *path, size_t *len);

#endif
