/* JSON (RFC 8259) as a tree in which every value, and every object key,
 * is located, so that the front ends reading JSON can report errors as
 * file:line:col with a caret, like the policy language.  Two front ends
 * use it: seccompiler filter files (grammar/seccompiler.c) and minijail's
 * constants.json (arch/arch_json.c). */
#ifndef SG_JSON_H
#define SG_JSON_H

#include <stddef.h>

#include "grammar/ast.h"
#include "support/source.h"

struct sg_arena;
struct sg_diag;

enum sg_json_kind {
	SG_JSON_NULL,
	SG_JSON_FALSE,
	SG_JSON_TRUE,
	SG_JSON_NUMBER,
	SG_JSON_STRING,
	SG_JSON_ARRAY,
	SG_JSON_OBJECT,
};

struct sg_json_member;

struct sg_json {
	enum sg_json_kind kind;
	struct sg_loc loc;
	union {
		struct {
			/* Integers as magnitude and sign (overflow set past
			 * 64 bits); integer is 0 when the number has a
			 * fraction or an exponent, and num is then unset. */
			struct sg_numlit num;
			int integer;
		} number;
		struct {
			const char *s; /* UTF-8, NUL-terminated; "\u0000" may put a NUL inside */
			size_t len;
		} string;
		struct {
			struct sg_json **items;
			size_t n;
		} array;
		struct {
			struct sg_json_member *members; /* in file order, duplicates kept */
			size_t n;
		} object;
	} u;
};

struct sg_json_member {
	const char *key;
	size_t key_len;
	struct sg_loc key_loc;
	struct sg_json *value;
};

/* Parses src as one JSON text.  Returns NULL after reporting the first
 * error (JSON has no statement boundary to resume at). */
struct sg_json *sg_json_parse(struct sg_arena *arena, struct sg_diag *diag, struct sg_source *src);

/* Reads the file at path ("-": standard input) and parses it.  Returns
 * NULL after reporting an error; *src_out (if not NULL) gets the source. */
struct sg_json *sg_json_load(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			     struct sg_source **src_out);

/* "an object", "a string", ...: for messages such as "expected an array,
 * found a string". */
const char *sg_json_kind_name(enum sg_json_kind kind);

/* True if the string holds no NUL byte, so it can be used as a C string
 * (a name), and not be silently cut at the NUL. */
int sg_json_string_is_plain(const struct sg_json *v);

#endif
