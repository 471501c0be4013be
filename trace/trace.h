/* trace/: a command or a log in, a policy out (record/, logs/, policy/). */
/* seccomp-gen-trace: a first policy from a real run.  Calls come in from
 * the eBPF runner (trace/record/bpf.c, counting in the kernel with
 * trace/record/recorder.bpf.c) or the ptrace runner
 * (trace/record/ptrace.c), an strace log (trace/logs/from_strace.c),
 * an audit log (trace/logs/from_audit.c) or an earlier output (trace/policy/merge.c),
 * are counted by the recorder (trace/record/record.c), and written out as a
 * policy (trace/policy/write_policy.c). */
#ifndef SG_TRACE_H
#define SG_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"

struct sg_arena;

/* One syscall as a source saw it. */
struct tr_call {
	const struct sg_arch *arch; /* NULL: an ABI with no table (reported, not written) */
	uint32_t audit_arch;        /* as the kernel reports it */
	uint64_t nr;
	uint64_t args[6];
	unsigned known;  /* bit i: args[i] is known (an strace or audit log may not say) */
	uint64_t count;  /* calls this stands for (1, or a count from an earlier output) */
};

/* ---- argument filters (trace/record/argfilter.c) ---- */

enum tr_arg_kind {
	TR_ARG_EQ,   /* arg == A || arg == B ... */
	TR_ARG_MASK, /* arg in MASK: no bit outside what the run used */
};

struct tr_family; /* how values get names */

struct tr_argrule {
	const char *syscall;
	unsigned arg;
	enum tr_arg_kind kind;
	const struct tr_family *family;
};

/* The argument the policy filters for this syscall, or NULL. */
const struct tr_argrule *tr_argrule_find(const char *syscall);

/* A value as the policy writes it: a name from a's tables where exactly
 * one fits (or a|b|c of flag names), else a number.  *alts gets, when the
 * number stands for several names, "FIONREAD, SIOCINQ or TIOCINQ" (else
 * NULL). */
const char *tr_value_text(struct sg_arena *ar, const struct sg_arch *a, const struct tr_family *f, uint64_t v,
			  const char **alts);

/* The condition of a TR_ARG_MASK rule (mmap's and mprotect's protection)
 * that admits each of the n values and every value with no bit outside
 * one of the nfloors masks (read back by --merge), keeping write-xor-exec
 * wherever they do:
 *   no value with PROT_EXEC:      "arg2 in ~PROT_EXEC"
 *   executable ones too:          "arg2 in ~PROT_EXEC || arg2 in PROT_READ|PROT_EXEC"
 *                                 (the union of the executable values, and
 *                                 each executable floor apart; the first
 *                                 clause only where they do not admit the
 *                                 other values already)
 * The executable masks have PROT_WRITE only where a value or floor with
 * PROT_EXEC had it; then *wx says which (else *wx is NULL). */
const char *tr_mask_cond(struct sg_arena *ar, const struct sg_arch *a, const struct tr_argrule *r,
			 const uint64_t *values, size_t n, const uint64_t *floors, size_t nfloors, const char **wx);

/* ---- the recorder (trace/record/record.c) ---- */

#define TR_MAX_VALUES 32 /* more distinct values: the syscall is left unconditional */

struct tr_value {
	uint64_t value;
	uint64_t count;
};

struct tr_sys {
	const struct sg_arch *arch;
	uint32_t audit_arch;
	uint64_t nr;
	uint64_t count;
	const struct tr_argrule *rule; /* NULL: unconditional */
	struct tr_value *values;       /* distinct values of rule->arg, in order of first sight */
	size_t nvalues, cap;
	uint64_t unfiltered; /* calls whose argument was unknown: the syscall stays unconditional */
	uint64_t *floors;    /* TR_ARG_MASK: masks read back by --merge, each admitting */
	size_t nfloors, floors_cap; /* every value with no bit outside it, whatever the values */
	int overflow;        /* more than TR_MAX_VALUES distinct values */
};

struct tr_recorder;

/* A compiled policy whose allowed calls are left out (--base). */
struct tr_base;

struct tr_recorder *tr_recorder_new(struct sg_arena *a);
void tr_recorder_add_base(struct tr_recorder *r, struct tr_base *b);
void tr_record(struct tr_recorder *r, const struct tr_call *c);

/* Every distinct syscall seen (not left out by a base), in no order. */
struct tr_sys **tr_recorder_list(struct tr_recorder *r, size_t *n);

/* Calls a base allowed, and x32 calls, for the summary. */
uint64_t tr_recorder_covered(const struct tr_recorder *r);
uint64_t tr_recorder_total(const struct tr_recorder *r);

/* ---- bases (trace/policy/base.c) ---- */

/* Compiles path for each of arches; NULL after printing errors. */
struct tr_base *tr_base_load(struct sg_arena *a, const char *path);

