/* The eBPF recorder's program: counts the syscalls of the traced
 * processes in the kernel, with no stop of the process.  Loaded and read
 * by trace/record/bpf.c through the skeleton bpftool generates from it.
 *
 * Which processes: `traced` holds their thread-group ids.  The command
 * puts its own in before its execve (register_command), pending: it is
 * counted from that execve on; sched_process_fork
 * adds each child of a traced process before the child runs (a new
 * thread has its group's id already); sched_process_exit takes a group
 * out when its last thread exits, before its id can be reused.  An
 * execve from a thread that is not the leader keeps the group's id.
 *
 * Which calls: raw_syscalls' sys_enter, which the kernel fires after
 * seccomp (kernel/entry/common.c: ptrace, then seccomp, then the
 * tracepoint).  A call the process's own seccomp filter refused does not
 * get there; it is caught:
 *  - at sys_exit, which still fires for a call seccomp answered with an
 *    errno, a trap or a missing tracer: a thread under a filter marks its
 *    calls at sys_enter (task storage), and a sys_exit without the mark is
 *    a call seccomp skipped;
 *  - at sched_process_exit for a call seccomp killed the thread or the
 *    process for: seccomp sets the thread's mode to SECCOMP_MODE_DEAD and
 *    leaves the call's number and arguments in its saved registers.
 *
 * Which ABI: an i386 call (an i386 process, or int 0x80 in an x86_64 one)
 * has TS_COMPAT in thread_info.status from its entry to the return to
 * user mode, as seccomp_data.arch has AUDIT_ARCH_I386 for it. */
#include "trace/record/bpf-kernel.h"

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "trace/record/bpf-shared.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader before loading: for each ABI and syscall number,
 * which arguments are kept (TR_BPF_FULL, or 1 + the one whose values
 * trace/record/argfilter.c filters, or 0); and the numbers of the calls that install a seccomp filter. */
const volatile __u8 argsel[TR_BPF_NARCH][TR_BPF_NR_MAX];
const volatile __u32 seccomp_nr[TR_BPF_NARCH], prctl_nr[TR_BPF_NARCH];
const volatile __u32 execve_nr[TR_BPF_NARCH], execveat_nr[TR_BPF_NARCH];

/* The command registers itself, before its execve, with an x86_64
 * getpid(cookie): the loader's child knows its pid only in its own pid
 * namespace, the program sees it in the kernel's.  Once. */
const volatile __u64 cookie;
const volatile __u32 getpid_nr;
__u32 registered;

/* Read by the loader through the mmapped .bss. */
__u64 counts[TR_BPF_NARCH][TR_BPF_NR_MAX];
struct tr_bpf_lost lost;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TR_BPF_MAX_PROCS);
	__type(key, __u32);
	__type(value, __u32);
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TR_BPF_MAX_VALUES);
	__type(key, struct tr_bpf_value_key);
	__type(value, __u64);
} values SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TR_BPF_MAX_ODD);
	__type(key, struct tr_bpf_odd_key);
	__type(value, __u64);
} odd SEC(".maps");

/* Per thread under a seccomp filter: its current call was seen at
 * sys_enter. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u32);
} entered SEC(".maps");

static __always_inline int is_traced(__u32 tgid)
{
	return bpf_map_lookup_elem(&traced, &tgid) != 0;
}

static __always_inline __u32 abi_of(struct task_struct *t)
{
	return t->thread_info.status & TS_COMPAT ? TR_BPF_COMPAT : TR_BPF_NATIVE;
}

static __always_inline __u64 arg_of(struct pt_regs *regs, __u32 abi, __u32 i)
{
	if (abi == TR_BPF_COMPAT) {
		switch (i) {
		case 0: return regs->bx;
		case 1: return regs->cx;
		case 2: return regs->dx;
		case 3: return regs->si;
		case 4: return regs->di;
		default: return regs->bp;
		}
	}
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

/* Adds one to a counter of a hash map, making it if needed. */
static __always_inline int bump(void *map, void *key)
{
	__u64 *c = bpf_map_lookup_elem(map, key), one = 1;
	if (c) {
		__sync_fetch_and_add(c, 1);
		return 0;
	}
	if (bpf_map_update_elem(map, key, &one, BPF_NOEXIST) == 0)
		return 0;
	c = bpf_map_lookup_elem(map, key); /* another CPU made it meanwhile */
	if (!c)
		return -1;
	__sync_fetch_and_add(c, 1);
	return 0;
}

