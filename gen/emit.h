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
/* Instruction pc as the 8 bytes of a struct sock_filter in the target's
 * byte order (what -f raw writes). */
void sg_insn_bytes(const struct sg_program *prog, size_t pc, unsigned char b[8]);
/* minijail's --output-header-file: NAME_binary_seccomp_policy[] and
 * NAME_seccomp_bpf_program (gen/emit_minijail.c). */
void sg_write_minijail_header(FILE *out, const struct sg_program *prog, const char *name);
void sg_write_dump(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n);

/* One instruction in assembler form ("jeq #0x3c, 5, 7"), jump targets as
 * absolute instruction numbers. */
const char *sg_disasm(const struct sg_insn *insn, size_t pc, char *buf, size_t size);

#endif
