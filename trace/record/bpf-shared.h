/* What the eBPF recorder's program (recorder.bpf.c) and its loader
 * (bpf.c) agree on: the layout of the counts and of the maps' keys.
 * Included by both; the program has defined the __u* types before. */
#ifndef SG_BPF_SHARED_H
#define SG_BPF_SHARED_H

/* Calls are counted per ABI: native (x86_64) or compat (i386, which an
 * x86_64 process reaches through int 0x80 too). */
#define TR_BPF_NATIVE 0
#define TR_BPF_COMPAT 1
#define TR_BPF_NARCH 2

/* Numbers below this are counted in an array; any other (an x32 call,
 * whose number has bit 30 set, or -1) goes to the `odd` hash map. */
#define TR_BPF_NR_MAX 1024

/* The states of a process in `traced`: the command puts itself in pending,
 * and counted from its execve on (the tracer's own child before it is
 * not the command); its children are counted from their first call. */
#define TR_BPF_ACTIVE 1
#define TR_BPF_PENDING 2

/* Capacities; a full map is counted (struct tr_bpf_lost), never silent. */
#define TR_BPF_MAX_PROCS 32768
#define TR_BPF_MAX_VALUES 16384
#define TR_BPF_MAX_ODD 1024

/* argsel: every argument is kept (a --base decides on arguments that
 * argfilter.c does not filter); else 1 + the argument kept, or 0. */
#define TR_BPF_FULL 0x80

/* The arguments kept of a call (bit i of known: args[i]; the others are
 * 0), counted in `values`. */
struct tr_bpf_value_key {
	__u32 arch;
	__u32 nr;
	__u32 known;
	__u32 pad;
	__u64 args[6];
};

/* A call whose number is not below TR_BPF_NR_MAX, counted in `odd`. */
struct tr_bpf_odd_key {
	__u32 arch;
	__u32 pad;
	__u64 nr;
};

/* What did not fit: processes not followed (their calls are lost, so
 * the run fails), values and odd numbers not kept (their syscalls are
 * written unconditionally; the tracer warns), threads whose state could
 * not be kept (a call a seccomp filter refused may be missing). */
struct tr_bpf_lost {
	__u64 procs, values, odd, states;
};

#endif
