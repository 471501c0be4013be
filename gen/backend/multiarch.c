/* Combining single-arch programs.  Every program sg_codegen() makes starts
 *
 *   0: ld [4]                        (seccomp_data.arch)
 *   1: jeq AUDIT_ARCH, jt, jf        (jf: ret KILL)
 *
 * and the rest, its body, is entered at 2 + jt with the arch word in A.
 * Classic BPF only jumps forward and relative to the next instruction,
 * so the body copied as one contiguous block, anywhere, keeps every jump
 * valid.  The combined program puts one jeq per arch where the arch check
 * was, each jumping to its body's entry: the body sees what it saw before
 * (A holds the arch word, which is its arch).
 *
 * The peephole optimiser (gen/backend/optimize.c) removes the arch check from a
 * program whose every path ends the same whatever the arch; such a
 * program never reads the arch, and is taken whole. */
#include "gen/backend/multiarch.h"

#include <string.h>

#include "support/arena.h"
#include "support/source.h"

#define MAX_COND_JUMP 255
#define MAX_ARCHES 64

struct part {
	const struct sg_program *prog;
	size_t start;   /* first instruction copied */
	size_t entry;   /* where the dispatch jumps, relative to start */
	int trampoline; /* reached through a JA: the jeq cannot jump that far */
	size_t at;      /* where the copy starts in the result */
};

static int is_arch_load(const struct sg_insn *i)
{
	return i->code == (SG_BPF_LD | SG_BPF_W | SG_BPF_ABS) && i->k == SG_OFF_ARCH;
}

/* Finds the body of p; -1 if p is not shaped as described above. */
static int find_body(const struct sg_program *p, uint32_t kill_ret, struct part *part, const char **why)
{
	const struct sg_insn *in = p->insns;
	part->prog = p;
	if (p->len >= 3 && is_arch_load(&in[0]) && in[1].code == (SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K)) {
		const struct sg_insn *kill = &in[2 + in[1].jf];
		if (in[1].k != p->arch->audit_arch) {
			*why = "its arch check is for another arch";
			return -1;
		}
		if (kill->code != (SG_BPF_RET | SG_BPF_K) || kill->k != kill_ret) {
			*why = "another arch does not get the kill action";
			return -1;
		}
		part->start = 2;
		part->entry = in[1].jt;
		return 0;
	}
	for (size_t pc = 0; pc < p->len; pc++)
		if (is_arch_load(&in[pc])) {
			*why = "it reads the arch somewhere other than its first instruction";
			return -1;
		}
	part->start = 0;
	part->entry = 0;
	return 0;
}

/* Places the parts after the dispatch; returns the total length.  The
 * dispatch is 1 load, n jeq, 1 ret, then one JA per part that needs
 * one. */
static size_t layout(struct part *parts, size_t n)
{
	size_t ntramp = 0, at;
	for (size_t i = 0; i < n; i++)
		ntramp += parts[i].trampoline;
	at = n + 2 + ntramp;
	for (size_t i = 0; i < n; i++) {
		parts[i].at = at;
		at += parts[i].prog->len - parts[i].start;
	}
	return at;
}

static struct sg_note text_note(const char *text)
{
	struct sg_note note;
	memset(&note, 0, sizeof(note));
	note.kind = SG_NOTE_TEXT;
	note.text = text;
	return note;
}

