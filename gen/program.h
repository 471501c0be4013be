/* A generated BPF program with, for each instruction, a note saying what
 * it does and which policy line it came from (for the C comments and the
 * disassembly). */
#ifndef SG_PROGRAM_H
#define SG_PROGRAM_H

#include "arch/arch.h"
#include "gen/bpf.h"
#include "grammar/source.h"

struct sg_note {
	const char *text;         /* "arch", "nr >= 17", "args[0] lo", ... */
	const struct sg_loc *loc; /* policy line, or NULL */
};

struct sg_program {
	const char *name; /* symbol prefix and table name */
	const char *policy_path;
	const struct sg_arch *arch;
	struct sg_insn *insns;
	struct sg_note *notes;
	size_t len;
};

#endif
