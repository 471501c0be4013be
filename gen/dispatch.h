/* Dispatch layout: the syscall-number space [0, 2^32) cut into ranges of
 * equal decision, and the search tree over them that the program walks
 * with JGE instructions. */
#ifndef SG_DISPATCH_H
#define SG_DISPATCH_H

#include "gen/ir.h"

struct sg_arena;

struct sg_range {
	uint32_t lo, hi;                      /* inclusive */
	const struct sg_ir_decision *decision;
	uint64_t weight;                      /* sum of the syscalls' weights */
	const struct sg_ir_syscall *first;    /* first named syscall in it, if any */
	size_t nsyscalls;
};

/* A leaf is one range; a node tests nr >= split (true: right). */
struct sg_dnode {
	int leaf;
	size_t range;       /* leaf */
	uint32_t split;     /* node */
	struct sg_dnode *left, *right;
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
