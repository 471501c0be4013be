/* A generated BPF program with, for each instruction, a note saying what
 * it does and which policy line it came from (for the C comments and the
 * disassembly). */
#ifndef SG_PROGRAM_H
#define SG_PROGRAM_H

#include "arch/arch.h"
#include "gen/bpf/bpf.h"
#include "gen/ir/ir.h"
#include "support/source.h"

/* What an instruction does, kept as data and only made text by the
 * writers (sg_note_text), so that compiling costs no formatting. */
enum sg_note_kind {
	SG_NOTE_NONE,
	SG_NOTE_TEXT,  /* text */
	SG_NOTE_ARCH,  /* arch == <arch> */
	SG_NOTE_SPLIT, /* nr >= value (text: the syscall there, count: how many) */
	SG_NOTE_NR_EQ, /* nr == value (text: its name) */
	SG_NOTE_NR_BITS, /* nr & value != 0 (text: a syscall it holds) */
	SG_NOTE_ATOM,  /* the comparison of atom */
	SG_NOTE_WORD,  /* a load of atom's argument, half: 1 high, 0 low */
};

struct sg_note {
	unsigned char kind, half;
	const char *text;
	const struct sg_ir_atom *atom;
	uint32_t value;
	size_t count;
	const struct sg_loc *loc; /* policy line, or NULL */
	unsigned owner; /* 1 + the id of the decision whose code it is; 0: the dispatch */
};

/* The note as text ("nr >= 17 (pread64)", "args[0] hi"); buf is used
 * when formatting is needed.  NULL for no note. */
const char *sg_note_text(const struct sg_note *note, const struct sg_arch *arch, char *buf, size_t size);

struct sg_program {
	const char *name; /* symbol prefix and table name */
	const char *policy_path;
	const struct sg_arch *arch;
	struct sg_insn *insns;
	struct sg_note *notes;
	size_t len;
	/* A multi-arch program (gen/backend/multiarch.c): every arch, in dispatch
	 * order; arch is the first.  NULL and 0 for a single-arch one. */
	const struct sg_arch *const *arches;
	size_t narches;
};

#endif
