/* Output files that make can trust: written to a temporary file beside
 * the target and renamed over it only when complete, so a failed run
 * leaves no file, and never a truncated one. */
#ifndef SG_OUTPUT_H
#define SG_OUTPUT_H

#include <stdio.h>

struct sg_output {
	const char *path;  /* NULL or "-": standard output */
	char *tmp;         /* temporary file, or NULL when writing in place */
	FILE *fp;
};

/* Returns 0, or -1 with a message printed. */
int sg_output_open(struct sg_output *o, const char *path, int binary);
/* Flushes and renames into place; on any write error removes the
 * temporary file.  Returns 0 or -1 (message printed). */
int sg_output_commit(struct sg_output *o);
void sg_output_abort(struct sg_output *o);

#endif
