/* Running and checking seccomp programs without a kernel: the tests, the
 * --test option and the translation validation all decide with this. */
#ifndef SG_INTERP_H
#define SG_INTERP_H

#include <stddef.h>
#include <stdint.h>

#include "gen/bpf/bpf.h"

struct sg_seccomp_data {
	uint32_t nr;
	uint32_t arch;
	uint64_t ip;
	uint64_t args[6];
};

/* Runs prog on data laid out in the target's byte order.  Returns 0 and
 * sets *ret (and *steps, the instructions executed, if not NULL), or -1
 * for a program the kernel would not have accepted. */
int sg_run(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
	   uint32_t *ret, size_t *steps);

/* sg_run() for a program that sg_check() has accepted, without checking
 * it again (the translation validation runs one program thousands of
 * times).  If taken_map is not NULL, it has one byte per instruction, and
 * each conditional jump executed ORs 1 into its byte when taken, 2 when
 * not: branch coverage. */
int sg_exec(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
	    uint32_t *ret, size_t *steps, unsigned char *taken_map);

/* A run that can stop before the first instruction reading ip or an
 * argument and go on from there: up to that point the run depends on nr
 * and arch alone, so the translation validation runs that part once per
 * number and only the rest for each argument vector. */
struct sg_exec_state {
	size_t pc, steps;
	uint32_t a, x, mem[SG_BPF_MEMWORDS];
	int done;     /* the program returned ret */
	uint32_t ret;
};

void sg_exec_start(struct sg_exec_state *st);

/* Runs (a program sg_check() has accepted) from st's state; with pause,
 * stops before loading ip or an argument.  Returns 0 when the program
 * has returned (st->done, st->ret, st->steps), 1 when paused: st then
 * resumes with any data of the same nr and arch.  taken_map as for
 * sg_exec(). */
int sg_exec_resume(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
		   struct sg_exec_state *st, int pause, unsigned char *taken_map);

/* The checks of the kernel's seccomp_check_filter() and
 * bpf_check_classic().  Returns NULL if the kernel would accept prog,
 * else what is wrong, with *at the offending instruction. */
const char *sg_check(const struct sg_insn *prog, size_t len, size_t *at);

#endif
