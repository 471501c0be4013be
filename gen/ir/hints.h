/* Diagnostics that say what to write instead: for a syscall an arch does
 * not have, its well-known replacement there; for an errno name, the
 * closest one. */
#ifndef SG_HINTS_H
#define SG_HINTS_H

#include "arch/arch.h"

struct sg_diag;
struct sg_loc;

/* "unknown syscall 'open' on aarch64, which has 'openat' in its place;
 * 'open[arch=x86_64,x86,arm]' limits a line to the arches that have it",
 * or "...; did you mean 'X'?", at loc. */
void sg_unknown_syscall(struct sg_diag *diag, const struct sg_arch *arch, const struct sg_loc *loc,
			const char *name);

/* The closest errno name (E...) of arch to name, or NULL. */
const char *sg_suggest_errno(const struct sg_arch *arch, const char *name);

#endif
