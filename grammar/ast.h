/* The syntax tree of a policy, as the parser builds it: statements in
 * source order, with every node located.  Names are not resolved here;
 * that needs a target arch and is gen/ir/resolve.c's job. */
#ifndef SG_AST_H
#define SG_AST_H

#include <stddef.h>
#include <stdint.h>

#include "support/source.h"

/* A numeric literal as written: magnitude and sign.  Whether it fits the
 * target word is decided at resolution. */
struct sg_numlit {
	uint64_t mag;
	unsigned char negative;
	unsigned char overflow; /* magnitude does not fit 64 bits */
};

enum sg_value_kind {
	SG_VAL_NUMBER, /* 42, 0x2a, 052, -1 */
	SG_VAL_NAME,   /* O_RDONLY */
	SG_VAL_OR,     /* a | b | c: one node with every term */
	SG_VAL_NOT,    /* ~a */
};

/* A `|` chain is one flat node, not a nested binary one, so that a
 * generated 200,000-term constant costs no stack to build or walk; only
 * parentheses nest, and the parser bounds them (SG_MAX_PAREN_DEPTH). */
struct sg_value {
	enum sg_value_kind kind;
	unsigned char grouped; /* written in parentheses: a later `|` starts a new node */
	struct sg_loc loc;
	union {
		struct sg_numlit num;
		const char *name;
		struct {
			struct sg_value **terms;
			size_t n, cap;
		} or;
		struct sg_value *operand;
	} u;
};

/* Parentheses nested deeper than this are an error: no real constant
 * needs more than a few, and the bound keeps every walk of a value
 * shallow. */
#define SG_MAX_PAREN_DEPTH 256

/* SG_OP_MASKED_EQ, (arg & mask) == value, has no syntax in the policy
 * language: it comes from seccompiler's masked_eq (grammar/seccompiler.c). */
enum sg_op { SG_OP_EQ, SG_OP_NE, SG_OP_LT, SG_OP_LE, SG_OP_GT, SG_OP_GE, SG_OP_MASK, SG_OP_IN,
	     SG_OP_MASKED_EQ };

/* argN OP value */
struct sg_atom {
	unsigned arg;
	enum sg_op op;
	struct sg_value *value;
	struct sg_loc loc, arg_loc;
	struct sg_value *mask; /* SG_OP_MASKED_EQ */
	/* The bits of the argument compared: 0 for the target's word (the
	 * policy language), 32 for the low 32 bits only (seccompiler's
	 * "dword"), 64 for all 64 ("qword"). */
	unsigned width;
};

/* a && b && c */
struct sg_clause {
	struct sg_atom *atoms;
	size_t natoms;
};

enum sg_action_kind {
	SG_ACT_ALLOW,
	SG_ACT_KILL, /* the kill action chosen by the options */
	SG_ACT_KILL_PROCESS,
	SG_ACT_KILL_THREAD,
	SG_ACT_TRAP,
	SG_ACT_TRACE, /* value: NULL, or the data for the tracer (seccompiler's {"trace": N}) */
	SG_ACT_LOG,
	SG_ACT_USER_NOTIFY,
	SG_ACT_RETURN, /* return VALUE: SECCOMP_RET_ERRNO */
	SG_ACT_NUMBER, /* a numeric literal: only 1, meaning allow */
};

struct sg_action {
	enum sg_action_kind kind;
	struct sg_value *value; /* RETURN, NUMBER, and TRACE with data */
	struct sg_loc loc;
};

/* One entry of a filter: an expression in disjunctive normal form (none:
 * unconditional) and the action taken when it holds. */
struct sg_filter {
	struct sg_clause *clauses;
	size_t nclauses;
	struct sg_action action;
	struct sg_loc loc;
};

/* [arch=x86_64,arm64] */
struct sg_meta_value {
	const char *name;
	struct sg_loc loc;
};

struct sg_meta {
	const char *key;
	struct sg_loc key_loc;
	struct sg_meta_value *values;
	size_t nvalues;
};

/* A syscall name with optional metadata. */
struct sg_descriptor {
	const char *name;
	struct sg_loc loc;
	struct sg_meta *meta;
	size_t nmeta;
};

/* name: N in a @frequency file. */
struct sg_freq_entry {
	struct sg_descriptor desc;
	struct sg_numlit weight;
	struct sg_loc weight_loc;
};

struct sg_file;

enum sg_stmt_kind {
	SG_STMT_FILTER,    /* names: filter */
	SG_STMT_INCLUDE,   /* @include PATH */
	SG_STMT_FREQUENCY, /* @frequency PATH */
	SG_STMT_DEFAULT,   /* @default ACTION */
	SG_STMT_DENYLIST,  /* @denylist */
};

struct sg_stmt {
	enum sg_stmt_kind kind;
	struct sg_loc loc;
	struct sg_stmt *next;
	union {
		struct {
			struct sg_descriptor *descs;
			size_t ndescs;
			struct sg_filter *filters;
			size_t nfilters;
			struct sg_loc colon;
		} filter;
		struct {
			const char *path;
			struct sg_loc path_loc;
			struct sg_file *file;             /* INCLUDE: set by the loader */
			struct sg_freq_entry *entries;    /* FREQUENCY: set by the loader */
			size_t nentries;
		} include;
		struct sg_action action; /* DEFAULT */
	} u;
};

/* A parsed file.  A file included twice is parsed twice: each inclusion
 * has its own include chain for diagnostics. */
struct sg_file {
	struct sg_source *src;
	struct sg_stmt *stmts;
	/* Every file path read while loading (policy and frequency files), in
	 * the order read: for dependency files.  Set on the top file only. */
	const char **deps;
	size_t ndeps;
	/* The default action may be any action, not only a kill action as
	 * after @default: seccompiler's default_action (grammar/seccompiler.c). */
	int permissive_default;
	/* Syscall number -1 on x86_64 gets the default action, not the kill
	 * action of x32 numbers: libseccomp's reading (container profiles). */
	int minus_one_default;
};

#endif
