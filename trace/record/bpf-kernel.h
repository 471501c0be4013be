/* The kernel's types as the eBPF recorder (trace/record/recorder.bpf.c)
 * reads them, kept here instead of a vmlinux.h dumped from the machine
 * that builds: only the members the program reads, each struct marked
 * preserve_access_index so that clang emits a CO-RE relocation for every
 * access and libbpf moves it to the member's offset in the running
 * kernel's BTF (/sys/kernel/btf/vmlinux) at load time.  The layouts below
 * are therefore not the kernel's; the names are.
 *
 * Sources of the names and values: arch/x86/include/asm/ptrace.h (struct
 * pt_regs), arch/x86/include/asm/thread_info.h (struct thread_info,
 * TS_COMPAT), include/linux/sched.h (struct task_struct),
 * include/linux/sched/signal.h (struct signal_struct),
 * include/linux/seccomp_types.h (struct seccomp), kernel/seccomp.c
 * (SECCOMP_MODE_DEAD), include/uapi/linux/bpf.h (the map types and
 * flags: the kernel's ABI, stable). */
#ifndef SG_BPF_KERNEL_H
#define SG_BPF_KERNEL_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

/* include/uapi/linux/bpf.h */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_TASK_STORAGE 29
#define BPF_ANY 0
#define BPF_NOEXIST 1
#define BPF_F_NO_PREALLOC 1
#define BPF_LOCAL_STORAGE_GET_F_CREATE 1

/* Set in thread_info.status from a 32-bit syscall's entry (int 0x80,
 * sysenter, syscall from compat mode) until the return to user mode. */
#define TS_COMPAT 0x0002

/* struct seccomp's mode: SECCOMP_MODE_FILTER (uapi), and the mode a
 * thread is given when seccomp kills it, just before it dies
 * (kernel/seccomp.c, Linux 5.17 and later). */
#define SECCOMP_MODE_FILTER 2
#define SECCOMP_MODE_DEAD 3

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

/* x86_64's saved user registers: the syscall number (orig_ax) and the
 * arguments, in di, si, dx, r10, r8, r9 for x86_64 calls and bx, cx, dx,
 * si, di, bp for i386 ones. */
struct pt_regs {
	unsigned long r9, r8, r10, dx, si, di, orig_ax, bx, cx, bp;
};

struct thread_info {
	__u32 status;
};

typedef struct {
	int counter;
} atomic_t;

struct signal_struct {
	atomic_t live; /* threads not yet in do_exit() */
};

struct seccomp {
	int mode;
};

struct task_struct {
	struct thread_info thread_info;
	int tgid;
	struct signal_struct *signal;
	struct seccomp seccomp;
};

#pragma clang attribute pop

#endif
