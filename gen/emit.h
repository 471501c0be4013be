/* The writers: C source, C header, raw BPF and a readable listing. */
#ifndef SG_EMIT_H
#define SG_EMIT_H

#include <stdio.h>

#include "gen/program.h"

struct sg_arena;

/* table: symbol prefix of the name-to-program table ("<table>_filters"),
 * or NULL for none. */
void sg_write_c(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n,
		const char *table);
void sg_write_header(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n,
		     const char *table);
void sg_write_raw(FILE *out, const struct sg_program *prog);
void sg_write_dump(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n);

/* One instruction in assembler form ("jeq #0x3c, 5, 7"), jump targets as
 * absolute instruction numbers. */
const char *sg_disasm(const struct sg_insn *insn, size_t pc, char *buf, size_t size);

#endif
