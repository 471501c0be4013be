/* gen/write/: a checked BPF program in, output files out. */
/* The writers: C source, C header, raw BPF and a readable listing. */
#ifndef SG_EMIT_H
#define SG_EMIT_H

#include <stdio.h>

#include "gen/backend/program.h"

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
 * NAME_seccomp_bpf_program (gen/write/emit_minijail.c). */
void sg_write_minijail_header(FILE *out, const struct sg_program *prog, const char *name);
/* Firecracker's --seccomp-filter file (gen/write/emit_firecracker.c): the map
 * from thread category to program, in bitcode 0.6's serde encoding, or
 * with bincode set in bincode 1's (Firecracker up to v1.14).  The
 * programs must be exactly vmm, api and vcpu, for a little-endian arch;
 * otherwise, or past SG_FIRECRACKER_MAX_BYTES, an error is printed and
 * -1 returned. */
#define SG_FIRECRACKER_MAX_BYTES 100000
int sg_write_firecracker(FILE *out, struct sg_program *const *progs, size_t n, int bincode);

/* The encoding itself, of any map: keys and u64 instructions.  Returns
 * the bytes (malloc'd) and their number in *len. */
struct sg_fc_entry {
	const char *key;
	const uint64_t *insns;
	size_t n;
};
unsigned char *sg_firecracker_encode(const struct sg_fc_entry *entries, size_t n, int bincode, size_t *len);

/* -f oci (gen/write/emit_oci.c): a Docker/OCI seccomp profile, JSON, that means
 * what the programs of irs (one per arch, in dispatch order) decide, once
 * libseccomp compiles it as crun and runc do.  Returns the text (in a), or
 * NULL after reporting what a profile cannot say at its policy line. */
struct sg_diag;
const char *sg_oci_profile(struct sg_arena *a, struct sg_diag *diag, struct sg_ir_program *const *irs, size_t n);

void sg_write_dump(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n);

/* One instruction in assembler form ("jeq #0x3c, 5, 7"), jump targets as
 * absolute instruction numbers. */
const char *sg_disasm(const struct sg_insn *insn, size_t pc, char *buf, size_t size);

#endif
