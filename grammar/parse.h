/* Parsing one file's text into statements (policy files) or weight
 * entries (@frequency files).  The scanner and parser share this state. */
#ifndef SG_PARSE_H
#define SG_PARSE_H

#include "grammar/ast.h"

struct sg_arena;
struct sg_diag;

enum sg_file_kind { SG_POLICY_FILE, SG_FREQUENCY_FILE };

struct sg_parser {
	struct sg_arena *arena;
	struct sg_diag *diag;
	struct sg_source *src;
	int start_token;  /* first token handed to the parser, then 0 */
	int at_eof;       /* the end-of-line token at end of file was sent */
	int line, col;    /* scanner position, 1-based */
	int bad_line;     /* last line with an invalid character reported */
	size_t base, scan_len;   /* the part of src->text being scanned */
	size_t tok_off, tok_len; /* last token, relative to base, for messages */
	struct sg_value *value;  /* sg_parse_value()'s result */
	int paren_depth;         /* open '(' of the value being parsed */
	struct sg_loc *paren_locs; /* where they are (SG_MAX_PAREN_DEPTH) */
	struct sg_stmt *stmts, **tail;
	struct sg_freq_entry *freq;
	size_t nfreq, freq_cap;
};

/* Parses src.  Statements (or weights) land in the returned parser state;
 * errors are reported to diag.  Returns 0 when there was no error. */
int sg_parse(struct sg_parser *p, struct sg_arena *arena, struct sg_diag *diag,
	     struct sg_source *src, enum sg_file_kind kind);

/* Parses one value expression ("O_RDONLY|O_CLOEXEC") found at text
 * offset off (line and column given) of src.  NULL after an error. */
struct sg_value *sg_parse_value(struct sg_arena *arena, struct sg_diag *diag, struct sg_source *src,
				size_t off, size_t len, int line, int col);

#endif