int sg_multiarch_combine(struct sg_arena *arena, struct sg_diag *diag, struct sg_program *const *progs, size_t n,
			 uint32_t kill_ret, struct sg_program *out)
{
	/* The jeqs and trampolines must stay within a conditional jump of
	 * each other; no kernel has this many arches anyway. */
	if (n < 2 || n > MAX_ARCHES) {
		sg_error(diag, NULL, "a multi-arch program needs 2 to %d arches, not %zu", MAX_ARCHES, n);
		return -1;
	}
	struct part *parts = sg_alloc_array(arena, n, sizeof(*parts));
	for (size_t i = 0; i < n; i++) {
		const char *why = NULL;
		for (size_t j = 0; j < i; j++)
			if (progs[j]->arch->audit_arch == progs[i]->arch->audit_arch) {
				sg_error(diag, NULL, "%s and %s are the same arch (audit value 0x%08x)", progs[j]->arch->name,
					 progs[i]->arch->name, progs[i]->arch->audit_arch);
				return -1;
			}
		if (progs[i]->arch->big_endian != progs[0]->arch->big_endian) {
			/* seccomp_data is laid out in the kernel's byte order, so
			 * one filter cannot serve both. */
			sg_error(diag, NULL, "%s and %s have different byte orders; one filter cannot serve both",
				 progs[0]->arch->name, progs[i]->arch->name);
			return -1;
		}
		if (find_body(progs[i], kill_ret, &parts[i], &why)) {
			sg_error(diag, NULL, "internal error: the %s program of '%s' cannot be combined: %s",
				 progs[i]->arch->name, progs[i]->name, why);
			return -1;
		}
	}
	/* A part's jeq is at 1 + i; give it a trampoline while its entry is
	 * too far.  Trampolines only push entries further, so this ends. */
	size_t len;
	for (int changed = 1; changed;) {
		changed = 0;
		len = layout(parts, n);
		for (size_t i = 0; i < n; i++)
			if (!parts[i].trampoline && parts[i].at + parts[i].entry - (1 + i) - 1 > MAX_COND_JUMP) {
				parts[i].trampoline = 1;
				changed = 1;
			}
	}
	const struct sg_arch **arches = sg_alloc_array(arena, n, sizeof(*arches));
	for (size_t i = 0; i < n; i++)
		arches[i] = progs[i]->arch;
	if (len > SG_BPF_MAXINSNS) {
		struct sg_program named = { .arches = arches, .narches = n };
		sg_error(diag, NULL, "policy '%s' compiles to %zu instructions for %s; the kernel accepts at most %d",
			 progs[0]->name, len, sg_program_arch_names(arena, &named), SG_BPF_MAXINSNS);
		return -1;
	}

	struct sg_insn *insns = sg_alloc_array(arena, len, sizeof(*insns));
	struct sg_note *notes = sg_alloc_array(arena, len, sizeof(*notes));
	insns[0] = sg_stmt(SG_BPF_LD | SG_BPF_W | SG_BPF_ABS, SG_OFF_ARCH);
	notes[0] = text_note("arch");
	size_t tramp = n + 2;
	for (size_t i = 0; i < n; i++) {
		size_t pc = 1 + i, target = parts[i].at + parts[i].entry;
		if (parts[i].trampoline) {
			insns[tramp] = sg_stmt(SG_BPF_JMP | SG_BPF_JA, (uint32_t)(target - tramp - 1));
			notes[tramp] = text_note(sg_printf(arena, "to the %s program", arches[i]->name));
			target = tramp++;
		}
		/* The last jeq falls through to the kill action, as the others
		 * fall through to the next jeq. */
		struct sg_insn jeq = { (uint16_t)(SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K), (uint8_t)(target - pc - 1), 0,
				       arches[i]->audit_arch };
		insns[pc] = jeq;
		notes[pc] = text_note(sg_printf(arena, "arch == %s", arches[i]->name));
		memcpy(&insns[parts[i].at], progs[i]->insns + parts[i].start,
		       (progs[i]->len - parts[i].start) * sizeof(*insns));
		memcpy(&notes[parts[i].at], progs[i]->notes + parts[i].start,
		       (progs[i]->len - parts[i].start) * sizeof(*notes));
	}
	insns[n + 1] = sg_stmt(SG_BPF_RET | SG_BPF_K, kill_ret);
	notes[n + 1] = text_note("any other arch");

	*out = *progs[0];
	out->insns = insns;
	out->notes = notes;
	out->len = len;
	out->arches = arches;
	out->narches = n;
	return 0;
}

size_t sg_program_arches(const struct sg_program *p, const struct sg_arch *const **arches)
{
	if (p->narches) {
		*arches = p->arches;
		return p->narches;
	}
	*arches = &p->arch;
	return 1;
}

const char *sg_program_arch_names(struct sg_arena *arena, const struct sg_program *p)
{
	const struct sg_arch *const *arches;
	size_t n = sg_program_arches(p, &arches);
	const char *text = arches[0]->name;
	for (size_t i = 1; i < n; i++)
		text = sg_printf(arena, "%s, %s", text, arches[i]->name);
	return text;
}
