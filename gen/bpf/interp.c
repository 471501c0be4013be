#include "gen/bpf/interp.h"

#include <string.h>

/* The 32-bit word at off (4-aligned, checked by sg_check()) of struct
 * seccomp_data laid out in the target's byte order: the struct is eight
 * 64-bit words (nr and arch share the first), and a 32-bit load takes
 * the low or high half of one, depending on the byte order. */
static uint32_t load_word(const struct sg_seccomp_data *d, uint32_t off, int big_endian)
{
	uint64_t w;
	switch (off / 8) {
	case 0: w = big_endian ? ((uint64_t)d->nr << 32 | d->arch) : ((uint64_t)d->arch << 32 | d->nr); break;
	case 1: w = d->ip; break;
	default: w = d->args[off / 8 - 2]; break;
	}
	int high = (off & 4) ? !big_endian : big_endian;
	return (uint32_t)(high ? w >> 32 : w);
}

static int alu(uint16_t code, uint32_t *a, uint32_t operand)
{
	switch (SG_BPF_OP(code)) {
	case SG_BPF_ADD: *a += operand; return 0;
	case SG_BPF_SUB: *a -= operand; return 0;
	case SG_BPF_MUL: *a *= operand; return 0;
	case SG_BPF_DIV: if (!operand) { *a = 0; return 1; } *a /= operand; return 0;
	case SG_BPF_MOD: if (!operand) { *a = 0; return 1; } *a %= operand; return 0;
	case SG_BPF_OR: *a |= operand; return 0;
	case SG_BPF_AND: *a &= operand; return 0;
	case SG_BPF_XOR: *a ^= operand; return 0;
	case SG_BPF_LSH: *a = operand < 32 ? *a << operand : 0; return 0;
	case SG_BPF_RSH: *a = operand < 32 ? *a >> operand : 0; return 0;
	case SG_BPF_NEG: *a = 0 - *a; return 0;
	}
	return -1;
}

static int finish(struct sg_exec_state *st, uint32_t ret, size_t steps)
{
	st->done = 1;
	st->ret = ret;
	st->steps = steps;
	return 0;
}

int sg_run(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
	   uint32_t *ret, size_t *steps)
{
	size_t at;
	if (sg_check(prog, len, &at))
		return -1;
	return sg_exec(prog, len, data, big_endian, ret, steps, NULL);
}

int sg_exec(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
	    uint32_t *ret, size_t *steps, unsigned char *taken_map)
{
	struct sg_exec_state st;
	sg_exec_start(&st);
	if (sg_exec_resume(prog, len, data, big_endian, &st, 0, taken_map))
		return -1; /* sg_check() makes this unreachable */
	*ret = st.ret;
	if (steps)
		*steps = st.steps;
	return 0;
}

void sg_exec_start(struct sg_exec_state *st)
{
	memset(st, 0, sizeof(*st));
}

/* Offsets in struct seccomp_data from ip on: what a pause stops before. */
#define ARGS_FROM 8

