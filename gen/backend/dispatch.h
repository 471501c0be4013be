/* Dispatch layout: the syscall-number space [0, 2^32) cut into ranges of
 * equal decision, and the search tree over them that the program walks
 * with JGE instructions. */
#ifndef SG_DISPATCH_H
#define SG_DISPATCH_H

#include "gen/ir/ir.h"

struct sg_arena;

struct sg_range {
	uint32_t lo, hi;                      /* inclusive */
	const struct sg_ir_decision *decision;
	uint64_t weight;                      /* sum of the syscalls' weights */
	const struct sg_ir_syscall *first;    /* first named syscall in it, if any */
	size_t nsyscalls;
};

/* A leaf is one range; a node tests nr >= split (true: right); a chain
 * tests nr == each of its single-number ranges in turn, and sends every
 * other number to the range `range` (they all share its decision); a bit
 * test (JSET) sends the numbers with a bit of `mask` set to the range
 * `range` and the others to `other`, which is right for every number of
 * its ranges, and only for those: the splits above it bound nr. */
enum sg_dnode_kind { SG_DLEAF, SG_DSPLIT, SG_DCHAIN, SG_DBITS };

struct sg_dnode {
	enum sg_dnode_kind kind;
	size_t range;       /* leaf; split: the first on the right; chain: the
			     * fallback; bits: where a bit is set */
	size_t other;       /* bits: where none is */
	uint32_t split;     /* split */
	uint32_t mask;      /* bits */
	struct sg_dnode *left, *right;
	size_t *tests;      /* chain: ranges tested, in order */
	size_t ntests;
};

struct sg_dispatch {
	struct sg_range *ranges;
	size_t nranges;
	struct sg_dnode *root;
	const struct sg_ir_decision **decisions; /* distinct ones; decision->id indexes this */
	size_t ndecisions;
	uint64_t cost; /* weighted comparisons of the tree (for reports) */
};

struct sg_dispatch *sg_dispatch_build(struct sg_arena *arena, struct sg_ir_program *p);

#endif
