/* gen/bpf/: the target machine; classic BPF as seccomp defines it, and its interpreter. */
/* Classic BPF as seccomp uses it.  Our own definitions (values from the
 * kernel's include/uapi/linux/bpf_common.h, filter.h and seccomp.h) so
 * that nothing depends on the build machine's headers. */
#ifndef SG_GEN_BPF_H
#define SG_GEN_BPF_H

#include <stddef.h>
#include <stdint.h>

struct sg_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

/* instruction classes */
#define SG_BPF_LD 0x00
#define SG_BPF_LDX 0x01
#define SG_BPF_ST 0x02
#define SG_BPF_STX 0x03
#define SG_BPF_ALU 0x04
#define SG_BPF_JMP 0x05
#define SG_BPF_RET 0x06
#define SG_BPF_MISC 0x07
#define SG_BPF_CLASS(c) ((c) & 0x07)
/* ld/ldx size and mode */
#define SG_BPF_W 0x00
#define SG_BPF_H 0x08
#define SG_BPF_B 0x10
#define SG_BPF_SIZE(c) ((c) & 0x18)
#define SG_BPF_IMM 0x00
#define SG_BPF_ABS 0x20
#define SG_BPF_IND 0x40
#define SG_BPF_MEM 0x60
#define SG_BPF_LEN 0x80
#define SG_BPF_MSH 0xa0
#define SG_BPF_MODE(c) ((c) & 0xe0)
/* alu and jmp operations */
#define SG_BPF_ADD 0x00
#define SG_BPF_SUB 0x10
#define SG_BPF_MUL 0x20
#define SG_BPF_DIV 0x30
#define SG_BPF_OR 0x40
#define SG_BPF_AND 0x50
#define SG_BPF_LSH 0x60
#define SG_BPF_RSH 0x70
#define SG_BPF_NEG 0x80
#define SG_BPF_MOD 0x90
#define SG_BPF_XOR 0xa0
#define SG_BPF_JA 0x00
#define SG_BPF_JEQ 0x10
#define SG_BPF_JGT 0x20
#define SG_BPF_JGE 0x30
#define SG_BPF_JSET 0x40
#define SG_BPF_OP(c) ((c) & 0xf0)
#define SG_BPF_K 0x00
#define SG_BPF_X 0x08
#define SG_BPF_A 0x10
#define SG_BPF_SRC(c) ((c) & 0x08)
#define SG_BPF_RVAL(c) ((c) & 0x18)
#define SG_BPF_TAX 0x00
#define SG_BPF_TXA 0x80
#define SG_BPF_MISCOP(c) ((c) & 0xf8)
#define SG_BPF_MEMWORDS 16

/* The kernel refuses longer programs (BPF_MAXINSNS). */
#define SG_BPF_MAXINSNS 4096

/* seccomp return values (include/uapi/linux/seccomp.h) */
#define SG_RET_KILL_PROCESS 0x80000000u
#define SG_RET_KILL_THREAD 0x00000000u
#define SG_RET_TRAP 0x00030000u
#define SG_RET_ERRNO 0x00050000u
#define SG_RET_USER_NOTIF 0x7fc00000u
#define SG_RET_TRACE 0x7ff00000u
#define SG_RET_LOG 0x7ffc0000u
#define SG_RET_ALLOW 0x7fff0000u
#define SG_RET_ACTION_FULL 0xffff0000u
#define SG_RET_DATA 0x0000ffffu
/* The kernel clamps errno data to MAX_ERRNO. */
#define SG_MAX_ERRNO 4095

/* struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer;
 * __u64 args[6]; */
#define SG_OFF_NR 0
#define SG_OFF_ARCH 4
#define SG_OFF_IP_LO 8
#define SG_OFF_ARGS 16
#define SG_SECCOMP_DATA_SIZE 64

/* x86_64's x32 ABI marks its syscall numbers with this bit
 * (arch/x86/include/uapi/asm/unistd.h, __X32_SYSCALL_BIT), and shares
 * x86_64's arch value (include/uapi/linux/audit.h, AUDIT_ARCH_X86_64:
 * EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE). */
#define SG_X32_SYSCALL_BIT 0x40000000u
#define SG_AUDIT_ARCH_X86_64 0xc000003eu

static inline struct sg_insn sg_stmt(uint16_t code, uint32_t k)
{
	struct sg_insn i = { code, 0, 0, k };
	return i;
}

/* "allow", "errno 13", "kill-thread", ... into buf. */
const char *sg_ret_name(uint32_t ret, char *buf, size_t size);

#endif