static __always_inline void record(struct pt_regs *regs, __u64 nr, __u32 abi)
{
	if (nr >= TR_BPF_NR_MAX) {
		struct tr_bpf_odd_key k = { .arch = abi, .nr = nr };
		if (bump(&odd, &k))
			__sync_fetch_and_add(&lost.odd, 1);
		return;
	}
	__sync_fetch_and_add(&counts[abi][nr], 1);
	__u8 sel = argsel[abi][nr];
	if (!sel)
		return;
	struct tr_bpf_value_key k;
	__builtin_memset(&k, 0, sizeof(k));
	k.arch = abi;
	k.nr = nr;
	k.known = sel == TR_BPF_FULL ? 0x3f : 1u << ((sel - 1) & 7);
	for (__u32 i = 0; i < 6; i++)
		if (k.known & 1u << i)
			k.args[i] = arg_of(regs, abi, i);
	if (bump(&values, &k))
		__sync_fetch_and_add(&lost.values, 1);
}

static __always_inline void register_command(__u32 tgid)
{
	__u32 pending = TR_BPF_PENDING;
	if (abi_of(bpf_get_current_task_btf()) != TR_BPF_NATIVE)
		return;
	registered = 1; /* the cookie is the tracer's secret: one caller */
	if (bpf_map_update_elem(&traced, &tgid, &pending, BPF_NOEXIST))
		__sync_fetch_and_add(&lost.procs, 1);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(on_sys_enter, struct pt_regs *regs, long id)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u32 *state = bpf_map_lookup_elem(&traced, &tgid);
	if (!state) {
		if ((__u64)id == getpid_nr && regs->di == cookie && !registered)
			register_command(tgid);
		return 0;
	}
	struct task_struct *t = bpf_get_current_task_btf();
	__u32 abi = abi_of(t);
	if (*state == TR_BPF_PENDING) {
		if ((__u64)id != execve_nr[abi] && (__u64)id != execveat_nr[abi])
			return 0;
		*state = TR_BPF_ACTIVE;
	}
	record(regs, (__u64)id, abi);
	/* The mark for sys_exit: under a filter, and on the call that may
	 * install one (whose sys_exit runs under it). */
	if (t->seccomp.mode == SECCOMP_MODE_FILTER || (__u64)id == seccomp_nr[abi] || (__u64)id == prctl_nr[abi]) {
		__u32 *e = bpf_task_storage_get(&entered, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (e)
			*e = 1;
		else
			__sync_fetch_and_add(&lost.states, 1);
	}
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(on_sys_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *t = bpf_get_current_task_btf();
	if (t->seccomp.mode != SECCOMP_MODE_FILTER)
		return 0;
	/* Not while pending: the return of the call the tracer's child was
	 * blocked in, before its execve, is not the command's. */
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u32 *state = bpf_map_lookup_elem(&traced, &tgid);
	if (!state || *state != TR_BPF_ACTIVE)
		return 0;
	__u32 *e = bpf_task_storage_get(&entered, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!e) {
		__sync_fetch_and_add(&lost.states, 1);
		return 0;
	}
	if (*e) {
		*e = 0;
		return 0;
	}
	/* No sys_enter: the thread's filter skipped the call. */
	record(regs, regs->orig_ax, abi_of(t));
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid, one = TR_BPF_ACTIVE;
	if (!is_traced(ptgid))
		return 0;
	if (ctgid != ptgid && bpf_map_update_elem(&traced, &ctgid, &one, BPF_ANY))
		__sync_fetch_and_add(&lost.procs, 1);
	/* A child under a filter returns from its fork through sys_exit
	 * without a sys_enter of its own: that return is marked. */
	if (child->seccomp.mode == SECCOMP_MODE_FILTER) {
		__u32 *e = bpf_task_storage_get(&entered, child, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (e)
			*e = 1;
		else
			__sync_fetch_and_add(&lost.states, 1);
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *p)
{
	__u32 tgid = p->tgid;
	if (!is_traced(tgid))
		return 0;
	if (p->seccomp.mode == SECCOMP_MODE_DEAD) {
		struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(p);
		if (regs)
			record(regs, regs->orig_ax, abi_of(p));
	}
	if (p->signal->live.counter == 0)
		bpf_map_delete_elem(&traced, &tgid);
	return 0;
}
