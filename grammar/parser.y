/* The grammar of minijail's policy language (the dialect of its build-time
 * compiler, tools/parser.py), one statement per line:
 *
 *   statement  = "@include" PATH | "@frequency" PATH | "@default" action
 *              | "@denylist" | names ":" filter
 *   names      = name [meta] | "{" name [meta] { "," name [meta] } "}"
 *   filter     = single | "{" single { "," single } "}"
 *   single     = action | expr [ ";" action ]
 *   expr       = clause { "||" clause },  clause = atom { "&&" atom }
 *   atom       = argN op value
 *   value      = term { "|" term },  term = [ "~" ] ( NUMBER | NAME | "(" value ")" )
 *
 * A @frequency file holds lines "name: NUMBER". */
%require "3.6"
%define api.pure full
%define api.prefix {sg_yy}
%define parse.error custom
%locations
%expect 0
%initial-action {
	@$.src = p->src;
	@$.first_line = @$.last_line = 1;
	@$.first_column = @$.last_column = 1;
}

%param {void *scanner}
%parse-param {struct sg_parser *p}

%code requires {
#include "grammar/ast.h"
#include "grammar/parse.h"
#define SG_YYLTYPE struct sg_loc
#define SG_YYLTYPE_IS_DECLARED 1
}

%code provides {
int sg_yylex(SG_YYSTYPE *lval, SG_YYLTYPE *lloc, void *scanner);
}

%code {
#include <string.h>

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

static void sg_yyerror(const SG_YYLTYPE *loc, void *scanner, struct sg_parser *p, const char *msg);
static struct sg_value *new_value(struct sg_parser *p, enum sg_value_kind kind, const SG_YYLTYPE *loc);
static void add_stmt(struct sg_parser *p, struct sg_stmt *s);
static struct sg_stmt *new_stmt(struct sg_parser *p, enum sg_stmt_kind kind, const SG_YYLTYPE *loc);

/* Growable arena vectors carried through the list rules. */
#define PUSH(vec, n, cap) SG_PUSH(p->arena, vec, n, cap)
}

%union {
	const char *str;
	struct sg_numlit num;
	unsigned u;
	enum sg_op op;
	struct sg_value *value;
	struct sg_atom atom;
	struct { struct sg_atom *v; size_t n, cap; } atoms;
	struct { struct sg_clause *v; size_t n, cap; } clauses;
	struct sg_action action;
	struct sg_filter filter;
	struct { struct sg_filter *v; size_t n, cap; } filters;
	struct sg_descriptor desc;
	struct { struct sg_descriptor *v; size_t n, cap; } descs;
	struct sg_meta meta;
	struct { struct sg_meta *v; size_t n, cap; } metas;
	struct { struct sg_meta_value *v; size_t n, cap; } mvals;
}

%token <str> IDENT "name" PATH "path"
%token <num> NUMBER "number"
%token <u> ARG "argument"
%token ALLOW "allow" KILL "kill" KILL_PROCESS "kill-process" KILL_THREAD "kill-thread"
%token TRAP "trap" TRACE "trace" LOG "log" USER_NOTIFY "user-notify" RETURN "return"
%token EQ "==" NE "!=" LE "<=" GE ">=" LT "<" GT ">" MASK "&" IN "in"
%token OROR "||" ANDAND "&&"
%token INCLUDE "@include" FREQUENCY "@frequency" DEFAULT "@default" DENYLIST "@denylist"
%token NEWLINE "end of line"
%token START_POLICY START_FREQUENCY START_VALUE

%type <value> value term primary
%type <op> op
%type <atom> atom
%type <atoms> clause
%type <clauses> expr
%type <action> action
%type <filter> single_filter
%type <filters> filter filter_list
%type <str> name
%type <desc> descriptor
%type <descs> descriptors descriptor_list
%type <meta> meta
%type <metas> metadata meta_list
%type <mvals> meta_values

%%

file
	: START_POLICY policy_lines
	| START_FREQUENCY freq_lines
	| START_VALUE value NEWLINE { p->value = $2; }
	;

policy_lines
	: %empty
	| policy_lines policy_line
	;

policy_line
	: NEWLINE
	| statement NEWLINE
	| error NEWLINE { yyerrok; p->paren_depth = 0; if (sg_diag_saturated(p->diag)) YYABORT; }
	;