/* Whether the base allows c for every value of the arguments c does not know. */
int tr_base_allows(struct tr_base *b, const struct tr_call *c);

/* The arguments the bases' decisions for syscall nr of a read (bit i:
 * argument i), for a recorder that keeps only some arguments. */
unsigned tr_recorder_base_args(const struct tr_recorder *r, const struct sg_arch *a, uint64_t nr);
unsigned tr_base_args_read(struct tr_base *b, const struct sg_arch *a, uint64_t nr);

/* ---- running the command (trace/record/command.c) ---- */

/* The command as execvp(3) finds it; NULL after saying why, with the
 * exit status for it in *rc (127: not found, 126: not executable). */
char *tr_find_command(struct sg_arena *a, const char *cmd, int *rc);

/* ---- the ptrace runner (trace/record/ptrace.c) ---- */

/* Runs argv[0] (looked up in PATH) under ptrace, recording every syscall
 * of it and its threads and children.  Returns 0 with the command's wait
 * status in *status, or an exit status for seccomp-gen-trace (126, 127: the
 * command cannot be run; 1: ptrace failed) after printing why. */
int tr_run(char **argv, struct tr_recorder *rec, int *status);

/* ---- the eBPF runner (trace/record/bpf.c; trace/record/bpf-none.c in a
 * build without it) ---- */

struct tr_bpf;

/* Whether this build has the eBPF recorder, and if not, why. */
extern const char *const tr_bpf_missing;

/* Loads and attaches the program that counts the calls, set up for the
 * recorder's argument filters and bases.  Returns 0, or -1 with the
 * reason in *why (no privileges, no BTF, ...) and nothing printed. */
int tr_bpf_open(struct sg_arena *a, struct tr_recorder *rec, struct tr_bpf **out, const char **why);

/* As tr_run(): runs argv[0] and records every syscall of it and of its
 * threads and descendants, until the last of them has exited. */
int tr_bpf_run(struct tr_bpf *b, char **argv, struct tr_recorder *rec, int *status);

/* Detaches and unloads the program (NULL: nothing). */
void tr_bpf_close(struct tr_bpf *b);

/* How long tr_bpf_open() took, in milliseconds. */
double tr_bpf_load_ms(const struct tr_bpf *b);

/* ---- the writer (trace/policy/write_policy.c) ---- */

struct tr_write_options {
	const char *output;     /* NULL or "-": standard output */
	const char *frequency;  /* NULL, or the @frequency file to write beside */
	const struct sg_arch *const *arches; /* the arches written; NULL: every arch seen */
	size_t narches;
	const char *const *sources; /* what the calls came from, for the header comment */
	size_t nsources;
};

/* Returns 0, or 1 after printing why (nothing is left written). */
int tr_write_policy(struct sg_arena *a, struct tr_recorder *rec, const struct tr_write_options *o);

/* The arches the policy is written for (w holds 16): o's, else every
 * arch the calls came through, in seccomp-gen's order. */
size_t tr_written_arches(struct tr_recorder *rec, const struct tr_write_options *o, const struct sg_arch **w);

/* --format oci: the same policy compiled for those arches (the host's
 * when there were no calls) and written to o->output as a Docker/OCI
 * seccomp profile (gen/write/emit_oci.c).  Returns 0, or 1 after
 * printing why (nothing is left written). */
int tr_write_profile(struct sg_arena *a, struct tr_recorder *rec, const struct tr_write_options *o);

/* ---- other sources ---- */

/* Each returns 0, or 1 after a located error (file:line:col: error: ...).
 * tr_merge's statements without [arch=...] are for arches (NULL: every
 * arch the file's tags name, or the host's where it names none). */
int tr_from_strace(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *arch);
int tr_from_audit(struct sg_arena *a, struct tr_recorder *rec, const char *path);
int tr_merge(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *const *arches,
	     size_t narches);

/* A value as logs and comments write it: numbers (decimal, 0x hex, 0
 * octal, negative) and a's constant names joined by '|'; a C comment
 * after a number (strace -X verbose: 0x5401 and TCGETS in a comment) is
 * ignored.  Returns 0, or -1 if some part is neither. */
int tr_parse_value(const struct sg_arch *a, const char *s, size_t len, uint64_t *out);

/* Calls of c's syscall may have any value of the filtered argument that
 * has no bit outside mask (an `arg in MASK` read back by --merge). */
void tr_record_mask(struct tr_recorder *r, const struct tr_call *c, uint64_t mask);

/* The arch of an audit value (AUDIT_ARCH_*), or NULL. */
const struct sg_arch *tr_arch_by_audit(uint32_t audit_arch);

/* The name of syscall nr on a, or NULL. */
const char *tr_syscall_name(const struct sg_arch *a, uint64_t nr);

/* Frees the number-to-name tables (at exit, for leak checkers). */
void tr_names_release(void);

#endif
