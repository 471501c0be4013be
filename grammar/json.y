/* The grammar of JSON (RFC 8259), building a located value tree:
 *
 *   value   = object | array | STRING | NUMBER | "true" | "false" | "null"
 *   object  = "{" [ member { "," member } ] "}",  member = STRING ":" value
 *   array   = "[" [ value { "," value } ] "]"
 *
 * A JSON file is one value with no statement boundary to resume at, so
 * the parser stops at the first error instead of recovering. */
%require "3.6"
%define api.pure full
%define api.prefix {sg_json_yy}
%define api.token.prefix {SG_JSON_TOK_}
%define parse.error custom
%locations
%expect 0
%initial-action {
	@$.src = p->src;
	@$.first_line = @$.last_line = 1;
	@$.first_column = @$.last_column = 1;
}

%param {void *scanner}
%parse-param {struct sg_json_parser *p}

%code requires {
#include "grammar/json-parse.h"
#include "grammar/json.h"
#define SG_JSON_YYLTYPE struct sg_loc
#define SG_JSON_YYLTYPE_IS_DECLARED 1
}

%code provides {
int sg_json_yylex(SG_JSON_YYSTYPE *lval, SG_JSON_YYLTYPE *lloc, void *scanner);
}

%code {
#include <errno.h>
#include <string.h>

#include "grammar/load.h"
#include "support/arena.h"

/* Bison's default location merge, plus the file. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                        \
	do {                                                               \
		if (N) {                                                   \
			(Cur).src = YYRHSLOC(Rhs, 1).src;                  \
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line;     \
			(Cur).first_column = YYRHSLOC(Rhs, 1).first_column; \
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line;       \
			(Cur).last_column = YYRHSLOC(Rhs, N).last_column;   \
		} else {                                                   \
			(Cur) = YYRHSLOC(Rhs, 0);                          \
			(Cur).first_line = (Cur).last_line;                \
			(Cur).first_column = (Cur).last_column;            \
		}                                                          \
	} while (0)

static void sg_json_yyerror(const SG_JSON_YYLTYPE *loc, void *scanner, struct sg_json_parser *p,
			    const char *msg);
static struct sg_json *new_value(struct sg_json_parser *p, enum sg_json_kind kind, const SG_JSON_YYLTYPE *loc);

#define PUSH(vec, n, cap) SG_PUSH(p->arena, vec, n, cap)
}

%union {
	struct { const char *s; size_t len; } string;
	struct { struct sg_numlit num; int integer; } number;
	struct sg_json *json;
	struct sg_json_member member;
	struct { struct sg_json_member *v; size_t n, cap; } members;
	struct { struct sg_json **v; size_t n, cap; } items;
}

%token <string> STRING "string"
%token <number> NUMBER "number"
%token LIT_TRUE "true" LIT_FALSE "false" LIT_NULL "null"

%type <json> value
%type <member> member
%type <members> members
%type <items> items

%%

file
	: value { p->result = $1; }
	;

value
	: '{' '}' { $$ = new_value(p, SG_JSON_OBJECT, &@$); }
	| '{' members '}' {
		$$ = new_value(p, SG_JSON_OBJECT, &@$);
		$$->u.object.members = $2.v;
		$$->u.object.n = $2.n;
	}
	| '[' ']' { $$ = new_value(p, SG_JSON_ARRAY, &@$); }
	| '[' items ']' {
		$$ = new_value(p, SG_JSON_ARRAY, &@$);
		$$->u.array.items = $2.v;
		$$->u.array.n = $2.n;
	}
	| STRING {
		$$ = new_value(p, SG_JSON_STRING, &@$);
		$$->u.string.s = $1.s;
		$$->u.string.len = $1.len;
	}
	| NUMBER {
		$$ = new_value(p, SG_JSON_NUMBER, &@$);
		$$->u.number.num = $1.num;
		$$->u.number.integer = $1.integer;
	}
	| LIT_TRUE { $$ = new_value(p, SG_JSON_TRUE, &@$); }
	| LIT_FALSE { $$ = new_value(p, SG_JSON_FALSE, &@$); }
	| LIT_NULL { $$ = new_value(p, SG_JSON_NULL, &@$); }
	;

members
	: member { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| members ',' member { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

member
	: STRING ':' value {
		$$.key = $1.s;
		$$.key_len = $1.len;
		$$.key_loc = @1;
		$$.value = $3;
	}
	;

items
	: value { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| items ',' value { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

%%

static struct sg_json *new_value(struct sg_json_parser *p, enum sg_json_kind kind, const SG_JSON_YYLTYPE *loc)
{
	struct sg_json *v = sg_alloc(p->arena, sizeof(*v));
	v->kind = kind;
	v->loc = *loc;
	return v;
}

static void sg_json_yyerror(const SG_JSON_YYLTYPE *loc, void *scanner, struct sg_json_parser *p,
			    const char *msg)
{
	(void)scanner;
	/* With parse.error custom, bison's only own message is stack
	 * exhaustion, which only deep nesting causes. */
	if (strstr(msg, "exhausted"))
		sg_error(p->diag, loc, "JSON nested too deeply");
	else
		sg_error(p->diag, loc, "%s", msg);
}

