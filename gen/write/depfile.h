/* Dependency files for make, as gcc writes them with -MD: a rule whose
 * prerequisites are every file a run read, so that editing a policy or
 * anything it includes remakes the output. */
#ifndef SG_DEPFILE_H
#define SG_DEPFILE_H

#include <stddef.h>

struct sg_arena;

#define SG_DEPFILE_MAX_TARGETS 16

struct sg_depfile {
	int enabled;         /* -MD */
	int phony;           /* -MP: an empty rule for each included file */
	const char *path;    /* -MF; NULL: derived from the output */
	struct {
		const char *name;
		int quote;   /* -MQ, or the default target: escape for make */
	} targets[SG_DEPFILE_MAX_TARGETS]; /* -MT / -MQ, in order */
	size_t ntargets;
};

/* Where -MD writes without -MF: the output with its suffix replaced by
 * ".d" ("out/foo.c" -> "out/foo.d", "foo" -> "foo.d"), as gcc does. */
const char *sg_depfile_default_path(struct sg_arena *arena, const char *output);

/* Writes the rule "TARGETS: DEPS" atomically (through sg_output).  deps
 * may repeat and may hold "-" (standard input); both are dropped.  With
 * -MP, every dependency that is not in mains (the files named on the
 * command line) also gets an empty rule, so that make does not fail when
 * an included file is deleted.  Returns 0, or -1 with a message printed. */
int sg_depfile_write(struct sg_arena *arena, const struct sg_depfile *d, const char *const *deps,
		     size_t ndeps, const char *const *mains, size_t nmains);

#endif
