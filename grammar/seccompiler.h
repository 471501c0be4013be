/* The seccompiler front end: a filter file in the JSON format of rust-vmm's
 * seccompiler (docs/json_format.md; the format of Firecracker's
 * resources/seccomp/ files), read into the policy trees the policy
 * language produces, one per thread category, so that everything after
 * the grammar (resolution, dispatch, emission, the tests) is shared:
 *
 *   { "vmm": { "default_action": "trap", "filter_action": "allow",
 *              "filter": [ { "syscall": "read" },
 *                          { "syscall": "ioctl", "args": [ { "index": 1,
 *                            "type": "dword", "op": "eq", "val": 21505 } ] } ] },
 *     "vcpu": { ... } }
 *
 * Each category becomes: the default_action as the default (any action
 * may be one), and per syscall, in order of first appearance, one filter
 * statement whose condition ORs the syscall's rules, each rule the AND of
 * its args, with the filter_action; a rule without args makes it
 * unconditional. */
#ifndef SG_SECCOMPILER_H
#define SG_SECCOMPILER_H

#include "grammar/ast.h"

struct sg_arena;
struct sg_diag;

struct sg_category {
	const char *name;     /* the key, as written */
	struct sg_loc loc;    /* of the key */
	struct sg_file *file; /* the filter as a policy tree */
};

/* Reads the file at path.  Returns 0 with the categories in file order,
 * or -1 after reporting errors; *out then holds the categories that had
 * none, so that resolution can report their errors in the same run. */
int sg_load_seccompiler(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			struct sg_category **out, size_t *n);

/* The same for a JSON text already parsed (gen/inputs.c parses a file
 * once to tell a seccompiler file from a container profile). */
struct sg_json;
int sg_seccompiler_read(struct sg_arena *arena, struct sg_diag *diag, const struct sg_json *top, struct sg_source *src,
			struct sg_category **out, size_t *n);

#endif