static const char *token_text(yysymbol_kind_t sym)
{
	switch (sym) {
	case YYSYMBOL_STRING: return "a string";
	case YYSYMBOL_NUMBER: return "a number";
	case YYSYMBOL_LIT_TRUE: return "'true'";
	case YYSYMBOL_LIT_FALSE: return "'false'";
	case YYSYMBOL_LIT_NULL: return "'null'";
	case YYSYMBOL_YYEOF: return "end of file";
	default: break;
	}
	/* Character tokens are named "'{'" already. */
	return yysymbol_name(sym);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, struct sg_json_parser *p)
{
	(void)scanner;
	yysymbol_kind_t got = yypcontext_token(ctx);
	const SG_JSON_YYLTYPE *loc = yypcontext_location(ctx);
	/* The scanner already reported a bad token. */
	if (got == YYSYMBOL_YYUNDEF)
		return 0;
	if (got == YYSYMBOL_YYEOF && p->tok == 0) {
		sg_error(p->diag, loc, "the file is empty; expected a JSON value");
		return 0;
	}
	/* serde_json, Python's json and RFC 8259 all refuse "[1, 2,]". */
	if ((p->tok == ']' || p->tok == '}') && p->prev_tok == ',') {
		sg_error(p->diag, &p->prev_loc, "JSON does not allow a comma before '%c'", p->tok);
		return 0;
	}
	char what[64];
	if (got == YYSYMBOL_YYEOF)
		snprintf(what, sizeof(what), "end of file");
	else if (p->tok_len <= 40)
		snprintf(what, sizeof(what), "'%.*s'", (int)p->tok_len, p->src->text + p->tok_off);
	else
		snprintf(what, sizeof(what), "%s", token_text(got));

	yysymbol_kind_t expected[5];
	int n = yypcontext_expected_tokens(ctx, expected, 5);
	char exp[160] = "";
	if (n > 0 && n < 5) {
		size_t len = 0;
		for (int i = 0; i < n && len < sizeof(exp); i++)
			len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s",
						i == 0 ? "; expected " : i == n - 1 ? " or " : ", ",
						token_text(expected[i]));
	} else if (n == 0 || n >= 5) {
		/* Where a value may start, the list is long: say it in words. */
		snprintf(exp, sizeof(exp), "; expected a value");
	}
	sg_error(p->diag, loc, "unexpected %s%s", what, exp);
	return 0;
}

struct sg_json *sg_json_parse(struct sg_arena *arena, struct sg_diag *diag, struct sg_source *src)
{
	struct sg_json_parser p;
	memset(&p, 0, sizeof(p));
	p.arena = arena;
	p.diag = diag;
	p.src = src;
	p.line = p.col = 1;
	unsigned before = diag->errors;
	if (sg_json_parse_scan(&p) != 0 || diag->errors != before)
		return NULL;
	return p.result;
}

struct sg_json *sg_json_load(struct sg_arena *arena, struct sg_diag *diag, const char *path,
			     struct sg_source **src_out)
{
	struct sg_source *src = sg_alloc(arena, sizeof(*src));
	src->path = sg_strdup(arena, path);
	src->text = sg_read_file(arena, path, &src->len);
	if (!src->text) {
		sg_error(diag, NULL, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (src_out)
		*src_out = src;
	return sg_json_parse(arena, diag, src);
}

const char *sg_json_kind_name(enum sg_json_kind kind)
{
	switch (kind) {
	case SG_JSON_NULL: return "null";
	case SG_JSON_FALSE: case SG_JSON_TRUE: return "a boolean";
	case SG_JSON_NUMBER: return "a number";
	case SG_JSON_STRING: return "a string";
	case SG_JSON_ARRAY: return "an array";
	case SG_JSON_OBJECT: return "an object";
	}
	return "a value";
}

int sg_json_string_is_plain(const struct sg_json *v)
{
	return v->kind == SG_JSON_STRING && strlen(v->u.string.s) == v->u.string.len;
}
