/* The state the JSON scanner (grammar/json.l) and parser (grammar/json.y)
 * share while reading one file. */
#ifndef SG_JSON_PARSE_H
#define SG_JSON_PARSE_H

#include "grammar/json.h"

struct sg_json_parser {
	struct sg_arena *arena;
	struct sg_diag *diag;
	struct sg_source *src;
	int line, col;           /* scanner position, 1-based, in bytes */
	size_t tok_off, tok_len; /* the last token, for messages */
	int tok, prev_tok;       /* the last two tokens returned */
	struct sg_loc tok_loc, prev_loc; /* where they were */
	struct sg_json *result;
};

/* Runs the scanner and parser over p->src (defined in json.l). */
int sg_json_parse_scan(struct sg_json_parser *p);

#endif
