#include <stdio.h>

#include "gen/backend/program.h"
#include "gen/write/emit.h"

static const char *ld_operand(const struct sg_insn *i, char *buf, size_t size)
{
	switch (SG_BPF_MODE(i->code)) {
	case SG_BPF_ABS: snprintf(buf, size, "[%u]", i->k); break;
	case SG_BPF_LEN: snprintf(buf, size, "#len"); break;
	case SG_BPF_IMM: snprintf(buf, size, "#0x%x", i->k); break;
	case SG_BPF_MEM: snprintf(buf, size, "M[%u]", i->k); break;
	default: snprintf(buf, size, "?"); break;
	}
	return buf;
}

const char *sg_disasm(const struct sg_insn *i, size_t pc, char *buf, size_t size)
{
	static const char *const alu[] = { "add", "sub", "mul", "div", "or", "and", "lsh", "rsh",
					   "neg", "mod", "xor" };
	static const char *const jmp[] = { "ja", "jeq", "jgt", "jge", "jset" };
	char op[32];
	int x = SG_BPF_SRC(i->code) == SG_BPF_X;
	switch (SG_BPF_CLASS(i->code)) {
	case SG_BPF_LD: snprintf(buf, size, "ld   %s", ld_operand(i, op, sizeof(op))); break;
	case SG_BPF_LDX: snprintf(buf, size, "ldx  %s", ld_operand(i, op, sizeof(op))); break;
	case SG_BPF_ST: snprintf(buf, size, "st   M[%u]", i->k); break;
	case SG_BPF_STX: snprintf(buf, size, "stx  M[%u]", i->k); break;
	case SG_BPF_ALU: {
		unsigned o = SG_BPF_OP(i->code) >> 4;
		const char *name = o < sizeof(alu) / sizeof(alu[0]) ? alu[o] : "alu?";
		if (SG_BPF_OP(i->code) == SG_BPF_NEG)
			snprintf(buf, size, "neg");
		else if (x)
			snprintf(buf, size, "%-4s x", name);
		else
			snprintf(buf, size, "%-4s #0x%x", name, i->k);
		break;
	}
	case SG_BPF_JMP: {
		unsigned o = SG_BPF_OP(i->code) >> 4;
		const char *name = o < sizeof(jmp) / sizeof(jmp[0]) ? jmp[o] : "j?";
		if (SG_BPF_OP(i->code) == SG_BPF_JA)
			snprintf(buf, size, "ja   %zu", pc + 1 + i->k);
		else if (x)
			snprintf(buf, size, "%-4s x, %zu, %zu", name, pc + 1 + i->jt, pc + 1 + i->jf);
		else
			snprintf(buf, size, "%-4s #0x%x, %zu, %zu", name, i->k, pc + 1 + i->jt, pc + 1 + i->jf);
		break;
	}
	case SG_BPF_RET:
		if (SG_BPF_RVAL(i->code) == SG_BPF_A)
			snprintf(buf, size, "ret  a");
		else
			snprintf(buf, size, "ret  #0x%x", i->k);
		break;
	case SG_BPF_MISC:
		snprintf(buf, size, SG_BPF_MISCOP(i->code) == SG_BPF_TAX ? "tax" : "txa");
		break;
	}
	return buf;
}

const char *sg_note_text(const struct sg_note *n, const struct sg_arch *arch, char *buf, size_t size)
{
	static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=", "&", "in" };
	switch (n->kind) {
	case SG_NOTE_TEXT:
		return n->text;
	case SG_NOTE_ARCH:
		snprintf(buf, size, "arch == %s", arch->name);
		return buf;
	case SG_NOTE_SPLIT:
		if (!n->text)
			snprintf(buf, size, "nr >= %u", n->value);
		else if (n->count > 1)
			snprintf(buf, size, "nr >= %u (%s, ... %zu syscalls)", n->value, n->text, n->count);
		else
			snprintf(buf, size, "nr >= %u (%s)", n->value, n->text);
		return buf;
	case SG_NOTE_NR_EQ:
		snprintf(buf, size, "nr == %u (%s)", n->value, n->text ? n->text : "?");
		return buf;
	case SG_NOTE_NR_BITS:
		snprintf(buf, size, "nr & 0x%x (%s, ...)", n->value, n->text ? n->text : "?");
		return buf;
	case SG_NOTE_ATOM: {
		/* seccompiler's dword and masked_eq have no policy syntax:
		 * "(u32)arg1 == 0x5401", "(arg2 & 0xff) == 0x10". */
		const struct sg_ir_atom *a = n->atom;
		const char *cast = a->width == 32 ? "(u32)" : "";
		if (a->op == SG_OP_MASKED_EQ)
			snprintf(buf, size, "(%sarg%u & 0x%llx) == 0x%llx", cast, a->arg, (unsigned long long)a->mask,
				 (unsigned long long)a->value);
		else
			snprintf(buf, size, "%sarg%u %s 0x%llx", cast, a->arg, ops[a->op], (unsigned long long)a->value);
		return buf;
	}
	case SG_NOTE_WORD:
		snprintf(buf, size, "args[%u] %s", n->atom->arg, n->half ? "hi" : "lo");
		return buf;
	}
	return NULL;
}