int sg_exec_resume(const struct sg_insn *prog, size_t len, const struct sg_seccomp_data *data, int big_endian,
		   struct sg_exec_state *st, int pause, unsigned char *taken_map)
{
	uint32_t a = st->a, x = st->x;
	size_t n = st->steps, pc;
	for (pc = st->pc; pc < len; pc++) {
		const struct sg_insn *i = &prog[pc];
		if (pause && i->code == (SG_BPF_LD | SG_BPF_W | SG_BPF_ABS) && i->k >= ARGS_FROM)
			break;
		n++;
		switch (SG_BPF_CLASS(i->code)) {
		case SG_BPF_LD:
			switch (SG_BPF_MODE(i->code)) {
			case SG_BPF_ABS: a = load_word(data, i->k, big_endian); break;
			case SG_BPF_LEN: a = SG_SECCOMP_DATA_SIZE; break;
			case SG_BPF_IMM: a = i->k; break;
			case SG_BPF_MEM: a = st->mem[i->k]; break;
			}
			break;
		case SG_BPF_LDX:
			switch (SG_BPF_MODE(i->code)) {
			case SG_BPF_LEN: x = SG_SECCOMP_DATA_SIZE; break;
			case SG_BPF_IMM: x = i->k; break;
			case SG_BPF_MEM: x = st->mem[i->k]; break;
			}
			break;
		case SG_BPF_ST: st->mem[i->k] = a; break;
		case SG_BPF_STX: st->mem[i->k] = x; break;
		case SG_BPF_ALU:
			/* Classic BPF ends the program with 0 on division by X == 0. */
			if (alu(i->code, &a, SG_BPF_SRC(i->code) == SG_BPF_X ? x : i->k) == 1)
				return finish(st, 0, n);
			break;
		case SG_BPF_JMP: {
			uint32_t v = SG_BPF_SRC(i->code) == SG_BPF_X ? x : i->k;
			int taken;
			switch (SG_BPF_OP(i->code)) {
			case SG_BPF_JA: pc += i->k; continue;
			case SG_BPF_JEQ: taken = a == v; break;
			case SG_BPF_JGT: taken = a > v; break;
			case SG_BPF_JGE: taken = a >= v; break;
			default: taken = (a & v) != 0; break;
			}
			if (taken_map)
				taken_map[pc] |= taken ? 1 : 2;
			pc += taken ? i->jt : i->jf;
			break;
		}
		case SG_BPF_RET:
			return finish(st, SG_BPF_RVAL(i->code) == SG_BPF_A ? a : i->k, n);
		case SG_BPF_MISC:
			if (SG_BPF_MISCOP(i->code) == SG_BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
	if (pc >= len)
		return -1; /* sg_check() makes this unreachable */
	st->pc = pc;
	st->a = a;
	st->x = x;
	st->steps = n;
	return 1;
}

static int valid_code(const struct sg_insn *i)
{
	uint16_t c = i->code;
	switch (SG_BPF_CLASS(c)) {
	case SG_BPF_LD:
		if (c == (SG_BPF_LD | SG_BPF_W | SG_BPF_ABS))
			return i->k < SG_SECCOMP_DATA_SIZE && (i->k & 3) == 0;
		return c == (SG_BPF_LD | SG_BPF_W | SG_BPF_LEN) || c == (SG_BPF_LD | SG_BPF_IMM) ||
		       (c == (SG_BPF_LD | SG_BPF_MEM) && i->k < SG_BPF_MEMWORDS);
	case SG_BPF_LDX:
		return c == (SG_BPF_LDX | SG_BPF_W | SG_BPF_LEN) || c == (SG_BPF_LDX | SG_BPF_IMM) ||
		       (c == (SG_BPF_LDX | SG_BPF_MEM) && i->k < SG_BPF_MEMWORDS);
	case SG_BPF_ST:
	case SG_BPF_STX:
		return (c & ~0x07) == 0 && i->k < SG_BPF_MEMWORDS;
	case SG_BPF_ALU:
		switch (SG_BPF_OP(c)) {
		case SG_BPF_ADD: case SG_BPF_SUB: case SG_BPF_MUL: case SG_BPF_OR:
		case SG_BPF_AND: case SG_BPF_XOR:
			return (c & ~0xf8) == SG_BPF_ALU;
		case SG_BPF_DIV: case SG_BPF_MOD:
			return (c & ~0xf8) == SG_BPF_ALU && (SG_BPF_SRC(c) == SG_BPF_X || i->k != 0);
		case SG_BPF_LSH: case SG_BPF_RSH:
			return (c & ~0xf8) == SG_BPF_ALU && (SG_BPF_SRC(c) == SG_BPF_X || i->k < 32);
		case SG_BPF_NEG:
			return c == (SG_BPF_ALU | SG_BPF_NEG);
		}
		return 0;
	case SG_BPF_JMP:
		if (SG_BPF_OP(c) == SG_BPF_JA)
			return c == (SG_BPF_JMP | SG_BPF_JA);
		return SG_BPF_OP(c) <= SG_BPF_JSET && (c & ~0xf8) == SG_BPF_JMP;
	case SG_BPF_RET:
		return c == (SG_BPF_RET | SG_BPF_K) || c == (SG_BPF_RET | SG_BPF_A);
	case SG_BPF_MISC:
		return c == (SG_BPF_MISC | SG_BPF_TAX) || c == (SG_BPF_MISC | SG_BPF_TXA);
	}
	return 0;
}

const char *sg_check(const struct sg_insn *prog, size_t len, size_t *at)
{
	*at = 0;
	if (len == 0 || len > SG_BPF_MAXINSNS)
		return "program length must be 1 to 4096 instructions";
	for (size_t pc = 0; pc < len; pc++) {
		const struct sg_insn *i = &prog[pc];
		*at = pc;
		if (!valid_code(i))
			return "instruction not allowed in a seccomp filter";
		if (SG_BPF_CLASS(i->code) != SG_BPF_JMP)
			continue;
		if (SG_BPF_OP(i->code) == SG_BPF_JA) {
			if (i->k >= len - pc - 1)
				return "jump out of range";
		} else if (pc + 1 + i->jt >= len || pc + 1 + i->jf >= len) {
			return "jump out of range";
		}
	}
	*at = len - 1;
	if (SG_BPF_CLASS(prog[len - 1].code) != SG_BPF_RET)
		return "program does not end with a return";
	return NULL;
}