statement
	: INCLUDE PATH {
		struct sg_stmt *s = new_stmt(p, SG_STMT_INCLUDE, &@$);
		s->u.include.path = $2;
		s->u.include.path_loc = @2;
		add_stmt(p, s);
	}
	| FREQUENCY PATH {
		struct sg_stmt *s = new_stmt(p, SG_STMT_FREQUENCY, &@$);
		s->u.include.path = $2;
		s->u.include.path_loc = @2;
		add_stmt(p, s);
	}
	| DEFAULT action {
		struct sg_stmt *s = new_stmt(p, SG_STMT_DEFAULT, &@$);
		s->u.action = $2;
		add_stmt(p, s);
	}
	| DENYLIST {
		add_stmt(p, new_stmt(p, SG_STMT_DENYLIST, &@$));
	}
	| descriptors ':' filter {
		struct sg_stmt *s = new_stmt(p, SG_STMT_FILTER, &@$);
		s->u.filter.descs = $1.v;
		s->u.filter.ndescs = $1.n;
		s->u.filter.filters = $3.v;
		s->u.filter.nfilters = $3.n;
		s->u.filter.colon = @2;
		add_stmt(p, s);
	}
	;

descriptors
	: descriptor { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| '{' descriptor_list '}' { $$ = $2; }
	;

descriptor_list
	: descriptor { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| descriptor_list ',' descriptor { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

descriptor
	: name metadata {
		memset(&$$, 0, sizeof($$));
		$$.name = $1;
		$$.loc = @1;
		$$.meta = $2.v;
		$$.nmeta = $2.n;
	}
	;

/* `kill` is both an action and a syscall; as a name it is the syscall. */
name
	: IDENT { $$ = $1; }
	| KILL { $$ = "kill"; }
	;

metadata
	: %empty { $$.v = NULL; $$.n = $$.cap = 0; }
	| '[' meta_list ']' { $$ = $2; }
	;

meta_list
	: meta { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| meta_list ';' meta { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

meta
	: IDENT '=' meta_values { $$.key = $1; $$.key_loc = @1; $$.values = $3.v; $$.nvalues = $3.n; }
	;

meta_values
	: IDENT { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = (struct sg_meta_value){ $1, @1 }; }
	| meta_values ',' IDENT { $$ = $1; PUSH($$.v, $$.n, $$.cap) = (struct sg_meta_value){ $3, @3 }; }
	;

filter
	: single_filter { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| '{' filter_list '}' { $$ = $2; }
	;

filter_list
	: single_filter { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| filter_list ',' single_filter { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

single_filter
	: action { memset(&$$, 0, sizeof($$)); $$.action = $1; $$.loc = @$; }
	| expr {
		memset(&$$, 0, sizeof($$));
		$$.clauses = $1.v;
		$$.nclauses = $1.n;
		$$.action.kind = SG_ACT_ALLOW;
		$$.action.loc = @1;
		$$.loc = @$;
	}
	| expr ';' action {
		memset(&$$, 0, sizeof($$));
		$$.clauses = $1.v;
		$$.nclauses = $1.n;
		$$.action = $3;
		$$.loc = @$;
	}
	;

expr
	: clause {
		$$.v = NULL; $$.n = $$.cap = 0;
		struct sg_clause *c = &PUSH($$.v, $$.n, $$.cap);
		c->atoms = $1.v;
		c->natoms = $1.n;
	}
	| expr OROR clause {
		$$ = $1;
		struct sg_clause *c = &PUSH($$.v, $$.n, $$.cap);
		c->atoms = $3.v;
		c->natoms = $3.n;
	}
	;

clause
	: atom { $$.v = NULL; $$.n = $$.cap = 0; PUSH($$.v, $$.n, $$.cap) = $1; }
	| clause ANDAND atom { $$ = $1; PUSH($$.v, $$.n, $$.cap) = $3; }
	;

atom
	: ARG op value {
		memset(&$$, 0, sizeof($$));
		$$.arg = $1;
		$$.arg_loc = @1;
		$$.op = $2;
		$$.value = $3;
		$$.loc = @$;
	}
	;

op
	: EQ { $$ = SG_OP_EQ; }
	| NE { $$ = SG_OP_NE; }
	| LT { $$ = SG_OP_LT; }
	| LE { $$ = SG_OP_LE; }
	| GT { $$ = SG_OP_GT; }
	| GE { $$ = SG_OP_GE; }
	| MASK { $$ = SG_OP_MASK; }
	| IN { $$ = SG_OP_IN; }
	;

value
	: term
	| value '|' term {
		/* Left recursion keeps bison's stack flat; appending to the
		 * chain keeps the tree flat too. */
		if ($1->kind == SG_VAL_OR && !$1->grouped) {
			$$ = $1;
			$$->loc = @$;
		} else {
			$$ = new_value(p, SG_VAL_OR, &@$);
			PUSH($$->u.or.terms, $$->u.or.n, $$->u.or.cap) = $1;
		}
		PUSH($$->u.or.terms, $$->u.or.n, $$->u.or.cap) = $3;
	}
	;

term
	: primary
	| '~' primary {
		$$ = new_value(p, SG_VAL_NOT, &@$);
		$$->u.operand = $2;
	}
	;

primary
	: NUMBER { $$ = new_value(p, SG_VAL_NUMBER, &@$); $$->u.num = $1; }
	| IDENT { $$ = new_value(p, SG_VAL_NAME, &@$); $$->u.name = $1; }
	| '(' {
		if (p->paren_depth == SG_MAX_PAREN_DEPTH) {
			sg_error(p->diag, &@1, "expression nested too deeply: more than %d levels of parentheses",
				 SG_MAX_PAREN_DEPTH);
			YYERROR;
		}
		/* Where each open '(' is, for a note when one is not closed. */
		if (!p->paren_locs)
			p->paren_locs = sg_alloc_array(p->arena, SG_MAX_PAREN_DEPTH, sizeof(*p->paren_locs));
		p->paren_locs[p->paren_depth++] = @1;
	} value ')' { p->paren_depth--; $$ = $3; $$->grouped = 1; }
	;

action
	: ALLOW { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_ALLOW; $$.loc = @$; }
	| KILL { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_KILL; $$.loc = @$; }
	| KILL_PROCESS { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_KILL_PROCESS; $$.loc = @$; }
	| KILL_THREAD { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_KILL_THREAD; $$.loc = @$; }
	| TRAP { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_TRAP; $$.loc = @$; }
	| TRACE { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_TRACE; $$.loc = @$; }
	| LOG { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_LOG; $$.loc = @$; }
	| USER_NOTIFY { memset(&$$, 0, sizeof($$)); $$.kind = SG_ACT_USER_NOTIFY; $$.loc = @$; }
	| RETURN primary_single {
		memset(&$$, 0, sizeof($$));
		$$.kind = SG_ACT_RETURN;
		$$.value = $<value>2;
		$$.loc = @$;
	}
	| NUMBER {
		memset(&$$, 0, sizeof($$));
		$$.kind = SG_ACT_NUMBER;
		$$.value = new_value(p, SG_VAL_NUMBER, &@1);
		$$.value->u.num = $1;
		$$.loc = @$;
	}
	;

/* `return` takes one constant, as in minijail: a number or a name. */
primary_single
	: NUMBER { $<value>$ = new_value(p, SG_VAL_NUMBER, &@$); $<value>$->u.num = $1; }
	| IDENT { $<value>$ = new_value(p, SG_VAL_NAME, &@$); $<value>$->u.name = $1; }
	;

freq_lines
	: %empty
	| freq_lines freq_line
	;

freq_line
	: NEWLINE
	| descriptor ':' NUMBER NEWLINE {
		struct sg_freq_entry *e = &PUSH(p->freq, p->nfreq, p->freq_cap);
		e->desc = $1;
		e->weight = $3;
		e->weight_loc = @3;
	}
	| error NEWLINE { yyerrok; if (sg_diag_saturated(p->diag)) YYABORT; }
	;

%%

static struct sg_value *new_value(struct sg_parser *p, enum sg_value_kind kind, const SG_YYLTYPE *loc)
{
	struct sg_value *v = sg_alloc(p->arena, sizeof(*v));
	v->kind = kind;
	v->loc = *loc;
	return v;
}

static struct sg_stmt *new_stmt(struct sg_parser *p, enum sg_stmt_kind kind, const SG_YYLTYPE *loc)
{
	struct sg_stmt *s = sg_alloc(p->arena, sizeof(*s));
	s->kind = kind;
	s->loc = *loc;
	return s;
}

static void add_stmt(struct sg_parser *p, struct sg_stmt *s)
{
	*p->tail = s;
	p->tail = &s->next;
}

static void sg_yyerror(const SG_YYLTYPE *loc, void *scanner, struct sg_parser *p, const char *msg)
{
	(void)scanner;
	/* The only message bison itself produces with parse.error custom is
	 * stack exhaustion, which only deep parenthesis nesting can cause. */
	if (strstr(msg, "exhausted"))
		sg_error(p->diag, loc, "expression nested too deeply");
	else
		sg_error(p->diag, loc, "%s", msg);
}

static const char *action_at(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* "'=='" from bison's quoted alias "\"==\"", "':'" stays. */
static const char *token_display(const char *name, char *buf, size_t size)
{
	size_t len = strlen(name);
	if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
		const char *inner = name + 1;
		int quote = !(strcmp(name, "\"name\"") == 0 || strcmp(name, "\"number\"") == 0 ||
			      strcmp(name, "\"path\"") == 0 || strcmp(name, "\"argument\"") == 0 ||
			      strcmp(name, "\"end of line\"") == 0);
		snprintf(buf, size, quote ? "'%.*s'" : "%.*s", (int)(len - 2), inner);
		return buf;
	}
	if (strcmp(name, "end of file") == 0 || strcmp(name, "\"end of file\"") == 0)
		return "end of file";
	return name;
}

/* What a new user most often gets wrong, where the parser stops: a
 * misspelt action, '=' for '=='. */
static void syntax_hint(const yypcontext_t *ctx, struct sg_parser *p, yysymbol_kind_t got, char *hint, size_t size)
{
	static const char *const actions[] = { "allow", "kill", "kill-process", "kill-thread", "trap",
					      "trace", "log", "user-notify", "return" };
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
	int want_action = 0, want_op = 0, want_arg = 0;
	for (int i = 0; i < n; i++) {
		want_action |= expected[i] == YYSYMBOL_ALLOW;
		want_arg |= expected[i] == YYSYMBOL_ARG;
		want_op |= expected[i] == YYSYMBOL_EQ;
	}
	if (want_op && strcmp(yysymbol_name(got), "'='") == 0) {
		snprintf(hint, size, "; did you mean '=='?");
	} else if (want_action && got == YYSYMBOL_IDENT) {
		char word[48];
		snprintf(word, sizeof(word), "%.*s", (int)(p->tok_len < 47 ? p->tok_len : 47),
			 p->src->text + p->base + p->tok_off);
		const char *near = sg_suggest(word, sizeof(actions) / sizeof(actions[0]), action_at, actions);
		const char *list = "allow, kill, kill-process, kill-thread, trap, trace, log, user-notify or return ERRNO";
		if (near)
			snprintf(hint, size, "; did you mean '%s'? (an action is %s)", near, list);
		else
			snprintf(hint, size, "; expected %san action (%s)", want_arg ? "a comparison (argN OP VALUE) or " : "",
				 list);
	}
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, struct sg_parser *p)
{
	(void)scanner;
	yysymbol_kind_t got = yypcontext_token(ctx);
	const SG_YYLTYPE *loc = yypcontext_location(ctx);
	/* The scanner already reported an invalid character or number. */
	if (got == YYSYMBOL_YYUNDEF)
		return 0;
	char what[128], b1[64];
	if (got == YYSYMBOL_NEWLINE || got == YYSYMBOL_YYEOF)
		snprintf(what, sizeof(what), "end of line");
	else if (p->tok_len <= 40)
		snprintf(what, sizeof(what), "'%.*s'", (int)p->tok_len, p->src->text + p->base + p->tok_off);
	else
		snprintf(what, sizeof(what), "%s", token_display(yysymbol_name(got), b1, sizeof(b1)));

	yysymbol_kind_t expected[6];
	int n = yypcontext_expected_tokens(ctx, expected, 6);
	char exp[256] = "";
	if (n > 0 && n <= 5) {
		size_t len = 0;
		for (int i = 0; i < n; i++) {
			char b[64];
			len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s",
						i == 0 ? "; expected " : i == n - 1 ? " or " : ", ",
						token_display(yysymbol_name(expected[i]), b, sizeof(b)));
			if (len >= sizeof(exp))
				break;
		}
	}
	char hint[256] = "";
	syntax_hint(ctx, p, got, hint, sizeof(hint));
	sg_error(p->diag, loc, "unexpected %s%s%s", what, exp, hint);
	/* At the end of a line, an open '(' is likely what is wrong. */
	if ((got == YYSYMBOL_NEWLINE || got == YYSYMBOL_YYEOF) && p->paren_depth > 0)
		sg_note(p->diag, &p->paren_locs[p->paren_depth - 1], "this '(' is not closed");
	return 0;
}

int sg_parse_scan(struct sg_parser *p);

int sg_parse(struct sg_parser *p, struct sg_arena *arena, struct sg_diag *diag,
	     struct sg_source *src, enum sg_file_kind kind)
{
	memset(p, 0, sizeof(*p));
	p->arena = arena;
	p->diag = diag;
	p->src = src;
	p->line = p->col = 1;
	p->tail = &p->stmts;
	p->start_token = kind == SG_POLICY_FILE ? START_POLICY : START_FREQUENCY;
	p->scan_len = src->len;
	unsigned before = diag->errors;
	int rc = sg_parse_scan(p);
	return rc != 0 || diag->errors != before;
}

struct sg_value *sg_parse_value(struct sg_arena *arena, struct sg_diag *diag, struct sg_source *src,
				size_t off, size_t len, int line, int col)
{
	struct sg_parser p;
	memset(&p, 0, sizeof(p));
	p.arena = arena;
	p.diag = diag;
	p.src = src;
	p.line = line;
	p.col = col;
	p.base = off;
	p.scan_len = len;
	p.tail = &p.stmts;
	p.start_token = START_VALUE;
	unsigned before = diag->errors;
	if (sg_parse_scan(&p) != 0 || diag->errors != before)
		return NULL;
	return p.value;
}
